/**
 * provenance.jsonld: the build as a PROV-O activity that used the raw files and the configuration and generated every
 * file of the release. The context is written into the file, so it expands offline.
 */
import { iris } from "../../emit/jsonld.js"

export const PROV_CONTEXT = {
  prov: "http://www.w3.org/ns/prov#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  schema: "https://schema.org/",
  spdx: "http://spdx.org/rdf/terms#",
  label: "rdfs:label",
  startedAtTime: { "@id": "prov:startedAtTime", "@type": "xsd:dateTime" },
  endedAtTime: { "@id": "prov:endedAtTime", "@type": "xsd:dateTime" },
  used: { "@id": "prov:used", "@type": "@id" },
  wasGeneratedBy: { "@id": "prov:wasGeneratedBy", "@type": "@id" },
  wasDerivedFrom: { "@id": "prov:wasDerivedFrom", "@type": "@id" },
  wasAssociatedWith: { "@id": "prov:wasAssociatedWith", "@type": "@id" },
  sha256: "schema:sha256",
  path: "schema:name",
  version: "schema:softwareVersion",
  commit: "schema:identifier",
  refused: "schema:description"
} as const

export interface ProvenanceInput {
  readonly datasetName: string
  readonly version: string
  readonly startedAt: string
  readonly endedAt: string
  readonly pipelineVersion: string
  readonly gitCommit: string | null
  readonly configSha256: string
  readonly dataFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly rawFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly refused: ReadonlyArray<{ readonly path: string; readonly reason: string }>
  readonly outputs: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
}

export const provenanceJsonLd = (p: ProvenanceInput): object => {
  const id = iris(p.datasetName)
  const build = `${id.dataset(p.version)}:build`
  const agent = `urn:x-software:news-dataset-pipeline:${p.pipelineVersion}`
  const raw = (path: string) => `${id.dataset(p.version)}:raw:${encodeURIComponent(path)}`
  const config = `${id.dataset(p.version)}:config`
  const inputs = [config, ...p.dataFiles.map((f) => raw(f.path)), ...p.rawFiles.map((f) => raw(f.path))]
  return {
    "@context": PROV_CONTEXT,
    "@graph": [
      {
        "@id": build,
        "@type": "prov:Activity",
        label: `build of ${p.datasetName} ${p.version}`,
        startedAtTime: p.startedAt,
        endedAtTime: p.endedAt,
        wasAssociatedWith: agent,
        used: inputs
      },
      {
        "@id": agent,
        "@type": ["prov:SoftwareAgent", "schema:SoftwareApplication"],
        label: "news-dataset-pipeline",
        version: p.pipelineVersion,
        ...(p.gitCommit ? { commit: p.gitCommit } : {})
      },
      { "@id": config, "@type": "prov:Entity", label: "pipeline.yaml", sha256: p.configSha256 },
      ...p.dataFiles.map((f) => ({ "@id": raw(f.path), "@type": "prov:Entity", label: "configuration data file", path: f.path, sha256: f.sha256 })),
      ...p.rawFiles.map((f) => ({ "@id": raw(f.path), "@type": "prov:Entity", label: "raw text", path: f.path, sha256: f.sha256 })),
      ...p.refused.map((f) => ({ "@id": raw(f.path), "@type": "prov:Entity", label: "refused raw text", path: f.path, refused: f.reason })),
      ...p.outputs.map((f) => ({
        "@id": id.file(p.version, f.path),
        "@type": "prov:Entity",
        path: f.path,
        sha256: f.sha256,
        wasGeneratedBy: build,
        wasDerivedFrom: inputs
      }))
    ]
  }
}
