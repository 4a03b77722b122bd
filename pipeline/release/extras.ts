/**
 * The release's further descriptive files, written into the staging folder before checksums: changes.csv against the
 * previous release, CHANGELOG.md (this release's changes, then the previous release's entries), LICENSE,
 * CITATION.cff, csv-metadata.json (CSVW) and ro-crate-metadata.json (RO-Crate 1.2). Nothing here reads the clock:
 * every date comes from rc.created, so a release built with SOURCE_DATE_EPOCH stays byte-identical.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { IoError, type InputProblem } from "../errors.js"
import type { DistributionEntry } from "../emit/jsonld.js"
import { licenseUrl } from "../emit/jsonld.js"
import { releaseFiles } from "../emit/formats.js"
import { TABLE_NAMES, type TableName } from "../model.js"
import type { DatasetMeta } from "./metadata.js"
import { sha256File, writeFileAtomic } from "./publish.js"
import { CHANGES_HEADER, changesRows, compareReleaseFolders, countChanges, type ReleaseChanges } from "./changes.js"
import { toCsv } from "./csvread.js"
import { csvMetadata } from "./csvw.js"
import { roCrate } from "./rocrate.js"
import { parseVersion } from "./version.js"

export interface ReleaseContext {
  readonly staging: string
  readonly outDir: string
  /** the latest published release's folder, to compare against; null for the first release */
  readonly previousDir: string | null
  readonly previousVersion: string | null
  readonly dataset: DatasetMeta & { readonly datePublished: string }
  readonly version: string
  /** the release's timestamp (SOURCE_DATE_EPOCH when set) */
  readonly created: string
  /** the build's phases with their times, for RO-Crate CreateActions */
  readonly phases: ReadonlyArray<{ readonly name: string; readonly description: string; readonly startedAt: string; readonly endedAt: string }>
  readonly counts: Readonly<Record<TableName, number>>
  /** every table file in every format, with size and sha256 */
  readonly distribution: ReadonlyArray<DistributionEntry>
  readonly rawFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly refused: ReadonlyArray<InputProblem>
  readonly pipelineVersion: string
  readonly gitCommit: string | null
}

/** Files written after the extras (provenance, checksums); the RO-Crate lists them without a hash. */
const LATER_FILES = ["provenance.jsonld", "SHA256SUMS"]
const LIST_LIMIT = 50

export const bumpKind = (previous: string | null, version: string): "first" | "major" | "minor" | "patch" => {
  const a = previous ? parseVersion(previous) : null
  const b = parseVersion(version)
  if (!a || !b) return "first"
  return b[0] !== a[0] ? "major" : b[1] !== a[1] ? "minor" : "patch"
}

const BUMP_TEXT = {
  first: "First release.",
  major: "Major release: the layout of a table changed (columns renamed, removed, reordered or retyped).",
  minor: "Minor release: documents were added or removed, or their raw texts changed.",
  patch: "Patch release: values corrected by a pipeline fix, or metadata changed; the raw texts are the same."
} as const

const idList = (ids: ReadonlyArray<string>): string =>
  ids.slice(0, LIST_LIMIT).map((i) => `\`${i}\``).join(", ") + (ids.length > LIST_LIMIT ? ` and ${ids.length - LIST_LIMIT} more (see changes.csv)` : "")

/** This release's CHANGELOG entry (markdown, starting with its `## <version>` heading). */
export const changelogEntry = (p: {
  version: string
  previousVersion: string | null
  date: string
  changes: ReleaseChanges
  counts: Readonly<Record<TableName, number>>
  refused: ReadonlyArray<InputProblem>
}): string => {
  const n = countChanges(p.changes)
  const kind = bumpKind(p.previousVersion, p.version)
  const lines: Array<string> = [`## ${p.version} — ${p.date}`, "", BUMP_TEXT[kind] + (p.previousVersion ? ` Compared with ${p.previousVersion}:` : ""), ""]
  if (!p.previousVersion) lines.push(`- ${n.added} document(s).`)
  else {
    lines.push(`- Documents: ${n.added} added, ${n.removed} removed, ${n.modified} modified.`)
    const of = (c: "added" | "removed") => p.changes.documents.filter((d) => d.change === c).map((d) => d.doc_id)
    if (n.added) lines.push(`- Added: ${idList(of("added"))}.`)
    if (n.removed) lines.push(`- Removed: ${idList(of("removed"))}.`)
    const modified = p.changes.documents.filter((d) => d.change === "modified")
    for (const d of modified.slice(0, LIST_LIMIT)) lines.push(`- Modified: \`${d.doc_id}\` (${d.columns.join(", ")}).`)
    if (modified.length > LIST_LIMIT) lines.push(`- … and ${modified.length - LIST_LIMIT} more modified document(s) (see changes.csv).`)
    const e = p.changes.entities
    if (e.added.length || e.removed.length || e.modified.length) {
      lines.push(`- Entities: ${e.added.length} added, ${e.removed.length} removed, ${e.modified.length} changed.`)
    }
    if (p.changes.schema.length === 0) lines.push("- Table layout: unchanged.")
    for (const s of p.changes.schema) lines.push(`- Table layout: \`${s.table}\` ${s.change}${s.column ? ` \`${s.column}\`` : ""}${s.detail ? ` (${s.detail})` : ""}.`)
  }
  lines.push(`- Rows: ${TABLE_NAMES.map((t) => `${t} ${p.counts[t]}`).join(", ")}.`)
  if (p.refused.length) lines.push(`- Raw files left out: ${p.refused.map((r) => `\`${r.file}\``).join(", ")}.`)
  return lines.join("\n") + "\n"
}

/** The whole CHANGELOG.md: a heading, this entry, then the earlier entries carried over from the previous release. */
export const changelog = (title: string, entry: string, previousChangelog: string | null): string => {
  const earlier = previousChangelog ? previousChangelog.slice(Math.max(0, previousChangelog.search(/^## /m))) : ""
  const carried = previousChangelog && previousChangelog.search(/^## /m) >= 0 ? earlier.trimEnd() + "\n" : ""
  return `# Changelog — ${title}\n\nEvery release, newest first. \`changes.csv\` lists each document that changed against the previous release.\n\n${entry}${carried ? `\n${carried}` : ""}`
}

const LICENSES: Record<string, { title: string; url: string; summary: string }> = {
  "CC-BY-4.0": {
    title: "Creative Commons Attribution 4.0 International",
    url: "https://creativecommons.org/licenses/by/4.0/legalcode",
    summary:
      "You are free to share (copy and redistribute the material in any medium or format) and adapt (remix, transform,\nand build upon the material) for any purpose, even commercially, under the following terms: you must give\nappropriate credit, provide a link to the licence, and indicate if changes were made. No additional restrictions:\nyou may not apply legal terms or technological measures that legally restrict others from doing anything the\nlicence permits."
  },
  "CC-BY-SA-4.0": {
    title: "Creative Commons Attribution-ShareAlike 4.0 International",
    url: "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
    summary: "You may share and adapt the material for any purpose, giving appropriate credit and distributing your\ncontributions under the same licence."
  },
  "CC0-1.0": {
    title: "Creative Commons Zero v1.0 Universal",
    url: "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
    summary: "The publisher waives all copyright and related rights to the extent possible under law."
  },
  "ODbL-1.0": {
    title: "Open Data Commons Open Database License v1.0",
    url: "https://opendatacommons.org/licenses/odbl/1-0/",
    summary: "You may share, create and adapt the database, attributing it, sharing adapted databases alike and keeping them open."
  }
}

export const licenseText = (p: { license: string; title: string; publisher: string; version: string; year: string }): string => {
  const known = LICENSES[p.license]
  const head = `${p.title}\nRelease ${p.version}, © ${p.year} ${p.publisher}\n\n`
  const body = known
    ? `This dataset is licensed under the ${known.title} licence (SPDX: ${p.license}).\n\n${known.summary}\n\nThe full legal text: ${known.url}\nSPDX: ${licenseUrl(p.license)}\n`
    : `This dataset is licensed under the licence with SPDX identifier ${p.license}.\n\nThe full text: ${licenseUrl(p.license)}\n`
  return (
    head +
    body +
    `\nThe licence covers the compilation and what the pipeline added (cleaning, normalised dates, entities, metadata).\nThe scraped texts quoted in the tables remain the work of their authors and publishers; the url and publisher\ncolumns name each source. Reuse of a text beyond what the law allows (quotation, research) needs its rights holder's\npermission.\n`
  )
}

/** A YAML double-quoted scalar (JSON string syntax is a subset of it). */
const q = (s: string) => JSON.stringify(s)

export const citationCff = (p: { title: string; description: string; license: string; publisher: string; version: string; date: string; keywords: ReadonlyArray<string> }): string =>
  [
    "cff-version: 1.2.0",
    `message: ${q("If you use this dataset, please cite it as below.")}`,
    "type: dataset",
    `title: ${q(p.title)}`,
    `version: ${q(p.version)}`,
    `date-released: ${q(p.date)}`,
    `license: ${q(p.license)}`,
    `abstract: ${q(p.description)}`,
    "authors:",
    `  - name: ${q(p.publisher)}`,
    ...(p.keywords.length ? ["keywords:", ...p.keywords.map((k) => `  - ${q(k)}`)] : [])
  ].join("\n") + "\n"

const readPreviousChangelog = (previousDir: string | null): string | null => {
  if (!previousDir) return null
  try {
    return fs.readFileSync(path.join(previousDir, "CHANGELOG.md"), "utf8")
  } catch {
    return null
  }
}

export const writeReleaseExtras = (rc: ReleaseContext): Effect.Effect<void, IoError> =>
  Effect.gen(function* () {
    const changes = yield* Effect.tryPromise({
      try: () => compareReleaseFolders(rc.previousDir, rc.staging),
      catch: (cause) => new IoError({ path: rc.previousDir ?? rc.staging, action: "compare the tables with the previous release in", cause })
    })
    const date = rc.created.slice(0, 10)
    const ds = rc.dataset
    const write = (file: string, text: string) => writeFileAtomic(path.join(rc.staging, file), text)
    yield* write("changes.csv", toCsv(CHANGES_HEADER, changesRows(changes)))
    const entry = changelogEntry({ version: rc.version, previousVersion: rc.previousVersion, date, changes, counts: rc.counts, refused: rc.refused })
    yield* write("CHANGELOG.md", changelog(ds.title, entry, readPreviousChangelog(rc.previousDir)))
    yield* write("LICENSE", licenseText({ license: ds.license, title: ds.title, publisher: ds.publisher, version: rc.version, year: date.slice(0, 4) }))
    yield* write("CITATION.cff", citationCff({ ...ds, version: rc.version, date, keywords: ds.keywords }))
    yield* write(
      "csv-metadata.json",
      JSON.stringify(csvMetadata({ title: ds.title, description: ds.description, license: ds.license, publisher: ds.publisher, version: rc.version, created: rc.created }), null, 2) + "\n"
    )

    // The crate lists every file of the finished release: those in staging now, then provenance and checksums.
    const known = new Map(rc.distribution.map((d) => [d.path, d]))
    const files: Array<{ path: string; bytes?: number; sha256?: string }> = []
    const names = yield* Effect.try({ try: () => releaseFiles(rc.staging), catch: (cause) => new IoError({ path: rc.staging, action: "list", cause }) })
    for (const f of names) {
      if (f === "ro-crate-metadata.json") continue
      const d = known.get(f)
      const bytes = d?.bytes ?? (yield* Effect.try({ try: () => fs.statSync(path.join(rc.staging, f)).size, catch: (cause) => new IoError({ path: f, action: "read", cause }) }))
      files.push({ path: f, bytes, sha256: d?.sha256 ?? (yield* sha256File(path.join(rc.staging, f))) })
    }
    for (const f of LATER_FILES) files.push({ path: f })
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    const crate = roCrate({
      dataset: ds,
      version: rc.version,
      created: rc.created,
      files,
      counts: rc.counts,
      phases: rc.phases,
      rawFiles: rc.rawFiles,
      pipelineVersion: rc.pipelineVersion,
      gitCommit: rc.gitCommit
    })
    yield* write("ro-crate-metadata.json", JSON.stringify(crate, null, 2) + "\n")
  })
