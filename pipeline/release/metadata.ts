/** The release's descriptive files: datapackage.json (Frictionless v2) and the release README. */
import { TABLE_NAMES, TABLES, type TableName } from "../model.js"
import type { InputProblem } from "../errors.js"
import type { DistributionEntry } from "../emit/jsonld.js"
import { licenseUrl } from "../emit/jsonld.js"
import { tableSchema } from "./frictionless.js"
import { loadingSection } from "./loading.js"
import { workbookFile } from "../emit/formats.js"
import type { ReleaseFingerprint } from "./version.js"

export interface DatasetMeta {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly license: string
  readonly publisher: string
  readonly keywords: ReadonlyArray<string>
  readonly version: string
}

export const datapackageJson = (p: {
  dataset: DatasetMeta
  created: string
  distribution: ReadonlyArray<DistributionEntry>
  fingerprint: ReleaseFingerprint
  rawFileCount: number
}) => {
  const byPath = new Map(p.distribution.map((d) => [d.path, d]))
  return {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    name: p.dataset.name,
    title: p.dataset.title,
    description: p.dataset.description,
    version: p.dataset.version,
    created: p.created,
    keywords: [...p.dataset.keywords],
    licenses: [{ name: p.dataset.license, path: licenseUrl(p.dataset.license), title: p.dataset.license }],
    contributors: [{ title: p.dataset.publisher, roles: ["publisher"] }],
    sources: [{ title: `${p.rawFileCount} scraped text(s); see provenance.jsonld for each file and its sha256`, path: "provenance.jsonld" }],
    resources: TABLE_NAMES.flatMap((name) => {
      const csv = byPath.get(`${name}.csv`)!
      return [
        {
          name,
          title: TABLES[name].title,
          description: TABLES[name].description,
          type: "table",
          path: csv.path,
          scheme: "file",
          format: "csv",
          mediatype: "text/csv",
          encoding: "utf-8",
          bytes: csv.bytes,
          hash: `sha256:${csv.sha256}`,
          dialect: { $schema: "https://datapackage.org/profiles/2.0/tabledialect.json", delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true },
          schema: tableSchema(TABLES[name])
        }
      ]
    }),
    "pipeline:fingerprint": p.fingerprint
  }
}

export const releaseReadme = (p: {
  dataset: DatasetMeta
  counts: Readonly<Record<TableName, number>>
  refused: ReadonlyArray<InputProblem>
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

${d.publisher} (${d.version}). *${d.title}*, version ${d.version}. Licence ${d.license}.
`
}
