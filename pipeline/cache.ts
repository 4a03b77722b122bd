/**
 * Per-document results kept between builds, keyed by everything that decides them: the raw bytes' sha256, the
 * sidecar's, the doc_id, the stages' configuration and data files, and the stage code. A missing, corrupt or
 * foreign entry is recomputed, never trusted.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { sha256Hex } from "./stages/ingest.js"
import type { DocumentResult } from "./document.js"

export const CACHE_DIR = ".cache"
const FORMAT = 1

export interface CacheKeyParts {
  readonly stagesVersion: string
  readonly doc_id: string
  readonly source_path: string
  readonly sha256: string
  readonly sidecarSha256: string | null
}

export const cacheKey = (p: CacheKeyParts): string =>
  sha256Hex(JSON.stringify([FORMAT, p.stagesVersion, p.doc_id, p.source_path, p.sha256, p.sidecarSha256]))

const entryPath = (dir: string, key: string) => path.join(dir, key.slice(0, 2), `${key}.json`)

export type CachedOutcome = { readonly result: DocumentResult } | { readonly problem: string }

export const readCache = (dir: string, key: string): CachedOutcome | null => {
  try {
    const file = entryPath(dir, key)
    // most documents of a first build have no entry: asked without an exception
    if (!fs.existsSync(file)) return null
    const entry = JSON.parse(fs.readFileSync(file, "utf8")) as { key?: string; outcome?: CachedOutcome }
    if (entry.key !== key || !entry.outcome) return null
    const o = entry.outcome as { result?: DocumentResult; problem?: unknown }
    if (typeof o.problem === "string") return { problem: o.problem }
    if (o.result && typeof o.result.document?.doc_id === "string" && Array.isArray(o.result.mentions)) return { result: o.result }
    return null
  } catch {
    return null
  }
}

/** The entry folders this thread has made (or found) already. */
const made = new Set<string>()

/** Writes an entry through a temporary file and a rename, so a killed build never leaves half an entry. */
export const writeCache = (dir: string, key: string, outcome: CachedOutcome): void => {
  try {
    const file = entryPath(dir, key)
    const folder = path.dirname(file)
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    const text = JSON.stringify({ key, outcome })
    try {
      if (!made.has(folder)) throw Object.assign(new Error("not made yet"), { code: "ENOENT" })
      fs.writeFileSync(tmp, text)
    } catch (e) {
      // the folder was not made by this thread, or removed since
      if ((e as { code?: string }).code !== "ENOENT") throw e
      fs.mkdirSync(folder, { recursive: true })
      made.add(folder)
      fs.writeFileSync(tmp, text)
    }
    fs.renameSync(tmp, file)
  } catch {
    // a cache that cannot be written only costs time on the next build
  }
}

/**
 * Removes the document entries whose key is not in `keep` (the documents of the build that just succeeded): an entry
 * of a text changed or gone is never asked for again, and the cache stays the size of the corpus it serves.
 */
export const sweepDocuments = (dir: string, keep: ReadonlySet<string>): void => {
  if (!fs.existsSync(dir)) return
  for (const sub of fs.readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue
    for (const name of fs.readdirSync(path.join(dir, sub))) {
      if (!(name.endsWith(".json") && keep.has(name.slice(0, -".json".length)))) fs.rmSync(path.join(dir, sub, name), { force: true })
    }
  }
}

/**
 * The installed versions of the runtime dependencies (chrono-node, eld, az, ...): a new version of a library the
 * code calls can change a result as surely as our own code can. The lock file is found from the code's folder
 * upwards (pipeline/ or dist/pipeline/).
 */
const dependencyVersions = (codeDir: string): string => {
  for (let dir = codeDir; ; dir = path.dirname(dir)) {
    const lockFile = path.join(dir, "package-lock.json")
    if (fs.existsSync(lockFile)) {
      try {
        const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { packages?: Record<string, { version?: string; dev?: boolean }> }
        return Object.entries(lock.packages ?? {})
          .filter(([name, p]) => name.startsWith("node_modules/") && !p.dev)
          .map(([name, p]) => `${name}@${p.version ?? ""}`)
          .sort()
          .join("\n")
      } catch {
        return ""
      }
    }
    if (path.dirname(dir) === dir) return ""
  }
}

/**
 * A fingerprint of the code that decides a document's result, as it runs: the stage modules, the document composer,
 * the model, the per-file acceptance (sidecar decoding, refusals) and the data the stages load, as TypeScript
 * (pipeline/) or as the compiled JavaScript (dist/pipeline/), with the versions of the libraries they call; so a cache
 * entry is never trusted across a change of the code that made it, compiled or not.
 */
export const stagesCodeVersion = (pipelineDir: string): string =>
  codeFingerprint(pipelineDir, ["stages"], ["document", "model", "process-source", "sources", "entity-data"])

/** A fingerprint of all the pipeline's code as it runs: whatever shapes a release's bytes. */
export const pipelineCodeVersion = (pipelineDir: string): string => codeFingerprint(pipelineDir, ["."], [])

const codeFingerprint = (pipelineDir: string, folders: ReadonlyArray<string>, modules: ReadonlyArray<string>): string => {
  const ext = fs.existsSync(path.join(pipelineDir, "document.ts")) ? ".ts" : ".js"
  const files: Array<string> = []
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name)
      if (fs.statSync(abs).isDirectory()) walk(abs)
      else if (name.endsWith(ext) && !name.endsWith(".d.ts")) files.push(abs)
    }
  }
  for (const f of folders) walk(path.join(pipelineDir, f))
  for (const m of modules) files.push(path.join(pipelineDir, `${m}${ext}`))
  const code = files.map((f) => `${path.relative(pipelineDir, f)}\n${fs.readFileSync(f, "utf8")}`).join("\n")
  return sha256Hex(`${code}\n${dependencyVersions(pipelineDir)}`)
}
