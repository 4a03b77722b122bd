/**
 * What lives beside the releases and lists them all: out/catalog.jsonld (DCAT 3), out/index.html (the download page)
 * and out/releases/<version>.zip. Rebuilt from the release folders after every publish (and on an unchanged build).
 * Only complete releases count: those with a SHA256SUMS. Big releases stay cheap: the page reads the first rows of
 * each table for its preview and streams two columns for its charts; zips are streamed and made once per release.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import { licenseUrl } from "../../emit/jsonld.js"
import { mediaTypeOf } from "../contents.js"
import { TABLE_NAMES } from "../../model.js"
import { attempt as io, attemptAsync as ioAsync, sha256File, writeFileAtomic } from "../../io.js"
import { completeReleases } from "../publish/publish.js"
import { csvFirstRows, csvRows } from "../csvread.js"
import { catalogJsonLd, type CatalogFile } from "./dcat.js"
import { indexHtml, type PagePreview } from "./indexpage.js"
import { writeZip } from "../publish/zip.js"
import { previewOrder, publicationChart } from "./charts.js"

export const PREVIEW_ROWS = 5
export const TOP_ENTITIES = 15

export interface ReleaseInfo {
  readonly version: string
  readonly dir: string
  readonly created: string
  readonly meta: { name: string; title: string; description: string; license: string; publisher: string; keywords: ReadonlyArray<string> }
  readonly files: ReadonlyArray<CatalogFile>
  readonly counts: Readonly<Record<string, number>> | null
  readonly notes: string
}

/** IANA media types for the catalog (registered ones where the project's own list uses an x- type). */
const catalogMediaType = (file: string): string => {
  if (file === "SHA256SUMS" || file === "LICENSE") return "text/plain"
  if (file.endsWith(".cff")) return "application/yaml"
  return mediaTypeOf(file)
}

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

const readRelease = (outDir: string, version: string): ReleaseInfo => {
  const dir = path.join(outDir, "releases", version)
  const sums = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").split("\n").filter(Boolean)
  const files: Array<CatalogFile> = []
  for (const line of sums) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    if (!m || !fs.existsSync(path.join(dir, m[2]!))) continue
    files.push({ path: m[2]!, url: `releases/${version}/${m[2]!}`, mediaType: catalogMediaType(m[2]!), bytes: fs.statSync(path.join(dir, m[2]!)).size, sha256: m[1]! })
  }
  // SHA256SUMS cannot name itself; it is a download too
  const sumsFile = path.join(dir, "SHA256SUMS")
  files.push({ path: "SHA256SUMS", url: `releases/${version}/SHA256SUMS`, mediaType: "text/plain", bytes: fs.statSync(sumsFile).size, sha256: createHash("sha256").update(fs.readFileSync(sumsFile)).digest("hex") })
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

export const updateCatalog = (outDir: string): Effect.Effect<void, IoError> =>
  Effect.gen(function* () {
    const versions = yield* io(outDir, "list the releases in", () => completeReleases(outDir))
    if (versions.length === 0) return
    const releases = yield* io(outDir, "read the releases in", () => versions.map((v) => readRelease(outDir, v)))

    // One zip per release, made once: a release never changes.
    const zips = new Map<string, CatalogFile>()
    for (const r of releases) {
      const zipFile = path.join(outDir, "releases", `${r.version}.zip`)
      if (!fs.existsSync(zipFile)) {
        yield* io(zipFile, "write", () => writeZip(zipFile, r.dir, r.files.map((f) => f.path), r.version, r.created))
      }
      const bytes = yield* io(zipFile, "read", () => fs.statSync(zipFile).size)
      zips.set(r.version, { path: `${r.version}.zip`, url: `releases/${r.version}.zip`, mediaType: "application/zip", bytes, sha256: yield* sha256File(zipFile) })
    }

    const newest = releases[releases.length - 1]!
    const meta = newest.meta
    const catalog = catalogJsonLd({
      ...meta,
      releases: releases.map((r) => ({ version: r.version, created: r.created, notes: r.notes, files: r.files, zip: zips.get(r.version) ?? null }))
    })
    yield* writeFileAtomic(path.join(outDir, "catalog.jsonld"), JSON.stringify(catalog, null, 2) + "\n")

    const preview: Array<PagePreview> = []
    for (const t of TABLE_NAMES) {
      const file = path.join(newest.dir, `${t}.csv`)
      if (!fs.existsSync(file)) continue
      const first = yield* ioAsync(file, "read", () => csvFirstRows(file, PREVIEW_ROWS))
      const order = previewOrder(t, first.header)
      preview.push({ table: t, header: order.map((i) => first.header[i]!), rows: first.rows.map((r) => order.map((i) => r[i] ?? "")), total: newest.counts?.[t] ?? null })
    }
    const months = yield* ioAsync(newest.dir, "read documents.csv in", () => documentsPerMonth(newest.dir))
    const topEntities = yield* ioAsync(newest.dir, "read mentions.csv in", () => mostMentioned(newest.dir, TOP_ENTITIES))
    const html = indexHtml({
      title: meta.title,
      description: meta.description,
      license: meta.license,
      licenseUrl: licenseUrl(meta.license),
      publisher: meta.publisher,
      releases: [...releases].reverse().map((r) => ({ version: r.version, created: r.created, counts: r.counts, notes: r.notes, zip: zips.get(r.version) ?? null, files: r.files })),
      preview,
      publication: publicationChart(months.byMonth),
      undated: months.undated,
      topEntities
    })
    yield* writeFileAtomic(path.join(outDir, "index.html"), html)
  })
