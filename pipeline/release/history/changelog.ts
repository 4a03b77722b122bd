/**
 * CHANGELOG.md: this release's entry (what kind of release, the documents added, removed and modified, row counts),
 * then the earlier entries carried over from the previous release. Pure: the caller reads the previous file.
 */
import type { InputProblem } from "../../errors.js"
import { TABLE_NAMES, type TableName } from "../../model.js"
import type { ChangeSummary } from "./changes.js"
import { LIST_LIMIT } from "./track.js"
import { parseVersion } from "./version.js"

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

const idList = (ids: ReadonlyArray<string>, total: number): string =>
  ids.slice(0, LIST_LIMIT).map((i) => `\`${i}\``).join(", ") + (total > LIST_LIMIT ? ` and ${total - LIST_LIMIT} more (see changes.csv)` : "")

/** This release's CHANGELOG entry (markdown, starting with its `## <version>` heading). */
export const changelogEntry = (p: {
  version: string
  previousVersion: string | null
  date: string
  changes: ChangeSummary
  counts: Readonly<Record<TableName, number>>
  refused: ReadonlyArray<InputProblem>
}): string => {
  const n = p.changes.counts
  const kind = bumpKind(p.previousVersion, p.version)
  const lines: Array<string> = [`## ${p.version} — ${p.date}`, "", BUMP_TEXT[kind] + (p.previousVersion ? ` Compared with ${p.previousVersion}:` : ""), ""]
  if (!p.previousVersion) lines.push(`- ${n.added} document(s).`)
  else {
    lines.push(`- Documents: ${n.added} added, ${n.removed} removed, ${n.modified} modified.`)
    if (n.added) lines.push(`- Added: ${idList(p.changes.added, n.added)}.`)
    if (n.removed) lines.push(`- Removed: ${idList(p.changes.removed, n.removed)}.`)
    for (const d of p.changes.modified.slice(0, LIST_LIMIT)) lines.push(`- Modified: \`${d.doc_id}\` (${d.columns.join(", ")}).`)
    if (n.modified > LIST_LIMIT) lines.push(`- … and ${n.modified - LIST_LIMIT} more modified document(s) (see changes.csv).`)
    const e = p.changes.entities
    if (e.added || e.removed || e.modified) lines.push(`- Entities: ${e.added} added, ${e.removed} removed, ${e.modified} changed.`)
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
