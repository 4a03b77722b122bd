/**
 * pipeline.yaml as a Schema: decoding with defaults, refusals that name the key, its line and what was expected,
 * and the JSON Schema of the file (written to schemas/pipeline.schema.json).
 */
import { Effect, Schema, SchemaIssue } from "effect"
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml"
import { ConfigError } from "./errors.js"

const NonEmpty = Schema.NonEmptyString
const withDefault = <S extends Schema.Top & { readonly "~type.make.in": unknown }>(value: S["Encoded"]) =>
  Schema.withDecodingDefaultKey<S>(Effect.succeed(value))

export class DatasetConfig extends Schema.Class<DatasetConfig>("DatasetConfig")({
  name: Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9._-]*$/, { message: "Expected a lower-case name of letters, digits, '.', '_' or '-'" }))
  ).annotate({ description: "Machine name of the dataset; never changes between releases" }),
  title: NonEmpty,
  description: NonEmpty,
  license: NonEmpty.annotate({ description: "SPDX identifier of the data licence, e.g. CC-BY-4.0" }),
  publisher: NonEmpty,
  keywords: Schema.Array(Schema.String).pipe(withDefault([])),
  url: Schema.optionalKey(
    Schema.String.pipe(Schema.check(Schema.isPattern(/^https?:\/\/[^\s]+$/, { message: "Expected an http(s) address such as https://data.example.org/border/" })))
  ).annotate({ description: "Where the output folder is published (its index.html); citations give each release's download address under it" })
}) {}

export class IngestConfig extends Schema.Class<IngestConfig>("IngestConfig")({
  max_file_bytes: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)), withDefault(20_000_000)).annotate({
    description: "A raw file larger than this is refused"
  }),
  on_bad_input: Schema.Literals(["fail", "skip"]).pipe(withDefault("fail")).annotate({
    description: "fail: stop before publishing and name every bad file; skip: leave bad files out and list them"
  })
}) {}

export class CleanConfig extends Schema.Class<CleanConfig>("CleanConfig")({
  rules: NonEmpty.annotate({ description: "Path of the cleaning rules file, relative to pipeline.yaml" })
}) {}

export class DatesConfigFile extends Schema.Class<DatesConfigFile>("DatesConfigFile")({
  events: Schema.optionalKey(NonEmpty).annotate({ description: "Path of the named-events file, relative to pipeline.yaml" }),
  vague: Schema.Boolean.pipe(withDefault(false)).annotate({
    description: "Also report vague references to the present, past and future (\"now\", \"recently\", \"the future\") with the values PRESENT_REF, PAST_REF and FUTURE_REF"
  })
}) {}

export class EntitiesConfig extends Schema.Class<EntitiesConfig>("EntitiesConfig")({
  gazetteer: NonEmpty.annotate({ description: "Path of the entity gazetteer, relative to pipeline.yaml" })
}) {}

export class BuildConfig extends Schema.Class<BuildConfig>("BuildConfig")({
  concurrency: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 256 })), withDefault(2)).annotate({
    description: "Documents processed at once"
  }),
  lock_wait_seconds: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 86_400 })), withDefault(60)).annotate({
    description: "How long a build waits for another build on the same output folder before giving up"
  })
}) {}

export class ReleaseConfig extends Schema.Class<ReleaseConfig>("ReleaseConfig")({
  keep: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))).annotate({
    description: "Keep the files of only this many newest releases in the output folder; older ones stay listed in the catalog with their checksums"
  })
}) {}

export class PipelineConfig extends Schema.Class<PipelineConfig>("PipelineConfig")({
  dataset: DatasetConfig,
  raw: NonEmpty.annotate({ description: "Folder of scraped .txt files, relative to pipeline.yaml" }),
  out: NonEmpty.annotate({ description: "Output folder, relative to pipeline.yaml" }),
  ingest: IngestConfig.pipe(withDefault({})),
  clean: CleanConfig,
  dates: DatesConfigFile.pipe(withDefault({})),
  entities: EntitiesConfig,
  build: BuildConfig.pipe(withDefault({})),
  release: ReleaseConfig.pipe(withDefault({}))
}) {}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** One line per problem: `key.path (line N): what was expected`. */
export const describeIssues = (issue: SchemaIssue.Issue, doc?: Document, lines?: LineCounter): string => {
  const all = formatter(issue).issues
  const shown = all.slice(0, MAX_ISSUES_SHOWN).map((i) => {
      const path = (i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p)) as Array<PropertyKey>
      const key = path.length ? path.map(String).join(".") : "<top level>"
      const line = doc && lines ? lineOf(doc, lines, path) : undefined
      return `  ${key}${line ? ` (line ${line})` : ""}: ${i.message}`
    })
  return [...shown, ...(all.length > shown.length ? [`  … and ${all.length - shown.length} more`] : [])].join("\n")
}

const MAX_ISSUES_SHOWN = 20

const lineOf = (doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined => {
  // the deepest node on the path that exists: for a missing key, that is the map that lacks it
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth)
    if (depth > 0) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === prefix[prefix.length - 1])
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined
        if (range) return lines.linePos(range[0]).line
      }
      continue
    }
    const range = doc.contents?.range
    if (range) return lines.linePos(range[0]).line
  }
  return undefined
}

/** Every key written twice in one map, with its dotted path, its line and the line of its first occurrence. */
const duplicateKeys = (doc: Document, lines: LineCounter) => {
  const found: Array<{ path: string; line: number; firstLine: number }> = []
  const visit = (node: unknown, prefix: ReadonlyArray<string>) => {
    if (!isMap(node)) return
    const first = new Map<string, number>()
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null
      const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : 0
      if (key === null) continue
      const seen = first.get(key)
      if (seen !== undefined) found.push({ path: [...prefix, key].join("."), line, firstLine: seen })
      else first.set(key, line)
      visit(pair.value, [...prefix, key])
    }
  }
  visit(doc.contents, [])
  return found
}

/** Parses YAML strictly: duplicate keys, alias bombs and syntax errors are refused with the line. */
export const parseYaml = (file: string, text: string) =>
  Effect.gen(function* () {
    const lines = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true })
    if (doc.errors.length > 0) {
      const duplicates = duplicateKeys(doc, lines)
      const message = doc.errors.map((e) => {
        const duplicate = e.code === "DUPLICATE_KEY" ? duplicates.find((d) => d.line === e.linePos?.[0]?.line) : undefined
        return duplicate
          ? `  ${duplicate.path} (line ${duplicate.line}): duplicate key, already set at line ${duplicate.firstLine}; a key may appear once`
          : `  ${e.message.split("\n")[0]}`
      })
      return yield* new ConfigError({ file, message: message.join("\n") })
    }
    const value = yield* Effect.try({
      try: () => doc.toJS({ maxAliasCount: 100 }) as unknown,
      catch: (e) => new ConfigError({ file, message: `  ${e instanceof Error ? e.message : String(e)}` })
    })
    return { value, doc, lines }
  })

export const decodeConfig = (file: string, text: string) =>
  Effect.gen(function* () {
    const { value, doc, lines } = yield* parseYaml(file, text)
    return yield* Schema.decodeUnknownEffect(PipelineConfig)(value, { errors: "all", onExcessProperty: "error" }).pipe(
      Effect.mapError((e) => new ConfigError({ file, message: describeIssues(e.issue, doc, lines) }))
    )
  })

/** Decodes a data file (rules, gazetteer, events) with its own schema; errors name the file, key and line. */
export const decodeDataFile = <S extends Schema.Top>(schema: S, file: string, text: string) =>
  Effect.gen(function* () {
    const { value, doc, lines } = yield* parseYaml(file, text)
    return yield* (Schema.decodeUnknownEffect(schema)(value, { errors: "all", onExcessProperty: "error" }) as Effect.Effect<
      S["Type"],
      Schema.SchemaError
    >).pipe(Effect.mapError((e) => new ConfigError({ file, message: describeIssues(e.issue, doc, lines) })))
  })

export const configJsonSchema = () => {
  const doc = Schema.toJsonSchemaDocument(PipelineConfig)
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title: "pipeline.yaml", ...doc.schema, $defs: doc.definitions }
}
