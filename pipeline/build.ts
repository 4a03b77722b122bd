/**
 * The build as one Effect program: configuration → raw sources → per-document stages (in batches) → tables written
 * into a staging folder → version decided → metadata → atomic publish. Every failure is a tagged error; nothing is
 * published unless every file of the release was written.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { type BuildContext, loadBuildContext } from "./context.js"
import { processDocument, type DocumentResult, type SourceText } from "./document.js"
import { killPoint } from "./faults.js"
import { BadInputError, type InputProblem, IoError, ReleaseError } from "./errors.js"
import { csvHeader, csvRows } from "./emit/csv.js"
import { makeArrowFileWriter } from "./emit/arrow.js"
import { datasetJsonLd, type DistributionEntry } from "./emit/jsonld.js"
import { type EntityRow, type Row, TABLE_NAMES, TABLES, type TableName } from "./model.js"
import { ingestBytes, looksLikeHtml, sha256Hex } from "./stages/ingest.js"
import type { FoundEntity } from "./stages/entities.js"
import { listSources, readSidecar, readSourceBytes, type SourceFile } from "./sources.js"
import { datapackageJson, releaseReadme } from "./release/metadata.js"
import { provenanceJsonLd } from "./release/provenance.js"
import { writeReleaseExtras } from "./release/extras.js"
import { updateCatalog } from "./release/catalog.js"
import { mediaTypeOf, releaseFiles, releaseTableFiles, writeDerivedFormats } from "./emit/formats.js"
import { schemaSignature } from "./release/frictionless.js"
import { decideBump, nextVersion, parseVersion, type ReleaseFingerprint } from "./release/version.js"
import { acquireLock, cleanLeftovers, publishRelease, repairLatest, readLatest, readFingerprint, sha256File, writeFileAtomic } from "./release/publish.js"

export interface BuildOptions {
  readonly configPath: string
  readonly raw?: string | undefined
  readonly out?: string | undefined
  /** force this version instead of the one the change rules pick */
  readonly version?: string | undefined
  /** progress lines (a count of documents per stage) go here; stderr in the CLI */
  readonly progress?: ((line: string) => void) | undefined
}

export type BuildSummary =
  | { readonly status: "published"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem>; readonly counts: Readonly<Record<TableName, number>> }
  | { readonly status: "unchanged"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem> }

const BATCH_SIZE = 256

/** Each table's CSV and Arrow files, appended to batch by batch. */
const openTableWriters = (dir: string) =>
  Effect.try({
    try: () => {
      const writers = TABLE_NAMES.map((name) => {
        const spec = TABLES[name]
        const csvFd = fs.openSync(path.join(dir, `${name}.csv`), "w")
        const arrowFd = fs.openSync(path.join(dir, `${name}.arrow`), "w")
        fs.writeSync(csvFd, csvHeader(spec))
        const arrow = makeArrowFileWriter(spec)
        let count = 0
        return {
          name,
          get count() {
            return count
          },
          append: (rows: ReadonlyArray<Row>) => {
            if (rows.length === 0) return
            count += rows.length
            fs.writeSync(csvFd, csvRows(spec, rows))
            arrow.write(rows)
            fs.writeSync(arrowFd, arrow.drain())
          },
          close: () => {
            fs.writeSync(arrowFd, arrow.finish())
            fs.fsyncSync(csvFd)
            fs.fsyncSync(arrowFd)
            fs.closeSync(csvFd)
            fs.closeSync(arrowFd)
          }
        }
      })
      return Object.fromEntries(writers.map((w) => [w.name, w])) as Record<TableName, (typeof writers)[number]>
    },
    catch: (cause) => new IoError({ path: dir, action: "write the tables into", cause })
  })

/** Merges the entities seen in one document into the build's registry (the only table that must be held whole). */
const registerEntities = (registry: Map<string, EntityRow & { spellings: Set<string> }>, found: ReadonlyArray<FoundEntity>) => {
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
      spellings: new Set(e.provisional ? e.aliases : [])
    })
  }
}

const entityRows = (registry: Map<string, EntityRow & { spellings: Set<string> }>): Array<EntityRow> =>
  [...registry.values()]
    .map(({ spellings, ...row }) => ({
      ...row,
      aliases: spellings.size ? [...spellings].filter((s) => s !== row.name).sort() : [...row.aliases]
    }))
    .sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0))

/** Reads, ingests and processes one raw file; a refusal names the file and the reason. */
const processSource = (ctx: BuildContext, file: SourceFile) =>
  Effect.gen(function* () {
    const bytes = yield* readSourceBytes(file)
    const ingested = ingestBytes(bytes)
    if (!ingested.ok) return { file, sha256: ingested.sha256, problem: ingested.reason } as const
    if (looksLikeHtml(ingested.text)) {
      return { file, sha256: ingested.sha256, problem: "the file is an HTML document, not text rendered from a page; render it to text first (for example with w3m -dump)" } as const
    }
    const sidecar = readSidecar(file)
    if (sidecar.problem) return { file, sha256: ingested.sha256, problem: sidecar.problem } as const
    const source: SourceText = { doc_id: file.doc_id, source_path: file.source_path, sha256: ingested.sha256, text: ingested.text, meta: sidecar.meta }
    const outcome = processDocument(source, ctx.stages)
    if (!outcome.ok) return { file, sha256: ingested.sha256, problem: outcome.reason } as const
    return { file, sha256: ingested.sha256, result: outcome.result } as const
  })

export const build = (options: BuildOptions) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    const outDir = ctx.outDir
    yield* Effect.try({ try: () => fs.mkdirSync(path.join(outDir, "releases"), { recursive: true }), catch: (cause) => new IoError({ path: outDir, action: "create", cause }) })
    yield* acquireLock(outDir, ctx.config.build.lock_wait_seconds)
    yield* cleanLeftovers(outDir)
    yield* repairLatest(outDir)

    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    progress(`ingest: ${listing.files.length} raw text(s) found in ${ctx.rawDir}`)
    if (listing.collisions.length > 0) return yield* new BadInputError({ problems: listing.collisions, skippable: false })
    const problems: Array<InputProblem> = [...listing.problems]

    const staging = yield* Effect.try({
      try: () => {
        const dir = fs.mkdtempSync(path.join(outDir, ".staging-"))
        fs.chmodSync(dir, 0o755)
        return dir
      },
      catch: (cause) => new IoError({ path: outDir, action: "create a staging folder in", cause })
    })
    return yield* Effect.gen(function* () {
      const writers = yield* openTableWriters(staging)
      const registry = new Map<string, EntityRow & { spellings: Set<string> }>()
      const rawFiles: Array<{ path: string; sha256: string }> = []
      const documentNodes = fs.openSync(path.join(staging, ".documents.part"), "w")
      const documentIds: Array<string> = []
      let processed = 0
      for (let i = 0; i < listing.files.length; i += BATCH_SIZE) {
        const batch = listing.files.slice(i, i + BATCH_SIZE)
        const outcomes = yield* Effect.forEach(batch, (f) => processSource(ctx, f))
        const results: Array<DocumentResult> = []
        for (const o of outcomes) {
          if ("problem" in o && o.problem !== undefined) problems.push({ file: o.file.source_path, reason: o.problem })
          else if ("result" in o && o.result) {
            results.push(o.result)
            rawFiles.push({ path: o.file.source_path, sha256: o.sha256 })
          }
        }
        if (problems.length > 0 && ctx.config.ingest.on_bad_input === "fail") continue
        yield* Effect.try({
          try: () => {
            writers.documents.append(results.map((r) => r.document) as unknown as ReadonlyArray<Row>)
            for (const table of ["comments", "dates", "mentions", "removed_lines"] as const) {
              writers[table].append(results.flatMap((r): ReadonlyArray<unknown> => r[table]) as ReadonlyArray<Row>)
            }
            for (const r of results) {
              registerEntities(registry, r.entities)
              documentIds.push(r.document.doc_id)
              fs.writeSync(documentNodes, JSON.stringify({ document: r.document, mentions: r.mentions.map((m) => m.entity_id) }) + "\n")
            }
          },
          catch: (cause) => new IoError({ path: staging, action: "write the tables into", cause })
        })
        processed += batch.length
        yield* killPoint("mid-tables")
        progress(`clean, dates, entities: ${processed}/${listing.files.length} document(s)`)
      }
      fs.closeSync(documentNodes)
      const processedAt = yield* ctx.now
      yield* killPoint("after-stages")
      if (problems.length > 0 && ctx.config.ingest.on_bad_input === "fail") return yield* new BadInputError({ problems, skippable: true })
      if (documentIds.length === 0) {
        return yield* new ReleaseError({ message: `No documents to publish: ${ctx.rawDir} holds no usable .txt file.` })
      }

      const entities = entityRows(registry)
      yield* Effect.try({
        try: () => {
          writers.entities.append(entities as unknown as ReadonlyArray<Row>)
          for (const w of Object.values(writers)) w.close()
        },
        catch: (cause) => new IoError({ path: staging, action: "write the tables into", cause })
      })
      progress(`emit: ${TABLE_NAMES.map((t) => `${t} ${writers[t].count}`).join(", ")}`)

      // Which version: compare with the latest release.
      const tableFiles = TABLE_NAMES.flatMap((t) => [`${t}.csv`, `${t}.arrow`]).sort()
      const tableHashes: Record<string, string> = {}
      for (const f of tableFiles) tableHashes[f] = yield* sha256File(path.join(staging, f))
      const fingerprint: ReleaseFingerprint = {
        schema: schemaSignature(),
        tables: tableHashes,
        sources: Object.fromEntries(rawFiles.map((f) => [f.path, f.sha256])),
        metadata: ctx.metadataSha256
      }
      const latest = yield* readLatest(outDir)
      const previous = latest ? yield* readFingerprint(path.join(outDir, latest.folder)) : null
      const bump = decideBump(previous, fingerprint)
      if (bump === "none" && !options.version && latest) {
        yield* updateCatalog(outDir)
        return { status: "unchanged", version: latest.version, folder: path.join(outDir, latest.folder), documents: documentIds.length, refused: problems } as BuildSummary
      }
      const version = options.version ?? nextVersion(latest?.version ?? null, bump === "none" ? "patch" : bump)
      if (!parseVersion(version)) return yield* new ReleaseError({ message: `--version ${version} is not a semantic version such as 1.2.0` })
      if (fs.existsSync(path.join(outDir, "releases", version))) {
        return yield* new ReleaseError({ message: `Release ${version} already exists in ${path.join(outDir, "releases")}; a release is never overwritten.` })
      }
      const endedAt = yield* ctx.now
      const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, writers[t].count])) as Record<TableName, number>
      const ds = { ...ctx.config.dataset, version, datePublished: endedAt.slice(0, 10) }
      const phases = [
        { name: "process", description: "ingest, clean, dates and entities, per document", startedAt, endedAt: processedAt },
        { name: "emit", description: "tables written as CSV and Arrow", startedAt: processedAt, endedAt }
      ]

      // Other formats of the same tables, then the metadata that describes every file.
      yield* writeDerivedFormats({ staging, dataset: ds, created: endedAt })
      const distribution: Array<DistributionEntry> = []
      for (const f of releaseTableFiles(staging)) {
        distribution.push({ path: f, encodingFormat: mediaTypeOf(f), bytes: fs.statSync(path.join(staging, f)).size, sha256: tableHashes[f] ?? (yield* sha256File(path.join(staging, f))) })
      }
      yield* writeDatasetJsonLd(staging, ds, distribution, entities)
      yield* Effect.try({ try: () => fs.rmSync(path.join(staging, ".documents.part")), catch: (cause) => new IoError({ path: staging, action: "tidy", cause }) })
      const datapackage = datapackageJson({ dataset: ds, created: endedAt, distribution, fingerprint, rawFileCount: rawFiles.length })
      yield* writeFileAtomic(path.join(staging, "datapackage.json"), JSON.stringify(datapackage, null, 2) + "\n")
      yield* writeFileAtomic(path.join(staging, "README.md"), releaseReadme({ dataset: ds, counts, refused: problems }))
      yield* writeReleaseExtras({
        staging,
        outDir,
        previousDir: latest ? path.join(outDir, latest.folder) : null,
        previousVersion: latest?.version ?? null,
        dataset: ds,
        version,
        created: endedAt,
        phases,
        counts,
        distribution,
        rawFiles,
        refused: problems,
        pipelineVersion: ctx.pipelineVersion,
        gitCommit: ctx.gitCommit
      })

      // Provenance of every file, then the checksums of every file.
      const outputs: Array<{ path: string; sha256: string }> = []
      for (const f of releaseFiles(staging)) outputs.push({ path: f, sha256: yield* sha256File(path.join(staging, f)) })
      const provenance = provenanceJsonLd({
        datasetName: ds.name,
        version,
        startedAt,
        endedAt,
        pipelineVersion: ctx.pipelineVersion,
        gitCommit: ctx.gitCommit,
        configSha256: ctx.configSha256,
        dataFiles: ctx.dataFiles,
        rawFiles,
        refused: problems.map((p) => ({ path: p.file, reason: p.reason })),
        outputs
      })
      yield* writeFileAtomic(path.join(staging, "provenance.jsonld"), JSON.stringify(provenance, null, 2) + "\n")
      outputs.push({ path: "provenance.jsonld", sha256: yield* sha256File(path.join(staging, "provenance.jsonld")) })
      const sums = outputs
        .slice()
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .map((o) => `${o.sha256}  ${o.path}\n`)
        .join("")
      yield* writeFileAtomic(path.join(staging, "SHA256SUMS"), sums)

      yield* killPoint("before-publish")
      const folder = yield* publishRelease(outDir, staging, version, { version, published: endedAt })
      progress(`publish: release ${version} in ${folder}`)
      yield* updateCatalog(outDir)
      return { status: "published", version, folder, documents: documentIds.length, refused: problems, counts } as BuildSummary
    }).pipe(Effect.ensuring(Effect.sync(() => fs.rmSync(staging, { recursive: true, force: true }))))
  })

/** dataset.jsonld, assembled from the document nodes the batches wrote to a part file. */
const writeDatasetJsonLd = (
  staging: string,
  ds: Parameters<typeof datasetJsonLd>[0],
  distribution: ReadonlyArray<DistributionEntry>,
  entities: ReadonlyArray<EntityRow>
) =>
  Effect.try({
    try: () => {
      const part = fs.readFileSync(path.join(staging, ".documents.part"), "utf8").split("\n").filter(Boolean)
      const docs = part.map((l) => JSON.parse(l) as { document: DocumentResult["document"]; mentions: Array<string> })
      const mentions = docs.flatMap((d) => d.mentions.map((entity_id) => ({ doc_id: d.document.doc_id, entity_id, surface: "", start: 0, end: 0 })))
      const doc = datasetJsonLd(ds, distribution, docs.map((d) => d.document), entities, mentions)
      fs.writeFileSync(path.join(staging, "dataset.jsonld"), JSON.stringify(doc, null, 2) + "\n")
    },
    catch: (cause) => new IoError({ path: path.join(staging, "dataset.jsonld"), action: "write", cause })
  })

