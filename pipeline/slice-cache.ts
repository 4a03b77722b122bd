/**
 * Encoded slices kept between builds (out/.cache/slices), keyed by the cache keys of their documents in order (and
 * the dataset's name, which document nodes carry): a rebuild reads a slice nothing changed in as bytes, without
 * decoding or encoding anything. One file per slice: "SLC1", a header (JSON: the outcomes, what the release needs of
 * each document, where each byte section lies), then the sections; one section holds each document's result (JSON),
 * which a slice that changed (a text added next to them) takes instead of running the stages again. The slices a
 * build used are listed in out/.cache/slices/index.tsv with their documents' keys, which is how a document's result
 * is found. A missing, corrupt or foreign entry or result is recomputed, never trusted; entries no build used are
 * removed after a publish, with everything else in the cache folder that is not a slice.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { sha256Hex } from "./stages/ingest.js"
import { DOCUMENT_TABLES, type ArrowPiece, type DocumentTable, type EncodedSlice, type Piece, type SliceDocument } from "./emit/slice.js"
import type { BatchMessage } from "./emit/arrow.js"
import type { LightOutcome } from "./process-source.js"
import { checkOutcome, type CachedOutcome } from "./cache.js"

export const SLICES_DIR = "slices"
const FORMAT = 4
/** The slices of the last build that succeeded: `<slice key>\t<document key> <document key> ...` per line. */
const INDEX_FILE = "index.tsv"
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
  /** each document's cache key → where its result (JSON) lies in the "results" section */
  readonly results?: Readonly<Record<string, readonly [number, number]>>
}

export interface CachedSlice {
  readonly outcomes: ReadonlyArray<LightOutcome>
  readonly slice: EncodedSlice | null
  /** the whole file, to hand to another thread without a copy */
  readonly buffer: ArrayBuffer
}

/** The entry's bytes up to its documents' results (which a cached slice does not need), or null. */
const readEncoded = (file: string): Buffer | null => {
  const fd = fs.openSync(file, "r")
  try {
    const head = Buffer.alloc(8)
    if (fs.readSync(fd, head, 0, 8, 0) < 8 || !head.subarray(0, 4).equals(MAGIC)) return null
    const headerLength = head.readUInt32LE(4)
    const headerBytes = Buffer.alloc(headerLength)
    if (fs.readSync(fd, headerBytes, 0, headerLength, 8) < headerLength) return null
    const sections = (JSON.parse(headerBytes.toString("utf8")) as Header).sections
    const end = 8 + headerLength + (sections.results?.[0] ?? Object.values(sections).reduce((n, [at, length]) => Math.max(n, at + length), 0))
    const bytes = Buffer.allocUnsafe(end)
    head.copy(bytes, 0)
    headerBytes.copy(bytes, 8)
    const rest = end - 8 - headerLength
    if (rest > 0 && fs.readSync(fd, bytes, 8 + headerLength, rest, 8 + headerLength) < rest) return null
    return bytes
  } finally {
    fs.closeSync(fd)
  }
}

export const readSlice = (dir: string, key: string): CachedSlice | null => {
  try {
    const file = readEncoded(entryPath(dir, key))
    if (!file) return null
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
      DOCUMENT_TABLES.map((t) => [
        t,
        messages[t] ? ({ stream: section(`arrow.${t}`), message: messages[t]!, deflated: section(`arrow.${t}.z`), parquet: section(`parquet.${t}`) } satisfies ArrowPiece) : null
      ])
    ) as Record<DocumentTable, ArrowPiece | null>
    const documents: Array<SliceDocument> = header.documents.map((d) => ({ ...d, digests: Buffer.from(d.digests, "base64") }))
    const slice: EncodedSlice = { documents, entities: header.entities, csv, arrow, rows: header.rows, nodes: piece("nodes"), digests: piece("digests"), preview: header.preview }
    return { outcomes, slice, buffer: file.buffer as ArrayBuffer }
  } catch {
    return null
  }
}

/** Writes an entry through a temporary file and a rename; a cache that cannot be written only costs time later. */
export const writeSlice = (
  dir: string,
  key: string,
  outcomes: ReadonlyArray<LightOutcome>,
  slice: EncodedSlice | null,
  results: ReadonlyArray<{ readonly key: string; readonly outcome: CachedOutcome }> = []
): void => {
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
          add(`parquet.${t}`, a.parquet)
        }
      }
      add("nodes", slice.nodes.bytes)
      add("nodes.z", slice.nodes.deflated)
      add("digests", slice.digests.bytes)
      add("digests.z", slice.digests.deflated)
    }
    const where: Record<string, readonly [number, number]> = {}
    let json = ""
    let jsonBytes = 0
    for (const r of results) {
      const text = JSON.stringify(r.outcome)
      const length = Buffer.byteLength(text)
      where[r.key] = [jsonBytes, length]
      json += text
      jsonBytes += length
    }
    if (results.length) add("results", Buffer.from(json, "utf8"))
    const header: Header = {
      key,
      outcomes: outcomes.map(({ cached: _, ...o }) => ({ ...o, cached: false })),
      documents: slice ? slice.documents.map((d) => ({ ...d, digests: Buffer.from(d.digests).toString("base64") })) : null,
      entities: slice?.entities ?? null,
      rows: slice?.rows ?? null,
      preview: slice?.preview ?? null,
      messages: slice ? (Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, slice.arrow[t]?.message ?? null])) as Record<DocumentTable, BatchMessage | null>) : null,
      sections,
      results: where
    }
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8")
    const head = Buffer.alloc(8)
    MAGIC.copy(head, 0)
    head.writeUInt32LE(headerBytes.length, 4)
    const file = entryPath(dir, key)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    const fd = fs.openSync(tmp, "w")
    try {
      for (const b of [head, headerBytes, ...parts]) fs.writeSync(fd, b)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
  } catch {
    // a cache that cannot be written only costs time on the next build
  }
}

/**
 * Records the slices a build used with their documents' keys (where the next build finds a document's result), then
 * removes every slice entry not among them, and anything else in the cache folder (document entries of older versions).
 */
export const keepOnly = (dir: string, slices: ReadonlyMap<string, ReadonlyArray<string>>): void => {
  const root = path.join(dir, SLICES_DIR)
  fs.mkdirSync(root, { recursive: true })
  const index = path.join(root, INDEX_FILE)
  const tmp = `${index}.${process.pid}.tmp`
  fs.writeFileSync(tmp, [...slices].map(([key, members]) => `${key}\t${members.join(" ")}\n`).join(""))
  fs.renameSync(tmp, index)
  for (const name of fs.readdirSync(dir)) if (name !== SLICES_DIR) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
  for (const sub of fs.readdirSync(root)) {
    if (sub === INDEX_FILE) continue
    const folder = path.join(root, sub)
    if (!fs.statSync(folder).isDirectory()) {
      fs.rmSync(folder, { force: true })
      continue
    }
    for (const name of fs.readdirSync(folder)) {
      if (!slices.has(name.replace(/\.slice$/, ""))) fs.rmSync(path.join(folder, name), { force: true })
    }
  }
}

/** How many slice entries a lookup keeps read at once: a changed slice's documents come from one or two old ones. */
const OPEN_ENTRIES = 4

/**
 * Finds documents' cached results in the slices of the last build (index.tsv). The index is read again when it has
 * changed (a thread may serve several builds); a result is taken only from an entry whose key and header check out.
 */
export const previousResults = (dir: string) => {
  const index = path.join(dir, SLICES_DIR, INDEX_FILE)
  let stamp = ""
  let sliceOf = new Map<string, string>()
  const open = new Map<string, { file: Buffer; base: number; header: Header } | null>()
  const refresh = () => {
    const st = fs.statSync(index, { throwIfNoEntry: false })
    const now = st ? `${st.mtimeMs}:${st.size}:${st.ino}` : ""
    if (now === stamp) return
    stamp = now
    open.clear()
    sliceOf = new Map()
    if (!st) return
    for (const line of fs.readFileSync(index, "utf8").split("\n")) {
      const tab = line.indexOf("\t")
      if (tab < 0) continue
      const slice = line.slice(0, tab)
      for (const member of line.slice(tab + 1).split(" ")) if (member) sliceOf.set(member, slice)
    }
  }
  const entry = (key: string) => {
    if (open.has(key)) return open.get(key)!
    let read: { file: Buffer; base: number; header: Header } | null = null
    try {
      const file = fs.readFileSync(entryPath(dir, key))
      if (file.subarray(0, 4).equals(MAGIC)) {
        const headerLength = file.readUInt32LE(4)
        const header = JSON.parse(file.toString("utf8", 8, 8 + headerLength)) as Header
        if (header.key === key) read = { file, base: 8 + headerLength, header }
      }
    } catch {
      read = null
    }
    if (open.size >= OPEN_ENTRIES) open.delete(open.keys().next().value!)
    open.set(key, read)
    return read
  }
  return {
    /** called before a slice's documents are looked up */
    refresh,
    /** the document's result as its last slice holds it, or null */
    find: (docKey: string): CachedOutcome | null => {
      const slice = sliceOf.get(docKey)
      const e = slice ? entry(slice) : null
      const at = e?.header.results?.[docKey]
      const section = e?.header.sections.results
      if (!e || !at || !section || at[0] + at[1] > section[1] || e.base + section[0] + section[1] > e.file.length) return null
      const start = e.base + section[0] + at[0]
      try {
        return checkOutcome(JSON.parse(e.file.toString("utf8", start, start + at[1])))
      } catch {
        return null
      }
    }
  }
}
export type PreviousResults = ReturnType<typeof previousResults>
