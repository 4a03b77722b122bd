/**
 * dataset.jsonld: the release as a schema.org Dataset with its downloads, and every document as a NewsArticle,
 * BlogPosting or DiscussionForumPosting that mentions its entities (sameAs Wikidata where known). The context is
 * written into the file, so it expands offline.
 */
import type { DatasetRelease } from "../dataset.js"
import type { DocKind, DocumentRow, EntityRow, MentionRow } from "../model.js"

export const SCHEMA_ORG_CONTEXT = {
  "@vocab": "https://schema.org/",
  schema: "https://schema.org/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  sameAs: { "@id": "schema:sameAs", "@type": "@id" },
  license: { "@id": "schema:license", "@type": "@id" },
  url: { "@id": "schema:url", "@type": "@id" },
  contentUrl: { "@id": "schema:contentUrl", "@type": "@id" },
  mentions: { "@id": "schema:mentions", "@type": "@id" },
  about: { "@id": "schema:about", "@type": "@id" },
  isPartOf: { "@id": "schema:isPartOf", "@type": "@id" }
} as const

const SCHEMA_TYPE: Record<DocKind, string> = {
  news_article: "NewsArticle",
  blog_post: "BlogPosting",
  forum_thread: "DiscussionForumPosting",
  page: "Article"
}
const ENTITY_TYPE = { person: "Person", organization: "Organization", place: "Place" } as const

export interface DistributionEntry {
  readonly path: string
  readonly encodingFormat: string
  readonly bytes: number
  readonly sha256: string
}

/** The release the JSON-LD describes, with the day it was published. */
export interface DatasetDescription extends DatasetRelease {
  readonly datePublished: string
}

/** IRIs minted for the release's things; a URN so they are absolute without claiming a web address. */
export const iris = (datasetName: string) => ({
  dataset: (version: string) => `urn:x-dataset:${datasetName}:${version}`,
  document: (docId: string) => `urn:x-dataset:${datasetName}:document:${encodeURIComponent(docId)}`,
  entity: (entityId: string) => `urn:x-dataset:${datasetName}:entity:${encodeURIComponent(entityId)}`,
  file: (version: string, path: string) => `urn:x-dataset:${datasetName}:${version}:file:${path}`,
  /** the dataset across its releases (the dcat:Dataset series of catalog.jsonld): what a document is part of */
  series: () => `urn:x-dataset:${datasetName}`
})

export const licenseUrl = (spdx: string): string => `https://spdx.org/licenses/${spdx}.html`

/** The Dataset node: the release, its downloads, and the documents it holds (hasPart, last). */
export const datasetNode = (ds: DatasetDescription, distribution: ReadonlyArray<DistributionEntry>, docIds: ReadonlyArray<string>): object => {
  const id = iris(ds.name)
  return {
    "@id": id.dataset(ds.version),
    "@type": "Dataset",
    name: ds.title,
    alternateName: ds.name,
    description: ds.description,
    version: ds.version,
    license: licenseUrl(ds.license),
    datePublished: ds.datePublished,
    creator: { "@type": "Organization", name: ds.publisher },
    publisher: { "@type": "Organization", name: ds.publisher },
    keywords: [...ds.keywords],
    distribution: distribution.map((d) => ({
      "@type": "DataDownload",
      name: d.path,
      contentUrl: d.path,
      encodingFormat: d.encodingFormat,
      contentSize: `${d.bytes} B`,
      sha256: d.sha256
    })),
    hasPart: docIds.map((d) => id.document(d))
  }
}

/**
 * schema.org's datePublished: the day as written, else the ISO 8601 interval of the days the value covers
 * ("2014-12" -> "2014-12-01/2014-12-31"), which schema.org's date properties and temporalCoverage accept.
 */
export const publishedValue = (d: Pick<DocumentRow, "published_date" | "published_earliest" | "published_latest">): string | null => {
  if (!d.published_date) return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(d.published_date) || !d.published_earliest || !d.published_latest) return d.published_date
  return `${d.published_earliest}/${d.published_latest}`
}

/**
 * One document as a NewsArticle, BlogPosting or DiscussionForumPosting that mentions its entities. It is part of the
 * dataset series (the same IRI as catalog.jsonld's), not of one release, so its node is the same text in every release
 * that holds the document and is made once, when the document is processed.
 */
export const documentNode = (datasetName: string, d: DocumentRow, mentionedEntityIds: ReadonlyArray<string>): object => {
  const id = iris(datasetName)
  return {
    "@id": id.document(d.doc_id),
    "@type": SCHEMA_TYPE[d.kind],
    identifier: d.doc_id,
    ...(d.title ? { headline: d.title } : {}),
    ...(d.authors.length ? { author: d.authors.map((name) => ({ "@type": "Person", name })) } : {}),
    ...(d.published_date ? { datePublished: publishedValue(d) } : {}),
    ...(d.publisher ? { publisher: { "@type": "Organization", name: d.publisher } } : {}),
    ...(d.url ? { url: d.url } : {}),
    ...(d.language ? { inLanguage: d.language } : {}),
    articleBody: d.body,
    wordCount: d.word_count,
    isPartOf: id.series(),
    mentions: [...new Set(mentionedEntityIds)].sort().map((e) => id.entity(e))
  }
}

/** The entity's identifiers elsewhere: its Wikidata item, else its GeoNames feature. */
const sameAs = (e: EntityRow): object =>
  e.wikidata_id ? { sameAs: `http://www.wikidata.org/entity/${e.wikidata_id}` } : e.geonames_id ? { sameAs: `https://sws.geonames.org/${e.geonames_id}/` } : {}

export const entityNode = (datasetName: string, e: EntityRow): object => ({
  "@id": iris(datasetName).entity(e.entity_id),
  "@type": ENTITY_TYPE[e.type],
  identifier: e.entity_id,
  name: e.name,
  ...(e.aliases.length ? { alternateName: [...e.aliases] } : {}),
  ...sameAs(e)
})

/** The whole file, as pieces of text to write in order: the graph is streamed node by node, never held whole. */
export const jsonLdHead = (): string => `{\n"@context": ${JSON.stringify(SCHEMA_ORG_CONTEXT)},\n"@graph": [\n`
export const jsonLdNode = (node: object, first: boolean): string => `${first ? "" : ",\n"}${JSON.stringify(node)}`
export const jsonLdTail = (): string => "\n]\n}\n"

