/**
 * manifest.json: the release in brief, written just before SHA256SUMS. Every other file with its size and sha256, the
 * row counts, this release's CHANGELOG entry, the fingerprint the next build compares itself with, and what the
 * download page shows (a preview of each table, publication months, the most mentioned entities). The catalog and
 * the page are made from manifests alone: no release's tables are read or hashed again.
 */
import type { TableName } from "../../model.js"
import type { Glance } from "../tables.js"
import type { ReleaseFingerprint } from "../history/version.js"
import type { DatasetIdentity } from "../../dataset.js"

export const MANIFEST_FILE = "manifest.json"
export const MANIFEST_FORMAT = 1

export interface ManifestFile {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

export interface ReleaseManifest {
  readonly format: number
  readonly version: string
  /** the release's timestamp */
  readonly created: string
  readonly dataset: DatasetIdentity
  readonly counts: Readonly<Record<TableName, number>>
  /** this release's CHANGELOG entry, without its heading */
  readonly notes: string
  readonly fingerprint: ReleaseFingerprint
  /** every file of the release but manifest.json and SHA256SUMS, by name */
  readonly files: ReadonlyArray<ManifestFile>
  readonly glance: Glance
  /** the raw files left out, and why */
  readonly refused: ReadonlyArray<{ readonly file: string; readonly reason: string }>
}

/** The entry of a CHANGELOG without its `## <version> — <date>` heading, as the catalog and the page show it. */
export const entryNotes = (entry: string): string => entry.split("\n").slice(1).join("\n").trim()
