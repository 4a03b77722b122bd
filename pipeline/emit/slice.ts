/**
 * A slice of consecutive documents encoded in every form a release keeps them in: the CSV text, an Arrow record
 * batch and a Parquet part of each table's rows (CSV and Arrow also deflated, for the zip), the dataset.jsonld nodes, the lines of
 * document-digests.csv, a few preview rows, and what the release's registry and charts need of each document. Pure and
 * deterministic, it runs where the documents were processed (a worker thread), so the thread that writes the files
 * only concatenates, and it is cached whole, so a rebuild copies the slices nothing changed in.
 *
 * Where slices end depends on the documents alone, not on their positions: a slice ends after a document whose doc_id
 * hashes to a multiple of SLICE_TARGET (or at SLICE_MAX documents). A text added, changed or removed changes the one
 * slice it falls in, and every other slice, its record batches and so every file's bytes stay what they were, from
 * one thread or many, the cache or shards.
 */
import { RecordBatchStreamWriter } from "apache-arrow"
import type { DocumentResult } from "../document.js"
import type { FoundEntity } from "../stages/entities/index.js"
import { TABLES, type Row, type TableSpec } from "../model.js"
import { csvCell } from "./cells.js"
import { csvRows } from "./csv.js"
import { batchMessage, recordBatch, type BatchMessage } from "./arrow.js"
import { crc32, deflatePiece } from "./zipfile.js"
import { parquetPart } from "./parquet.js"
import { digestsLine, documentDigests } from "./digests.js"
import { documentNode, jsonLdNode } from "./jsonld.js"

/** Documents per slice on average, and at most (a record batch holds one slice's rows of a table). */
export const SLICE_TARGET = 128
export const SLICE_MAX = 512

/** Does a slice end after this outcome (the `length`-th of its slice)? */
export const endsSlice = (docId: string, length: number): boolean => length >= SLICE_MAX || crc32(docId) % SLICE_TARGET === 0

/** Consecutive items cut into slices where endsSlice says (the last may be open: `rest`). */
export const cutSlices = <A>(items: ReadonlyArray<A>, docId: (a: A) => string, carry: ReadonlyArray<A> = []): { slices: Array<Array<A>>; rest: Array<A> } => {
  const slices: Array<Array<A>> = []
  let current: Array<A> = [...carry]
  for (const item of items) {
    current.push(item)
    if (endsSlice(docId(item), current.length)) {
      slices.push(current)
      current = []
    }
  }
  return { slices, rest: current }
}
/** The tables a document contributes rows to (entities come from the registry, at the end). */
export const DOCUMENT_TABLES = ["documents", "comments", "mentions", "dates", "removed_lines"] as const
export type DocumentTable = (typeof DOCUMENT_TABLES)[number]

export const PREVIEW_ROWS = 5
/** A preview cell holds this many characters at most; the page shows fewer. */
const PREVIEW_CELL = 300

/** What the release's changes and charts need of one document. */
export interface SliceDocument {
  readonly doc_id: string
  readonly digests: Uint8Array
  readonly published_date: string | null
}

/** An entity the slice's documents name: as first found, every spelling of a provisional one, and its mentions. */
export interface SliceEntity {
  readonly entity: FoundEntity
  readonly spellings: ReadonlyArray<string>
  readonly mentions: number
}

/** Bytes of a release file and the same bytes deflated (a sync-flushed piece of the file's deflate stream, for the zip). */
export interface Piece {
  readonly bytes: Uint8Array
  readonly deflated: Uint8Array
}

/**
 * A table's rows of the slice as one Arrow record batch: an IPC stream (schema, batch), the batch's message in it;
 * and the same rows as a Parquet part (a file of one row group, joined into the table's file by parquet-join.ts).
 */
export interface ArrowPiece {
  readonly stream: Uint8Array
  readonly message: BatchMessage
  /** the message, deflated */
  readonly deflated: Uint8Array
  readonly parquet: Uint8Array
}

export interface EncodedSlice {
  readonly documents: ReadonlyArray<SliceDocument>
  /** the slice's entities in the order first found (what the build's registry merges, slice by slice) */
  readonly entities: ReadonlyArray<SliceEntity>
  /** each table's rows as CSV text (no header) */
  readonly csv: Readonly<Record<DocumentTable, Piece>>
  /** each table's rows as a record batch; null when the slice has none */
  readonly arrow: Readonly<Record<DocumentTable, ArrowPiece | null>>
  readonly rows: Readonly<Record<DocumentTable, number>>
  /** the documents' nodes as dataset.jsonld holds them (each after ",\n") */
  readonly nodes: Piece
  /** document-digests.csv lines */
  readonly digests: Piece
  /** the first rows of each table in this slice, as CSV cells */
  readonly preview: Readonly<Record<DocumentTable, ReadonlyArray<ReadonlyArray<string>>>>
}

/** Rows of a table as a record batch, with its message deflated. */
export const arrowPiece = (spec: TableSpec, rows: ReadonlyArray<Row>): ArrowPiece | null => {
  if (rows.length === 0) return null
  const stream = RecordBatchStreamWriter.writeAll([recordBatch(spec, rows)]).toUint8Array(true)
  const message = batchMessage(stream)
  return { stream, message, deflated: deflatePiece(stream.subarray(message.at, message.at + message.length)), parquet: parquetPart(stream) }
}

const piece = (text: string): Piece => {
  const bytes = Buffer.from(text, "utf8")
  return { bytes, deflated: bytes.byteLength ? deflatePiece(bytes) : new Uint8Array(0) }
}

export const encodeSlice = (results: ReadonlyArray<DocumentResult>, datasetName: string): EncodedSlice => {
  const rowsOf = (t: DocumentTable): ReadonlyArray<Row> =>
    (t === "documents" ? results.map((r) => r.document) : results.flatMap((r): ReadonlyArray<unknown> => r[t])) as ReadonlyArray<Row>
  const csv = {} as Record<DocumentTable, Piece>
  const arrow = {} as Record<DocumentTable, ArrowPiece | null>
  const rows = {} as Record<DocumentTable, number>
  const preview = {} as Record<DocumentTable, Array<Array<string>>>
  for (const t of DOCUMENT_TABLES) {
    const spec = TABLES[t]
    const r = rowsOf(t)
    rows[t] = r.length
    csv[t] = piece(csvRows(spec, r))
    arrow[t] = arrowPiece(spec, r)
    preview[t] = r.slice(0, PREVIEW_ROWS).map((row) => spec.columns.map((c) => csvCell(c, row[c.name]).slice(0, PREVIEW_CELL)))
  }
  let nodes = ""
  let digests = ""
  const documents: Array<SliceDocument> = []
  const entities = new Map<string, { entity: FoundEntity; spellings: Set<string>; mentions: number }>()
  for (const r of results) {
    const d = documentDigests(r)
    const mentioned = r.mentions.map((m) => m.entity_id)
    nodes += jsonLdNode(documentNode(datasetName, r.document, mentioned), false)
    digests += digestsLine(r.document.doc_id, d)
    documents.push({ doc_id: r.document.doc_id, digests: d, published_date: r.document.published_date })
    for (const e of r.entities) {
      const known = entities.get(e.entity_id)
      if (!known) entities.set(e.entity_id, { entity: e, spellings: new Set(e.provisional ? e.aliases : []), mentions: 0 })
      else if (e.provisional) for (const a of e.aliases) known.spellings.add(a)
    }
    for (const id of mentioned) {
      const known = entities.get(id)
      if (known) known.mentions++
    }
  }
  const found = [...entities.values()].map((e) => ({ entity: e.entity, spellings: [...e.spellings], mentions: e.mentions }))
  return { documents, entities: found, csv, arrow, rows, nodes: piece(nodes), digests: piece(digests), preview }
}
