/**
 * Publishing: the lock that keeps two builds apart, atomic file writes, and the rename that turns a complete staging
 * folder into a release. A release folder is never overwritten; latest.json moves only after the release is in place.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect, Schedule } from "effect"
import { IoError, LockError, ReleaseError } from "../errors.js"
import { compareVersions, parseVersion, type ReleaseFingerprint } from "./version.js"
import { killPoint } from "../faults.js"

export const LOCK_FILE = ".build.lock"

const io = <A>(action: string, p: string, f: () => A) => Effect.try({ try: f, catch: (cause) => new IoError({ path: p, action, cause }) })

/** Writes a file through a temporary sibling, fsynced, then renamed: readers see the old file or the new one. */
export const writeFileAtomic = (file: string, data: string | Uint8Array) =>
  io("write", file, () => {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
    const fd = fs.openSync(tmp, "w")
    try {
      fs.writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
  })

export const sha256File = (file: string) =>
  io("read", file, () => {
    const hash = createHash("sha256")
    const fd = fs.openSync(file, "r")
    const buf = Buffer.allocUnsafe(1 << 20)
    try {
      let n: number
      while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n))
    } finally {
      fs.closeSync(fd)
    }
    return hash.digest("hex")
  })

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"
  }
}

/**
 * Takes the build lock in the output folder for the life of the surrounding scope. A lock whose process is gone is
 * taken over; a live one is waited for, up to waitSeconds.
 */
export const acquireLock = (outDir: string, waitSeconds: number) => {
  const lockFile = path.join(outDir, LOCK_FILE)
  const tryOnce = Effect.suspend((): Effect.Effect<boolean, IoError | LockError> => {
    try {
      const fd = fs.openSync(lockFile, "wx")
      fs.writeSync(fd, JSON.stringify({ pid: process.pid }))
      fs.closeSync(fd)
      return Effect.succeed(true)
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") return Effect.fail(new IoError({ path: lockFile, action: "create the build lock", cause: e }))
    }
    let holder = NaN
    try {
      holder = (JSON.parse(fs.readFileSync(lockFile, "utf8")) as { pid: number }).pid
    } catch {
      // a lock file cut short by a kill: its writer is gone
    }
    if (!Number.isInteger(holder) || !processAlive(holder)) {
      fs.rmSync(lockFile, { force: true })
      return Effect.fail(new LockError({ lockFile, holder: "stale, taken over" }))
    }
    return Effect.fail(new LockError({ lockFile, holder: `process ${holder}` }))
  })
  const attempts = Math.max(1, Math.ceil((waitSeconds * 1000) / 250))
  const take = tryOnce.pipe(
    Effect.retry({ times: attempts, schedule: Schedule.spaced("250 millis"), while: (e) => e._tag === "LockError" })
  )
  return Effect.acquireRelease(take, () => Effect.sync(() => fs.rmSync(lockFile, { force: true })))
}

/** Removes what a killed build left behind: staging folders and temporary files. Called with the lock held. */
export const cleanLeftovers = (outDir: string) =>
  io("clean up", outDir, () => {
    for (const name of fs.readdirSync(outDir)) {
      if (name.startsWith(".staging-") || (name.startsWith(".") && name.endsWith(".tmp"))) {
        fs.rmSync(path.join(outDir, name), { recursive: true, force: true })
      }
    }
    const releases = path.join(outDir, "releases")
    if (fs.existsSync(releases)) {
      for (const name of fs.readdirSync(releases)) {
        if (name.startsWith(".")) fs.rmSync(path.join(releases, name), { recursive: true, force: true })
      }
    }
  })

/** Does every file that SHA256SUMS names in this folder have that checksum? */
export const verifyChecksums = (releaseDir: string): boolean => {
  try {
    const sums = fs.readFileSync(path.join(releaseDir, "SHA256SUMS"), "utf8").split("\n").filter(Boolean)
    return sums.length > 0 && sums.every((line) => {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
      if (!m) return false
      return createHash("sha256").update(fs.readFileSync(path.join(releaseDir, m[2]!))).digest("hex") === m[1]
    })
  } catch {
    return false
  }
}

/**
 * Points latest.json at the newest complete release when a killed build renamed a release into place but died before
 * moving latest.json. Called with the lock held.
 */
export const repairLatest = (outDir: string) =>
  Effect.gen(function* () {
    const releases = path.join(outDir, "releases")
    if (!fs.existsSync(releases)) return
    const latest = yield* readLatest(outDir)
    // only releases newer than latest.json can have been left unannounced; older ones are never re-read
    const newer = fs.readdirSync(releases).filter((v) => parseVersion(v) && (!latest || compareVersions(v, latest.version) > 0)).sort(compareVersions)
    const newest = newer.reverse().find((v) => verifyChecksums(path.join(releases, v)))
    if (!newest) return
    const published = fs.statSync(path.join(releases, newest)).mtime.toISOString()
    yield* writeFileAtomic(path.join(outDir, "latest.json"), JSON.stringify({ version: newest, published, folder: `releases/${newest}` }, null, 2) + "\n")
  })

export interface Latest {
  readonly version: string
  readonly folder: string
  readonly published: string
}

export const readLatest = (outDir: string) =>
  Effect.suspend(() => {
    const file = path.join(outDir, "latest.json")
    if (!fs.existsSync(file)) return Effect.succeed(null)
    try {
      const latest = JSON.parse(fs.readFileSync(file, "utf8")) as Latest
      if (!fs.existsSync(path.join(outDir, latest.folder, "SHA256SUMS"))) return Effect.succeed(null)
      return Effect.succeed(latest)
    } catch (cause) {
      return Effect.fail(new ReleaseError({ message: `${file} is not valid JSON (${String(cause)}); remove it and the next build rewrites it.` }))
    }
  })

/** The fingerprint a release recorded in its datapackage.json, to decide the next version. */
export const readFingerprint = (releaseDir: string) =>
  Effect.sync((): ReleaseFingerprint | null => {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(releaseDir, "datapackage.json"), "utf8")) as { "pipeline:fingerprint"?: ReleaseFingerprint }
      return pkg["pipeline:fingerprint"] ?? null
    } catch {
      return null
    }
  })

const fsyncDir = (dir: string) => {
  try {
    const fd = fs.openSync(dir, "r")
    fs.fsyncSync(fd)
    fs.closeSync(fd)
  } catch {
    // some file systems refuse to fsync a directory; the rename is still atomic
  }
}

/** Renames the complete staging folder into releases/<version>, then points latest.json at it. */
export const publishRelease = (outDir: string, staging: string, version: string, latest: { version: string; published: string }) =>
  Effect.gen(function* () {
    const releases = path.join(outDir, "releases")
    const folder = path.join(releases, version)
    if (fs.existsSync(folder)) return yield* new ReleaseError({ message: `Release ${version} already exists in ${releases}; a release is never overwritten.` })
    yield* io("publish", folder, () => {
      fsyncDir(staging)
      fs.renameSync(staging, folder)
      fsyncDir(releases)
    })
    yield* killPoint("after-rename")
    yield* writeFileAtomic(path.join(outDir, "latest.json"), JSON.stringify({ ...latest, folder: `releases/${version}` }, null, 2) + "\n")
    return folder
  })
