/**
 * The build as one Effect program: configuration → raw sources → per-document stages (in batches) → tables written
 * into a staging folder → version decided → metadata → atomic publish. Every failure is a tagged error; nothing is
 * published unless every file of the release was written.
 */
import * as path from "node:path"
import { Effect, Exit } from "effect"
import { type BuildContext, loadBuildContext } from "./context.js"
import { BadInputError, type InputProblem, IoError, ReleaseError, StageDefectError } from "./errors.js"
import { exists, listDir, makeDir, removeIfEmpty } from "./io.js"
import { listSources, type SourceFile } from "./sources.js"
import { processSourceFile, StageFailure, type CacheSettings, type SourceOutcome } from "./process-source.js"
import { makePool } from "./workers.js"
import type { StagesProgress } from "./progress.js"
import { CACHE_DIR } from "./cache.js"
import { readShards, shardOf, writeShard, type ShardSpec } from "./shards.js"
import { assembleRelease, type BuildSummary, type OutcomeSource } from "./release/assemble.js"
import { acquireLock, cleanLeftovers } from "./release/publish/lock.js"
import { repairLatest } from "./release/publish/publish.js"

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

const BATCH_SIZE = 256

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
 * Runs the stages over the files: on the worker pool when there is enough work, else in this thread; cached (read
 * only for a check that must write nothing).
 */
const fromStages = (ctx: BuildContext, files: ReadonlyArray<SourceFile>, options: BuildOptions, cacheMode: "read-write" | "read-only" = "read-write") =>
  Effect.gen(function* () {
    const cache: CacheSettings = { dir: path.join(ctx.outDir, CACHE_DIR), stagesVersion: ctx.stagesVersion, readOnly: cacheMode === "read-only" }
    const workers = Math.min(ctx.config.build.concurrency, Math.ceil(files.length / WORKER_THRESHOLD))
    const pool = workers > 1 ? yield* makePool(workers, { configPath: options.configPath, raw: options.raw, out: options.out, cache }) : null
    const dispatch = (batch: ReadonlyArray<SourceFile>): Promise<Array<SourceOutcome>> =>
      pool ? pool.run(batch) : new Promise((resolve) => resolve(batch.map((f) => processSourceFile(ctx.stages, f, cache))))
    const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0)
    const done = { documents: 0, bytes: 0, cached: 0 }
    const report = () => options.onStages?.({ ...done, total: files.length, totalBytes })
    report()
    let at = 0
    const take = () => {
      const batch = files.slice(at, at + BATCH_SIZE)
      at += batch.length
      return batch.length ? { batch, outcomes: dispatch(batch) } : null
    }
    // the pool works on the next batch while this thread writes the current one
    let pending: ReturnType<typeof take> = null
    const next = Effect.tryPromise({
      try: async (): Promise<ReadonlyArray<SourceOutcome>> => {
        const current = pending ?? take()
        if (!current) {
          await pool?.close()
          return []
        }
        const outcomes = await current.outcomes
        pending = pool ? take() : null
        done.documents += current.batch.length
        for (const f of current.batch) done.bytes += f.bytes
        for (const o of outcomes) if (o.cached) done.cached++
        report()
        return outcomes
      },
      catch: (cause) =>
        cause instanceof StageFailure
          ? new StageDefectError({ file: cause.file, detail: cause.detail })
          : new IoError({ path: ctx.rawDir, action: "process the raw texts in", cause })
    })
    return { total: files.length, next } satisfies OutcomeSource
  })

export const build = (options: BuildOptions & { readonly shard?: ShardSpec | undefined }) =>
  Effect.gen(function* () {
    const progress = options.progress ?? (() => {})
    const ctx = yield* loadBuildContext(options)
    const startedAt = yield* ctx.now
    // the raw texts are listed before anything is written, so a wrong --raw leaves nothing behind
    const listing = yield* listSources(ctx.rawDir, ctx.config.ingest.max_file_bytes)
    progress(`ingest: ${listing.files.length} raw text(s) found in ${ctx.rawDir}`)
    if (listing.collisions.length > 0) return yield* new BadInputError({ problems: listing.collisions, skippable: false })
    yield* prepareOut(ctx.outDir, ctx.config.build.lock_wait_seconds)
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
    return yield* assembleRelease(ctx, source, listing.problems, { version: options.version, progress, startedAt })
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
    const source = yield* fromStages(ctx, listing.files, options, "read-only")
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
    const shards = yield* readShards(dirs, { stagesVersion: ctx.stagesVersion, configSha256: ctx.configSha256 }, BATCH_SIZE)
    return yield* assembleRelease(ctx, shards, shards.problems, { version: options.version, progress: options.progress ?? (() => {}), startedAt })
  })
