/** datapackage.json (Frictionless v2): the dataset, its licence and sources, and one resource per CSV table with its hash. */
import { TABLE_NAMES, TABLES } from "../../model.js"
import type { DistributionEntry } from "../../emit/jsonld.js"
import { licenseUrl } from "../../emit/jsonld.js"
import { tableSchema } from "./frictionless.js"
import { ENTITY_DATA_SOURCES } from "../../stages/entities/sources.js"
import type { ReleaseFingerprint } from "../history/version.js"
import type { DatasetRelease } from "../../dataset.js"

export const datapackageJson = (p: {
  dataset: DatasetRelease
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
    sources: [
      { title: `${p.rawFileCount} scraped text(s); see provenance.jsonld for each file and its sha256`, path: "provenance.jsonld" },
      ...ENTITY_DATA_SOURCES.map((s) => ({ title: `${s.title}, ${s.license}: ${s.what} (${s.columns.join(", ")})`, path: s.path }))
    ],
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
