/**
 * The first step of a release: the per-document outcomes, batch by batch in doc_id order, appended to every table's
 * CSV and Arrow file in the staging folder; the entity registry (the one table that must be held whole) written last.
 * Also kept for the later steps: the raw files used (provenance), the refused ones, and a part file of document rows
 * with their mentioned entities (dataset.jsonld).
 */
import { Effect } from "effect"
import type { DocumentResult } from "../document.js"
import { BadInputError, type InputProblem, type IoError, ReleaseError } from "../errors.js"
import { killPoint } from "../faults.js"
import { attempt, openAppenderSync, type LineReader } from "../io.js"
import { csvHeader, csvRows } from "../emit/csv.js"
import { csvCell } from "../emit/cells.js"
import { makeArrowFileWriter } from "../emit/arrow.js"
import { type EntityRow, type Row, TABLE_NAMES, TABLES, type TableName } from "../model.js"
import type { FoundEntity } from "../stages/entities.js"
import type { SourceOutcome } from "../process-source.js"
import type { Staging } from "./staging.js"
import { documentPartLine } from "./describe/dataset-jsonld.js"
import { DIGESTS_FILE, digestsHeader, digestsLine, documentDigests } from "./history/digests.js"
import { changesHeaderLine, changesLine, trackChanges } from "./history/track.js"
import type { ChangeSummary } from "./history/changes.js"
import { sourcesHasher } from "./history/version.js"

/** Per-document outcomes in doc_id order, a batch at a time (empty when done), from the stages or from shards. */
export interface OutcomeSource {
  readonly total: number
  readonly next: Effect.Effect<ReadonlyArray<SourceOutcome>, IoError>
}

export interface TablesWritten {
  readonly counts: Readonly<Record<TableName, number>>
  readonly entities: ReadonlyArray<EntityRow>
  readonly documentIds: ReadonlyArray<string>
  readonly rawFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly problems: ReadonlyArray<InputProblem>
  /** documents whose outcome came from the cache */
  readonly cached: number
  /** the hidden part file of document rows and mentioned entity ids, for dataset.jsonld */
  readonly documentPart: string
  /** when the last document had been through the stages */
  readonly processedAt: string
  /** the documents added, removed and modified against the previous release (changes.csv is written), or null when
   * the previous release has no document digests and the tables must be compared instead */
  readonly changes: Omit<ChangeSummary, "entities" | "schema"> | null
  /** what the download page shows of the release, gathered as the rows streamed by */
  readonly glance: Glance
  /** the digest of every raw file used (the fingerprint's sources) */
  readonly sourcesDigest: string
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

export const PREVIEW_ROWS = 5
export const TOP_ENTITIES = 15
/** A preview cell holds this many characters at most; the page shows fewer. */
const PREVIEW_CELL = 300

/** Each table's CSV and Arrow files in the staging folder, appended to batch by batch. */
const openTableWriters = (staging: Staging) =>
  Effect.gen(function* () {
    const writers = []
    for (const name of TABLE_NAMES) {
      const spec = TABLES[name]
      const csv = yield* staging.append(`${name}.csv`)
      const arrowFile = yield* staging.append(`${name}.arrow`)
      const arrow = makeArrowFileWriter(spec)
      let count = 0
      yield* attempt(csv.file, "write", () => csv.write(csvHeader(spec)))
      writers.push({
        name,
        get count() {
          return count
        },
        append: (rows: ReadonlyArray<Row>) => {
          if (rows.length === 0) return
          count += rows.length
          csv.write(csvRows(spec, rows))
          arrow.write(rows)
          arrowFile.write(arrow.drain())
        },
        close: () => {
          arrowFile.write(arrow.finish())
          csv.close()
          arrowFile.close()
        }
      })
    }
    return Object.fromEntries(writers.map((w) => [w.name, w])) as Record<TableName, (typeof writers)[number]>
  })

type RegistryEntry = EntityRow & { spellings: Set<string>; mentions: number }

/** Merges the entities seen in one document into the build's registry. */
const registerEntities = (registry: Map<string, RegistryEntry>, found: ReadonlyArray<FoundEntity>) => {
  for (const e of found) {
    const known = registry.get(e.entity_id)
    if (known) {
      if (e.provisional) for (const a of e.aliases) known.spellings.add(a)
      continue
    }
    registry.set(e.entity_id, {
      entity_id: e.entity_id,
      name: e.name,
      type: e.type,
      wikidata_id: e.wikidata_id,
      aliases: e.aliases,
      spellings: new Set(e.provisional ? e.aliases : []),
      mentions: 0
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
  readonly listingProblems: ReadonlyArray<InputProblem>
  readonly failOnBadInput: boolean
  readonly rawDir: string
  readonly progress: (line: string) => void
  readonly now: Effect.Effect<string>
  /** the previous release's document-digests.csv, read as the documents stream by; null for a first release */
  readonly previousDigests: LineReader | null
  /** the previous release lacks document digests (made by an older pipeline): changes are found later, from its tables */
  readonly legacyPrevious: boolean
}): Effect.Effect<TablesWritten, IoError | BadInputError | ReleaseError> =>
  Effect.gen(function* () {
    const { staging, source, progress } = p
    const problems: Array<InputProblem> = [...p.listingProblems]
    const writers = yield* openTableWriters(staging)
    const registry = new Map<string, RegistryEntry>()
    const rawFiles: Array<{ path: string; sha256: string }> = []
    const documentPart = staging.workFile("documents.part")
    const documentNodes = yield* attempt(documentPart, "write", () => openAppenderSync(documentPart))
    const documentIds: Array<string> = []
    const digests = yield* staging.append(DIGESTS_FILE)
    const changesCsv = p.legacyPrevious ? null : yield* staging.append("changes.csv")
    yield* attempt(digests.file, "write", () => {
      digests.write(digestsHeader())
      changesCsv?.write(changesHeaderLine())
    })
    const tracker = changesCsv ? trackChanges(p.previousDigests, (c) => changesCsv.write(changesLine(c))) : null
    const preview = Object.fromEntries(TABLE_NAMES.map((t) => [t, { header: TABLES[t].columns.map((c) => c.name), rows: [] as Array<Array<string>> }])) as Record<
      TableName,
      { header: Array<string>; rows: Array<Array<string>> }
    >
    const look = (t: TableName, rows: ReadonlyArray<Row>) => {
      const into = preview[t].rows
      for (const row of rows) {
        if (into.length >= PREVIEW_ROWS) return
        into.push(TABLES[t].columns.map((c) => csvCell(c, row[c.name]).slice(0, PREVIEW_CELL)))
      }
    }
    const sources = sourcesHasher()
    const byMonth = new Map<string, number>()
    let undated = 0
    let processed = 0
    let cached = 0
    while (true) {
      const outcomes = yield* source.next
      if (outcomes.length === 0) break
      const results: Array<DocumentResult> = []
      for (const o of outcomes) {
        if (o.cached) cached++
        if ("problem" in o) problems.push({ file: o.source_path, reason: o.problem })
        else {
          results.push(o.result)
          rawFiles.push({ path: o.source_path, sha256: o.sha256 })
          sources.add(o.source_path, o.sha256)
        }
      }
      if (problems.length > 0 && p.failOnBadInput) continue
      yield* attempt(staging.dir, "write the tables into", () => {
        const documents = results.map((r) => r.document) as unknown as ReadonlyArray<Row>
        writers.documents.append(documents)
        look("documents", documents)
        for (const table of ["comments", "dates", "mentions", "removed_lines"] as const) {
          const rows = results.flatMap((r): ReadonlyArray<unknown> => r[table]) as ReadonlyArray<Row>
          writers[table].append(rows)
          look(table, rows)
        }
        for (const r of results) {
          registerEntities(registry, r.entities)
          for (const m of r.mentions) registry.get(m.entity_id)!.mentions++
          const month = /^(\d{4}-\d{2})/.exec(r.document.published_date ?? "")?.[1]
          if (month) byMonth.set(month, (byMonth.get(month) ?? 0) + 1)
          else undated++
          documentIds.push(r.document.doc_id)
          const d = documentDigests(r)
          digests.write(digestsLine(r.document.doc_id, d))
          tracker?.document(r.document.doc_id, d)
          documentNodes.write(documentPartLine(r.document, r.mentions.map((m) => m.entity_id)))
        }
      })
      processed += outcomes.length
      yield* killPoint("mid-tables")
      progress(`clean, dates, entities: ${processed}/${source.total} document(s)${cached ? ` (${cached} from the cache)` : ""} (memory ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`)
    }
    yield* attempt(documentPart, "write", () => documentNodes.close())
    const processedAt = yield* p.now
    yield* killPoint("after-stages")
    if (problems.length > 0 && p.failOnBadInput) return yield* new BadInputError({ problems, skippable: true })
    if (documentIds.length === 0) {
      return yield* new ReleaseError({ message: `No documents to publish: ${p.rawDir} holds no usable .txt file${problems.length ? ` (${problems.length} refused)` : ""}.` })
    }
    const topEntities = [...registry.values()]
      .filter((e) => e.mentions > 0)
      .sort((a, b) => b.mentions - a.mentions || (a.entity_id < b.entity_id ? -1 : 1))
      .slice(0, TOP_ENTITIES)
      .map((e) => [e.name, e.mentions] as const)
    const entities = entityRows(registry)
    look("entities", entities as unknown as ReadonlyArray<Row>)
    const changes = tracker?.finish() ?? null
    yield* attempt(staging.dir, "write the tables into", () => {
      writers.entities.append(entities as unknown as ReadonlyArray<Row>)
      for (const w of Object.values(writers)) w.close()
      digests.close()
      changesCsv?.close()
    })
    const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, writers[t].count])) as Record<TableName, number>
    progress(`emit: ${TABLE_NAMES.map((t) => `${t} ${counts[t]}`).join(", ")}`)
    const glance: Glance = { preview, byMonth: Object.fromEntries([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))), undated, topEntities }
    return { counts, entities, documentIds, rawFiles, problems, cached, documentPart, processedAt, changes, glance, sourcesDigest: sources.digest() }
  })
