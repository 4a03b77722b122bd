/**
 * What lives beside the releases and lists them all: out/catalog.jsonld (DCAT 3) and out/index.html (the download
 * page), rebuilt after every publish (and on an unchanged build) from the release records alone
 * (out/releases/<version>.json): no table is read and nothing is hashed again. A release an older pipeline made
 * without a record gets one first (legacy.ts), once.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import { licenseUrl } from "../../emit/jsonld.js"
import { mediaTypeOf } from "../contents.js"
import { TABLE_NAMES } from "../../model.js"
import { attempt, writeFileAtomic } from "../../io.js"
import { compareVersions } from "../history/version.js"
import { catalogJsonLd, type CatalogFile } from "./dcat.js"
import { indexHtml, type PagePreview } from "./indexpage.js"
import { previewOrder, publicationChart } from "./charts.js"
import { legacyRecord } from "./legacy.js"
import { publishedVersions, readRecord, writeRecord, type ReleaseRecord } from "./records.js"

/** IANA media types for the catalog (registered ones where the project's own list uses an x- type). */
const catalogMediaType = (file: string): string => {
  if (file === "SHA256SUMS" || file === "LICENSE") return "text/plain"
  if (file.endsWith(".cff")) return "application/yaml"
  return mediaTypeOf(file)
}

const catalogFiles = (r: ReleaseRecord): Array<CatalogFile> =>
  r.files.map((f) => ({ path: f.path, url: `releases/${r.version}/${f.path}`, mediaType: catalogMediaType(f.path), bytes: f.bytes, sha256: f.sha256 }))

const zipFile = (r: ReleaseRecord): CatalogFile | null =>
  r.zip ? { path: r.zip.path, url: `releases/${r.zip.path}`, mediaType: "application/zip", bytes: r.zip.bytes, sha256: r.zip.sha256 } : null

/** Every release's record, oldest first; only the newest keeps its glance (the page shows no other). */
const readRecords = (outDir: string) =>
  Effect.gen(function* () {
    const { recorded, unrecorded } = yield* publishedVersions(outDir)
    const newest = [...recorded, ...unrecorded].sort(compareVersions).at(-1)
    for (const v of unrecorded) yield* writeRecord(outDir, yield* legacyRecord(outDir, v, v === newest))
    const records: Array<ReleaseRecord> = []
    for (const v of [...recorded, ...unrecorded].sort(compareVersions)) {
      const r = yield* readRecord(outDir, v)
      if (r) records.push(v === newest ? r : { ...r, glance: null })
    }
    return records
  })

export const updateCatalog = (outDir: string): Effect.Effect<void, IoError> =>
  Effect.gen(function* () {
    const releases = yield* readRecords(outDir)
    if (releases.length === 0) return
    const newest = releases[releases.length - 1]!
    const meta = newest.dataset
    const catalog = catalogJsonLd({
      ...meta,
      releases: releases.map((r) => ({ version: r.version, created: r.created, notes: r.notes, files: catalogFiles(r), zip: zipFile(r) }))
    })
    yield* writeFileAtomic(path.join(outDir, "catalog.jsonld"), JSON.stringify(catalog, null, 2) + "\n")

    const glance = newest.glance
    const preview: Array<PagePreview> = glance
      ? TABLE_NAMES.filter((t) => glance.preview[t]?.header.length).map((t) => {
        const { header, rows } = glance.preview[t]
        const order = previewOrder(t, header)
        return { table: t, header: order.map((i) => header[i]!), rows: rows.map((r) => order.map((i) => r[i] ?? "")), total: newest.counts?.[t] ?? null }
      })
      : []
    // a release whose folder `release.keep` removed is still listed, without links to files that are gone
    const kept = yield* attempt(outDir, "read", () => new Set(releases.filter((r) => fs.existsSync(path.join(outDir, "releases", r.version))).map((r) => r.version)))
    const html = indexHtml({
      title: meta.title,
      description: meta.description,
      license: meta.license,
      licenseUrl: licenseUrl(meta.license),
      publisher: meta.publisher,
      releases: [...releases].reverse().map((r) => ({ version: r.version, created: r.created, counts: r.counts, notes: r.notes, zip: zipFile(r), files: catalogFiles(r), kept: kept.has(r.version) })),
      preview,
      publication: publicationChart(new Map(Object.entries(glance?.byMonth ?? {}))),
      undated: glance?.undated ?? 0,
      topEntities: glance?.topEntities ?? []
    })
    yield* writeFileAtomic(path.join(outDir, "index.html"), html)
  })
