/**
 * The build as one Effect program: configuration → raw sources → per-document stages (in batches) → tables written
 * into a staging folder → version decided → metadata → atomic publish. Every failure is a tagged error; nothing is
 * published unless every file of the release was written.
 */
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Exit } from "effect"
import { type BuildContext, loadBuildContext } from "./context.js"
import { BadInputError, type InputProblem, IoError, ReleaseError, StageDefectError } from "./errors.js"
import { attempt, exists, listDir, makeDir, readText, removeIfEmpty } from "./io.js"
import { keepOnly, sliceKey } from "./slice-cache.js"
import { listSources, type SourceFile } from "./sources.js"
import { cachedSlice, encodeSlices, keyFile, processSourceFile, StageFailure, type CacheSettings, type ProcessedBatch, type SliceDone, type SourceOutcome } from "./process-source.js"
import { makePool, type Ordered, type Pool } from "./workers.js"
import { cutSlices } from "./emit/slice.js"
import { CACHE_DIR } from "./cache.js"
import { readShards, shardOf, writeShard, type ShardSpec } from "./shards.js"
import { assembleRelease, type BuildSummary, type OutcomeSource } from "./release/assemble.js"
import { acquireLock, cleanLeftovers } from "./release/publish/lock.js"
import { readLatest, repairLatest } from "./release/publish/publish.js"
import { updateCatalog } from "./release/site/catalog.js"
import { readRecord } from "./release/site/records.js"
import { MANIFEST_FILE, type ReleaseManifest } from "./release/describe/manifest.js"
import { createHash } from "node:crypto"
import { startStopwatch } from "./timing.js"
import type { StagesProgress } from "./progress.js"

export interface BuildOptions {
  readonly configPath: string
  readonly raw?: string | undefined
  readonly out?: string | undefined
  /** force this version instead of the one the change rules pick */
  readonly version?: string | undefined
  /** phase lines go here; stderr in the CLI */
  readonly progress?: ((line: string) => void) | undefined
  /** how far the per-document stages are, at the start and after every batch */
  readonly onStages?: ((p: StagesProgress) => void) | undefined
}

export type { BuildSummary } from "./release/assemble.js"

/** Below this many documents, starting worker threads (about 0.4 s each) costs more than it saves. */
const WORKER_THRESHOLD = 64

/**
 * The output folder, locked for this build, with what a killed build left behind cleaned up. Folders this build had
 * to create are removed again if it fails before filling them, so a failed first build leaves no empty out/ behind.
 */
const prepareOut = (outDir: string, lockWaitSeconds: number) =>
  Effect.gen(function* () {
    const releases = path.join(outDir, "releases")
    yield* Effect.acquireRelease(
      Effect.gen(function* () {
        const missing: Array<string> = []
        for (const dir of [releases, outDir]) if (!(yield* exists(dir))) missing.push(dir)
        yield* makeDir(releases)
        return missing
      }),
      (created, exit) => (Exit.isSuccess(exit) ? Effect.void : Effect.forEach(created, removeIfEmpty, { discard: true }))
    )
    yield* acquireLock(outDir, lockWaitSeconds)
    yield* cleanLeftovers(outDir)
    yield* repairLatest(outDir)
  })

/**
 * Whether the typed formats get a thread of their own: when there is enough work and a core the stage workers leave
 * free. On two cores with two stage workers a third thread would only share their time, and cost its memory.
 */
const formatsThread = (stageWorkers: number, documents: number) => documents >= WORKER_THRESHOLD && os.availableParallelism() > stageWorkers

/** The per-document cache of this output folder; read only for a check that must write nothing (validate). */
const cacheOf = (ctx: BuildContext, readOnly = false): CacheSettings => ({ dir: path.join(ctx.outDir, CACHE_DIR), stagesVersion: ctx.stagesVersion, readOnly })

/** The worker pool when there is enough work for more than one thread, else null (this thread does the work). */
const startPool = (ctx: BuildContext, files: ReadonlyArray<SourceFile>, options: Pick<BuildOptions, "configPath">, cache: CacheSettings = cacheOf(ctx)) =>
  Effect.gen(function* () {
    const workers = Math.min(ctx.config.build.concurrency, Math.ceil(files.length / WORKER_THRESHOLD))
    return workers > 1 ? yield* makePool(workers, { configPath: options.configPath, cache, datasetName: ctx.config.dataset.name }) : null
  })

interface Mode<A> {
  /** the files' results in order, a piece at a time */
  readonly start: (pool: Pool | null, cache: CacheSettings, files: ReadonlyArray<SourceFile>) => Ordered<{ readonly files: ReadonlyArray<SourceFile>; readonly result: A }>
  readonly empty: A
  /** how many of a piece's outcomes came from the cache (for the progress report) */
  readonly cachedIn: (result: A) => number
}

/** Pieces done one after another in this thread. */
const inThread = <T, A>(pieces: ReadonlyArray<T>, run: (piece: T) => Promise<{ readonly files: ReadonlyArray<SourceFile>; readonly result: A }>): Ordered<{ readonly files: ReadonlyArray<SourceFile>; readonly result: A }> => {
  let at = 0
  return { next: async () => (at < pieces.length ? run(pieces[at++]!) : null) }
}

/**
 * Runs the stages over the files: on the worker pool when there is enough work, else in this thread; cached. The work
 * goes out in order, each piece to whichever worker is free, and comes back in order while this thread writes what
 * came before. `mode` says what a piece is and how it is done: a whole slice, encoded (a build), or a run of files
 * with their plain outcomes (a shard, validate).
 */
const fromStages = <A>(
  ctx: BuildContext,
  files: ReadonlyArray<SourceFile>,
  pool: Pool | null,
  mode: Mode<A>,
  options: { readonly onStages?: ((p: StagesProgress) => void) | undefined; readonly cache?: CacheSettings } = {}
) =>
  Effect.gen(function* () {
    const cache = options.cache ?? cacheOf(ctx)
    const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0)
    const done = { documents: 0, bytes: 0, cached: 0 }
    const report = () => options.onStages?.({ ...done, total: files.length, totalBytes })
    report()
    let results: ReturnType<Mode<A>["start"]> | null = null
    const next = Effect.tryPromise({
      try: async (): Promise<A> => {
        results ??= mode.start(pool, cache, files)
        const piece = await results.next()
        if (!piece) {
          await pool?.close()
          return mode.empty
        }
        for (const f of piece.files) {
          done.documents++
          done.bytes += f.bytes
        }
        done.cached += mode.cachedIn(piece.result)
        report()
        return piece.result
      },
      catch: (cause) =>
        cause instanceof StageFailure
          ? new StageDefectError({ file: cause.file, detail: cause.detail })
          : new IoError({ path: ctx.rawDir, action: "process the raw texts in", cause })
    })
    return { total: files.length, next, parallel: formatsThread(pool?.size ?? 0, files.length) }
  })

/** The listing cut into slices (where the documents say). */
const slicesOf = (files: ReadonlyArray<SourceFile>): Array<ReadonlyArray<SourceFile>> => {
  const { slices, rest } = cutSlices(files, (f) => f.doc_id)
  if (rest.length) slices.push(rest)
  return slices
}

const batchOf = (d: SliceDone): ProcessedBatch => ({ outcomes: d.outcomes, slices: d.slice ? [d.slice] : [] })

const encoded = (ctx: BuildContext): Mode<ProcessedBatch> => ({
  start: (pool, cache, files) => {
    const slices = slicesOf(files)
    if (pool) return pool.encode(slices)
    return inThread(slices, async (files) => {
      const s = cachedSlice(files, cache, ctx.config.dataset.name)
      return { files, result: batchOf(s.done ?? (await s.compute(ctx.loadStages))) }
    })
  },
  empty: { outcomes: [], slices: [] },
  cachedIn: (b) => b.outcomes.filter((o) => o.cached).length
})

/** Files per piece when a build processes them in this thread without slices. */
const PLAIN_RUN = 128

const plain = (ctx: BuildContext): Mode<ReadonlyArray<SourceOutcome>> => ({
  start: (pool, cache, files) => {
    if (pool) return pool.run(files)
    const runs = Array.from({ length: Math.ceil(files.length / PLAIN_RUN) }, (_, i) => files.slice(i * PLAIN_RUN, (i + 1) * PLAIN_RUN))
    return inThread(runs, async (run) => {
      const runner = await ctx.loadStages()
      return { files: run, result: run.map((f) => processSourceFile(runner, f, cache)) }
    })
  },
  empty: [],
  cachedIn: (outcomes) => outcomes.filter((o) => o.cached).length
})

/** The files with their outcomes' cache keys (each read and hashed once: on the pool when there is one). */
const keyFiles = (ctx: BuildContext, files: ReadonlyArray<SourceFile>, pool: Pool | null) => {
  const cache = cacheOf(ctx)
  return Effect.tryPromise({
    try: async () => (pool ? pool.keys(files) : files.map((f) => keyFile(f, cache))),
    catch: (cause) => new IoError({ path: ctx.rawDir, action: "read the raw texts in", cause })
  })
}

/** Everything a release is made from: the pipeline's code and configuration, and every raw file's key, in order. */
const inputsDigest = (ctx: BuildContext, files: ReadonlyArray<SourceFile>, problems: ReadonlyArray<InputProblem>): string => {
  const hash = createHash("sha256").update(`${ctx.buildVersion}\n${ctx.stagesVersion}\n${JSON.stringify(problems)}\n`)
  for (const f of files) hash.update(`${f.doc_id}\t${f.key}\n`)
  return hash.digest("hex")
}

/** The summary of a build that finds the latest release made from exactly these inputs: nothing to do. */
const unchangedRelease = (outDir: string, inputs: string) =>
  Effect.gen(function* () {
    const latest = yield* readLatest(outDir)
    if (!latest) return null
    const record = yield* readRecord(outDir, latest.version).pipe(Effect.orElseSucceed(() => null))
    if (!record?.inputs || record.inputs !== inputs) return null
    const manifest = yield* readText(path.join(outDir, latest.folder, MANIFEST_FILE)).pipe(
      Effect.map((text) => JSON.parse(text) as Partial<ReleaseManifest>),
      Effect.orElseSucceed(() => null)
    )
    if (!manifest) return null
    return {
      status: "unchanged",
      version: latest.version,
      folder: path.join(outDir, latest.folder),
      documents: manifest.counts?.documents ?? 0,
      refused: (manifest.refused ?? []).map((r) => ({ file: r.file, reason: r.reason })),
      fromCache: manifest.counts?.documents ?? 0
    } satisfies BuildSummary as BuildSummary
  })

/** A shard's outcomes cut into slices where a single build cuts them, and encoded here. */
const encodeShards = (ctx: BuildContext, next: Effect.Effect<ReadonlyArray<SourceOutcome>, IoError>): Effect.Effect<ProcessedBatch, IoError> => {
  let carry: ReadonlyArray<SourceOutcome> = []
  let done = false
  return Effect.gen(function* () {
    while (!done) {
      const batch = yield* next
      if (batch.length === 0) done = true
      const { slices, rest } = cutSlices(batch, (o) => o.doc_id, carry)
      carry = rest
      if (done && rest.length) slices.push(rest)
      if (slices.length) return encodeSlices(slices, ctx.config.dataset.name)
    }
    return { outcomes: [], slices: [] }
  })
}

export const build = (options: BuildOptions & { readonly shard?: ShardSpec | undefined }) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const stopwatch = startStopwatch()
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    // the raw texts are listed before anything is written, so a wrong --raw leaves nothing behind
    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    progress(`ingest: ${listing.files.length} raw text(s) found in ${ctx.rawDir}`)
    stopwatch.lap("list")
    if (listing.collisions.length > 0) return yield* new BadInputError({ problems: listing.collisions, skippable: false })
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
    if (options.shard) {
      const { index, count } = options.shard
      const mine = listing.files.filter((f) => shardOf(f.doc_id, count) === index)
      const source = yield* fromStages(ctx, mine, yield* startPool(ctx, mine, options), plain(ctx), options)
      const problems = listing.problems.filter((p) => shardOf(p.file.replace(/\.txt$/, ""), count) === index)
      const shard = yield* writeShard(path.join(ctx.outDir, "shards"), { shard: index, of: count, stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256, problems }, source.next)
      progress(`shard ${index}/${count}: ${shard.documents} document(s) in ${shard.folder}`)
      return { status: "shard", folder: shard.folder, documents: shard.documents, refused: problems } as BuildSummary
    }
    const pool = yield* startPool(ctx, listing.files, options)
    // every raw file's key first: when nothing a release depends on changed, nothing is written
    const keyed = yield* keyFiles(ctx, listing.files, pool)
    const inputs = inputsDigest(ctx, keyed, listing.problems)
    if (!options.version) {
      const unchanged = yield* unchangedRelease(ctx.outDir, inputs)
      if (unchanged) {
        yield* updateCatalog(ctx.outDir)
        stopwatch.lap("check")
        progress(stopwatch.report())
        return unchanged
      }
    }
    const source = yield* fromStages(ctx, keyed, pool, encoded(ctx), options)
    const summary = yield* assembleRelease(ctx, source, listing.problems, { version: options.version, progress, startedAt, stopwatch, inputs })
    // the slices this build used stay in the cache, listed with their documents' keys; the others (of texts changed or
    // gone), with their documents' results, are removed once it succeeds: the cache holds what the next build can use
    const cacheDir = path.join(ctx.outDir, CACHE_DIR)
    const used = new Map(slicesOf(keyed).map((s) => {
      const members = s.map((f) => f.key!)
      return [sliceKey(ctx.config.dataset.name, members), members] as const
    }))
    yield* attempt(cacheDir, "tidy the cache in", () => keepOnly(cacheDir, used))
    return summary
  })

export interface ValidationReport {
  readonly files: number
  readonly problems: ReadonlyArray<InputProblem>
}

/**
 * Every check a build makes, writing nothing: the configuration and data files, the listing (symbolic links, sizes,
 * names, colliding doc_ids) and each file's acceptance by the same per-document function the build runs (bytes,
 * HTML, sidecar, text left after cleaning). Answers the cache holds are read; a file it lacks is processed.
 */
export const validate = (options: Pick<BuildOptions, "configPath" | "raw" | "onStages">) =>
  Effect.gen(function* () {
    const ctx = yield* loadBuildContext(options)
    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    const problems: Array<InputProblem> = [...listing.collisions, ...listing.problems]
    const cache = cacheOf(ctx, true)
    const pool = yield* startPool(ctx, listing.files, options, cache)
    const source = yield* fromStages(ctx, listing.files, pool, plain(ctx), { onStages: options.onStages, cache })
    while (true) {
      const outcomes = yield* source.next
      if (outcomes.length === 0) break
      for (const o of outcomes) if ("problem" in o) problems.push({ file: o.source_path, reason: o.problem })
    }
    return { files: listing.files.length, problems } satisfies ValidationReport
  })

/** Combines the shard folders of one run into a release, byte-identical to a single-machine build of the same inputs. */
export const merge = (options: BuildOptions & { readonly shardDirs: ReadonlyArray<string> }) =>
  Effect.gen(function* () {
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
    const dirs = options.shardDirs.length
      ? options.shardDirs.map((d) => path.resolve(d))
      : (yield* listDir(path.join(ctx.outDir, "shards")).pipe(
        Effect.mapError(() => new ReleaseError({ message: `No shard folders given and none in ${path.join(ctx.outDir, "shards")}; run build --shard i/n first.` }))
      )).filter((d) => /^\d+-of-\d+$/.test(d)).map((d) => path.join(ctx.outDir, "shards", d))
    const shards = yield* readShards(dirs, { stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256 }, 256)
    // the outcomes are encoded here, in slices that fall where a single build's do
    const source: OutcomeSource = { total: shards.total, next: encodeShards(ctx, shards.next), parallel: formatsThread(0, shards.total) }
    return yield* assembleRelease(ctx, source, shards.problems, { version: options.version, progress: options.progress ?? (() => {}), startedAt, stopwatch: startStopwatch() })
  })
