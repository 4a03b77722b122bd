/**
 * The lock that keeps two builds on one output folder apart, and the clean-up of what a killed build left behind.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect, Schedule } from "effect"
import { IoError, LockError } from "../../errors.js"
import { attempt } from "../../io.js"

export const LOCK_FILE = ".build.lock"

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
    // The lock appears with its holder already written in it (a hard link to a file written first): a build that
    // finds the lock never reads it half-written and takes a live build's lock for a killed one's.
    const candidate = `${lockFile}.${process.pid}`
    try {
      fs.writeFileSync(candidate, JSON.stringify({ pid: process.pid }))
      fs.linkSync(candidate, lockFile)
      return Effect.succeed(true)
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") return Effect.fail(new IoError({ path: lockFile, action: "create the build lock", cause: e }))
    } finally {
      fs.rmSync(candidate, { force: true })
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
  attempt(outDir, "clean up", () => {
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
