/**
 * Publishing: the rename that turns a complete staging folder into a release, latest.json moved after it, and the
 * repair of a build killed between the two. A release folder is never overwritten.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect } from "effect"
import { ReleaseError } from "../../errors.js"
import { attempt, fsyncDirSync, rename, writeFileAtomic } from "../../io.js"
import type { Staging } from "../staging.js"
import type { ManifestFile, ReleaseManifest } from "../describe/manifest.js"
import { writeRecord, type ReleaseRecord } from "../site/records.js"
import { packRelease } from "./zip.js"
import { compareVersions, parseVersion, type ReleaseFingerprint } from "../history/version.js"
import { killPoint } from "../../faults.js"

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

/**
 * Publishes a sealed staging folder: packs it as a zip (hashed as it is written), renames the folder into
 * releases/<version>, then the zip beside it, writes the release's record for the catalog, and only then points
 * latest.json at it. A build killed in between leaves a complete release that the next build announces
 * (repairLatest) and whose zip and record the catalog makes (site/legacy.ts).
 */
export const publishRelease = (outDir: string, staging: Staging, manifest: ReleaseManifest, inputs: string | null) =>
  Effect.gen(function* () {
    const { version } = manifest
    const releases = path.join(outDir, "releases")
    const folder = path.join(releases, version)
    if (fs.existsSync(folder)) return yield* new ReleaseError({ message: `Release ${version} already exists in ${releases}; a release is never overwritten.` })
    const zipFile = path.join(releases, `${version}.zip`)
    const zipTmp = path.join(releases, `.${version}.zip.${process.pid}.tmp`)
    const zip = yield* attempt(zipFile, "write", () => packRelease(zipTmp, staging.dir, staging.files(), version, manifest.created))
    yield* attempt(folder, "publish", () => {
      fsyncDirSync(staging.dir)
      fs.renameSync(staging.dir, folder)
      fsyncDirSync(releases)
    })
    yield* killPoint("after-rename")
    yield* rename(zipTmp, zipFile)
    yield* writeRecord(outDir, { ...recordOf(manifest, staging.files(), { path: `${version}.zip`, ...zip }), inputs })
    yield* writeFileAtomic(path.join(outDir, "latest.json"), JSON.stringify({ version, published: manifest.created, folder: `releases/${version}` }, null, 2) + "\n")
    return folder
  })

/** The record of a published release: its manifest, every file (manifest.json and SHA256SUMS too) and its zip. */
export const recordOf = (manifest: ReleaseManifest, files: ReadonlyArray<{ name: string; bytes: number; sha256: string }>, zip: ManifestFile | null): ReleaseRecord => {
  const { fingerprint: _, refused: _r, format, ...rest } = manifest
  return { ...rest, format, files: files.map((f) => ({ path: f.name, bytes: f.bytes, sha256: f.sha256 })), zip }
}

/** The versions in out/releases that are complete, oldest first. */
export const completeReleases = (outDir: string): Array<string> => {
  const releases = path.join(outDir, "releases")
  if (!fs.existsSync(releases)) return []
  return fs
    .readdirSync(releases)
    .filter((v) => parseVersion(v) && fs.statSync(path.join(releases, v)).isDirectory() && fs.existsSync(path.join(releases, v, "SHA256SUMS")))
    .sort(compareVersions)
}
