/**
 * The build as one Effect program: configuration → raw sources → per-document stages (in batches) → tables written
 * into a staging folder → version decided → metadata → atomic publish. Every failure is a tagged error; nothing is
 * published unless every file of the release was written.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { type BuildContext, loadBuildContext } from "./context.js"
import type { DocumentResult } from "./document.js"
import { killPoint } from "./faults.js"
import { BadInputError, type InputProblem, IoError, ReleaseError } from "./errors.js"
import { csvHeader, csvRows } from "./emit/csv.js"
import { makeArrowFileWriter } from "./emit/arrow.js"
import { datasetNode, documentNode, entityNode, jsonLdHead, jsonLdNode, jsonLdTail, type DistributionEntry } from "./emit/jsonld.js"
import { type EntityRow, type Row, TABLE_NAMES, TABLES, type TableName } from "./model.js"
import type { FoundEntity } from "./stages/entities/index.js"
import { listSources, type SourceFile } from "./sources.js"
import { processSourceFile, type CacheSettings, type SourceOutcome } from "./process-source.js"
import { makePool } from "./workers.js"
import { CACHE_DIR } from "./cache.js"
import { readShards, shardOf, writeShard, type ShardSpec } from "./shards.js"
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
  | { readonly status: "published"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem>; readonly counts: Readonly<Record<TableName, number>>; readonly fromCache: number }
  | { readonly status: "unchanged"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem>; readonly fromCache: number }
  | { readonly status: "shard"; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem> }

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
      geonames_id: e.geonames_id,
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

/** Per-document outcomes in doc_id order, a batch at a time (empty when done), from the stages or from shards. */
export interface OutcomeSource {
  readonly total: number
  readonly next: Effect.Effect<ReadonlyArray<SourceOutcome>, IoError>
}

/** Below this many documents, starting worker threads (about 0.4 s each) costs more than it saves. */
const WORKER_THRESHOLD = 64

/** The output folder, locked for this build, with what a killed build left behind cleaned up. */
const prepareOut = (outDir: string, lockWaitSeconds: number) =>
  Effect.gen(function* () {
    yield* Effect.try({ try: () => fs.mkdirSync(path.join(outDir, "releases"), { recursive: true }), catch: (cause) => new IoError({ path: outDir, action: "create", cause }) })
    yield* acquireLock(outDir, lockWaitSeconds)
    yield* cleanLeftovers(outDir)
    yield* repairLatest(outDir)
  })

/** Runs the stages over the files: on the worker pool when there is enough work, else in this thread; cached. */
const fromStages = (ctx: BuildContext, files: ReadonlyArray<SourceFile>, options: BuildOptions) =>
  Effect.gen(function* () {
    const cache: CacheSettings = { dir: path.join(ctx.outDir, CACHE_DIR), stagesVersion: ctx.stagesVersion }
    const workers = Math.min(ctx.config.build.concurrency, Math.ceil(files.length / WORKER_THRESHOLD))
    const pool = workers > 1 ? yield* makePool(workers, { configPath: options.configPath, raw: options.raw, out: options.out, cache }) : null
    const dispatch = (batch: ReadonlyArray<SourceFile>): Promise<Array<SourceOutcome>> =>
      pool ? pool.run(batch) : new Promise((resolve) => resolve(batch.map((f) => processSourceFile(ctx.stages, f, cache))))
    let at = 0
    const take = () => {
      const batch = files.slice(at, at + BATCH_SIZE)
      at += batch.length
      return batch.length ? dispatch(batch) : null
    }
    // the pool works on the next batch while this thread writes the current one
    let pending: Promise<Array<SourceOutcome>> | null = null
    const next = Effect.tryPromise({
      try: async (): Promise<ReadonlyArray<SourceOutcome>> => {
        const current = pending ?? take()
        if (!current) {
          await pool?.close()
          return []
        }
        const outcomes = await current
        pending = pool ? take() : null
        return outcomes
      },
      catch: (cause) => new IoError({ path: ctx.rawDir, action: "process the raw texts in", cause })
    })
    return { total: files.length, next } satisfies OutcomeSource
  })

export const build = (options: BuildOptions & { readonly shard?: ShardSpec | undefined }) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    progress(`ingest: ${listing.files.length} raw text(s) found in ${ctx.rawDir}`)
    if (listing.collisions.length > 0) return yield* new BadInputError({ problems: listing.collisions, skippable: false })
    if (options.shard) {
      const { index, count } = options.shard
      const mine = listing.files.filter((f) => shardOf(f.doc_id, count) === index)
      const source = yield* fromStages(ctx, mine, options)
      const problems = listing.problems.filter((p) => shardOf(p.file.replace(/\.txt$/, ""), count) === index)
      const shard = yield* writeShard(path.join(ctx.outDir, "shards"), { shard: index, of: count, stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256, problems }, source.next)
      progress(`shard ${index}/${count}: ${shard.documents} document(s) in ${shard.folder}`)
      return { status: "shard", folder: shard.folder, documents: shard.documents, refused: problems } as BuildSummary
    }
    const source = yield* fromStages(ctx, listing.files, options)
    return yield* assembleRelease(ctx, source, listing.problems, options, startedAt)
  })

/** Combines the shard folders of one run into a release, byte-identical to a single-machine build of the same inputs. */
export const merge = (options: BuildOptions & { readonly shardDirs: ReadonlyArray<string> }) =>
  Effect.gen(function* () {
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
    const dirs = options.shardDirs.length
      ? options.shardDirs.map((d) => path.resolve(d))
      : yield* Effect.try({
        try: () => fs.readdirSync(path.join(ctx.outDir, "shards")).filter((d) => /^\d+-of-\d+$/.test(d)).map((d) => path.join(ctx.outDir, "shards", d)),
        catch: () => new ReleaseError({ message: `No shard folders given and none in ${path.join(ctx.outDir, "shards")}; run build --shard i/n first.` })
      })
    const shards = yield* readShards(dirs, { stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256 }, BATCH_SIZE)
    return yield* assembleRelease(ctx, shards, shards.problems, options, startedAt)
  })

/** From per-document outcomes to a published release: tables, version, metadata, checksums, atomic rename. */
const assembleRelease = (
  ctx: BuildContext,
  source: OutcomeSource,
  listingProblems: ReadonlyArray<InputProblem>,
  options: BuildOptions,
  startedAt: string
) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const outDir = ctx.outDir
    const problems: Array<InputProblem> = [...listingProblems]
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
              fs.writeSync(documentNodes, JSON.stringify(r.mentions.length ? [r.document, r.mentions.map((m) => m.entity_id)] : [r.document]) + "\n")
            }
          },
          catch: (cause) => new IoError({ path: staging, action: "write the tables into", cause })
        })
        processed += outcomes.length
        yield* killPoint("mid-tables")
        progress(`clean, dates, entities: ${processed}/${source.total} document(s)${cached ? ` (${cached} from the cache)` : ""} (memory ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`)
      }
      fs.closeSync(documentNodes)
      const processedAt = yield* ctx.now
      yield* killPoint("after-stages")
      if (problems.length > 0 && ctx.config.ingest.on_bad_input === "fail") return yield* new BadInputError({ problems, skippable: true })
      if (documentIds.length === 0) {
        return yield* new ReleaseError({ message: `No documents to publish: ${ctx.rawDir} holds no usable .txt file${problems.length ? ` (${problems.length} refused)` : ""}.` })
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
        return { status: "unchanged", version: latest.version, folder: path.join(outDir, latest.folder), documents: documentIds.length, refused: problems, fromCache: cached } as BuildSummary
      }
      const version = options.version ?? nextVersion(latest?.version ?? null, bump === "none" ? "patch" : bump)
      if (!parseVersion(version)) return yield* new ReleaseError({ message: `--version ${version} is not a semantic version such as 1.2.0` })
      if (fs.existsSync(path.join(outDir, "releases", version))) {
        return yield* new ReleaseError({ message: `Release ${version} already exists in ${path.join(outDir, "releases")}; a release is never overwritten.` })
      }
      const endedAt = yield* ctx.now
      const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, writers[t].count])) as Record<TableName, number>
      const ds = { ...ctx.config.dataset, version, datePublished: endedAt.slice(0, 10) }

      // Other formats of the same tables, then the metadata that describes every file.
      progress(`derive: Parquet and workbook (memory so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`)
      const derived = yield* writeDerivedFormats({ staging, dataset: ds, created: endedAt })
      progress(`metadata: (memory so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`)
      const derivedAt = yield* ctx.now
      const phases = [
        { name: "process", description: "ingest, clean, dates and entities, per document", startedAt, endedAt: processedAt },
        { name: "emit", description: "tables written as CSV and Arrow", startedAt: processedAt, endedAt },
        { name: "derive", description: "Parquet files and the workbook made from the Arrow files", startedAt: endedAt, endedAt: derivedAt }
      ]
      const distribution: Array<DistributionEntry> = []
      for (const f of releaseTableFiles(staging)) {
        distribution.push({ path: f, encodingFormat: mediaTypeOf(f), bytes: fs.statSync(path.join(staging, f)).size, sha256: tableHashes[f] ?? (yield* sha256File(path.join(staging, f))) })
      }
      yield* writeDatasetJsonLd(staging, ds, distribution, documentIds, entities)
      yield* Effect.try({ try: () => fs.rmSync(path.join(staging, ".documents.part")), catch: (cause) => new IoError({ path: staging, action: "tidy", cause }) })
      const datapackage = datapackageJson({ dataset: ds, created: endedAt, distribution, fingerprint, rawFileCount: rawFiles.length })
      yield* writeFileAtomic(path.join(staging, "datapackage.json"), JSON.stringify(datapackage, null, 2) + "\n")
      yield* writeFileAtomic(path.join(staging, "README.md"), releaseReadme({ dataset: ds, counts, refused: problems, notes: derived.notes }))
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
      const distributed = new Map(distribution.map((d) => [d.path, d.sha256]))
      for (const f of releaseFiles(staging)) outputs.push({ path: f, sha256: distributed.get(f) ?? (yield* sha256File(path.join(staging, f))) })
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
      progress(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
      return { status: "published", version, folder, documents: documentIds.length, refused: problems, counts, fromCache: cached } as BuildSummary
    }).pipe(Effect.ensuring(Effect.sync(() => fs.rmSync(staging, { recursive: true, force: true }))))
  })

/**
 * dataset.jsonld, streamed: the Dataset node, then each document node made from the part file the batches wrote
 * (read a chunk at a time), then the entities. No more than a chunk of bodies is held at once.
 */
const writeDatasetJsonLd = (
  staging: string,
  ds: Parameters<typeof datasetNode>[0],
  distribution: ReadonlyArray<DistributionEntry>,
  docIds: ReadonlyArray<string>,
  entities: ReadonlyArray<EntityRow>
) =>
  Effect.try({
    try: () => {
      const out = fs.openSync(path.join(staging, "dataset.jsonld"), "w")
      fs.writeSync(out, jsonLdHead() + jsonLdNode(datasetNode(ds, distribution, docIds), true))
      const part = fs.openSync(path.join(staging, ".documents.part"), "r")
      const buf = Buffer.allocUnsafe(1 << 20)
      let carry = ""
      let n: number
      const emit = (line: string) => {
        if (!line) return
        const [doc, mentions] = JSON.parse(line) as [DocumentResult["document"], Array<string>?]
        fs.writeSync(out, jsonLdNode(documentNode(ds.name, ds.version, doc, mentions ?? []), false))
      }
      while ((n = fs.readSync(part, buf, 0, buf.length, null)) > 0) {
        const lines = (carry + buf.toString("utf8", 0, n)).split("\n")
        carry = lines.pop()!
        lines.forEach(emit)
      }
      emit(carry)
      fs.closeSync(part)
      for (const e of entities) fs.writeSync(out, jsonLdNode(entityNode(ds.name, e), false))
      fs.writeSync(out, jsonLdTail())
      fs.fsyncSync(out)
      fs.closeSync(out)
    },
    catch: (cause) => new IoError({ path: path.join(staging, "dataset.jsonld"), action: "write", cause })
  })
