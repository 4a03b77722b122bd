/**
 * The staging folder a release is assembled in, and the one registry of the size and sha256 of every file written
 * there. Files are hashed as they are written (never read back to be hashed), only files the release contract
 * (contents.ts) names may be written, and every list of files a describing file needs comes from the registry, never
 * from listing the folder.
 */
import * as path from "node:path"
import { Effect } from "effect"
import { attempt, makeTempDir, openAppenderSync, remove, type Appender, type WrittenFile } from "../io.js"
import { IoError } from "../errors.js"
import { releaseContents, STEPS, type ReleaseFileSpec, type Step } from "./contents.js"
import { createHash } from "node:crypto"
import * as fs from "node:fs"

export interface RegisteredFile extends WrittenFile {
  readonly name: string
  readonly spec: ReleaseFileSpec
}

export interface Staging {
  readonly dir: string
  /** the release contract for this dataset, sorted by name */
  readonly contents: ReadonlyArray<ReleaseFileSpec>
  /** opens a release file to be written in pieces; `close` registers it */
  readonly append: (name: string) => Effect.Effect<Appender, IoError>
  /** writes a whole release file (fsynced) and registers it */
  readonly write: (name: string, data: string | Uint8Array) => Effect.Effect<WrittenFile, IoError>
  /** registers a file a library wrote by itself, from the bytes it produced */
  readonly adopt: (name: string, written: WrittenFile) => Effect.Effect<void>
  /** a hidden working file of the assembly (never part of the release) */
  readonly workFile: (name: string) => string
  /** the registered files, sorted by name, optionally only those matching */
  readonly files: (pick?: (spec: ReleaseFileSpec) => boolean) => ReadonlyArray<RegisteredFile>
  readonly get: (name: string) => RegisteredFile | undefined
  /** fails (a bug) unless every required file of the steps up to `step` has been written */
  readonly expectComplete: (step: Step) => Effect.Effect<void>
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** A staging folder in outDir for the life of the surrounding scope: removed when it closes unless renamed away. */
export const openStaging = (outDir: string, datasetName: string) =>
  Effect.acquireRelease(makeTempDir(outDir, ".staging-"), (dir) => remove(dir).pipe(Effect.ignore)).pipe(
    Effect.map((dir) => makeStaging(dir, datasetName))
  )

export const makeStaging = (dir: string, datasetName: string): Staging => {
  const contents = releaseContents(datasetName)
  const specs = new Map(contents.map((s) => [s.name, s]))
  const registry = new Map<string, RegisteredFile>()
  const specOf = (name: string): ReleaseFileSpec => {
    const s = specs.get(name)
    // a file the contract does not name is a bug in the assembly, not a user's problem
    if (!s) throw new Error(`${name} is not a file of a release (pipeline/release/contents.ts)`)
    return s
  }
  const register = (name: string, written: WrittenFile) => registry.set(name, { name, spec: specOf(name), ...written })
  return {
    dir,
    contents,
    append: (name) =>
      Effect.sync(() => specOf(name)).pipe(
        Effect.flatMap(() => attempt(path.join(dir, name), "write", () => openAppenderSync(path.join(dir, name)))),
        Effect.map((appender): Appender => ({
          ...appender,
          close: () => {
            const written = appender.close()
            register(name, written)
            return written
          }
        }))
      ),
    write: (name, data) =>
      Effect.sync(() => specOf(name)).pipe(
        Effect.flatMap(() =>
          attempt(path.join(dir, name), "write", () => {
            const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data
            const fd = fs.openSync(path.join(dir, name), "w")
            try {
              fs.writeSync(fd, buf)
              fs.fsyncSync(fd)
            } finally {
              fs.closeSync(fd)
            }
            const written = { bytes: buf.byteLength, sha256: createHash("sha256").update(buf).digest("hex") }
            register(name, written)
            return written
          })
        )
      ),
    adopt: (name, written) => Effect.sync(() => void register(name, written)),
    workFile: (name) => path.join(dir, `.${name}`),
    files: (pick) => [...registry.values()].filter((f) => !pick || pick(f.spec)).sort(byName),
    get: (name) => registry.get(name),
    expectComplete: (step) =>
      Effect.sync(() => {
        const missing = contents.filter((s) => !s.optional && STEPS.indexOf(s.step) <= STEPS.indexOf(step) && !registry.has(s.name))
        if (missing.length) throw new Error(`the release lacks ${missing.map((s) => s.name).join(", ")} after step ${step}`)
      })
  }
}
