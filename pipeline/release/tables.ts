/**
 * The first step of a release: the per-document outcomes, batch by batch in doc_id order, appended to every table's
 * CSV and Arrow file in the staging folder; the entity registry (the one table that must be held whole) written last.
 * Also kept for the later steps: the raw files used (provenance), the refused ones, and a part file of document rows
 * with their mentioned entities (dataset.jsonld).
 */
import { Effect } from "effect"
import type { DocumentResult } from "../document.js"
import { BadInputError, type InputProblem, type IoError, ReleaseError, type StageDefectError } from "../errors.js"
import { killPoint } from "../faults.js"
import { attempt, openAppenderSync } from "../io.js"
import { csvHeader, csvRows } from "../emit/csv.js"
import { makeArrowFileWriter } from "../emit/arrow.js"
import { type EntityRow, type Row, TABLE_NAMES, TABLES, type TableName } from "../model.js"
import type { FoundEntity } from "../stages/entities/index.js"
import type { SourceOutcome } from "../process-source.js"
import type { Staging } from "./staging.js"
import { documentPartLine } from "./describe/dataset-jsonld.js"

/** Per-document outcomes in doc_id order, a batch at a time (empty when done), from the stages or from shards. */
export interface OutcomeSource {
  readonly total: number
  readonly next: Effect.Effect<ReadonlyArray<SourceOutcome>, IoError | StageDefectError>
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
}

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

type RegistryEntry = EntityRow & { spellings: Set<string> }

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
      geonames_id: e.geonames_id,
      aliases: e.aliases,
      spellings: new Set(e.provisional ? e.aliases : [])
    })
  }
}

const entityRows = (registry: Map<string, RegistryEntry>): Array<EntityRow> =>
  [...registry.values()]
    .map(({ spellings, ...row }) => ({
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
}): Effect.Effect<TablesWritten, IoError | BadInputError | ReleaseError | StageDefectError> =>
  Effect.gen(function* () {
    const { staging, source, progress } = p
    const problems: Array<InputProblem> = [...p.listingProblems]
    const writers = yield* openTableWriters(staging)
    const registry = new Map<string, RegistryEntry>()
    const rawFiles: Array<{ path: string; sha256: string }> = []
    const documentPart = staging.workFile("documents.part")
    const documentNodes = yield* attempt(documentPart, "write", () => openAppenderSync(documentPart))
    const documentIds: Array<string> = []
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
        }
      }
      if (problems.length > 0 && p.failOnBadInput) continue
      yield* attempt(staging.dir, "write the tables into", () => {
        writers.documents.append(results.map((r) => r.document) as unknown as ReadonlyArray<Row>)
        for (const table of ["comments", "dates", "mentions", "removed_lines"] as const) {
          writers[table].append(results.flatMap((r): ReadonlyArray<unknown> => r[table]) as ReadonlyArray<Row>)
        }
        for (const r of results) {
          registerEntities(registry, r.entities)
          documentIds.push(r.document.doc_id)
          documentNodes.write(documentPartLine(r.document, r.mentions.map((m) => m.entity_id)))
        }
      })
      yield* killPoint("mid-tables")
    }
    yield* attempt(documentPart, "write", () => documentNodes.close())
    const processedAt = yield* p.now
    yield* killPoint("after-stages")
    if (problems.length > 0 && p.failOnBadInput) return yield* new BadInputError({ problems, skippable: true })
    if (documentIds.length === 0) {
      return yield* new ReleaseError({ message: `No documents to publish: ${p.rawDir} holds no usable .txt file${problems.length ? ` (${problems.length} refused)` : ""}.` })
    }
    const entities = entityRows(registry)
    yield* attempt(staging.dir, "write the tables into", () => {
      writers.entities.append(entities as unknown as ReadonlyArray<Row>)
      for (const w of Object.values(writers)) w.close()
    })
    const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, writers[t].count])) as Record<TableName, number>
    progress(`emit: ${TABLE_NAMES.map((t) => `${t} ${counts[t]}`).join(", ")}`)
    return { counts, entities, documentIds, rawFiles, problems, cached, documentPart, processedAt }
  })
