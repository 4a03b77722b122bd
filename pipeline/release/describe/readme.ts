/** The release's README.md: what it holds, the row counts, how to load it (loading.ts), its columns and how to cite it. */
import { TABLE_NAMES, TABLES, type TableName } from "../../model.js"
import type { InputProblem } from "../../errors.js"
import { workbookFile } from "../contents.js"
import { loadingSection } from "./loading.js"
import type { DatasetRelease } from "../../dataset.js"
import { entitySourceSentences } from "../../stages/entities/sources.js"
import { citationText, downloadUrl } from "./citation.js"

export const releaseReadme = (p: {
  dataset: DatasetRelease
  counts: Readonly<Record<TableName, number>>
  refused: ReadonlyArray<InputProblem>
  /** the release's timestamp: its year is the citation's */
  created: string
  /** sentences about files this release lacks or handles specially */
  notes?: ReadonlyArray<string>
}): string => {
  const d = p.dataset
  const tables = TABLE_NAMES.map((t) => `| \`${t}\` | ${p.counts[t]} | ${TABLES[t].description} |`).join("\n")
  const columns = TABLE_NAMES.map(
    (t) => `### ${t}\n\n| column | type | description |\n|---|---|---|\n` +
      TABLES[t].columns.map((c) => `| \`${c.name}\` | ${c.type} | ${c.description} |`).join("\n")
  ).join("\n\n")
  return `# ${d.title} — release ${d.version}

${d.description}

Licence: ${d.license}. Publisher: ${d.publisher}.

Entity data from other sources, credited as their licences ask:
${entitySourceSentences().map((s) => `- ${s}`).join("\n")}

## Files

Every table comes as CSV (RFC 4180, UTF-8, no BOM, empty string = missing), as an Arrow IPC file and as a Parquet
file with the same columns in the same order; \`${workbookFile(d.name)}\` holds every table as a sheet for
spreadsheets. \`SHA256SUMS\` checks them all: \`sha256sum -c SHA256SUMS\`.
\`datapackage.json\` (Frictionless v2) gives every column's type; \`dataset.jsonld\` (schema.org) and
\`provenance.jsonld\` (PROV-O) describe the release and how it was built.

| table | rows | what |
|---|---|---|
${tables}
${(p.notes ?? []).map((n) => `\n${n}\n`).join("")}${p.refused.length ? `\nRaw files left out of this release (ingest.on_bad_input: skip):\n\n${p.refused.map((r) => `- \`${r.file}\`: ${r.reason}`).join("\n")}\n` : ""}
${loadingSection(workbookFile(d.name))}
## Columns

${columns}

## Citing

${citationText({ publisher: d.publisher, year: p.created.slice(0, 4), title: d.title, version: d.version, url: downloadUrl(d.url, d.version) })}
Licence ${d.license}. \`CITATION.cff\` holds the same in the Citation File Format.
`
}
