/**
 * Which version a new build gets, from what changed since the latest release (the Frictionless "data package
 * version" recipe): MAJOR when a table's columns change, MINOR when documents are added, removed or their sources
 * change, PATCH when only values or metadata change with the same sources; nothing when nothing changed.
 */
import { createHash } from "node:crypto"

export interface ReleaseFingerprint {
  /** per table, its column names and types in order */
  readonly schema: Readonly<Record<string, ReadonlyArray<string>>>
  /** per table file, its sha256 */
  readonly tables: Readonly<Record<string, string>>
  /**
   * sha256 over every raw file used, `<path>\t<sha256>\n` in doc_id order (sourcesDigest); releases made before this
   * held the map path → sha256, which the comparison digests the same way
   */
  readonly sources: string | Readonly<Record<string, string>>
  /** sha256 of the metadata that is not a timestamp */
  readonly metadata: string
}

export type Bump = "major" | "minor" | "patch" | "none"

/** Incrementally: the digest of the raw files used, fed in doc_id order. */
export const sourcesHasher = () => {
  const hash = createHash("sha256")
  return { add: (path: string, sha256: string) => void hash.update(`${path}\t${sha256}\n`), digest: () => hash.digest("hex") }
}

const docIdOrder = (a: string, b: string) => {
  const [x, y] = [a.replace(/\.txt$/, ""), b.replace(/\.txt$/, "")]
  return x < y ? -1 : x > y ? 1 : 0
}

const sourcesDigest = (sources: ReleaseFingerprint["sources"]): string => {
  if (typeof sources === "string") return sources
  const h = sourcesHasher()
  for (const [p, sha] of Object.entries(sources).sort(([a], [b]) => docIdOrder(a, b))) h.add(p, sha)
  return h.digest()
}

const sameRecord = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

export const decideBump = (previous: ReleaseFingerprint | null, next: ReleaseFingerprint): Bump => {
  if (previous === null) return "major"
  if (!sameRecord(previous.schema, next.schema)) return "major"
  if (sourcesDigest(previous.sources) !== sourcesDigest(next.sources)) return "minor"
  if (!sameRecord(previous.tables, next.tables) || previous.metadata !== next.metadata) return "patch"
  return "none"
}

export const parseVersion = (v: string): [number, number, number] | null => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

export const nextVersion = (previous: string | null, bump: Exclude<Bump, "none">): string => {
  const p = previous ? parseVersion(previous) : null
  if (!p) return "1.0.0"
  const [major, minor, patch] = p
  return bump === "major" ? `${major + 1}.0.0` : bump === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`
}

export const compareVersions = (a: string, b: string): number => {
  const pa = parseVersion(a) ?? [0, 0, 0]
  const pb = parseVersion(b) ?? [0, 0, 0]
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2]
}
