/**
 * The first step of a release: the documents, batch by batch in doc_id order, each batch already encoded in slices
 * (emit/slice.ts), appended to every table: the CSV text and the dataset.jsonld nodes and document digests here, the
 * record batches to the typed formats (Arrow, Parquet, the workbook: in another thread in a big build). The changes
 * against the previous release are found as the documents pass (history/track.ts), and so is what the download page
 * shows. The entity registry (the one table that must be held whole) is written last.
 */
import { Effect } from "effect"
import { BadInputError, type InputProblem, IoError, ReleaseError, type StageDefectError } from "../errors.js"
import { killPoint } from "../faults.js"
import { attempt, openLineReaderSync, type Appender, type LineReader, type WrittenFile } from "../io.js"
import type { RawFiles } from "./describe/provenance.js"
import { csvHeader, csvRows } from "../emit/csv.js"
import { csvCell } from "../emit/cells.js"
import { arrowPiece, DOCUMENT_TABLES, PREVIEW_ROWS, type SliceEntity } from "../emit/slice.js"
import { DIGESTS_FILE, digestsHeader } from "../emit/digests.js"
import { type EntityRow, type Row, TABLE_NAMES, TABLES, type TableName } from "../model.js"
import type { ProcessedBatch } from "../process-source.js"
import type { TypedTablesWriter } from "../workers.js"
import type { Staging } from "./staging.js"
import { changesHeaderLine, changesLine, trackChanges } from "./history/track.js"
import type { ChangeSummary } from "./history/changes.js"
import { sourcesHasher } from "./history/version.js"

/** The documents of a build in doc_id order, a batch at a time (no outcomes when done), from the stages or from shards. */
export interface OutcomeSource {
  readonly total: number
  readonly next: Effect.Effect<ProcessedBatch, IoError | StageDefectError>
  /** enough documents, and a free core, to write the typed formats in a thread of their own */
  readonly parallel: boolean
}

/** What the download page shows of a release: a few rows of each table, publication months, most mentioned entities. */
export interface Glance {
  /** per table: its header and first rows, as CSV cells (long ones cut) */
  readonly preview: Readonly<Record<TableName, { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }>>
  /** documents per month of publication (YYYY-MM) */
  readonly byMonth: Readonly<Record<string, number>>
  /** documents without a publication month */
  readonly undated: number
  /** [entity name, mentions], most mentioned first */
  readonly topEntities: ReadonlyArray<readonly [string, number]>
}

export { PREVIEW_ROWS }

/** Bytes of record batches that may wait for the formats thread before the tables step waits for it. */
const FORMATS_BACKLOG = 64 * 1024 * 1024
export const TOP_ENTITIES = 15

export interface TablesWritten {
  readonly counts: Readonly<Record<TableName, number>>
  readonly entities: ReadonlyArray<EntityRow>
  /** documents in the release */
  readonly documents: number
  /** their doc_ids, read from a part file when listed */
  readonly documentIds: () => Iterable<string>
  /** the raw files used, read from a part file when listed */
  readonly rawFiles: RawFiles
  readonly problems: ReadonlyArray<InputProblem>
  /** documents whose outcome came from the cache */
  readonly cached: number
  /** the part file of dataset.jsonld's document nodes (and its deflate stream) */
  readonly documentPart: WrittenFile & { readonly file: string }
  /** when the last document had been through the stages */
  readonly processedAt: string
  /** the documents added, removed and modified against the previous release (changes.csv is written), or null when
   * the previous release has no document digests and the tables must be compared instead */
  readonly changes: Omit<ChangeSummary, "entities" | "schema"> | null
  /** what the download page shows of the release, gathered as the rows streamed by */
  readonly glance: Glance
  /** the digest of every raw file used (the fingerprint's sources) */
  readonly sourcesDigest: string
  /** the typed files (Arrow, Parquet) as written */
  readonly typed: Readonly<Record<string, WrittenFile>>
}

/** The lines of a part file, read as they are needed. */
function* linesOf(file: string): Generator<string> {
  const reader = openLineReaderSync(file)
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) if (line) yield line
  } finally {
    reader.close()
  }
}

function* rawFilesOf(file: string): Generator<{ path: string; sha256: string }> {
  // a raw file's path holds no tab: file names with control characters are refused
  for (const line of linesOf(file)) {
    const tab = line.lastIndexOf("\t")
    yield { path: line.slice(0, tab), sha256: line.slice(tab + 1) }
  }
}

type RegistryEntry = EntityRow & { spellings: Set<string>; mentions: number }

/**
 * Merges a slice's entities into the build's registry: an entity keeps its row as first found; a provisional one
 * gathers every spelling; mentions are counted.
 */
const registerEntities = (registry: Map<string, RegistryEntry>, found: ReadonlyArray<SliceEntity>) => {
  for (const { entity: e, spellings, mentions } of found) {
    const known = registry.get(e.entity_id)
    if (known) {
      for (const a of spellings) known.spellings.add(a)
      known.mentions += mentions
      continue
    }
    registry.set(e.entity_id, {
      entity_id: e.entity_id,
      name: e.name,
      type: e.type,
      wikidata_id: e.wikidata_id,
      geonames_id: e.geonames_id,
      aliases: e.aliases,
      spellings: new Set(spellings),
      mentions
    })
  }
}

const entityRows = (registry: Map<string, RegistryEntry>): Array<EntityRow> =>
  [...registry.values()]
    .map(({ spellings, mentions: _, ...row }) => ({
      ...row,
      aliases: spellings.size ? [...spellings].filter((s) => s !== row.name).sort() : [...row.aliases]
    }))
    .sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0))

export const writeTables = (p: {
  readonly staging: Staging
  readonly source: OutcomeSource
  readonly typed: TypedTablesWriter
  readonly listingProblems: ReadonlyArray<InputProblem>
  readonly failOnBadInput: boolean
  readonly rawDir: string
  readonly progress: (line: string) => void
  readonly now: Effect.Effect<string>
  /** the previous release's document-digests.csv, read as the documents stream by; null for a first release */
  readonly previousDigests: LineReader | null
  /** the previous release lacks document digests (made by an older pipeline): changes are found later, from its tables */
  readonly legacyPrevious: boolean
}): Effect.Effect<TablesWritten, IoError | BadInputError | ReleaseError | StageDefectError> =>
  Effect.gen(function* () {
    const { staging, source, progress, typed } = p
    const problems: Array<InputProblem> = [...p.listingProblems]
    const csv = {} as Record<TableName, Appender>
    for (const t of TABLE_NAMES) csv[t] = yield* staging.append(`${t}.csv`)
    const digests = yield* staging.append(DIGESTS_FILE)
    const changesCsv = p.legacyPrevious ? null : yield* staging.append("changes.csv")
    const documentPart = staging.workFile("documents.part")
    const nodes = yield* staging.openWork("documents.part", { deflate: true })
    let csvBytes = 0
    yield* attempt(staging.dir, "write the tables into", () => {
      for (const t of TABLE_NAMES) csv[t].write(csvHeader(TABLES[t]))
      digests.write(digestsHeader())
      changesCsv?.write(changesHeaderLine())
    })
    const tracker = changesCsv ? trackChanges(p.previousDigests, (c) => changesCsv.write(changesLine(c))) : null
    const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>
    const preview = Object.fromEntries(TABLE_NAMES.map((t) => [t, { header: TABLES[t].columns.map((c) => c.name), rows: [] as Array<ReadonlyArray<string>> }])) as Record<
      TableName,
      { header: Array<string>; rows: Array<ReadonlyArray<string>> }
    >
    const registry = new Map<string, RegistryEntry>()
    // what the describing files list of every document, kept on disk, not in memory
    const idsFile = staging.workFile("documents.ids")
    const rawFile = staging.workFile("raw-files.tsv")
    const ids = yield* staging.openWork("documents.ids")
    const raws = yield* staging.openWork("raw-files.tsv")
    let documents = 0
    let rawCount = 0
    const sources = sourcesHasher()
    const byMonth = new Map<string, number>()
    let undated = 0
    let processed = 0
    let cached = 0
    while (true) {
      const batch = yield* source.next
      if (batch.outcomes.length === 0) break
      yield* attempt(rawFile, "write", () => {
        for (const o of batch.outcomes) {
          if (o.cached) cached++
          if (o.problem !== undefined) problems.push({ file: o.source_path, reason: o.problem })
          else {
            raws.write(`${o.source_path}\t${o.sha256}\n`)
            rawCount++
            sources.add(o.source_path, o.sha256)
          }
        }
      })
      processed += batch.outcomes.length
      if (problems.length > 0 && p.failOnBadInput) continue
      yield* attempt(staging.dir, "write the tables into", () => {
        for (const slice of batch.slices) {
          for (const t of DOCUMENT_TABLES) {
            csv[t].writeDeflated(slice.csv[t].bytes, slice.csv[t].deflated)
            csvBytes += slice.csv[t].bytes.byteLength
            counts[t] += slice.rows[t]
            for (const row of slice.preview[t]) if (preview[t].rows.length < PREVIEW_ROWS) preview[t].rows.push(row)
          }
          nodes.writeDeflated(slice.nodes.bytes, slice.nodes.deflated)
          digests.writeDeflated(slice.digests.bytes, slice.digests.deflated)
          registerEntities(registry, slice.entities)
          for (const d of slice.documents) {
            const month = /^(\d{4}-\d{2})/.exec(d.published_date ?? "")?.[1]
            if (month) byMonth.set(month, (byMonth.get(month) ?? 0) + 1)
            else undated++
            ids.write(`${d.doc_id}\n`)
            documents++
            tracker?.document(d.doc_id, Buffer.from(d.digests.buffer, d.digests.byteOffset, d.digests.byteLength))
          }
          // last: the record batches may be handed to the formats thread, and the slice's bytes with them
          typed.batches(DOCUMENT_TABLES.map((t) => [t, slice.arrow[t]] as const), csvBytes)
        }
      })
      // the formats thread keeps up: no more than this much waits for it
      yield* Effect.promise(() => typed.settle(FORMATS_BACKLOG))
      yield* killPoint("mid-tables")
    }
    const documentNodes = yield* attempt(documentPart, "write", () => nodes.close())
    const processedAt = yield* p.now
    yield* killPoint("after-stages")
    if (problems.length > 0 && p.failOnBadInput) return yield* new BadInputError({ problems, skippable: true })
    yield* attempt(idsFile, "write", () => {
      ids.close()
      raws.close()
    })
    if (documents === 0) {
      return yield* new ReleaseError({ message: `No documents to publish: ${p.rawDir} holds no usable .txt file${problems.length ? ` (${problems.length} refused)` : ""}.` })
    }
    const topEntities = [...registry.values()]
      .filter((e) => e.mentions > 0)
      .sort((a, b) => b.mentions - a.mentions || (a.entity_id < b.entity_id ? -1 : 1))
      .slice(0, TOP_ENTITIES)
      .map((e) => [e.name, e.mentions] as const)
    const entities = entityRows(registry)
    const changes = tracker?.finish() ?? null
    yield* attempt(staging.dir, "write the tables into", () => {
      const rows = entities as unknown as ReadonlyArray<Row>
      const text = csvRows(TABLES.entities, rows)
      csv.entities.write(text)
      csvBytes += Buffer.byteLength(text)
      counts.entities = rows.length
      for (const row of rows.slice(0, PREVIEW_ROWS)) preview.entities.rows.push(TABLES.entities.columns.map((c) => csvCell(c, row[c.name]).slice(0, 300)))
      typed.batches([["entities", arrowPiece(TABLES.entities, rows)]], csvBytes)
      for (const t of TABLE_NAMES) csv[t].close()
      digests.close()
      changesCsv?.close()
    })
    const typedFiles = yield* Effect.tryPromise({ try: () => typed.finish(), catch: (cause) => new IoError({ path: staging.dir, action: "write the Arrow and Parquet files into", cause }) })
    progress(`emit: ${TABLE_NAMES.map((t) => `${t} ${counts[t]}`).join(", ")}`)
    const glance: Glance = { preview, byMonth: Object.fromEntries([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))), undated, topEntities }
    return { counts, entities, documents, documentIds: () => linesOf(idsFile), rawFiles: { count: rawCount, items: () => rawFilesOf(rawFile) }, problems, cached, documentPart: { ...documentNodes, file: documentPart }, processedAt, changes, glance, sourcesDigest: sources.digest(), typed: typedFiles }
  })
