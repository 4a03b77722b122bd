/**
 * The release contract: every file of a release, the step that makes it, whether it may be absent, and where it is
 * listed (SHA256SUMS, the RO-Crate, the provenance, the dataset's downloads). Assembly writes only files named here,
 * the describing files list what this module says they list, the README's release layout is generated from it, and
 * a test fails when a release holds a file not named here or lacks one that is.
 */
import { TABLE_NAMES, type TableName } from "../model.js"

/** The steps that write a release's files, in the order they run; a file can only list files of earlier steps. */
export const STEPS = ["tables", "formats", "describe", "crate", "provenance", "manifest", "checksums"] as const
export type Step = (typeof STEPS)[number]

export const TABLE_FORMATS = ["csv", "arrow", "parquet"] as const
export type TableFormat = (typeof TABLE_FORMATS)[number] | "xlsx"

export interface ReleaseFileSpec {
  readonly name: string
  readonly step: Step
  /** may be absent from a release (the workbook of tables too big for a spreadsheet) */
  readonly optional: boolean
  /** the table it holds (every format of it), or null */
  readonly table: TableName | null
  readonly format: TableFormat | null
  readonly mediaType: string
  /** named in SHA256SUMS (every file but SHA256SUMS itself) */
  readonly inChecksums: boolean
  /** in ro-crate-metadata.json: with size and sha256, listed without them (written after the crate), or the crate itself */
  readonly inCrate: "hashed" | "listed" | "descriptor"
  /** an output of the build in provenance.jsonld (every file written before it) */
  readonly inProvenance: boolean
  /** a download of the data (a DataDownload in dataset.jsonld): the tables in every format and the workbook */
  readonly download: boolean
  /** the README's release layout: files with the same group share a line */
  readonly group: string
  /** in the release zip: deflated, or stored as it is (formats that are compressed already) */
  readonly zip: "deflate" | "store"
}

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  arrow: "application/vnd.apache.arrow.file",
  parquet: "application/vnd.apache.parquet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jsonld: "application/ld+json",
  json: "application/json",
  md: "text/markdown",
  cff: "application/x-yaml",
  txt: "text/plain",
  zip: "application/zip"
}

export const mediaTypeOf = (file: string): string => MEDIA_TYPES[file.slice(file.lastIndexOf(".") + 1)] ?? "application/octet-stream"

/** The workbook's file name: the dataset's name, or tables.xlsx when the name would not make a safe file name. */
export const workbookFile = (datasetName: string): string => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(datasetName) ? `${datasetName}.xlsx` : "tables.xlsx")

/** What each table holds, for the release layout. */
const TABLE_SUMMARY: Readonly<Record<TableName, string>> = {
  documents: "one row per text: cleaned body, title, authors, kind, dates",
  comments: "forum replies and blog comments",
  entities: "one row per canonical entity",
  mentions: "where each entity is named (offsets into documents.body)",
  dates: "every date expression, normalised",
  removed_lines: "the audit trail of cleaning"
}

/** Every other file, by step, with what the release layout says of it. */
const OTHER_FILES: ReadonlyArray<{ readonly name: string; readonly step: Step; readonly group: string }> = [
  { name: "datapackage.json", step: "describe", group: "Frictionless Data Package v2 (types, keys, foreign keys, hashes)" },
  { name: "csv-metadata.json", step: "describe", group: "W3C CSVW table group: columns, datatypes, keys and dialect of the CSV files" },
  { name: "dataset.jsonld", step: "describe", group: "schema.org Dataset + one NewsArticle/BlogPosting/DiscussionForumPosting per text" },
  { name: "CHANGELOG.md", step: "describe", group: "what changed against the previous release (doc_id, added|modified|removed, columns)" },
  { name: "changes.csv", step: "describe", group: "what changed against the previous release (doc_id, added|modified|removed, columns)" },
  { name: "document-digests.csv", step: "tables", group: "a digest of each document's values per column: what the next release compares itself with" },
  { name: "README.md", step: "describe", group: "what the release holds, how to load it, its licence, how to cite it" },
  { name: "LICENSE", step: "describe", group: "what the release holds, how to load it, its licence, how to cite it" },
  { name: "CITATION.cff", step: "describe", group: "what the release holds, how to load it, its licence, how to cite it" },
  { name: "ro-crate-metadata.json", step: "crate", group: "RO-Crate 1.2: every file with its sha256, a CreateAction per build phase" },
  { name: "provenance.jsonld", step: "provenance", group: "PROV-O: the build, its inputs (with sha256) and outputs" },
  { name: "manifest.json", step: "manifest", group: "the release in brief: every file with size and sha256, row counts, what the download page shows" },
  { name: "SHA256SUMS", step: "checksums", group: "`sha256sum -c SHA256SUMS` checks every file" }
]

const before = (a: Step, b: Step) => STEPS.indexOf(a) < STEPS.indexOf(b)

const spec = (name: string, step: Step, extra: { optional?: boolean; table?: TableName; format?: TableFormat; group: string }): ReleaseFileSpec => ({
  name,
  step,
  optional: extra.optional ?? false,
  table: extra.table ?? null,
  format: extra.format ?? null,
  mediaType: mediaTypeOf(name),
  inChecksums: step !== "checksums",
  inCrate: step === "crate" ? "descriptor" : before(step, "crate") ? "hashed" : "listed",
  inProvenance: before(step, "provenance"),
  download: extra.format !== undefined,
  group: extra.group,
  zip: extra.format === "parquet" || extra.format === "xlsx" ? "store" : "deflate"
})

/** Every file of a release of the dataset named `datasetName`, sorted by name (the order every list uses). */
export const releaseContents = (datasetName: string): ReadonlyArray<ReleaseFileSpec> =>
  [
    ...TABLE_NAMES.flatMap((t) =>
      TABLE_FORMATS.map((f) => spec(`${t}.${f}`, f === "parquet" ? "formats" : "tables", { table: t, format: f, group: `table:${t}` }))
    ),
    spec(workbookFile(datasetName), "formats", {
      optional: true,
      format: "xlsx",
      group: "every table as a typed sheet after an About sheet (optional: absent when the tables are too big)"
    }),
    ...OTHER_FILES.map((f) => spec(f.name, f.step, { group: f.group }))
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

/** The files beside the releases in the output folder, for the layout. */
export const OUT_FILES: ReadonlyArray<{ readonly name: string; readonly what: string }> = [
  { name: "latest.json", what: `{"version": "1.0.0", "folder": "releases/1.0.0", "published": "…"}` },
  { name: "catalog.jsonld", what: "DCAT 3 catalog of every release: versions, previousVersion, notes, downloads with size and sha256" },
  { name: "index.html", what: "download page: releases with changelog and checksums, a preview, charts; works opened from disk" },
  { name: "releases/1.0.0.zip", what: "the whole release in one file (the same release always gives the same bytes)" },
  { name: "releases/1.0.0.json", what: "the release's record: its manifest and its zip's size and sha256 (the catalog and page are made from these)" }
]

/** The release layout as the README shows it: the output folder, then one line per group of release files. */
export const layoutText = (): string => {
  const files = releaseContents("DATASET").map((f) => ({ ...f, name: f.name.replace("DATASET", "<dataset-name>") }))
  const groups: Array<{ names: Array<string>; what: string; table: TableName | null }> = []
  for (const f of [...files].sort((a, b) => layoutRank(a) - layoutRank(b))) {
    const g = groups.find((x) => x.what === f.group)
    if (g) g.names.push(f.name)
    else groups.push({ names: [f.name], what: f.group, table: f.table })
  }
  const label = (g: (typeof groups)[number]) => (g.table && g.names.length === TABLE_FORMATS.length ? `${g.table}.{${TABLE_FORMATS.join(",")}}` : g.names.join(", "))
  const what = (g: (typeof groups)[number]) => (g.table ? TABLE_SUMMARY[g.table] : g.what)
  const lines = [
    "out/",
    ...OUT_FILES.map((f) => `  ${f.name.padEnd(28)}${f.what}`),
    "  releases/1.0.0/",
    ...groups.map((g) => `    ${label(g).padEnd(36)}${what(g)}`)
  ]
  return lines.join("\n")
}

/** Tables first, in model order, then the workbook and the other files by step. */
const layoutRank = (f: ReleaseFileSpec): number =>
  f.table ? TABLE_NAMES.indexOf(f.table) * 10 + TABLE_FORMATS.indexOf(f.format as (typeof TABLE_FORMATS)[number])
    : f.format === "xlsx" ? 100
    : 200 + STEPS.indexOf(f.step) * 20 + OTHER_FILES.findIndex((o) => o.name === f.name)

const START = "<!-- layout:start (generated from pipeline/release/contents.ts by `npm run schemas`; a test fails when it drifts) -->"
const END = "<!-- layout:end -->"

/** The README with its generated release layout replaced by the current one. */
export const withLayoutSection = (readme: string): string => {
  const a = readme.indexOf(START)
  const b = readme.indexOf(END)
  if (a < 0 || b < a) return readme
  return `${readme.slice(0, a + START.length)}\n\`\`\`\n${layoutText()}\n\`\`\`\n${readme.slice(b)}`
}
