/**
 * What changed against the previous release, found while the documents stream by: a merge, in doc_id order, of the
 * previous release's document-digests.csv with the digests of the documents being written. Each added, removed or
 * modified document becomes a row of changes.csv at once; only counts and the first few of each kind are held (for
 * the CHANGELOG), so memory does not grow with the corpus.
 */
import Papa from "papaparse"
import type { LineReader } from "../../io.js"
import { changedColumns, DIGEST_COLUMNS, parseDigestsHeader, parseDigestsLine } from "../../emit/digests.js"
import type { ChangeSummary, DocumentChange } from "./changes.js"

/** How many documents of each kind the CHANGELOG names before it says "and N more". */
export const LIST_LIMIT = 50

export const CHANGES_HEADER = ["doc_id", "change", "columns_changed"] as const
const csvLine = (fields: ReadonlyArray<string>) =>
  Papa.unparse([[...fields]], { newline: "\r\n", quotes: false, quoteChar: '"', escapeChar: '"', escapeFormulae: false }) + "\r\n"
export const changesHeaderLine = (): string => csvLine(CHANGES_HEADER)
/** One row of changes.csv. */
export const changesLine = (c: DocumentChange): string => csvLine([c.doc_id, c.change, c.columns.join("; ")])

export interface ChangeTracker {
  /** the next document of the new release, in doc_id order */
  readonly document: (docId: string, digests: Buffer) => void
  /** every remaining previous document is removed; the counts and first few of each kind */
  readonly finish: () => Omit<ChangeSummary, "entities" | "schema">
}

/**
 * `previous` reads the previous release's document-digests.csv (null for a first release: every document is added);
 * `emit` receives each document that changed, in doc_id order.
 */
export const trackChanges = (
  previous: LineReader | null,
  emit: (change: DocumentChange) => void,
  ours: ReadonlyArray<string> = DIGEST_COLUMNS.map((c) => c.label)
): ChangeTracker => {
  const theirs = previous ? parseDigestsHeader(previous.next() ?? "doc_id,") : ours
  // both files' columns by label: a column only one release has counts as changed for every document
  const labels = [...ours, ...theirs.filter((l) => !ours.includes(l))]
  const sameLayout = theirs.length === ours.length && theirs.every((l, i) => l === ours[i])
  const align = (digests: Buffer, columns: ReadonlyArray<string>): Buffer => {
    const out = Buffer.alloc(labels.length * 4, 0xff)
    columns.forEach((l, i) => {
      // a column missing from one side gets a value no crc takes in both at once: the two sides then differ
      const at = labels.indexOf(l)
      if (i * 4 + 4 <= digests.length) digests.copy(out, at * 4, i * 4, i * 4 + 4)
    })
    return out
  }
  const next = () => {
    for (;;) {
      const line = previous?.next() ?? null
      if (line === null) return null
      if (line.trim()) return parseDigestsLine(line)
    }
  }
  let head = next()
  const counts = { added: 0, removed: 0, modified: 0 }
  const added: Array<string> = []
  const removed: Array<string> = []
  const modified: Array<DocumentChange> = []
  const remove = (docId: string) => {
    counts.removed++
    if (removed.length < LIST_LIMIT) removed.push(docId)
    emit({ doc_id: docId, change: "removed", columns: [] })
  }
  return {
    document: (docId, digests) => {
      while (head && head.doc_id < docId) {
        remove(head.doc_id)
        head = next()
      }
      if (head && head.doc_id === docId) {
        const columns = sameLayout ? changedColumns(head.digests, digests, ours) : changedColumns(align(head.digests, theirs), align(digests, ours), labels)
        head = next()
        if (columns.length === 0) return
        counts.modified++
        if (modified.length < LIST_LIMIT) modified.push({ doc_id: docId, change: "modified", columns })
        emit({ doc_id: docId, change: "modified", columns })
        return
      }
      counts.added++
      if (added.length < LIST_LIMIT) added.push(docId)
      emit({ doc_id: docId, change: "added", columns: [] })
    },
    finish: () => {
      while (head) {
        remove(head.doc_id)
        head = next()
      }
      previous?.close()
      return { counts, added, removed, modified }
    }
  }
}
