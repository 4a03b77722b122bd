/**
 * The commands: parse flags, run the program, render errors once. Progress goes to stderr, the summary to stdout.
 */
import * as path from "node:path"
import { Cause, Console, Effect, Option, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { build, merge, validate, type BuildSummary } from "./build.js"
import { parseShard } from "./shards.js"
import { makeProgressReporter } from "./progress.js"
import { ReleaseError } from "./errors.js"
import { exists, makeDir, readText, writeText } from "./io.js"
import { loadBuildContext, pipelineVersion } from "./context.js"
import { readSidecar, readSourceBytes } from "./sources.js"
import { ingestBytes } from "./stages/ingest.js"
import type { PipelineError } from "./errors.js"
import { schemaFiles, withColumnsSection } from "./release/describe/frictionless.js"
import { withLayoutSection } from "./release/contents.js"
import { configJsonSchema } from "./config.js"
import { loadConfigFile } from "./context.js"
import { diffReleases, renderDiff } from "./release/history/diff.js"
import { releaseEntityReport } from "./release/report.js"
import { formatEntityReport } from "./stages/entities/report.js"

const EXIT_CODES: Record<PipelineError["_tag"], number> = {
  ConfigError: 2,
  BadInputError: 3,
  IoError: 4,
  LockError: 5,
  ReleaseError: 6,
  // EX_SOFTWARE, as for any other internal error
  StageDefectError: 70
}

/** What a failed build or merge leaves, said after a file-system error (other errors say it themselves or publish nothing). */
const NOTHING_PUBLISHED = " Nothing was published; earlier releases are untouched."

/**
 * The one place errors become text: a tagged error says what to do; anything else is a bug, reported as such.
 * `publishes` marks the commands that write releases, whose file-system errors also say that nothing was published.
 */
export const renderErrors = <A, R>(program: Effect.Effect<A, PipelineError, R>, options: { readonly publishes?: boolean } = {}) =>
  program.pipe(
    Effect.catch((e: PipelineError) =>
      Console.error(`error: ${e.userMessage}${options.publishes && e._tag === "IoError" ? NOTHING_PUBLISHED : ""}`).pipe(
        Effect.andThen(Effect.sync(() => void (process.exitCode = EXIT_CODES[e._tag])))
      )
    ),
    Effect.catchCause((cause) =>
      Cause.hasInterruptsOnly(cause)
        ? Effect.failCause(cause)
        : Console.error(`internal error (please report it): ${Cause.pretty(cause)}`).pipe(Effect.andThen(Effect.sync(() => void (process.exitCode = 70))))
    )
  )

const config = Flag.String("config").pipe(Flag.withAlias("c"), Flag.withDescription("Path to pipeline.yaml"), Flag.withDefault("pipeline.yaml"))
const raw = Flag.String("raw").pipe(Flag.withDescription("The raw texts: a folder of .txt files, one .txt file, or a quoted glob such as 'raw/2024-*/*.txt' (overrides pipeline.yaml)"), Flag.optional)
const out = Flag.String("out").pipe(Flag.withDescription("Output folder (overrides pipeline.yaml)"), Flag.optional)
const releaseVersion = Flag.String("release-version").pipe(
  Flag.withDescription("Publish under this semantic version instead of the one the change rules pick"),
  Flag.optional
)

const opt = (o: Option.Option<string>) => Option.getOrUndefined(o)
const reporter = makeProgressReporter(process.stderr)
const progress = reporter.line

const summaryLine = (s: BuildSummary): string => {
  const shown = s.refused.slice(0, 10).map((r) => `${r.file} (${r.reason})`).join(", ")
  const more = s.refused.length > 10 ? `, and ${s.refused.length - 10} more (all are listed in the release's provenance.jsonld and README)` : ""
  const refused = s.refused.length ? `; ${s.refused.length} raw file(s) left out: ${shown}${more}` : ""
  switch (s.status) {
    case "unchanged":
      return `unchanged: ${s.documents} document(s) give the same tables and metadata as release ${s.version}; nothing published${refused}`
    case "shard":
      return `shard written: ${s.documents} document(s) in ${s.folder}${refused}`
    case "published":
      return `published ${s.version}: ${s.documents} document(s), ${s.counts.mentions} mention(s), ${s.counts.dates} date(s) in ${s.folder}${refused}`
  }
}

const shard = Flag.String("shard").pipe(
  Flag.withDescription("Process only share i of n (i/n, from 0) into out/shards/i-of-n; combine the shards with merge"),
  Flag.withSchema(Schema.String.pipe(Schema.check(Schema.isPattern(/^\d+\/\d+$/, { message: "Expected i/n, e.g. 0/4" })))),
  Flag.optional
)

const buildCommand = Command.make("build", { config, raw, out, releaseVersion, shard }, (f) =>
  renderErrors(
    Effect.suspend(() => {
      const spec = Option.isSome(f.shard) ? parseShard(f.shard.value) : undefined
      if (spec === null) return Effect.fail(new ReleaseError({ message: `--shard ${Option.getOrUndefined(f.shard)}: expected i/n with 0 <= i < n` }))
      return build({ configPath: f.config, raw: opt(f.raw), out: opt(f.out), version: opt(f.releaseVersion), progress, onStages: reporter.stages, shard: spec })
    }).pipe(
      Effect.scoped,
      Effect.flatMap((s) => Console.log(summaryLine(s)))
    ),
    { publishes: true }
  )
).pipe(Command.withDescription("Build a release from the raw texts into the output folder"))

const mergeCommand = Command.make(
  "merge",
  { config, out, releaseVersion, shards: Argument.String("shard-folder").pipe(Argument.withDescription("Shard folders (default: every folder in out/shards)"), Argument.variadic()) },
  (f) =>
    renderErrors(
      merge({ configPath: f.config, out: opt(f.out), version: opt(f.releaseVersion), progress, shardDirs: f.shards }).pipe(
        Effect.scoped,
        Effect.flatMap((s) => Console.log(summaryLine(s)))
      ),
      { publishes: true }
    )
).pipe(Command.withDescription("Combine the shard folders of a sharded build into one release, identical to a single-machine build"))

const validateCommand = Command.make("validate", { config, raw }, (f) =>
  renderErrors(
    Effect.gen(function* () {
      const report = yield* validate({ configPath: f.config, raw: opt(f.raw), onStages: reporter.stages }).pipe(Effect.scoped)
      for (const p of report.problems) yield* Console.error(`  ${p.file}: ${p.reason}`)
      yield* Console.log(`${f.config} is valid; ${report.files} raw text(s), ${report.problems.length} refused`)
      if (report.problems.length > 0) process.exitCode = 3
    })
  )
).pipe(Command.withDescription("Make every check a build makes on the configuration, its data files and the raw texts; writes nothing"))

const cleanCommand = Command.make("clean", { config, file: Argument.String("file").pipe(Argument.withDescription("A raw .txt file")) }, (f) =>
  renderErrors(
    Effect.gen(function* () {
      const ctx = yield* loadBuildContext({ configPath: f.config })
      const file = { doc_id: "", source_path: f.file, absolute: path.resolve(f.file), bytes: 0 }
      const bytes = yield* readSourceBytes(file)
      const r = ingestBytes(bytes)
      // the sidecar beside the file (url, retrieved_at, ...) as the build reads it
      const sidecar = readSidecar(file)
      const problem = r.ok ? sidecar.problem : r.reason
      if (!r.ok || problem !== null) return yield* Console.error(`error: ${f.file}: ${problem}`).pipe(Effect.andThen(Effect.sync(() => void (process.exitCode = 3))))
      const source = { url: sidecar.meta?.url ?? null, retrieved_at: sidecar.meta?.retrieved_at ?? null }
      // the stage's code is imported here, not with the command line: a build's main thread never needs it
      const { stages } = yield* Effect.promise(() => ctx.loadStages())
      const { cleanText } = yield* Effect.promise(() => import("./stages/clean/index.js"))
      yield* Console.log(JSON.stringify(cleanText(r.text, stages.rules, source), null, 2))
    })
  )
).pipe(Command.withDescription("Print the cleaned result of one raw file as JSON (title, authors, kind, body, comments, removed lines), reading its sidecar <name>.meta.json as the build does"))

const schemasCommand = Command.make("schemas", { dir: Flag.String("dir").pipe(Flag.withDefault("schemas"), Flag.withDescription("Where to write the schema files")) }, (f) =>
  renderErrors(
    Effect.gen(function* () {
      yield* makeDir(f.dir)
      const files = { ...schemaFiles(), "pipeline.schema.json": configJsonSchema() }
      for (const [name, content] of Object.entries(files)) yield* writeText(path.join(f.dir, name), JSON.stringify(content, null, 2) + "\n")
      if (yield* exists("README.md")) yield* writeText("README.md", withLayoutSection(withColumnsSection(yield* readText("README.md"))))
      yield* Console.log(`wrote ${Object.keys(files).length} schema file(s) to ${f.dir}`)
    })
  )
).pipe(Command.withDescription("Write the JSON schemas of every table and of pipeline.yaml (schemas/ in the repository)"))

const diffCommand = Command.make(
  "diff",
  { config, out, from: Argument.String("from").pipe(Argument.withDescription("The earlier release, e.g. 1.0.0")), to: Argument.String("to").pipe(Argument.withDescription("The later release, e.g. 1.1.0")) },
  (f) =>
    renderErrors(
      Effect.gen(function* () {
        const outDir = Option.isSome(f.out) ? path.resolve(f.out.value) : path.resolve(path.dirname(f.config), (yield* loadConfigFile(f.config)).config.out)
        yield* Console.log(renderDiff(yield* diffReleases(outDir, f.from, f.to)).trimEnd())
      })
    )
).pipe(Command.withDescription("Print what changed between two releases: documents added, removed and modified (with the columns that changed), table layout changes"))

const reportCommand = Command.make(
  "report",
  {
    config,
    out,
    release: Flag.String("release").pipe(Flag.withDescription("Which release (default: the latest)"), Flag.optional),
    limit: Flag.Int("limit").pipe(Flag.withDescription("Rows per list"), Flag.withDefault(50))
  },
  (f) =>
    renderErrors(
      Effect.gen(function* () {
        const outDir = Option.isSome(f.out) ? path.resolve(f.out.value) : path.resolve(path.dirname(f.config), (yield* loadConfigFile(f.config)).config.out)
        const { version, report } = yield* releaseEntityReport(outDir, opt(f.release))
        yield* Console.log(`Release ${version}\n${formatEntityReport(report, { limit: f.limit })}`)
      })
    )
).pipe(Command.withDescription("List each entity with its mentions, documents and spellings, and the provisional entities by frequency (candidates for the gazetteer)"))

export const pipelineCommand = Command.make("pipeline").pipe(
  Command.withDescription("Turn scraped news, blog and forum texts into a versioned open dataset"),
  Command.withSubcommands([buildCommand, mergeCommand, validateCommand, cleanCommand, schemasCommand, diffCommand, reportCommand])
)

export const runCli = Command.run(pipelineCommand, { version: pipelineVersion() })
