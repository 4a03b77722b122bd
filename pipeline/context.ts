/**
 * Everything a build needs before it touches a raw file: the decoded configuration, the data files it references
 * (cleaning rules, gazetteer, named events), the compiled stages, and the clock (SOURCE_DATE_EPOCH when set).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { DateTime, Effect } from "effect"
import { decodeConfig, decodeDataFile, type PipelineConfig } from "./config.js"
import type { ProcessOutcome, SourceText, StageContext } from "./document.js"
import { ConfigError } from "./errors.js"
import { attemptAsync, readText } from "./io.js"
import { CleanRules } from "./stages/clean/rules.js"
import { Gazetteer } from "./stages/entities/gazetteer.js"
import { sha256Hex } from "./stages/ingest.js"
import { EventsFile, eventsConfig } from "./stages/events.js"
import { pipelineCodeVersion, stagesCodeVersion } from "./cache.js"

/** The per-document work, ready to run: the stages' code and the data they read. */
export interface StageRunner {
  readonly stages: StageContext
  readonly processDocument: (source: SourceText, stages: StageContext) => ProcessOutcome
}

export interface BuildContext {
  readonly config: PipelineConfig
  readonly configDir: string
  readonly rawDir: string
  readonly outDir: string
  /**
   * The stages' code and data (the language model, the morphology dictionaries, the gazetteer's matcher: about
   * 150 MB), loaded on the first call, once: a thread that only writes the release (the main thread of a build with
   * worker threads) never loads them.
   */
  readonly loadStages: () => Promise<StageRunner>
  readonly configSha256: string
  /** sha256 of the dataset description (the metadata a PATCH release may change) */
  readonly metadataSha256: string
  readonly dataFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly pipelineVersion: string
  /** what decides a document's result besides its bytes: stage code, configuration and data files (the cache key) */
  readonly stagesVersion: string
  /** all the pipeline's code as it runs, and the configuration: with the documents' keys, all a release depends on */
  readonly buildVersion: string
  readonly gitCommit: string | null
  /** the build's clock as an ISO instant; SOURCE_DATE_EPOCH pins it for reproducible releases */
  readonly now: Effect.Effect<string>
}

/** This module's folder: pipeline/ when run as TypeScript, dist/pipeline/ when compiled. */
const codeDir = path.dirname(fileURLToPath(import.meta.url))
/** The package's folder: the nearest above that holds a package.json. */
const projectRoot = (() => {
  for (let dir = codeDir; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir
    if (path.dirname(dir) === dir) return path.resolve(codeDir, "..")
  }
})()

export const pipelineVersion = (): string => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version
  } catch {
    return "0.0.0"
  }
}

const gitCommit = (): string | null => {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: projectRoot, stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || null
  } catch {
    return null
  }
}

/** A configuration or data file's text; a missing one is a configuration problem, not an I/O failure. */
export const readConfigText = (file: string, what: string) =>
  readText(file).pipe(
    Effect.mapError((e) => ((e.cause as { code?: string }).code === "ENOENT" ? new ConfigError({ file, message: `  ${what} not found` }) : e))
  )

export const loadConfigFile = (configPath: string) =>
  Effect.gen(function* () {
    const text = yield* readConfigText(configPath, "the configuration file was")
    const config = yield* decodeConfig(configPath, text)
    return { config, text }
  })

let cachedCodeVersion: string | null = null
const codeVersion = (): string => (cachedCodeVersion ??= stagesCodeVersion(codeDir))
let cachedPipelineCode: string | null = null
const pipelineCode = (): string => (cachedPipelineCode ??= pipelineCodeVersion(codeDir))

export const clockFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Effect.Effect<string> => {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && /^\d+$/.test(epoch)) {
    const fixed = new Date(Number(epoch) * 1000).toISOString()
    return Effect.succeed(fixed)
  }
  return Effect.map(DateTime.now, DateTime.formatIso)
}

/** The data files the stages read, decoded and validated, with their checksums (in the configuration's order). */
const decodeStageData = (config: PipelineConfig, configPath: string) =>
  Effect.gen(function* () {
    const configDir = path.dirname(path.resolve(configPath))
    const dataFiles: Array<{ path: string; sha256: string }> = []
    const loadData = <S extends Parameters<typeof decodeDataFile>[0]>(schema: S, rel: string, what: string) =>
      Effect.gen(function* () {
        const file = path.resolve(configDir, rel)
        const body = yield* readConfigText(file, `${what} (${rel}, named in ${configPath}) was`)
        dataFiles.push({ path: rel, sha256: sha256Hex(body) })
        return yield* decodeDataFile(schema, file, body)
      })
    const rules = (yield* loadData(CleanRules, config.clean.rules, "the cleaning rules file")) as CleanRules
    const gazetteer = (yield* loadData(Gazetteer, config.entities.gazetteer, "the gazetteer")) as Gazetteer
    const events = config.dates.events ? eventsConfig((yield* loadData(EventsFile, config.dates.events, "the named-events file")) as EventsFile) : []
    return { rules, gazetteer, events, dataFiles }
  })

type StageData = Effect.Success<ReturnType<typeof decodeStageData>>

/** The stages' modules and data, imported and loaded here, not where this module is imported. */
const makeRunner = async (config: PipelineConfig, data: StageData): Promise<StageRunner> => {
  const [{ processDocument }, { makeEntityFinder }, { loadCitiesSync, loadCountriesSync, loadMorphologySync }] = await Promise.all([
    import("./document.js"),
    import("./stages/entities/index.js"),
    import("./entity-data.js")
  ])
  const morphology = loadMorphologySync()
  const findEntities = makeEntityFinder(data.gazetteer, { morphology, countries: loadCountriesSync(), cities: loadCitiesSync() })
  return { stages: { rules: data.rules, dates: { events: data.events, vague: config.dates.vague }, findEntities }, processDocument }
}

/** Only what the per-document work needs (a worker thread's start): the configuration, its data files and the stages. */
export const loadStageRunner = (configPath: string) =>
  Effect.gen(function* () {
    const { config } = yield* loadConfigFile(configPath)
    const data = yield* decodeStageData(config, configPath)
    return yield* attemptAsync("node_modules", "load the stages' code and data (the morphology dictionaries, the language model) from", () => makeRunner(config, data))
  })

export const loadBuildContext = (options: { configPath: string; raw?: string | undefined; out?: string | undefined }) =>
  Effect.gen(function* () {
    const { config, text } = yield* loadConfigFile(options.configPath)
    const configDir = path.dirname(path.resolve(options.configPath))
    const resolve = (p: string) => path.resolve(configDir, p)
    // decoded now, so a wrong data file is named before anything runs; the stages themselves load when first needed
    const data = yield* decodeStageData(config, options.configPath)
    const { dataFiles } = data
    let runner: Promise<StageRunner> | null = null
    return {
      config,
      configDir,
      rawDir: options.raw ? path.resolve(options.raw) : resolve(config.raw),
      outDir: options.out ? path.resolve(options.out) : resolve(config.out),
      loadStages: () => (runner ??= makeRunner(config, data)),
      configSha256: sha256Hex(text),
      metadataSha256: sha256Hex(JSON.stringify(config.dataset)),
      dataFiles,
      pipelineVersion: pipelineVersion(),
      stagesVersion: sha256Hex(JSON.stringify([codeVersion(), dataFiles.map((f) => f.sha256), config.clean, config.dates, config.entities])),
      buildVersion: sha256Hex(JSON.stringify([pipelineCode(), pipelineVersion(), sha256Hex(text), dataFiles.map((f) => f.sha256)])),
      gitCommit: gitCommit(),
      now: clockFromEnvironment()
    } satisfies BuildContext
  })
