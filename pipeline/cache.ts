/**
 * Per-document results kept between builds, keyed by everything that decides them: the raw bytes' sha256, the
 * sidecar's, the doc_id, the stages' configuration and data files, and the stage code. They are kept inside the entry
 * of the slice the document was in (slice-cache.ts), not one file per document: a build writes one file per slice, and
 * the results go when their slice is swept. A missing, corrupt or foreign result is recomputed, never trusted.
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

export type CachedOutcome = { readonly result: DocumentResult } | { readonly problem: string }

/** A decoded cached outcome if it has the shape of one, else null. */
export const checkOutcome = (value: unknown): CachedOutcome | null => {
  const o = value as { result?: DocumentResult; problem?: unknown } | null
  if (!o || typeof o !== "object") return null
  if (typeof o.problem === "string") return { problem: o.problem }
  if (o.result && typeof o.result.document?.doc_id === "string" && Array.isArray(o.result.mentions)) return { result: o.result }
  return null
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
