/**
 * What changed between two releases, per document: added, removed, or modified with the columns that differ. A
 * document's data is its row in documents.csv and its rows in the tables keyed by doc_id (comments, mentions, dates,
 * removed_lines); a child table's column counts as changed when the sequence of its values for that document differs
 * (so `mentions.entity_id` names a document whose mentioned entities changed). Only short digests are held per
 * document, so memory grows with the number of documents, not with their size. Also: table layout changes and
 * entities added or removed.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { csvHeaderOf, csvRows } from "../csvread.js"
import { csvCell } from "../../emit/cells.js"
import { TABLES, type EntityRow, type Row } from "../../model.js"

export const DOCUMENT_TABLE = "documents"
export const CHILD_TABLES = ["comments", "mentions", "dates", "removed_lines"] as const

/** Per table: its header, and per doc_id the digests of its columns in header order, DIGEST characters each. */
export interface TableDigest {
  readonly header: ReadonlyArray<string>
  readonly byDoc: Map<string, string>
}

/** 48 bits per column and document: one string per document keeps memory at a few hundred bytes a document. */
export const DIGEST = 8
const columnDigest = (digests: string, i: number): string => digests.slice(i * DIGEST, (i + 1) * DIGEST)

export interface ReleaseDigest {
  readonly tables: Readonly<Record<string, TableDigest>>
  /** entity_id → digest of its row */
  readonly entities: Map<string, string>
}

export type ChangeKind = "added" | "modified" | "removed"

export interface DocumentChange {
  readonly doc_id: string
  readonly change: ChangeKind
  /** `title`, `body`, … for documents columns; `mentions.entity_id`, … for the tables keyed by doc_id */
  readonly columns: ReadonlyArray<string>
}

export interface SchemaChange {
  readonly table: string
  readonly change: "table added" | "table removed" | "column added" | "column removed" | "column retyped" | "columns reordered"
  readonly column?: string
  readonly detail?: string
}

/** What a CHANGELOG entry needs of the changes: counts, the first few documents of each kind, entities, layout. */
export interface ChangeSummary {
  readonly counts: { readonly added: number; readonly removed: number; readonly modified: number }
  /** the first documents of each kind, in doc_id order (all of them are in changes.csv) */
  readonly added: ReadonlyArray<string>
  readonly removed: ReadonlyArray<string>
  readonly modified: ReadonlyArray<DocumentChange>
  readonly entities: { readonly added: number; readonly removed: number; readonly modified: number }
  readonly schema: ReadonlyArray<SchemaChange>
}

/** The summary of fully listed changes (the legacy comparison of two releases' tables). */
export const summarise = (changes: ReleaseChanges, limit: number): ChangeSummary => {
  const of = (kind: ChangeKind) => changes.documents.filter((d) => d.change === kind)
  return {
    counts: countChanges(changes),
    added: of("added").slice(0, limit).map((d) => d.doc_id),
    removed: of("removed").slice(0, limit).map((d) => d.doc_id),
    modified: of("modified").slice(0, limit),
    entities: { added: changes.entities.added.length, removed: changes.entities.removed.length, modified: changes.entities.modified.length },
    schema: changes.schema
  }
}

/** One entity row's cells, length-prefixed (the entities table is held whole anyway: it is the registry). */
const entityDigest = (cells: ReadonlyArray<string>) => cells.map((c) => `${c.length}:${c}`).join(";")

/** entity_id → digest, from rows in memory. */
export const entityDigestsOfRows = (rows: ReadonlyArray<EntityRow>): Map<string, string> =>
  new Map(rows.map((r) => [r.entity_id, entityDigest(TABLES.entities.columns.map((c) => csvCell(c, (r as unknown as Row)[c.name])))]))

/** entity_id → digest, from a release's entities.csv (empty when it has none). */
export const entityDigestsOfCsv = async (file: string): Promise<Map<string, string>> => {
  const out = new Map<string, string>()
  if (!fs.existsSync(file)) return out
  for await (const { header, row } of csvRows(file)) {
    out.set(row[header.indexOf("entity_id")] ?? "", entityDigest(TABLES.entities.columns.map((c) => row[header.indexOf(c.name)] ?? "")))
  }
  return out
}

/** Entities added, removed and changed from one release to the next, sorted by entity_id. */
export const compareEntities = (prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>) => {
  const out = { added: [] as Array<string>, removed: [] as Array<string>, modified: [] as Array<string> }
  for (const [id, d] of next) {
    const p = prev.get(id)
    if (p === undefined) out.added.push(id)
    else if (p !== d) out.modified.push(id)
  }
  for (const id of prev.keys()) if (!next.has(id)) out.removed.push(id)
  for (const list of Object.values(out)) list.sort(cmp)
  return out
}

export interface ReleaseChanges {
  readonly documents: ReadonlyArray<DocumentChange>
  readonly schema: ReadonlyArray<SchemaChange>
  readonly entities: { readonly added: ReadonlyArray<string>; readonly removed: ReadonlyArray<string>; readonly modified: ReadonlyArray<string> }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const short = (s: string) => createHash("sha256").update(s).digest("base64").slice(0, DIGEST)

/** Digests of one table: each row of documents, or each doc_id's run of rows in a child table. */
const digestTable = async (file: string, keyColumn: string, perRow: boolean): Promise<TableDigest> => {
  if (!fs.existsSync(file)) return { header: [], byDoc: new Map() }
  const header = await csvHeaderOf(file)
  const byDoc = new Map<string, string>()
  const key = header.indexOf(keyColumn)
  if (key < 0) return { header, byDoc }
  let current: string | null = null
  let hashes: Array<ReturnType<typeof createHash>> = []
  const flush = () => {
    if (current === null) return
    const digests = hashes.map((h) => h.digest("base64").slice(0, DIGEST))
    const earlier = byDoc.get(current)
    // rows of one document are contiguous in a sorted table; if not, the runs are folded together
    byDoc.set(current, (earlier ? digests.map((d, i) => short(`${columnDigest(earlier, i)}${d}`)) : digests).join(""))
  }
  for await (const { row } of csvRows(file)) {
    const id = row[key] ?? ""
    if (perRow) {
      byDoc.set(id, header.map((_, i) => short(row[i] ?? "")).join(""))
      continue
    }
    if (id !== current) {
      flush()
      current = id
      hashes = header.map(() => createHash("sha256"))
    }
    // each value is length-prefixed, so ["ab", "c"] and ["a", "bc"] differ
    header.forEach((_, i) => {
      const v = row[i] ?? ""
      hashes[i]!.update(`${v.length}:${v};`)
    })
  }
  flush()
  return { header, byDoc }
}

/** Reads the digests of a release (or staging) folder. */
export const digestRelease = async (dir: string): Promise<ReleaseDigest> => {
  const tables: Record<string, TableDigest> = {}
  tables[DOCUMENT_TABLE] = await digestTable(path.join(dir, `${DOCUMENT_TABLE}.csv`), "doc_id", true)
  for (const t of CHILD_TABLES) tables[t] = await digestTable(path.join(dir, `${t}.csv`), "doc_id", false)
  const entities = new Map<string, string>()
  const ent = await digestTable(path.join(dir, "entities.csv"), "entity_id", true)
  for (const [id, d] of ent.byDoc) entities.set(id, d)
  return { tables, entities }
}


/** Which columns of a document differ between two digests of one table. */
const changedColumns = (table: string, prev: TableDigest, next: TableDigest, docId: string): Array<string> => {
  const a = prev.byDoc.get(docId)
  const b = next.byDoc.get(docId)
  if (a === undefined && b === undefined) return []
  const label = (c: string) => (table === DOCUMENT_TABLE ? c : `${table}.${c}`)
  const columns = [...next.header, ...prev.header.filter((c) => !next.header.includes(c))]
  const out: Array<string> = []
  for (const c of columns) {
    // a child table's doc_id is the document's own id: more or fewer rows is a change of the other columns, not of it
    if (table !== DOCUMENT_TABLE && c === "doc_id") continue
    const ia = prev.header.indexOf(c)
    const ib = next.header.indexOf(c)
    const va = a !== undefined && ia >= 0 ? columnDigest(a, ia) : undefined
    const vb = b !== undefined && ib >= 0 ? columnDigest(b, ib) : undefined
    if (va !== vb) out.push(label(c))
  }
  return out
}

/** The change of every document from prev to next (pure). prev null: every document is added. */
export const compareDigests = (prev: ReleaseDigest | null, next: ReleaseDigest): ReleaseChanges => {
  const nextDocs = next.tables[DOCUMENT_TABLE]!
  if (prev === null) {
    return {
      documents: [...nextDocs.byDoc.keys()].sort(cmp).map((doc_id) => ({ doc_id, change: "added", columns: [] })),
      schema: [],
      entities: { added: [...next.entities.keys()].sort(cmp), removed: [], modified: [] }
    }
  }
  const prevDocs = prev.tables[DOCUMENT_TABLE]!
  const ids = [...new Set([...prevDocs.byDoc.keys(), ...nextDocs.byDoc.keys()])].sort(cmp)
  const documents: Array<DocumentChange> = []
  for (const doc_id of ids) {
    const inPrev = prevDocs.byDoc.has(doc_id)
    const inNext = nextDocs.byDoc.has(doc_id)
    if (!inPrev) documents.push({ doc_id, change: "added", columns: [] })
    else if (!inNext) documents.push({ doc_id, change: "removed", columns: [] })
    else {
      const columns = [DOCUMENT_TABLE, ...CHILD_TABLES].flatMap((t) =>
        changedColumns(t, prev.tables[t] ?? { header: [], byDoc: new Map() }, next.tables[t] ?? { header: [], byDoc: new Map() }, doc_id)
      )
      if (columns.length > 0) documents.push({ doc_id, change: "modified", columns })
    }
  }
  const entIds = [...new Set([...prev.entities.keys(), ...next.entities.keys()])].sort(cmp)
  const entities = { added: [] as Array<string>, removed: [] as Array<string>, modified: [] as Array<string> }
  for (const id of entIds) {
    const a = prev.entities.get(id)
    const b = next.entities.get(id)
    if (a === undefined) entities.added.push(id)
    else if (b === undefined) entities.removed.push(id)
    else if (a !== b) entities.modified.push(id)
  }
  return { documents, schema: [], entities }
}

/** Per table, its columns as `name:type`, from a release's datapackage.json (or, lacking one, its CSV headers). */
export const readLayout = async (dir: string): Promise<Record<string, ReadonlyArray<{ name: string; type: string }>>> => {
  const layout: Record<string, Array<{ name: string; type: string }>> = {}
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8")) as {
      resources?: Array<{ name: string; path?: string; schema?: { fields?: Array<{ name: string; type?: string; itemType?: string }> } }>
    }
    for (const r of pkg.resources ?? []) {
      if (!r.schema?.fields) continue
      layout[r.name] = r.schema.fields.map((f) => ({ name: f.name, type: f.type === "list" ? `list<${f.itemType ?? "string"}>` : (f.type ?? "any") }))
    }
    if (Object.keys(layout).length > 0) return layout
  } catch {
    // no datapackage.json: fall back to the CSV headers
  }
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".csv") && f !== "changes.csv").sort() : []) {
    layout[f.slice(0, -4)] = (await csvHeaderOf(path.join(dir, f))).map((name) => ({ name, type: "string" }))
  }
  return layout
}

/** Table layout changes from one release to the next (pure). */
export const compareLayouts = (
  prev: Readonly<Record<string, ReadonlyArray<{ name: string; type: string }>>>,
  next: Readonly<Record<string, ReadonlyArray<{ name: string; type: string }>>>
): Array<SchemaChange> => {
  const out: Array<SchemaChange> = []
  const tables = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort(cmp)
  for (const table of tables) {
    const a = prev[table]
    const b = next[table]
    if (!a) {
      out.push({ table, change: "table added" })
      continue
    }
    if (!b) {
      out.push({ table, change: "table removed" })
      continue
    }
    const typeA = new Map(a.map((c) => [c.name, c.type]))
    const typeB = new Map(b.map((c) => [c.name, c.type]))
    for (const c of b) if (!typeA.has(c.name)) out.push({ table, change: "column added", column: c.name, detail: c.type })
    for (const c of a) if (!typeB.has(c.name)) out.push({ table, change: "column removed", column: c.name })
    for (const c of b) {
      const t = typeA.get(c.name)
      if (t !== undefined && t !== c.type) out.push({ table, change: "column retyped", column: c.name, detail: `${t} → ${c.type}` })
    }
    const common = (cols: ReadonlyArray<{ name: string }>, other: Map<string, string>) => cols.map((c) => c.name).filter((n) => other.has(n))
    if (common(a, typeB).join(",") !== common(b, typeA).join(",")) out.push({ table, change: "columns reordered", detail: common(b, typeA).join(", ") })
  }
  return out
}

/** Everything that changed from the release in prevDir (null for none) to the one in nextDir. */
export const compareReleaseFolders = async (prevDir: string | null, nextDir: string): Promise<ReleaseChanges> => {
  const next = await digestRelease(nextDir)
  if (prevDir === null) return compareDigests(null, next)
  const prev = await digestRelease(prevDir)
  const changes = compareDigests(prev, next)
  return { ...changes, schema: compareLayouts(await readLayout(prevDir), await readLayout(nextDir)) }
}

/** changes.csv: doc_id, change, columns_changed (joined with "; "), sorted by doc_id. */
export const CHANGES_HEADER = ["doc_id", "change", "columns_changed"] as const
export const changesRows = (changes: ReleaseChanges): Array<ReadonlyArray<string>> =>
  changes.documents.map((c) => [c.doc_id, c.change, c.columns.join("; ")])

export const countChanges = (changes: ReleaseChanges) => ({
  added: changes.documents.filter((c) => c.change === "added").length,
  removed: changes.documents.filter((c) => c.change === "removed").length,
  modified: changes.documents.filter((c) => c.change === "modified").length
})
