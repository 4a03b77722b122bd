/**
 * ro-crate-metadata.json: the release folder as an RO-Crate 1.2 — the root dataset, every file of the release (with
 * size, sha256 and, for tables, the row count), the pipeline as a SoftwareApplication, and one CreateAction per build
 * phase with its instrument, inputs (object), outputs (result) and start and end times.
 */
import { TABLE_NAMES, type TableName } from "../../model.js"
import { licenseUrl } from "../../emit/jsonld.js"
import { mediaTypeOf } from "../contents.js"
import { lazy } from "../../emit/json-stream.js"
import type { RawFiles } from "./provenance.js"

export const RO_CRATE_CONTEXT = "https://w3id.org/ro/crate/1.2/context"
export const RO_CRATE_PROFILE = "https://w3id.org/ro/crate/1.2"

export interface CrateFile {
  readonly path: string
  readonly bytes?: number
  readonly sha256?: string
  readonly description?: string
}

export interface CrateInput {
  readonly dataset: { readonly name: string; readonly title: string; readonly description: string; readonly license: string; readonly publisher: string; readonly keywords: ReadonlyArray<string> }
  readonly version: string
  readonly created: string
  readonly files: ReadonlyArray<CrateFile>
  readonly counts: Readonly<Record<TableName, number>>
  readonly phases: ReadonlyArray<{ readonly name: string; readonly description: string; readonly startedAt: string; readonly endedAt: string }>
  readonly rawFiles: RawFiles
  readonly pipelineVersion: string
  readonly gitCommit: string | null
}

const ref = (id: string) => ({ "@id": id })
const tableOf = (file: string): TableName | null => {
  const base = file.slice(0, file.lastIndexOf("."))
  return (TABLE_NAMES as ReadonlyArray<string>).includes(base) ? (base as TableName) : null
}
export const rawId = (p: string) => `#raw/${encodeURIComponent(p)}`

export const roCrate = (p: CrateInput): object => {
  const software = `#pipeline-${p.pipelineVersion}`
  const config = "#pipeline.yaml"
  const tableFiles = p.files.filter((f) => tableOf(f.path) !== null).map((f) => f.path)
  const otherFiles = p.files.filter((f) => tableOf(f.path) === null).map((f) => f.path)
  const canonical = tableFiles.filter((f) => f.endsWith(".csv") || f.endsWith(".arrow"))
  const inputs = lazy(function* () {
    yield ref(config)
    for (const f of p.rawFiles.items()) yield ref(rawId(f.path))
  })
  const actions = p.phases.map((phase, i) => {
    const first = i === 0
    const last = i === p.phases.length - 1
    return {
      "@id": `#build-${p.version}-${phase.name}`,
      "@type": "CreateAction",
      name: `${phase.name}: ${phase.description}`,
      instrument: ref(software),
      agent: ref("#publisher"),
      object: first ? inputs : canonical.map(ref),
      result: (last ? [...tableFiles, ...otherFiles] : canonical).map(ref),
      startTime: phase.startedAt,
      endTime: phase.endedAt,
      actionStatus: ref("http://schema.org/CompletedActionStatus")
    }
  })
  const head = [
      { "@id": "ro-crate-metadata.json", "@type": "CreativeWork", conformsTo: ref(RO_CRATE_PROFILE), about: ref("./") },
      {
        "@id": "./",
        "@type": "Dataset",
        name: p.dataset.title,
        alternateName: p.dataset.name,
        description: p.dataset.description,
        version: p.version,
        datePublished: p.created,
        license: ref(licenseUrl(p.dataset.license)),
        publisher: ref("#publisher"),
        creator: ref("#publisher"),
        keywords: p.dataset.keywords.join(", "),
        hasPart: p.files.map((f) => ref(f.path)),
        mentions: actions.map((a) => ref(a["@id"]))
      },
      { "@id": "#publisher", "@type": "Organization", name: p.dataset.publisher },
      { "@id": licenseUrl(p.dataset.license), "@type": "CreativeWork", name: p.dataset.license, identifier: p.dataset.license },
      ...p.files.map((f) => {
        const table = tableOf(f.path)
        return {
          "@id": f.path,
          "@type": "File",
          name: f.path,
          encodingFormat: f.path === "LICENSE" || f.path === "SHA256SUMS" ? "text/plain" : mediaTypeOf(f.path),
          ...(f.bytes !== undefined ? { contentSize: String(f.bytes) } : {}),
          ...(f.sha256 ? { sha256: f.sha256 } : {}),
          ...(f.description ? { description: f.description } : {}),
          ...(table ? { size: { "@type": "QuantitativeValue", value: p.counts[table], unitText: "rows" } } : {})
        }
      }),
      {
        "@id": software,
        "@type": "SoftwareApplication",
        name: "news-dataset-pipeline",
        softwareVersion: p.pipelineVersion,
        ...(p.gitCommit ? { identifier: p.gitCommit } : {})
      },
      { "@id": config, "@type": "CreativeWork", name: "pipeline.yaml", description: "The build's configuration" }
  ]
  return {
    "@context": RO_CRATE_CONTEXT,
    // the raw files are read as they are written: the crate of a corpus of any size is never held whole
    "@graph": lazy(function* () {
      yield* head
      for (const f of p.rawFiles.items()) yield { "@id": rawId(f.path), "@type": "CreativeWork", name: f.path, description: "raw text (not part of the release)", identifier: `sha256:${f.sha256}` }
      yield* actions
    })
  }
}
