/**
 * One record per published release beside its folder, out/releases/<version>.json: the release's manifest with every
 * file (manifest.json and SHA256SUMS too) and its zip's size and sha256. Written once when the release is published;
 * the catalog and the download page are made from these records alone, and a record stays when `release.keep`
 * removes an old release's folder and zip, so the catalog keeps listing that release with its checksums.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import { attempt, writeFileAtomic } from "../../io.js"
import { compareVersions, parseVersion } from "../history/version.js"
import type { ManifestFile, ReleaseManifest } from "../describe/manifest.js"
import type { Glance } from "../tables.js"

export interface ReleaseRecord extends Omit<ReleaseManifest, "glance" | "fingerprint" | "counts" | "refused"> {
  /**
   * a digest of everything the release was made from: the pipeline's code and configuration, and every raw file's
   * cache key in order (not part of the release: a merge of shards makes the same release without it). A build that
   * finds the same publishes nothing, without writing a table.
   */
  readonly inputs?: string | null
  /** null for a release an older pipeline made, whose counts could not be read */
  readonly counts: Readonly<Record<string, number>> | null
  /** what the page shows; null for an older release that is not the newest */
  readonly glance: Glance | null
  /** the zip of the whole release; null when it could not be made */
  readonly zip: ManifestFile | null
}

export const recordFile = (outDir: string, version: string) => path.join(outDir, "releases", `${version}.json`)

export const writeRecord = (outDir: string, record: ReleaseRecord) => writeFileAtomic(recordFile(outDir, record.version), JSON.stringify(record, null, 2) + "\n")

const readJson = <A>(file: string): A | null => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as A
  } catch {
    return null
  }
}

/**
 * The versions published in outDir, oldest first: those with a record, and complete release folders (with a
 * SHA256SUMS) an older pipeline made without one.
 */
export const publishedVersions = (outDir: string) =>
  attempt(path.join(outDir, "releases"), "list the releases in", () => {
    const dir = path.join(outDir, "releases")
    if (!fs.existsSync(dir)) return { recorded: [] as Array<string>, unrecorded: [] as Array<string> }
    const names = fs.readdirSync(dir)
    const recorded = names.filter((n) => n.endsWith(".json") && parseVersion(n.slice(0, -5))).map((n) => n.slice(0, -5))
    const unrecorded = names.filter((n) => parseVersion(n) && !recorded.includes(n) && fs.existsSync(path.join(dir, n, "SHA256SUMS")))
    return { recorded: recorded.sort(compareVersions), unrecorded: unrecorded.sort(compareVersions) }
  })

export const readRecord = (outDir: string, version: string): Effect.Effect<ReleaseRecord | null, IoError> =>
  attempt(recordFile(outDir, version), "read", () => readJson<ReleaseRecord>(recordFile(outDir, version)))
