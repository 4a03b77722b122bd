/**
 * Per-document digests: for every document, one 32-bit digest per column of the tables it contributes to (its row
 * in documents, the sequence of its values in each column of comments, mentions, dates and removed_lines). They are
 * computed once, from the document's rows, kept in the release as document-digests.csv, and are all the next release
 * needs to say which documents were added, removed or modified and which columns changed: nobody parses a table of
 * an earlier release again.
 */
import * as zlib from "node:zlib"
import { csvCell } from "./cells.js"
import { TABLES, type Row } from "../model.js"
import type { DocumentResult } from "../document.js"

export const DOCUMENT_TABLE = "documents"
export const CHILD_TABLES = ["comments", "mentions", "dates", "removed_lines"] as const

/**
 * The columns digested, as changes.csv names them: documents' own columns (doc_id is the key) and `<table>.<column>`
 * for the tables keyed by doc_id (whose doc_id is the document's own id, never a change of its own).
 */
export const DIGEST_COLUMNS: ReadonlyArray<{ readonly table: string; readonly column: string; readonly label: string }> = [
  ...TABLES.documents.columns.filter((c) => c.name !== "doc_id").map((c) => ({ table: DOCUMENT_TABLE, column: c.name, label: c.name })),
  ...CHILD_TABLES.flatMap((t) => TABLES[t].columns.filter((c) => c.name !== "doc_id").map((c) => ({ table: t, column: c.name, label: `${t}.${c.name}` })))
]

const BYTES = 4

/** CRC-32 of a text's UTF-8 bytes (zlib's, native); a change detector, not a defence against forgery. */
const crc32 = (text: string, previous = 0): number => zlib.crc32(text, previous)

/** The digests of one document's rows, DIGEST_COLUMNS order, 4 bytes each. */
export const documentDigests = (r: Pick<DocumentResult, "document" | "comments" | "mentions" | "dates" | "removed_lines">): Buffer => {
  const out = Buffer.alloc(DIGEST_COLUMNS.length * BYTES)
  let i = 0
  for (const c of TABLES.documents.columns) {
    if (c.name === "doc_id") continue
    out.writeUInt32BE(crc32(csvCell(c, (r.document as unknown as Row)[c.name])), BYTES * i++)
  }
  for (const t of CHILD_TABLES) {
    const rows = r[t] as unknown as ReadonlyArray<Row>
    for (const c of TABLES[t].columns) {
      if (c.name === "doc_id") continue
      // each value length-prefixed, so ["ab", "c"] and ["a", "bc"] differ; the row count counts too
      let h = crc32(String(rows.length))
      for (const row of rows) {
        const v = csvCell(c, row[c.name])
        h = crc32(`${v.length}:${v};`, h)
      }
      out.writeUInt32BE(h, BYTES * i++)
    }
  }
  return out
}

/** The columns whose digests differ, by DIGEST_COLUMNS label. */
export const changedColumns = (a: Buffer, b: Buffer, columns: ReadonlyArray<string> = DIGEST_COLUMNS.map((c) => c.label)): Array<string> => {
  const out: Array<string> = []
  for (let i = 0; i < columns.length; i++) if (a.readUInt32BE(i * BYTES) !== b.readUInt32BE(i * BYTES)) out.push(columns[i]!)
  return out
}

/** document-digests.csv: a header naming the digested columns in order, then `doc_id,<base64url digests>` per document. */
export const DIGESTS_FILE = "document-digests.csv"

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
export const digestsHeader = (): string => `doc_id,${DIGEST_COLUMNS.map((c) => c.label).join(";")}\r\n`
export const digestsLine = (docId: string, digests: Buffer): string => `${quote(docId)},${digests.toString("base64url")}\r\n`

/** One line of the file back: doc_id and digests. */
export const parseDigestsLine = (line: string): { doc_id: string; digests: Buffer } | null => {
  let docId: string
  let rest: string
  if (line.startsWith('"')) {
    let i = 1
    let id = ""
    for (;;) {
      const q = line.indexOf('"', i)
      if (q < 0) return null
      if (line[q + 1] === '"') {
        id += line.slice(i, q + 1)
        i = q + 2
        continue
      }
      id += line.slice(i, q)
      rest = line.slice(q + 2)
      break
    }
    docId = id
  } else {
    const comma = line.lastIndexOf(",")
    if (comma < 0) return null
    docId = line.slice(0, comma)
    rest = line.slice(comma + 1)
  }
  return { doc_id: docId, digests: Buffer.from(rest.trim(), "base64url") }
}

/** The column labels a digests file's header names. */
export const parseDigestsHeader = (line: string): Array<string> => line.trim().slice("doc_id,".length).split(";")
