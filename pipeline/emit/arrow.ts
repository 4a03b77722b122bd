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
  vectorFromArray
} from "apache-arrow"
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

export const recordBatch = (spec: TableSpec, rows: ReadonlyArray<Row>): RecordBatch => {
  const schema = arrowSchema(spec)
  const children = spec.columns.map((c, i) => {
    const type = schema.fields[i]!.type
    return vectorFromArray(rows.map((r) => arrowValue(c, r[c.name])) as Array<never>, type).data[0]!
  })
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
