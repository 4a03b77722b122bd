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
import { processSourceFile, type CacheSettings, type SourceOutcome } from "./process-source.js"
import { makePool } from "./workers.js"
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

const BATCH_SIZE = 256

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
      const source = yield* fromStages(ctx, mine, options)
      const problems = listing.problems.filter((p) => shardOf(p.file.replace(/\.txt$/, ""), count) === index)
      const shard = yield* writeShard(path.join(ctx.outDir, "shards"), { shard: index, of: count, stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256, problems }, source.next)
      progress(`shard ${index}/${count}: ${shard.documents} document(s) in ${shard.folder}`)
      return { status: "shard", folder: shard.folder, documents: shard.documents, refused: problems } as BuildSummary
    }
    const source = yield* fromStages(ctx, listing.files, options)
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
    const shards = yield* readShards(dirs, { stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256 }, BATCH_SIZE)
    return yield* assembleRelease(ctx, shards, shards.problems, { version: options.version, progress: options.progress ?? (() => {}), startedAt, stopwatch: startStopwatch() })
  })
