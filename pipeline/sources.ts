/**
 * Finding the raw texts: every *.txt below the raw folder, its sidecar metadata, and the doc_id derived from its
 * relative path. Nothing is trusted from a file name; nothing under raw/ is ever written.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Schema } from "effect"
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

export const listSources = (rawDir: string, maxBytes: number) =>
  attempt(rawDir, "read the raw folder", (): SourceListing => {
    const root = fs.realpathSync(rawDir)
    const files: Array<SourceFile> = []
    const problems: Array<InputProblem> = []
    const walk = (dir: string, rel: string) => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      for (const entry of entries) {
        const relPath = rel ? `${rel}/${entry.name}` : entry.name
        const abs = path.join(dir, entry.name)
        if (entry.name.startsWith(".")) continue
        let stat = fs.lstatSync(abs)
        if (stat.isSymbolicLink()) {
          let target: string
          try {
            target = fs.realpathSync(abs)
          } catch {
            if (entry.name.endsWith(".txt")) problems.push({ file: relPath, reason: "a symbolic link whose target does not exist" })
            continue
          }
          if (target !== root && !target.startsWith(root + path.sep)) {
            if (entry.name.endsWith(".txt")) problems.push({ file: relPath, reason: `a symbolic link that points outside the raw folder (${target})` })
            continue
          }
          stat = fs.statSync(abs)
        }
        if (stat.isDirectory()) {
          if (!stat.isSymbolicLink()) walk(abs, relPath)
          continue
        }
        if (!entry.name.endsWith(".txt") || !stat.isFile()) continue
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

const Meta = Schema.Struct({
  url: Schema.optionalKey(Schema.String),
  retrieved_at: Schema.optionalKey(Schema.String),
  publisher: Schema.optionalKey(Schema.String),
  published_date: Schema.optionalKey(
    Schema.String.pipe(
      Schema.check(Schema.isPattern(/^(\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?|--\d{2}-\d{2})$/, {
        message: "Expected an ISO 8601 date such as 2015-10-17, 2015-10, 2015 or a timestamp 2015-10-17T08:30:00Z"
      }))
    )
  ),
  language: Schema.optionalKey(Schema.String),
  title: Schema.optionalKey(Schema.String),
  authors: Schema.optionalKey(Schema.Array(Schema.String))
})

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
    return { meta: null, problem: `its metadata file ${path.basename(sidecar)} is invalid: ${decoded.failure.message.replace(/\n/g, " ")}`, sha256Input: text }
  }
  const meta = decoded.success as SourceMeta
  // a stated timestamp is cut back to its calendar date: the published_date column holds dates, not instants
  const published = meta.published_date?.slice(0, 10)
  return { meta: published ? { ...meta, published_date: published } : meta, problem: null, sha256Input: text }
}
