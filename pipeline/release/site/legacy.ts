/**
 * Records for releases an older pipeline published without manifest.json: what the catalog and the page need, read
 * once from the release folder (SHA256SUMS, datapackage.json, CHANGELOG.md, and for the newest release its tables
 * for the preview and the charts), with its zip made if it is missing. The record is then written, so this happens
 * once per old release.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import { attempt, attemptAsync, sha256File } from "../../io.js"
import { TABLE_NAMES, type TableName } from "../../model.js"
import { csvFirstRows, csvRows } from "../csvread.js"
import { writeZip } from "../publish/zip.js"
import { MANIFEST_FILE, type ManifestFile, type ReleaseManifest } from "../describe/manifest.js"
import { PREVIEW_ROWS, TOP_ENTITIES, type Glance } from "../tables.js"
import type { ReleaseRecord } from "./records.js"

const readJson = <A>(file: string): A | null => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as A
  } catch {
    return null
  }
}

/** The CHANGELOG entry of one version, without its heading. */
export const changelogSection = (changelog: string, version: string): string => {
  const lines = changelog.split("\n")
  const start = lines.findIndex((l) => l.startsWith(`## ${version} `) || l === `## ${version}`)
  if (start < 0) return ""
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((l) => l.startsWith("## "))
  return (end < 0 ? rest : rest.slice(0, end)).join("\n").trim()
}

/** Row counts from the entry's "- Rows: documents 5, comments 2, …" line (small, unlike the crate of a big release). */
export const countsFromChangelog = (entry: string): Record<string, number> | null => {
  const m = /^- Rows: (.+)\.$/m.exec(entry)
  if (!m) return null
  const counts: Record<string, number> = {}
  for (const part of m[1]!.split(", ")) {
    const p = /^(\S+) (\d+)$/.exec(part)
    if (!p) return null
    counts[p[1]!] = Number(p[2])
  }
  return TABLE_NAMES.every((t) => t in counts) ? counts : null
}

const MAX_CRATE_BYTES = 64 * 1024 * 1024

/** Row counts from the RO-Crate's File entities (size in rows), when the crate is small enough to read whole. */
const countsFromCrate = (file: string): Record<string, number> | null => {
  if (!fs.existsSync(file) || fs.statSync(file).size > MAX_CRATE_BYTES) return null
  const crate = readJson<{ "@graph"?: Array<{ "@id"?: string; size?: { value?: number } }> }>(file)
  if (!crate?.["@graph"]) return null
  const byId = new Map(crate["@graph"].map((n) => [n["@id"], n]))
  const found = TABLE_NAMES.map((t) => [t, byId.get(`${t}.csv`)?.size?.value] as const)
  return found.every(([, n]) => typeof n === "number") ? (Object.fromEntries(found) as Record<string, number>) : null
}

/** The files, description, counts and notes of a release folder, from its SHA256SUMS, datapackage.json and CHANGELOG. */
const readRelease = (outDir: string, version: string) => {
  const dir = path.join(outDir, "releases", version)
  const sums = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").split("\n").filter(Boolean)
  const files: Array<ManifestFile> = []
  for (const line of sums) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    if (!m || !fs.existsSync(path.join(dir, m[2]!))) continue
    files.push({ path: m[2]!, bytes: fs.statSync(path.join(dir, m[2]!)).size, sha256: m[1]! })
  }
  // SHA256SUMS cannot name itself; it is a download too
  const sumsFile = path.join(dir, "SHA256SUMS")
  files.push({ path: "SHA256SUMS", bytes: fs.statSync(sumsFile).size, sha256: createHash("sha256").update(fs.readFileSync(sumsFile)).digest("hex") })
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const pkg = readJson<{ name?: string; title?: string; description?: string; created?: string; keywords?: Array<string>; licenses?: Array<{ name?: string }>; contributors?: Array<{ title?: string; roles?: Array<string> }> }>(
    path.join(dir, "datapackage.json")
  ) ?? {}
  let changelog = ""
  try {
    changelog = fs.readFileSync(path.join(dir, "CHANGELOG.md"), "utf8")
  } catch {
    // a release from before CHANGELOG.md
  }
  const counts = countsFromChangelog(changelogSection(changelog, version)) ?? countsFromCrate(path.join(dir, "ro-crate-metadata.json"))
  return {
    version,
    dir,
    created: pkg.created ?? fs.statSync(dir).mtime.toISOString(),
    meta: {
      name: pkg.name ?? "dataset",
      title: pkg.title ?? pkg.name ?? "Dataset",
      description: pkg.description ?? "",
      license: pkg.licenses?.[0]?.name ?? "",
      publisher: pkg.contributors?.find((c) => c.roles?.includes("publisher"))?.title ?? pkg.contributors?.[0]?.title ?? "",
      keywords: pkg.keywords ?? []
    },
    files,
    counts,
    notes: changelogSection(changelog, version) || `Release ${version}.`
  }
}

/** Documents per month of publication (a year alone counts as its January's year), and how many have no date. */
const documentsPerMonth = async (dir: string) => {
  const byMonth = new Map<string, number>()
  let undated = 0
  const file = path.join(dir, "documents.csv")
  if (fs.existsSync(file)) {
    let col = -1
    for await (const { header, row } of csvRows(file)) {
      if (col < 0) col = header.indexOf("published_date")
      const v = col >= 0 ? row[col] ?? "" : ""
      const m = /^(\d{4})-(\d{2})/.exec(v)
      if (m) byMonth.set(`${m[1]}-${m[2]}`, (byMonth.get(`${m[1]}-${m[2]}`) ?? 0) + 1)
      else undated++
    }
  }
  return { byMonth, undated }
}

/** The most mentioned entities: counts per entity_id from mentions.csv, names from entities.csv. */
const mostMentioned = async (dir: string, n: number): Promise<Array<readonly [string, number]>> => {
  const counts = new Map<string, number>()
  const mentions = path.join(dir, "mentions.csv")
  if (!fs.existsSync(mentions)) return []
  let col = -1
  for await (const { header, row } of csvRows(mentions)) {
    if (col < 0) col = header.indexOf("entity_id")
    const id = row[col] ?? ""
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n)
  const names = new Map<string, string>()
  const wanted = new Set(top.map(([id]) => id))
  const entities = path.join(dir, "entities.csv")
  if (fs.existsSync(entities)) {
    for await (const { header, row } of csvRows(entities)) {
      const id = row[header.indexOf("entity_id")] ?? ""
      if (wanted.has(id)) names.set(id, row[header.indexOf("name")] ?? id)
    }
  }
  return top.map(([id, c]) => [names.get(id) ?? id, c] as const)
}


/** The newest release's glance, from its tables. */
const legacyGlance = async (dir: string): Promise<Glance> => {
  const preview = {} as Record<TableName, { header: ReadonlyArray<string>; rows: ReadonlyArray<ReadonlyArray<string>> }>
  for (const t of TABLE_NAMES) {
    const file = path.join(dir, `${t}.csv`)
    preview[t] = fs.existsSync(file) ? await csvFirstRows(file, PREVIEW_ROWS) : { header: [], rows: [] }
  }
  const months = await documentsPerMonth(dir)
  return { preview, byMonth: Object.fromEntries(months.byMonth), undated: months.undated, topEntities: await mostMentioned(dir, TOP_ENTITIES) }
}

export const legacyRecord = (outDir: string, version: string, newest: boolean): Effect.Effect<ReleaseRecord, IoError> =>
  Effect.gen(function* () {
    const r = yield* attempt(path.join(outDir, "releases", version), "read the release", () => readRelease(outDir, version))
    const zipFile = path.join(outDir, "releases", `${version}.zip`)
    if (!fs.existsSync(zipFile)) {
      const tmp = path.join(path.dirname(zipFile), `.${path.basename(zipFile)}.${process.pid}.tmp`)
      yield* attempt(zipFile, "write", () => {
        writeZip(tmp, r.dir, r.files.map((f) => f.path), version, r.created)
        fs.renameSync(tmp, zipFile)
      })
    }
    const zip = { path: `${version}.zip`, bytes: yield* attempt(zipFile, "read", () => fs.statSync(zipFile).size), sha256: yield* sha256File(zipFile) }
    // a release this pipeline made, whose record a killed build did not write: its manifest has the rest
    const manifest = readJson<ReleaseManifest>(path.join(r.dir, MANIFEST_FILE))
    if (manifest) return { format: manifest.format, version, created: manifest.created, dataset: manifest.dataset, counts: manifest.counts, notes: manifest.notes, files: r.files, zip, glance: manifest.glance } satisfies ReleaseRecord
    const glance = newest ? yield* attemptAsync(r.dir, "read the tables of", () => legacyGlance(r.dir)) : null
    return { format: 1, version, created: r.created, dataset: r.meta, counts: r.counts, notes: r.notes, files: r.files, zip, glance } satisfies ReleaseRecord
  })
