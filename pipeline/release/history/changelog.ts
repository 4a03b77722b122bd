/**
 * CHANGELOG.md: this release's entry (what kind of release, the documents added, removed and modified, row counts),
 * then the earlier entries carried over from the previous release. Pure: the caller reads the previous file.
 */
import type { InputProblem } from "../../errors.js"
import { TABLE_NAMES, type TableName } from "../../model.js"
import { countChanges, type ReleaseChanges } from "./changes.js"
import { parseVersion } from "./version.js"

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
