/**
 * A slice of consecutive documents encoded in every form a release keeps them in: the CSV text and an Arrow IPC
 * record batch of each table's rows, the dataset.jsonld nodes (up to the version), the lines of document-digests.csv,
 * a few preview rows, and what the release's registry and charts need of each document. Pure and deterministic, it
 * runs where the documents were processed (a worker thread), so the thread that writes the files only concatenates.
 * A slice is a fixed run of SLICE_SIZE outcomes of the sorted listing, whoever computes it: the Arrow record batches
 * (and so every file) are the same bytes from one thread, many, the cache or shards.
 */
import { RecordBatchStreamWriter } from "apache-arrow"
import type { DocumentResult } from "../document.js"
import type { FoundEntity } from "../stages/entities.js"
import { TABLES, type Row } from "../model.js"
import { csvCell } from "./cells.js"
import { csvRows } from "./csv.js"
import { recordBatch } from "./arrow.js"
import { digestsLine, documentDigests } from "./digests.js"
import { documentNodeLine, documentNodeParts } from "./jsonld.js"

/** Outcomes per slice: a record batch of each table holds the rows of this many documents at most. */
export const SLICE_SIZE = 128
/** The tables a document contributes rows to (entities come from the registry, at the end). */
export const DOCUMENT_TABLES = ["documents", "comments", "mentions", "dates", "removed_lines"] as const
export type DocumentTable = (typeof DOCUMENT_TABLES)[number]

export const PREVIEW_ROWS = 5
/** A preview cell holds this many characters at most; the page shows fewer. */
const PREVIEW_CELL = 300

/** What the release's registry, changes and charts need of one document. */
export interface SliceDocument {
  readonly doc_id: string
  readonly digests: Uint8Array
  readonly published_date: string | null
  /** the entity of each mention, in order */
  readonly mentioned: ReadonlyArray<string>
  readonly entities: ReadonlyArray<FoundEntity>
}

export interface EncodedSlice {
  readonly documents: ReadonlyArray<SliceDocument>
  readonly csv: Readonly<Record<DocumentTable, string>>
  /** an IPC stream holding one record batch per table with rows in this slice (empty bytes when none) */
  readonly arrow: Readonly<Record<DocumentTable, Uint8Array>>
  readonly rows: Readonly<Record<DocumentTable, number>>
  /** dataset.jsonld part-file lines, one per document */
  readonly nodes: string
  /** document-digests.csv lines */
  readonly digests: string
  /** the first rows of each table in this slice, as CSV cells */
  readonly preview: Readonly<Record<DocumentTable, ReadonlyArray<ReadonlyArray<string>>>>
}

export const encodeSlice = (results: ReadonlyArray<DocumentResult>, datasetName: string): EncodedSlice => {
  const rowsOf = (t: DocumentTable): ReadonlyArray<Row> =>
    (t === "documents" ? results.map((r) => r.document) : results.flatMap((r): ReadonlyArray<unknown> => r[t])) as ReadonlyArray<Row>
  const csv = {} as Record<DocumentTable, string>
  const arrow = {} as Record<DocumentTable, Uint8Array>
  const rows = {} as Record<DocumentTable, number>
  const preview = {} as Record<DocumentTable, Array<Array<string>>>
  for (const t of DOCUMENT_TABLES) {
    const spec = TABLES[t]
    const r = rowsOf(t)
    rows[t] = r.length
    csv[t] = csvRows(spec, r)
    arrow[t] = r.length ? RecordBatchStreamWriter.writeAll([recordBatch(spec, r)]).toUint8Array(true) : new Uint8Array(0)
    preview[t] = r.slice(0, PREVIEW_ROWS).map((row) => spec.columns.map((c) => csvCell(c, row[c.name]).slice(0, PREVIEW_CELL)))
  }
  let nodes = ""
  let digests = ""
  const documents: Array<SliceDocument> = []
  for (const r of results) {
    const d = documentDigests(r)
    const mentioned = r.mentions.map((m) => m.entity_id)
    nodes += documentNodeLine(documentNodeParts(datasetName, r.document, mentioned))
    digests += digestsLine(r.document.doc_id, d)
    documents.push({ doc_id: r.document.doc_id, digests: d, published_date: r.document.published_date, mentioned, entities: r.entities })
  }
  return { documents, csv, arrow, rows, nodes, digests, preview }
}

/** The buffers a slice can hand to another thread without a copy. */
export const transferables = (s: EncodedSlice): Array<ArrayBuffer> =>
  Object.values(s.arrow).filter((b) => b.byteLength > 0).map((b) => b.buffer as ArrayBuffer)
