/**
 * The staging folder a release is assembled in, and the one registry of the size, sha256 and CRC-32 of every file
 * written there (and of its deflate stream, for the zip). Files are hashed as they are written (never read back to be
 * hashed), only files the release contract (contents.ts) names may be written, and every list of files a describing
 * file needs comes from the registry, never from listing the folder. Working files (part files, deflate streams) live
 * in a sibling folder `<staging>.work`, never in the release.
 */
import * as path from "node:path"
import { Effect } from "effect"
import { attempt, makeDir, makeTempDir, openAppenderSync, remove, type Appender, type WrittenFile } from "../io.js"
import type { IoError } from "../errors.js"
import { releaseContents, STEPS, type ReleaseFileSpec, type Step } from "./contents.js"

export interface RegisteredFile extends WrittenFile {
  readonly name: string
  readonly spec: ReleaseFileSpec
}

export interface Staging {
  readonly dir: string
  /** where working files go (removed with the staging folder) */
  readonly workDir: string
  /** the release contract for this dataset, sorted by name */
  readonly contents: ReadonlyArray<ReleaseFileSpec>
  /** opens a release file to be written in pieces; `close` registers it */
  readonly append: (name: string) => Effect.Effect<Appender, IoError>
  /** writes a whole release file (fsynced) and registers it */
  readonly write: (name: string, data: string | Uint8Array) => Effect.Effect<WrittenFile, IoError>
  /** registers a file another thread wrote (deflateTarget says where its deflate stream goes) */
  readonly adopt: (name: string, written: WrittenFile) => Effect.Effect<void>
  /** the deflate stream's path for a release file another thread writes, or undefined when the zip stores it */
  readonly deflateTarget: (name: string) => string | undefined
  /** a working file of the assembly (never part of the release) */
  readonly workFile: (name: string) => string
  /** the registered files, sorted by name, optionally only those matching */
  readonly files: (pick?: (spec: ReleaseFileSpec) => boolean) => ReadonlyArray<RegisteredFile>
  readonly get: (name: string) => RegisteredFile | undefined
  /** fails (a bug) unless every required file of the steps up to `step` has been written */
  readonly expectComplete: (step: Step) => Effect.Effect<void>
  /** opens a working file (no checksum for the release, closed with the staging folder) */
  readonly openWork: (name: string, options?: { deflate?: boolean }) => Effect.Effect<Appender, IoError>
  /** closes whatever a failed assembly left open */
  readonly abort: () => void
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** A staging folder in outDir for the life of the surrounding scope: removed when it closes unless renamed away. */
export const openStaging = (outDir: string, datasetName: string) =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      const dir = yield* makeTempDir(outDir, ".staging-")
      yield* makeDir(`${dir}.work`)
      return makeStaging(dir, datasetName)
    }),
    (staging) => Effect.sync(() => staging.abort()).pipe(Effect.andThen(Effect.all([remove(staging.dir), remove(staging.workDir)])), Effect.ignore)
  )

export const makeStaging = (dir: string, datasetName: string): Staging => {
  const workDir = `${dir}.work`
  const contents = releaseContents(datasetName)
  const specs = new Map(contents.map((s) => [s.name, s]))
  const registry = new Map<string, RegisteredFile>()
  const specOf = (name: string): ReleaseFileSpec => {
    const s = specs.get(name)
    // a file the contract does not name is a bug in the assembly, not a user's problem
    if (!s) throw new Error(`${name} is not a file of a release (pipeline/release/contents.ts)`)
    return s
  }
  const deflateTarget = (name: string) => (specOf(name).zip === "deflate" ? path.join(workDir, `${name}.deflate`) : undefined)
  const register = (name: string, written: WrittenFile) => registry.set(name, { name, spec: specOf(name), ...written })
  const opened: Array<Appender> = []
  const open = (name: string) => {
    const target = deflateTarget(name)
    const a = openAppenderSync(path.join(dir, name), target ? { deflateTo: target } : {})
    opened.push(a)
    return a
  }
  return {
    dir,
    workDir,
    contents,
    append: (name) =>
      Effect.sync(() => specOf(name)).pipe(
        Effect.flatMap(() => attempt(path.join(dir, name), "write", () => open(name))),
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
            const out = open(name)
            out.write(data)
            const written = out.close()
            register(name, written)
            return written
          })
        )
      ),
    adopt: (name, written) => Effect.sync(() => void register(name, written)),
    openWork: (name, options) =>
      attempt(path.join(workDir, name), "write", () => {
        const a = openAppenderSync(path.join(workDir, name), options?.deflate ? { deflateTo: path.join(workDir, `${name}.deflate`) } : {})
        opened.push(a)
        return a
      }),
    abort: () => opened.forEach((a) => a.abort()),
    deflateTarget,
    workFile: (name) => path.join(workDir, name),
    files: (pick) => [...registry.values()].filter((f) => !pick || pick(f.spec)).sort(byName),
    get: (name) => registry.get(name),
    expectComplete: (step) =>
      Effect.sync(() => {
        const missing = contents.filter((s) => !s.optional && STEPS.indexOf(s.step) <= STEPS.indexOf(step) && !registry.has(s.name))
        if (missing.length) throw new Error(`the release lacks ${missing.map((s) => s.name).join(", ")} after step ${step}`)
      })
  }
}
