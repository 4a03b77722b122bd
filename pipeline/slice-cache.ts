/**
 * Encoded slices kept between builds (out/.cache/slices), keyed by the cache keys of their documents in order (and
 * the dataset's name, which document nodes carry): a rebuild reads a slice nothing changed in as bytes, without
 * reading its documents' cache entries or encoding anything. One file per slice: "SLC1", a header (JSON: the outcomes,
 * what the release needs of each document, where each byte section lies), then the sections. A missing, corrupt or
 * foreign entry is recomputed, never trusted; entries no build used are removed after a publish.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { sha256Hex } from "./stages/ingest.js"
import { DOCUMENT_TABLES, type ArrowPiece, type DocumentTable, type EncodedSlice, type Piece, type SliceDocument } from "./emit/slice.js"
import type { BatchMessage } from "./emit/arrow.js"
import type { LightOutcome } from "./process-source.js"

export const SLICES_DIR = "slices"
const FORMAT = 2
const MAGIC = Buffer.from("SLC1")

export const sliceKey = (datasetName: string, memberKeys: ReadonlyArray<string>): string => sha256Hex(JSON.stringify([FORMAT, datasetName, memberKeys]))

const entryPath = (dir: string, key: string) => path.join(dir, SLICES_DIR, key.slice(0, 2), `${key}.slice`)

interface Header {
  readonly key: string
  readonly outcomes: ReadonlyArray<LightOutcome>
  readonly documents: ReadonlyArray<{ doc_id: string; digests: string; published_date: string | null }> | null
  readonly entities: EncodedSlice["entities"] | null
  readonly rows: Readonly<Record<DocumentTable, number>> | null
  readonly preview: EncodedSlice["preview"] | null
  readonly messages: Readonly<Record<DocumentTable, BatchMessage | null>> | null
  /** section name → [offset, length] after the header */
  readonly sections: Readonly<Record<string, readonly [number, number]>>
}

export interface CachedSlice {
  readonly outcomes: ReadonlyArray<LightOutcome>
  readonly slice: EncodedSlice | null
  /** the whole file, to hand to another thread without a copy */
  readonly buffer: ArrayBuffer
}

export const readSlice = (dir: string, key: string): CachedSlice | null => {
  try {
    const file = fs.readFileSync(entryPath(dir, key))
    if (!file.subarray(0, 4).equals(MAGIC)) return null
    const headerLength = file.readUInt32LE(4)
    const header = JSON.parse(file.toString("utf8", 8, 8 + headerLength)) as Header
    if (header.key !== key) return null
    const base = 8 + headerLength
    const section = (name: string): Uint8Array => {
      const [at, length] = header.sections[name] ?? [0, 0]
      if (base + at + length > file.length) throw new Error("a slice entry cut short")
      return new Uint8Array(file.buffer, file.byteOffset + base + at, length)
    }
    const piece = (name: string): Piece => ({ bytes: section(name), deflated: section(`${name}.z`) })
    const outcomes = header.outcomes.map((o) => ({ ...o, cached: true }))
    if (!header.documents || !header.entities || !header.rows || !header.preview || !header.messages) return { outcomes, slice: null, buffer: file.buffer as ArrayBuffer }
    const messages = header.messages
    const csv = Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, piece(`csv.${t}`)])) as Record<DocumentTable, Piece>
    const arrow = Object.fromEntries(
      DOCUMENT_TABLES.map((t) => [t, messages[t] ? ({ stream: section(`arrow.${t}`), message: messages[t]!, deflated: section(`arrow.${t}.z`) } satisfies ArrowPiece) : null])
    ) as Record<DocumentTable, ArrowPiece | null>
    const documents: Array<SliceDocument> = header.documents.map((d) => ({ ...d, digests: Buffer.from(d.digests, "base64") }))
    const slice: EncodedSlice = { documents, entities: header.entities, csv, arrow, rows: header.rows, nodes: piece("nodes"), digests: piece("digests"), preview: header.preview }
    return { outcomes, slice, buffer: file.buffer as ArrayBuffer }
  } catch {
    return null
  }
}

/** Writes an entry through a temporary file and a rename; a cache that cannot be written only costs time later. */
export const writeSlice = (dir: string, key: string, outcomes: ReadonlyArray<LightOutcome>, slice: EncodedSlice | null): void => {
  try {
    const parts: Array<Uint8Array> = []
    const sections: Record<string, readonly [number, number]> = {}
    let at = 0
    const add = (name: string, bytes: Uint8Array) => {
      sections[name] = [at, bytes.byteLength]
      parts.push(bytes)
      at += bytes.byteLength
    }
    if (slice) {
      for (const t of DOCUMENT_TABLES) {
        add(`csv.${t}`, slice.csv[t].bytes)
        add(`csv.${t}.z`, slice.csv[t].deflated)
        const a = slice.arrow[t]
        if (a) {
          add(`arrow.${t}`, a.stream)
          add(`arrow.${t}.z`, a.deflated)
        }
      }
      add("nodes", slice.nodes.bytes)
      add("nodes.z", slice.nodes.deflated)
      add("digests", slice.digests.bytes)
      add("digests.z", slice.digests.deflated)
    }
    const header: Header = {
      key,
      outcomes: outcomes.map(({ cached: _, ...o }) => ({ ...o, cached: false })),
      documents: slice ? slice.documents.map((d) => ({ ...d, digests: Buffer.from(d.digests).toString("base64") })) : null,
      entities: slice?.entities ?? null,
      rows: slice?.rows ?? null,
      preview: slice?.preview ?? null,
      messages: slice ? (Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, slice.arrow[t]?.message ?? null])) as Record<DocumentTable, BatchMessage | null>) : null,
      sections
    }
    const json = Buffer.from(JSON.stringify(header), "utf8")
    const head = Buffer.alloc(8)
    MAGIC.copy(head, 0)
    head.writeUInt32LE(json.length, 4)
    const file = entryPath(dir, key)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    const fd = fs.openSync(tmp, "w")
    try {
      for (const b of [head, json, ...parts]) fs.writeSync(fd, b)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
  } catch {
    // a cache that cannot be written only costs time on the next build
  }
}

/** Removes the slice entries not in `used` (those no build of these texts will ask for again). */
export const sweepSlices = (dir: string, used: ReadonlySet<string>): void => {
  const root = path.join(dir, SLICES_DIR)
  if (!fs.existsSync(root)) return
  for (const sub of fs.readdirSync(root)) {
    for (const name of fs.readdirSync(path.join(root, sub))) {
      if (!used.has(name.replace(/\.slice$/, ""))) fs.rmSync(path.join(root, sub, name), { force: true })
    }
  }
}
