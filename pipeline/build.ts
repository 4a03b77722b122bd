/**
 * The build as one Effect program: configuration → raw sources → per-document stages (in batches) → tables written
 * into a staging folder → version decided → metadata → atomic publish. Every failure is a tagged error; nothing is
 * published unless every file of the release was written.
 */
import * as path from "node:path"
import { Effect } from "effect"
import { type BuildContext, loadBuildContext } from "./context.js"
import { BadInputError, IoError, ReleaseError } from "./errors.js"
import { listDir, makeDir } from "./io.js"
import { listSources, type SourceFile } from "./sources.js"
import { encodeOutcomes, processSourceFile, type CacheSettings, type ProcessedBatch, type SourceOutcome } from "./process-source.js"
import { makePool, type Pool } from "./workers.js"
import { SLICE_SIZE } from "./emit/slice.js"
import { CACHE_DIR } from "./cache.js"
import { readShards, shardOf, writeShard, type ShardSpec } from "./shards.js"
import { assembleRelease, type BuildSummary, type OutcomeSource } from "./release/assemble.js"
import { acquireLock, cleanLeftovers } from "./release/publish/lock.js"
import { repairLatest } from "./release/publish/publish.js"
import { startStopwatch } from "./timing.js"

export interface BuildOptions {
  readonly configPath: string
  readonly raw?: string | undefined
  readonly out?: string | undefined
  /** force this version instead of the one the change rules pick */
  readonly version?: string | undefined
  /** progress lines (a count of documents per stage) go here; stderr in the CLI */
  readonly progress?: ((line: string) => void) | undefined
}

export type { BuildSummary } from "./release/assemble.js"

/** Below this many documents, starting worker threads (about 0.4 s each) costs more than it saves. */
const WORKER_THRESHOLD = 64

/** The output folder, locked for this build, with what a killed build left behind cleaned up. */
const prepareOut = (outDir: string, lockWaitSeconds: number) =>
  Effect.gen(function* () {
    yield* makeDir(path.join(outDir, "releases"))
    yield* acquireLock(outDir, lockWaitSeconds)
    yield* cleanLeftovers(outDir)
    yield* repairLatest(outDir)
  })

/**
 * Runs the stages over the files: on the worker pool when there is enough work, else in this thread; cached. Batches
 * go out in order and the pool works on the next while this thread writes the current one. `encode` turns each batch
 * into slices (a build); without it, the outcomes come back as they are (a shard).
 */
const fromStages = <A>(
  ctx: BuildContext,
  files: ReadonlyArray<SourceFile>,
  options: BuildOptions,
  mode: { readonly run: (pool: Pool | null, cache: CacheSettings, batch: ReadonlyArray<SourceFile>) => Promise<A>; readonly empty: A }
) =>
  Effect.gen(function* () {
    const cache: CacheSettings = { dir: path.join(ctx.outDir, CACHE_DIR), stagesVersion: ctx.stagesVersion }
    const workers = Math.min(ctx.config.build.concurrency, Math.ceil(files.length / WORKER_THRESHOLD))
    const pool = workers > 1 ? yield* makePool(workers, { configPath: options.configPath, raw: options.raw, out: options.out, cache }) : null
    // whole slices per batch, so a batch starts where a slice does
    const batchSize = SLICE_SIZE * Math.max(2, workers)
    let at = 0
    const take = () => {
      const batch = files.slice(at, at + batchSize)
      at += batch.length
      return batch.length ? mode.run(pool, cache, batch) : null
    }
    let pending: Promise<A> | null = null
    const next = Effect.tryPromise({
      try: async (): Promise<A> => {
        const current = pending ?? take()
        if (!current) {
          await pool?.close()
          return mode.empty
        }
        const result = await current
        pending = pool ? take() : null
        return result
      },
      catch: (cause) => new IoError({ path: ctx.rawDir, action: "process the raw texts in", cause })
    })
    return { total: files.length, next, parallel: pool !== null }
  })

const encoded = (ctx: BuildContext) => ({
  run: (pool: Pool | null, cache: CacheSettings, batch: ReadonlyArray<SourceFile>): Promise<ProcessedBatch> =>
    pool ? pool.encode(batch) : new Promise((resolve) => resolve(encodeOutcomes(batch.map((f) => processSourceFile(ctx.stages, f, cache)), ctx.config.dataset.name))),
  empty: { outcomes: [], slices: [] } as ProcessedBatch
})

const plain = (ctx: BuildContext) => ({
  run: (pool: Pool | null, cache: CacheSettings, batch: ReadonlyArray<SourceFile>): Promise<ReadonlyArray<SourceOutcome>> =>
    pool ? pool.run(batch) : new Promise((resolve) => resolve(batch.map((f) => processSourceFile(ctx.stages, f, cache)))),
  empty: [] as ReadonlyArray<SourceOutcome>
})

export const build = (options: BuildOptions & { readonly shard?: ShardSpec | undefined }) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const stopwatch = startStopwatch()
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    progress(`ingest: ${listing.files.length} raw text(s) found in ${ctx.rawDir}`)
    stopwatch.lap("list")
    if (listing.collisions.length > 0) return yield* new BadInputError({ problems: listing.collisions, skippable: false })
    if (options.shard) {
      const { index, count } = options.shard
      const mine = listing.files.filter((f) => shardOf(f.doc_id, count) === index)
      const source = yield* fromStages(ctx, mine, options, plain(ctx))
      const problems = listing.problems.filter((p) => shardOf(p.file.replace(/\.txt$/, ""), count) === index)
      const shard = yield* writeShard(path.join(ctx.outDir, "shards"), { shard: index, of: count, stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256, problems }, source.next)
      progress(`shard ${index}/${count}: ${shard.documents} document(s) in ${shard.folder}`)
      return { status: "shard", folder: shard.folder, documents: shard.documents, refused: problems } as BuildSummary
    }
    const source: OutcomeSource = yield* fromStages(ctx, listing.files, options, encoded(ctx))
    return yield* assembleRelease(ctx, source, listing.problems, { version: options.version, progress, startedAt, stopwatch })
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
    const shards = yield* readShards(dirs, { stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256 }, SLICE_SIZE * 2)
    // the outcomes are encoded here, in slices that fall where a single build's do
    const source: OutcomeSource = { total: shards.total, next: Effect.map(shards.next, (batch) => encodeOutcomes(batch, ctx.config.dataset.name)), parallel: shards.total >= WORKER_THRESHOLD }
    return yield* assembleRelease(ctx, source, shards.problems, { version: options.version, progress: options.progress ?? (() => {}), startedAt, stopwatch: startStopwatch() })
  })
