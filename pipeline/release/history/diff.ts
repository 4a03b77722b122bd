/**
 * `pipeline diff A B`: what changed from release A to release B — documents added, removed, and modified with the
 * columns that changed, table layout (schema) changes, entities added or removed, and row counts. The comparison
 * itself is pure (`releaseDiff` over the digests of changes.ts); `diffReleases` reads two published releases.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { type IoError, ReleaseError } from "../../errors.js"
import { attempt, attemptAsync, openLineReaderSync } from "../../io.js"
import { DIGESTS_FILE, parseDigestsHeader, parseDigestsLine } from "../../emit/digests.js"
import { trackChanges } from "./track.js"
import { compareDigests, compareEntities, compareLayouts, countChanges, digestRelease, entityDigestsOfCsv, readLayout, type DocumentChange, type ReleaseDigest, type SchemaChange } from "./changes.js"
import { completeReleases } from "../publish/publish.js"
import { parseVersion } from "./version.js"

export interface ReleaseDiff {
  readonly from: string
  readonly to: string
  readonly added: ReadonlyArray<string>
  readonly removed: ReadonlyArray<string>
  readonly modified: ReadonlyArray<{ readonly doc_id: string; readonly columns: ReadonlyArray<string> }>
  readonly schema: ReadonlyArray<SchemaChange>
  readonly entities: { readonly added: ReadonlyArray<string>; readonly removed: ReadonlyArray<string>; readonly modified: ReadonlyArray<string> }
  /** documents in each release */
  readonly documents: { readonly from: number; readonly to: number }
}

type Layout = Readonly<Record<string, ReadonlyArray<{ name: string; type: string }>>>

/** The diff of two releases from their digests and layouts (pure). */
export const releaseDiff = (from: string, to: string, a: ReleaseDigest, b: ReleaseDigest, layoutA: Layout, layoutB: Layout): ReleaseDiff => {
  const changes = compareDigests(a, b)
  const of = (kind: DocumentChange["change"]) => changes.documents.filter((d) => d.change === kind)
  return {
    from,
    to,
    added: of("added").map((d) => d.doc_id),
    removed: of("removed").map((d) => d.doc_id),
    modified: of("modified").map((d) => ({ doc_id: d.doc_id, columns: d.columns })),
    schema: compareLayouts(layoutA, layoutB),
    entities: changes.entities,
    documents: { from: a.tables["documents"]?.byDoc.size ?? 0, to: b.tables["documents"]?.byDoc.size ?? 0 }
  }
}

/** The diff as text for a terminal: a summary line, then one line per change. */
export const renderDiff = (d: ReleaseDiff): string => {
  const n = countChanges({
    documents: [...d.added.map((doc_id) => ({ doc_id, change: "added" as const, columns: [] })), ...d.removed.map((doc_id) => ({ doc_id, change: "removed" as const, columns: [] })), ...d.modified.map((m) => ({ ...m, change: "modified" as const }))],
    schema: d.schema,
    entities: d.entities
  })
  const lines = [
    `${d.from} → ${d.to}: ${n.added} document(s) added, ${n.removed} removed, ${n.modified} modified (${d.documents.from} → ${d.documents.to} documents); ` +
      `${d.schema.length === 0 ? "table layout unchanged" : `${d.schema.length} table layout change(s)`}`
  ]
  if (d.schema.length) {
    lines.push("", "Table layout:")
    for (const s of d.schema) lines.push(`  ${s.table}: ${s.change}${s.column ? ` ${s.column}` : ""}${s.detail ? ` (${s.detail})` : ""}`)
  }
  if (d.added.length) lines.push("", "Added:", ...d.added.map((id) => `  + ${id}`))
  if (d.removed.length) lines.push("", "Removed:", ...d.removed.map((id) => `  - ${id}`))
  if (d.modified.length) lines.push("", "Modified:", ...d.modified.map((m) => `  ~ ${m.doc_id}: ${m.columns.join(", ")}`))
  const e = d.entities
  if (e.added.length || e.removed.length || e.modified.length) {
    lines.push("", `Entities: ${e.added.length} added, ${e.removed.length} removed, ${e.modified.length} changed`)
    for (const id of e.added) lines.push(`  + ${id}`)
    for (const id of e.removed) lines.push(`  - ${id}`)
    for (const id of e.modified) lines.push(`  ~ ${id}`)
  }
  return lines.join("\n") + "\n"
}

/** Reads releases `a` and `b` from outDir/releases and compares them. */
export const diffReleases = (outDir: string, a: string, b: string): Effect.Effect<ReleaseDiff, ReleaseError | IoError> =>
  Effect.gen(function* () {
    const available = yield* attempt(outDir, "list the releases in", () => completeReleases(outDir))
    for (const v of [a, b]) {
      if (!parseVersion(v)) return yield* new ReleaseError({ message: `${v} is not a release version such as 1.0.0.` })
      if (!available.includes(v)) {
        const exists = fs.existsSync(path.join(outDir, "releases", v))
        return yield* new ReleaseError({
          message: `Release ${v} ${exists ? "is incomplete (no SHA256SUMS)" : "does not exist"} in ${path.join(outDir, "releases")}; releases: ${available.join(", ") || "none"}.`
        })
      }
    }
    const dirA = path.join(outDir, "releases", a)
    const dirB = path.join(outDir, "releases", b)
    const [digestsA, digestsB] = [path.join(dirA, DIGESTS_FILE), path.join(dirB, DIGESTS_FILE)]
    if (fs.existsSync(digestsA) && fs.existsSync(digestsB)) {
      return yield* attemptAsync(outDir, `compare releases ${a} and ${b} in`, () => diffFromDigests(a, b, dirA, dirB))
    }
    // a release an older pipeline made has no document digests: compare the tables themselves
    return yield* attemptAsync(outDir, `compare releases ${a} and ${b} in`, async () =>
      releaseDiff(a, b, await digestRelease(dirA), await digestRelease(dirB), await readLayout(dirA), await readLayout(dirB))
    )
  })

/** The diff from the two releases' document-digests.csv, merged in doc_id order; no table is read but entities. */
const diffFromDigests = async (a: string, b: string, dirA: string, dirB: string): Promise<ReleaseDiff> => {
  const changes: Array<DocumentChange> = []
  const from = openLineReaderSync(path.join(dirA, DIGESTS_FILE))
  const to = openLineReaderSync(path.join(dirB, DIGESTS_FILE))
  let documents = 0
  try {
    const tracker = trackChanges(from, (c) => changes.push(c), parseDigestsHeader(to.next() ?? "doc_id,"))
    for (let line = to.next(); line !== null; line = to.next()) {
      const d = line.trim() ? parseDigestsLine(line) : null
      if (!d) continue
      documents++
      tracker.document(d.doc_id, d.digests)
    }
    const counts = tracker.finish().counts
    const of = (kind: DocumentChange["change"]) => changes.filter((c) => c.change === kind)
    return {
      from: a,
      to: b,
      added: of("added").map((c) => c.doc_id),
      removed: of("removed").map((c) => c.doc_id),
      modified: of("modified").map((c) => ({ doc_id: c.doc_id, columns: c.columns })),
      schema: compareLayouts(await readLayout(dirA), await readLayout(dirB)),
      entities: compareEntities(await entityDigestsOfCsv(path.join(dirA, "entities.csv")), await entityDigestsOfCsv(path.join(dirB, "entities.csv"))),
      documents: { from: documents - counts.added + counts.removed, to: documents }
    }
  } finally {
    from.close()
    to.close()
  }
}
