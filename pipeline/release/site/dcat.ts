/**
 * out/catalog.jsonld: every release as a DCAT 3 catalog. The dataset (dcat:Dataset, the series of versions) has each
 * release as dcat:hasVersion and the newest as dcat:hasCurrentVersion; a release has its dcat:version, its
 * dcat:previousVersion, adms:versionNotes (its CHANGELOG entry) and one dcat:Distribution per file (plus the zip)
 * with dcat:downloadURL, dcat:mediaType (an IANA media type IRI), dcat:byteSize and an spdx:checksum (sha256).
 * Download URLs are relative to out/, where the catalog lives; the context is in the file, so it expands offline.
 */
import type { DatasetIdentity } from "../../dataset.js"
import { iris, licenseUrl } from "../../emit/jsonld.js"

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  adms: "http://www.w3.org/ns/adms#",
  spdx: "http://spdx.org/rdf/terms#",
  foaf: "http://xmlns.com/foaf/0.1/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#"
} as const

export interface CatalogFile {
  readonly path: string
  /** relative to out/ */
  readonly url: string
  readonly mediaType: string
  readonly bytes: number
  readonly sha256: string
}

export interface CatalogRelease {
  readonly version: string
  readonly created: string
  readonly notes: string
  readonly files: ReadonlyArray<CatalogFile>
  readonly zip: CatalogFile | null
}

export interface CatalogInput extends DatasetIdentity {
  /** oldest first */
  readonly releases: ReadonlyArray<CatalogRelease>
}

const ianaMediaType = (t: string) => `https://www.iana.org/assignments/media-types/${t}`
const typed = (value: string, type: string) => ({ "@value": value, "@type": type })

const distribution = (name: string, version: string, f: CatalogFile, title?: string) => ({
  "@id": iris(name).file(version, f.path),
  "@type": "dcat:Distribution",
  "dct:title": title ?? f.path,
  "dcat:downloadURL": { "@id": f.url },
  "dcat:accessURL": { "@id": f.url },
  "dcat:mediaType": { "@id": ianaMediaType(f.mediaType) },
  "dcat:byteSize": typed(String(f.bytes), "xsd:nonNegativeInteger"),
  "spdx:checksum": {
    "@type": "spdx:Checksum",
    "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
    "spdx:checksumValue": typed(f.sha256, "xsd:hexBinary")
  }
})

export const catalogJsonLd = (c: CatalogInput): object => {
  const id = iris(c.name)
  const series = `urn:x-dataset:${c.name}`
  const publisher = { "@type": "foaf:Agent", "foaf:name": c.publisher }
  const license = { "@id": licenseUrl(c.license) }
  const newest = c.releases[c.releases.length - 1]
  return {
    "@context": DCAT_CONTEXT,
    "@graph": [
      {
        "@id": `${series}:catalog`,
        "@type": "dcat:Catalog",
        "dct:title": c.title,
        "dct:description": `Every release of ${c.title}.`,
        "dct:publisher": publisher,
        "dct:license": license,
        "foaf:homepage": { "@id": "index.html" },
        "dcat:dataset": { "@id": series }
      },
      {
        "@id": series,
        "@type": "dcat:Dataset",
        "dct:identifier": c.name,
        "dct:title": c.title,
        "dct:description": c.description,
        "dct:publisher": publisher,
        "dct:license": license,
        "dcat:keyword": [...c.keywords],
        "dcat:hasVersion": c.releases.map((r) => ({ "@id": id.dataset(r.version) })),
        ...(newest ? { "dcat:hasCurrentVersion": { "@id": id.dataset(newest.version) }, "dcat:version": newest.version } : {})
      },
      ...c.releases.map((r, i) => {
        const previous = i > 0 ? c.releases[i - 1] : undefined
        return {
          "@id": id.dataset(r.version),
          "@type": "dcat:Dataset",
          "dct:identifier": `${c.name}@${r.version}`,
          "dct:title": `${c.title} — release ${r.version}`,
          "dct:description": c.description,
          "dct:publisher": publisher,
          "dct:license": license,
          "dct:issued": typed(r.created, "xsd:dateTime"),
          "dcat:version": r.version,
          "adms:versionNotes": r.notes,
          "dct:isVersionOf": { "@id": series },
          ...(previous ? { "dcat:previousVersion": { "@id": id.dataset(previous.version) } } : {}),
          "dcat:landingPage": { "@id": `index.html#v${r.version}` },
          "dcat:distribution": [
            ...(r.zip ? [distribution(c.name, r.version, r.zip, `The whole release ${r.version} as one zip`)] : []),
            ...r.files.map((f) => distribution(c.name, r.version, f))
          ]
        }
      })
    ]
  }
}
