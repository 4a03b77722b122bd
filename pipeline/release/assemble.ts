/**
 * From per-document outcomes to a published release, as a short sequence of named steps that pass one staging
 * folder and its registry of every file's size and sha256:
 *
 *   write tables → decide the version → write the other formats → describe → seal → publish → update the site
 *
 * Every file a step writes is one that pipeline/release/contents.ts names; nothing is published unless every step
 * succeeded, and a failure or interrupt removes the staging folder.
 */
import * as path from "node:path"
import { Effect } from "effect"
import type { BuildContext } from "../context.js"
import { killPoint } from "../faults.js"
import { type BadInputError, type InputProblem, type IoError, type LockError, ReleaseError, type StageDefectError } from "../errors.js"
import { attempt, attemptAsync, exists, openLineReaderSync } from "../io.js"
import type { TableName } from "../model.js"
import { openTypedTables } from "../emit/formats.js"
import { startFormatsThread, type TypedTablesWriter } from "../workers.js"
import { workbookFile } from "./contents.js"
import { openStaging, type Staging } from "./staging.js"
import { writeTables, type OutcomeSource, type TablesWritten } from "./tables.js"
import { schemaSignature } from "./describe/frictionless.js"
import { describeRelease, writeCrate, type Phase, type ReleaseDescription } from "./describe/index.js"
import { decideBump, nextVersion, parseVersion, type ReleaseFingerprint } from "./history/version.js"
import { publishRelease, readFingerprint, readLatest, type Latest } from "./publish/publish.js"
import { sealRelease } from "./publish/seal.js"
import { linkUnchanged, pruneReleases } from "./publish/disk.js"
import { entryNotes } from "./describe/manifest.js"
import { DIGESTS_FILE } from "../emit/digests.js"
import { updateCatalog } from "./site/catalog.js"
import type { Stopwatch } from "../timing.js"

export type { OutcomeSource } from "./tables.js"

export type BuildSummary =
  | { readonly status: "published"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem>; readonly counts: Readonly<Record<TableName, number>>; readonly fromCache: number }
  | { readonly status: "unchanged"; readonly version: string; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem>; readonly fromCache: number }
  | { readonly status: "shard"; readonly folder: string; readonly documents: number; readonly refused: ReadonlyArray<InputProblem> }

export interface AssembleOptions {
  /** force this version instead of the one the change rules pick */
  readonly version?: string | undefined
  readonly progress: (line: string) => void
  /** when the build started (the first phase's start) */
  readonly startedAt: string
  readonly stopwatch: Stopwatch
  /** the digest of everything the release is made from (kept in its manifest), when the build computed it */
  readonly inputs?: string | undefined
}

type Decision = { readonly kind: "unchanged"; readonly latest: Latest } | { readonly kind: "publish"; readonly version: string; readonly previous: Latest | null; readonly fingerprint: ReleaseFingerprint }

/** Which version, if any: the new tables, sources and metadata compared with the latest release's fingerprint. */
const decideVersion = (ctx: BuildContext, staging: Staging, tables: TablesWritten, latest: Latest | null, forced: string | undefined) =>
  Effect.gen(function* () {
    const fingerprint: ReleaseFingerprint = {
      schema: schemaSignature(),
      tables: Object.fromEntries(staging.files((s) => s.step === "tables" && s.table !== null).map((f) => [f.name, f.sha256])),
      sources: tables.sourcesDigest,
      metadata: ctx.metadataSha256
    }
    const previous = latest ? yield* readFingerprint(path.join(ctx.outDir, latest.folder)) : null
    const bump = decideBump(previous, fingerprint)
    if (bump === "none" && !forced && latest) return { kind: "unchanged", latest } satisfies Decision as Decision
    const version = forced ?? nextVersion(latest?.version ?? null, bump === "none" ? "patch" : bump)
    if (!parseVersion(version)) return yield* new ReleaseError({ message: `--version ${version} is not a semantic version such as 1.2.0` })
    if (yield* exists(path.join(ctx.outDir, "releases", version))) {
      return yield* new ReleaseError({ message: `Release ${version} already exists in ${path.join(ctx.outDir, "releases")}; a release is never overwritten.` })
    }
    return { kind: "publish", version, previous: latest, fingerprint } satisfies Decision as Decision
  })

/** The typed formats, written in a thread of their own for a big build, else in this one. */
const openTyped = (staging: Staging, parallel: boolean) =>
  parallel
    ? startFormatsThread(staging.dir, Object.fromEntries(staging.contents.filter((s) => s.table && s.format !== "csv").map((s) => [s.name, staging.deflateTarget(s.name)])))
    : Effect.acquireRelease(Effect.sync(() => openTypedTables(staging.dir, staging.deflateTarget)), (typed) => Effect.sync(() => typed.abort())).pipe(Effect.map((typed): TypedTablesWriter => {
      return {
        batches: (pieces, csvBytes) => pieces.forEach(([t, p]) => typed.batch(t, p, csvBytes)),
        // written as they come: nothing waits
        settle: () => Promise.resolve(),
        finish: typed.finish,
        workbook: async (dataset, created) => typed.workbook(dataset, created)
      }
    }))

/** The workbook, finished now that the version is known, or the note saying why there is none. */
const writeWorkbookFile = (staging: Staging, typed: TypedTablesWriter, dataset: ReleaseDescription["dataset"], created: string) =>
  Effect.gen(function* () {
    const workbook = yield* attemptAsync(staging.dir, "write the workbook into", () => typed.workbook(dataset, created))
    if (workbook.bytes) yield* staging.write(workbookFile(dataset.name), workbook.bytes)
    return workbook.note ? [workbook.note] : []
  })

export const assembleRelease = (
  ctx: BuildContext,
  source: OutcomeSource,
  listingProblems: ReadonlyArray<InputProblem>,
  options: AssembleOptions
): Effect.Effect<BuildSummary, IoError | BadInputError | ReleaseError | LockError | StageDefectError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { progress, stopwatch } = options
      const staging = yield* openStaging(ctx.outDir, ctx.config.dataset.name)
      const latest = yield* readLatest(ctx.outDir)
      const previousDir = latest ? path.join(ctx.outDir, latest.folder) : null
      const digestsFile = previousDir ? path.join(previousDir, DIGESTS_FILE) : null
      const previousDigests = digestsFile && (yield* exists(digestsFile))
        ? yield* Effect.acquireRelease(attempt(digestsFile, "read", () => openLineReaderSync(digestsFile)), (r) => Effect.sync(() => r.close()))
        : null
      const typed = yield* openTyped(staging, source.parallel)
      const tables = yield* writeTables({
        staging,
        source,
        typed,
        listingProblems,
        failOnBadInput: ctx.config.ingest.on_bad_input === "fail",
        rawDir: ctx.rawDir,
        progress,
        now: ctx.now,
        previousDigests,
        legacyPrevious: previousDir !== null && previousDigests === null
      })
      for (const [name, written] of Object.entries(tables.typed)) yield* staging.adopt(name, written)
      stopwatch.lap("tables")
      const decision = yield* decideVersion(ctx, staging, tables, latest, options.version)
      stopwatch.lap("decide")
      if (decision.kind === "unchanged") {
        yield* updateCatalog(ctx.outDir)
        stopwatch.lap("site")
        progress(stopwatch.report())
        const { latest } = decision
        return { status: "unchanged", version: latest.version, folder: path.join(ctx.outDir, latest.folder), documents: tables.documents, refused: tables.problems, fromCache: tables.cached } satisfies BuildSummary
      }
      const { version } = decision
      const endedAt = yield* ctx.now
      const dataset = { ...ctx.config.dataset, version, datePublished: endedAt.slice(0, 10) }

      const notes = yield* writeWorkbookFile(staging, typed, dataset, endedAt)
      stopwatch.lap("workbook")
      const derivedAt = yield* ctx.now
      const phases: Array<Phase> = [
        { name: "process", description: "ingest, clean, dates and entities, per document", startedAt: options.startedAt, endedAt: tables.processedAt },
        { name: "emit", description: "tables written as CSV, Arrow and Parquet as the documents streamed", startedAt: tables.processedAt, endedAt },
        { name: "derive", description: "the workbook finished, with its About sheet", startedAt: endedAt, endedAt: derivedAt }
      ]
      const description: ReleaseDescription = {
        staging,
        previous: decision.previous ? { dir: path.join(ctx.outDir, decision.previous.folder), version: decision.previous.version } : null,
        dataset,
        created: endedAt,
        phases,
        counts: tables.counts,
        documentIds: tables.documentIds,
        documentPart: tables.documentPart,
        entities: tables.entities,
        rawFiles: tables.rawFiles,
        refused: tables.problems,
        fingerprint: decision.fingerprint,
        changes: tables.changes,
        notes,
        pipelineVersion: ctx.pipelineVersion,
        gitCommit: ctx.gitCommit
      }
      const { changelogEntry } = yield* describeRelease(description)
      yield* writeCrate(description)
      stopwatch.lap("describe")
      const manifest = yield* sealRelease(staging, {
        datasetName: dataset.name,
        version,
        startedAt: options.startedAt,
        endedAt,
        pipelineVersion: ctx.pipelineVersion,
        gitCommit: ctx.gitCommit,
        configSha256: ctx.configSha256,
        dataFiles: ctx.dataFiles,
        rawFiles: tables.rawFiles,
        refused: tables.problems.map((p) => ({ path: p.file, reason: p.reason }))
      }, {
        version,
        created: endedAt,
        dataset: ctx.config.dataset,
        counts: tables.counts,
        notes: entryNotes(changelogEntry),
        fingerprint: decision.fingerprint,
        glance: tables.glance,
        refused: tables.problems
      })

      const shared = yield* linkUnchanged(ctx.outDir, staging, decision.previous?.version ?? null)
      if (shared) progress(`publish: ${Math.round(shared / 1e6)} MB of files unchanged since ${decision.previous!.version}, hard-linked to it`)
      stopwatch.lap("seal")
      yield* killPoint("before-publish")
      const folder = yield* publishRelease(ctx.outDir, staging, manifest, options.inputs ?? null)
      progress(`publish: release ${version} in ${folder}`)
      const pruned = yield* pruneReleases(ctx.outDir, ctx.config.release.keep)
      if (pruned.length) progress(`publish: release.keep ${ctx.config.release.keep}: removed the files of ${pruned.join(", ")} (the catalog still lists them)`)
      stopwatch.lap("publish")
      yield* updateCatalog(ctx.outDir)
      stopwatch.lap("site")
      progress(stopwatch.report())
      return { status: "published", version, folder, documents: tables.documents, refused: tables.problems, counts: tables.counts, fromCache: tables.cached } satisfies BuildSummary
    })
  )
