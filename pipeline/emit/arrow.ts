/**
 * Arrow IPC file writer. Every column gets an explicit Arrow type (plain Utf8, never dictionary-encoded, so a file can
 * hold many record batches), chosen so the file converts to Parquet without loss: utf8, int32, int64, bool, date32,
 * timestamp(ms, UTC) and list<utf8>.
 */
import {
  Bool,
  type DataType,
  DateDay,
  Field,
  Int32,
  Int64,
  List,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Utf8,
  makeData,
  MetadataVersion,
  vectorFromArray
} from "apache-arrow"
import { FileBlock, Footer } from "apache-arrow/ipc/metadata/file"
import type { Column, Row, TableSpec } from "../model.js"

const arrowType = (c: Column): DataType => {
  switch (c.type) {
    case "string":
      return new Utf8()
    case "int32":
      return new Int32()
    case "int64":
      return new Int64()
    case "bool":
      return new Bool()
    case "date":
      return new DateDay()
    case "timestamp":
      return new TimestampMillisecond("UTC")
    case "list":
      return new List(new Field("item", new Utf8(), false))
  }
}

export const arrowSchema = (spec: TableSpec): Schema =>
  new Schema(
    spec.columns.map((c) => new Field(c.name, arrowType(c), !c.required, new Map([["description", c.description]]))),
    new Map([["table", spec.name], ["primary_key", spec.primaryKey.join(",")]])
  )

const arrowValue = (c: Column, v: unknown): unknown => {
  if (v === null || v === undefined) return null
  if (c.type === "date") return new Date(`${String(v)}T00:00:00Z`)
  if (c.type === "timestamp") return new Date(String(v))
  if (c.type === "int64") return BigInt(v as number)
  return v
}

const schemas = new WeakMap<TableSpec, Schema>()
const schemaOf = (spec: TableSpec): Schema => {
  let s = schemas.get(spec)
  if (!s) schemas.set(spec, (s = arrowSchema(spec)))
  return s
}

/**
 * A validity bitmap as apache-arrow's builders size it (a multiple of 64 bytes), so a column made here is written with
 * the same bytes as one its builders make.
 */
const bitmap = (length: number): Uint8Array => new Uint8Array(Math.max(64, Math.ceil(Math.ceil(length / 8) / 64) * 64))

/** UTF-8 is written into this buffer, grown as needed, and copied out at the column's exact size. */
let scratch = Buffer.allocUnsafe(1 << 20)

/** Strings (null where missing) as Arrow utf8 data: offsets and the bytes, encoded once, no builder in between. */
const utf8Data = (values: ReadonlyArray<string | null>, type: Utf8) => {
  const length = values.length
  let most = 0
  for (let i = 0; i < length; i++) most += (values[i]?.length ?? 0) * 3
  if (scratch.length < most) scratch = Buffer.allocUnsafe(most)
  const valueOffsets = new Int32Array(length + 1)
  const valid = bitmap(length)
  let nullCount = 0
  let at = 0
  for (let i = 0; i < length; i++) {
    const v = values[i]
    if (v === null || v === undefined) nullCount++
    else {
      valid[i >> 3]! |= 1 << (i & 7)
      if (v.length > 0) at += scratch.write(v, at)
    }
    valueOffsets[i + 1] = at
  }
  const data = new Uint8Array(at)
  data.set(scratch.subarray(0, at))
  return makeData({ type, length, nullCount, nullBitmap: nullCount ? valid : null, valueOffsets, data })
}

/** One column's values as Arrow data, written straight into typed arrays for the types the tables use. */
const columnData = (c: Column, type: DataType, rows: ReadonlyArray<Row>) => {
  const length = rows.length
  if (c.type === "string") return utf8Data(rows.map((r) => (r[c.name] ?? null) as string | null), type as Utf8)
  if (c.type === "int32" || c.type === "date") {
    const values = new Int32Array(length)
    const valid = bitmap(length)
    let nullCount = 0
    for (let i = 0; i < length; i++) {
      const v = rows[i]![c.name]
      if (v === null || v === undefined) nullCount++
      else {
        valid[i >> 3]! |= 1 << (i & 7)
        // a day as days since 1970-01-01, as the DateDay builder stores it
        values[i] = c.type === "date" ? Math.floor(Date.parse(`${String(v)}T00:00:00Z`) / 86_400_000) : (v as number)
      }
    }
    const nullBitmap = nullCount ? valid : null
    return c.type === "date" ? makeData({ type: type as DateDay, length, nullCount, nullBitmap, data: values }) : makeData({ type: type as Int32, length, nullCount, nullBitmap, data: values })
  }
  if (c.type === "list") {
    const valueOffsets = new Int32Array(length + 1)
    const valid = bitmap(length)
    const items: Array<string> = []
    let nullCount = 0
    for (let i = 0; i < length; i++) {
      const v = rows[i]![c.name] as ReadonlyArray<string> | null | undefined
      if (v === null || v === undefined) nullCount++
      else {
        valid[i >> 3]! |= 1 << (i & 7)
        for (const item of v) items.push(item)
      }
      valueOffsets[i + 1] = items.length
    }
    const listType = type as List<Utf8>
    const child = utf8Data(items, listType.children[0]!.type)
    return makeData({ type: listType, length, nullCount, nullBitmap: nullCount ? valid : null, valueOffsets, child })
  }
  // int64, bool and timestamp: no table has them today; apache-arrow's builders make them
  return vectorFromArray(rows.map((r) => arrowValue(c, r[c.name])) as Array<never>, type).data[0]!
}

export const recordBatch = (spec: TableSpec, rows: ReadonlyArray<Row>): RecordBatch => {
  const schema = schemaOf(spec)
  const children = spec.columns.map((c, i) => columnData(c, schema.fields[i]!.type, rows))
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children })
  return new RecordBatch(schema, data)
}

/**
 * The writer queues its output chunks in an internal byte queue and `toUint8Array` copies them without removing
 * them; taking the queued chunks out is what keeps memory flat while a table is written batch by batch.
 */
const takeQueued = (writer: RecordBatchFileWriter): Uint8Array => {
  const queue = (writer as unknown as { _sink: { _values: Array<Uint8Array> } })._sink._values
  const chunks = queue.splice(0, queue.length)
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/** An Arrow IPC file writer that is fed record batches and hands back the bytes it produced since the last call. */
export const makeArrowFileWriter = (spec: TableSpec) => {
  const writer = new RecordBatchFileWriter()
  const schema = arrowSchema(spec)
  let started = false
  const start = () => {
    if (!started) {
      writer.reset(undefined, schema)
      started = true
    }
  }
  return {
    write: (rows: ReadonlyArray<Row>): void => {
      start()
      if (rows.length > 0) writer.write(recordBatch(spec, rows))
    },
    /** a record batch made elsewhere (read from an IPC stream) with this table's schema */
    writeBatch: (batch: RecordBatch): void => {
      start()
      if (batch.numRows > 0) writer.write(batch)
    },
    /** the bytes written since the last call */
    drain: (): Uint8Array => {
      start()
      return takeQueued(writer)
    },
    finish: (): Uint8Array => {
      start()
      writer.finish()
      return takeQueued(writer)
    }
  }
}

export const arrowTable = (spec: TableSpec, rows: ReadonlyArray<Row>): Uint8Array => {
  const w = makeArrowFileWriter(spec)
  w.write(rows)
  return w.finish()
}

/** Where a one-batch IPC stream's record batch message lies: after the schema message, before the end-of-stream marker. */
export interface BatchMessage {
  readonly at: number
  readonly length: number
  /** the message's metadata (prefix, flatbuffer, padding), as an Arrow file's footer block counts it */
  readonly metaDataLength: number
  readonly bodyLength: number
}

export const batchMessage = (stream: Uint8Array): BatchMessage => {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  const messageAt = (at: number) => {
    // the continuation marker, then the metadata length (padded flatbuffer)
    if (view.getInt32(at, true) !== -1) throw new Error("not an Arrow IPC stream message")
    return 8 + view.getInt32(at + 4, true)
  }
  const at = messageAt(0)
  const metaDataLength = messageAt(at)
  const length = stream.byteLength - 8 - at
  return { at, length, metaDataLength, bodyLength: length - metaDataLength }
}

/** An Arrow IPC file starts with its magic, padded to 8 bytes (the JavaScript writer puts no schema message there). */
export const ARROW_FILE_HEAD = Uint8Array.from([0x41, 0x52, 0x52, 0x4f, 0x57, 0x31, 0, 0])

/**
 * The end of an Arrow IPC file whose record batch messages were written one after another from ARROW_FILE_HEAD: the
 * end-of-stream marker, the footer (the schema and each block's offset and lengths), its length and the magic; the
 * same bytes as apache-arrow's RecordBatchFileWriter writes for the same batches.
 */
export const arrowFileTail = (spec: TableSpec, blocks: ReadonlyArray<{ readonly offset: number; readonly metaDataLength: number; readonly bodyLength: number }>): Uint8Array => {
  const footer = Footer.encode(new Footer(arrowSchema(spec), MetadataVersion.V5, blocks.map((b) => new FileBlock(b.metaDataLength, b.bodyLength, b.offset)), []))
  const out = new Uint8Array(8 + footer.byteLength + 4 + 6)
  const view = new DataView(out.buffer)
  view.setInt32(0, -1, true)
  view.setInt32(4, 0, true)
  out.set(footer, 8)
  view.setInt32(8 + footer.byteLength, footer.byteLength, true)
  out.set(ARROW_FILE_HEAD.subarray(0, 6), 8 + footer.byteLength + 4)
  return out
}
