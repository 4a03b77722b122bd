/**
 * Disk in proportion to the change. A release file with the same bytes as the previous release's file of that name
 * becomes a hard link to it before the release is published (a release never changes, so they share the bytes
 * safely, and SHA256SUMS and the zip stay valid). And with `release.keep: N`, only the newest N releases keep their
 * folder and zip; the records of the others stay, so the catalog keeps listing them with their checksums.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { attempt, fsyncDirSync } from "../../io.js"
import type { Staging } from "../staging.js"
import { publishedVersions, readRecord } from "../site/records.js"
import type { IoError } from "../../errors.js"

/** Hard-links the staged files that equal the previous release's; how many bytes that saved. */
export const linkUnchanged = (outDir: string, staging: Staging, previousVersion: string | null): Effect.Effect<number, IoError> =>
  Effect.gen(function* () {
    if (!previousVersion) return 0
    const record = yield* readRecord(outDir, previousVersion)
    if (!record) return 0
    const before = new Map(record.files.map((f) => [f.path, f]))
    const previousDir = path.join(outDir, "releases", previousVersion)
    let saved = 0
    for (const f of staging.files()) {
      const p = before.get(f.name)
      if (!p || p.sha256 !== f.sha256 || p.bytes !== f.bytes) continue
      const target = path.join(staging.dir, f.name)
      const tmp = path.join(staging.workDir, `${f.name}.link`)
      const linked = yield* attempt(target, "link", () => {
        try {
          fs.linkSync(path.join(previousDir, f.name), tmp)
        } catch {
          // another file system, or links refused: the copy stays
          return false
        }
        fs.renameSync(tmp, target)
        return true
      })
      if (linked) saved += f.bytes
    }
    return saved
  })

/** Removes the folders and zips of all but the newest `keep` releases (each folder renamed away first). */
export const pruneReleases = (outDir: string, keep: number | undefined): Effect.Effect<ReadonlyArray<string>, IoError> =>
  Effect.gen(function* () {
    if (keep === undefined) return []
    const { recorded } = yield* publishedVersions(outDir)
    const old = recorded.slice(0, Math.max(0, recorded.length - keep))
    const releases = path.join(outDir, "releases")
    const pruned: Array<string> = []
    for (const v of old) {
      const folder = path.join(releases, v)
      const gone = yield* attempt(folder, "remove", () => {
        if (!fs.existsSync(folder) && !fs.existsSync(`${folder}.zip`)) return false
        // hidden first, so a build killed while removing it leaves no half release (the next build removes the rest)
        if (fs.existsSync(folder)) {
          const hidden = path.join(releases, `.pruned-${v}`)
          fs.renameSync(folder, hidden)
          fsyncDirSync(releases)
          fs.rmSync(hidden, { recursive: true, force: true })
        }
        fs.rmSync(`${folder}.zip`, { force: true })
        return true
      })
      if (gone) pruned.push(v)
    }
    return pruned
  })
