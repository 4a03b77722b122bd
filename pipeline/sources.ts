/**
 * Finding the raw texts: every *.txt below the raw folder, its sidecar metadata, and the doc_id derived from its
 * relative path. Nothing is trusted from a file name; nothing under raw/ is ever written.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import picomatch from "picomatch"
import { Schema, SchemaIssue } from "effect"
import type { InputProblem } from "./errors.js"
import { attempt } from "./io.js"
import type { SourceMeta } from "./document.js"

export interface SourceFile {
  readonly doc_id: string
  /** relative to the raw folder, with "/" separators */
  readonly source_path: string
  readonly absolute: string
  readonly bytes: number
  /** its outcome's cache key, once a build has read it (process-source.ts) */
  readonly key?: string
}

export interface SourceListing {
  readonly files: ReadonlyArray<SourceFile>
  /** files refused one by one (the on_bad_input policy decides what happens to the build) */
  readonly problems: ReadonlyArray<InputProblem>
  /** raw files whose doc_ids collide: the build always stops, since either could be the document meant */
  readonly collisions: ReadonlyArray<InputProblem>
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export const docIdOf = (relativePath: string): string => relativePath.replace(/\.txt$/, "")

/** The key two doc_ids collide on: the same letters after case folding and Unicode normalisation. */
export const collisionKey = (docId: string): string => docId.normalize("NFKC").toLowerCase()

/**
 * What `raw` names (pipeline.yaml's key or --raw): a folder (every .txt below it), one .txt file, or a glob such as
 * "raw/2024-*\/*.txt". doc_ids are paths relative to `root`: the folder, the file's folder, or the glob's fixed part.
 */
export interface RawSelection {
  readonly root: string
  /** null when every .txt below root is meant */
  readonly matches: ((relativePath: string) => boolean) | null
}

export const selectRaw = (raw: string): RawSelection => {
  const scan = picomatch.scan(raw)
  if (scan.isGlob) {
    const isMatch = picomatch(scan.glob, { dot: false })
    return { root: fs.realpathSync(scan.base || "."), matches: (rel) => isMatch(rel) }
  }
  const stat = fs.statSync(raw)
  if (stat.isDirectory()) return { root: fs.realpathSync(raw), matches: null }
  if (!raw.endsWith(".txt")) throw Object.assign(new Error("it is neither a folder nor a .txt file"), { code: "ENOTTXT" })
  const name = path.basename(raw)
  return { root: fs.realpathSync(path.dirname(raw)), matches: (rel) => rel === name }
}

export const listSources = (raw: string, maxBytes: number) =>
  attempt(raw, "read the raw texts at", (): SourceListing => {
    const { root, matches } = selectRaw(raw)
    const files: Array<SourceFile> = []
    const problems: Array<InputProblem> = []
    const walk = (dir: string, rel: string) => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      for (const entry of entries) {
        const relPath = rel ? `${rel}/${entry.name}` : entry.name
        const abs = path.join(dir, entry.name)
        if (entry.name.startsWith(".")) continue
        if (matches && entry.isFile() && !matches(relPath)) continue
        let stat = fs.lstatSync(abs)
        if (stat.isSymbolicLink()) {
          let target: string
          try {
            target = fs.realpathSync(abs)
          } catch {
            if (entry.name.endsWith(".txt") && (!matches || matches(relPath))) problems.push({ file: relPath, reason: "a symbolic link whose target does not exist" })
            continue
          }
          if (target !== root && !target.startsWith(root + path.sep)) {
            if (entry.name.endsWith(".txt") && (!matches || matches(relPath))) problems.push({ file: relPath, reason: `a symbolic link that points outside the raw folder (${target})` })
            continue
          }
          stat = fs.statSync(abs)
        }
        if (stat.isDirectory()) {
          if (!stat.isSymbolicLink()) walk(abs, relPath)
          continue
        }
        if (!entry.name.endsWith(".txt") || !stat.isFile()) continue
        if (matches && !matches(relPath)) continue
        if (CONTROL.test(relPath)) {
          problems.push({ file: JSON.stringify(relPath), reason: "the file name holds control characters" })
          continue
        }
        if (stat.size > maxBytes) {
          problems.push({ file: relPath, reason: `the file is ${stat.size} bytes, over the limit of ${maxBytes} (ingest.max_file_bytes)` })
          continue
        }
        files.push({ doc_id: docIdOf(relPath), source_path: relPath, absolute: abs, bytes: stat.size })
      }
    }
    walk(root, "")
    const byKey = new Map<string, SourceFile>()
    const collided = new Set<SourceFile>()
    const collisions: Array<InputProblem> = []
    for (const f of files) {
      const other = byKey.get(collisionKey(f.doc_id))
      if (other) {
        collisions.push({ file: f.source_path, reason: `its doc_id collides with ${JSON.stringify(other.source_path)} (the names differ only by case or Unicode form); rename one of them` })
        collided.add(f).add(other)
      } else byKey.set(collisionKey(f.doc_id), f)
    }
    const kept = files.filter((f) => !collided.has(f)).sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0))
    return { files: kept, problems, collisions }
  })

export const readSourceBytes = (file: SourceFile) => attempt(file.absolute, "read", () => new Uint8Array(fs.readFileSync(file.absolute)))

const ISO_STATED_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$|^--(\d{2})-(\d{2})$/

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/** Why a stated date is not one the pipeline can use, or null: the pattern, then the calendar (2024-02-30 is no day). */
export const statedDateProblem = (value: string): string | null => {
  const m = ISO_STATED_DATE.exec(value)
  if (!m) return "is not an ISO 8601 date such as 2015-10-17, 2015-10, 2015, --10-17 or a timestamp 2015-10-17T08:30:00Z"
  const [, y, mo, d, hh, mi, ss, ymo, yd] = m
  const month = Number(mo ?? ymo ?? 1)
  const day = Number(d ?? yd ?? 1)
  if (month < 1 || month > 12) return `has no month ${mo ?? ymo}`
  const maxDay = daysIn(y ? Number(y) : 2000, month)
  if (day < 1 || day > maxDay) return `is not a calendar day (month ${month}${y ? ` of ${y}` : ""} has ${maxDay} days)`
  if (Number(hh ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(ss ?? 0) > 60) return "is not a time of day"
  return null
}

const StatedDate = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => {
    const problem = statedDateProblem(s)
    return problem === null ? undefined : `${JSON.stringify(s)} ${problem}`
  }))
)

/** BCP 47 by its syntax (RFC 5646 §2.1, simplified): a primary language subtag and optional subtags ("en", "ru-Latn", "tg-TJ"). */
const Bcp47 = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) =>
    /^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-[A-Za-z\d]{5,8}|-\d[A-Za-z\d]{3})*$/.test(s)
      ? undefined
      : `${JSON.stringify(s)} is not a BCP 47 language tag such as en, ru or tg-TJ`
  ))
)

const AbsoluteUrl = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (URL.canParse(s) ? undefined : `${JSON.stringify(s)} is not an absolute URL`)))
)

const NonEmpty = Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.trim() !== "" ? undefined : "is empty"))))

const Meta = Schema.Struct({
  url: Schema.optionalKey(AbsoluteUrl),
  retrieved_at: Schema.optionalKey(StatedDate),
  publisher: Schema.optionalKey(NonEmpty),
  published_date: Schema.optionalKey(StatedDate),
  language: Schema.optionalKey(Bcp47),
  title: Schema.optionalKey(NonEmpty),
  authors: Schema.optionalKey(Schema.Array(NonEmpty))
})

const SIDECAR_KEYS = Object.keys(Meta.fields).join(", ")
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/** Each problem as `key: what is wrong with its value`, joined with "; ". */
const sidecarIssues = (issue: SchemaIssue.Issue): string =>
  formatIssues(issue)
    .issues.map((i) => {
      const keyPath = (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p))
      const key = keyPath.length ? keyPath.map((k, n) => (n > 0 && /^\d+$/.test(k) ? `[${k}]` : n > 0 ? `.${k}` : k)).join("") : "the file"
      const message = /excess property/i.test(i.message) ? `is not a key a sidecar may state (${SIDECAR_KEYS})` : i.message
      return `${key} ${message}`
    })
    .join("; ")

/** The sidecar `<name>.meta.json` beside a raw text, if any: its statements win over what the stages infer. */
export const readSidecar = (file: SourceFile): { meta: SourceMeta | null; problem: string | null; sha256Input: string | null } => {
  const sidecar = file.absolute.replace(/\.txt$/, ".meta.json")
  if (!fs.existsSync(sidecar)) return { meta: null, problem: null, sha256Input: null }
  let text: string
  try {
    text = fs.readFileSync(sidecar, "utf8")
  } catch (e) {
    return { meta: null, problem: `its metadata file could not be read: ${String(e)}`, sha256Input: null }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { meta: null, problem: `its metadata file ${path.basename(sidecar)} is not valid JSON: ${(e as Error).message}`, sha256Input: text }
  }
  const decoded = Schema.decodeUnknownResult(Meta)(raw, { errors: "all", onExcessProperty: "error" })
  if (decoded._tag === "Failure") {
    return { meta: null, problem: `its metadata file ${path.basename(sidecar)} states what the pipeline cannot use: ${sidecarIssues(decoded.failure.issue)}`, sha256Input: text }
  }
  const meta = decoded.success as SourceMeta
  // a stated timestamp is cut back to its calendar date: the published_date column holds dates, not instants
  const published = meta.published_date?.slice(0, 10)
  return { meta: published ? { ...meta, published_date: published } : meta, problem: null, sha256Input: text }
}
