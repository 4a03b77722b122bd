/**
 * Parquet files with parquet-wasm (the Rust `parquet` crate compiled to WebAssembly), so the column types are Arrow's
 * own: utf8, int32, int64, bool, date32, timestamp(ms, UTC) and list<utf8> land in Parquet without a detour through
 * JavaScript values. The streaming writer takes record batches as they come and hands back each row group's bytes as
 * it is done, so a table is never held (WebAssembly memory stays at a few tens of MB however long the table).
 *
 * The bytes depend only on the Arrow data: no timestamps, a fixed created_by, SNAPPY (read by every Parquet reader).
 */
import * as fs from "node:fs"
import type { TableSpec } from "../model.js"
import { RecordBatchReader, RecordBatchStreamWriter, Table as ArrowTable, type RecordBatch as ArrowRecordBatch, type Schema as ArrowSchema } from "apache-arrow"
import { Compression, Table as WasmTable, WriterPropertiesBuilder, transformParquetStream, writeParquet } from "parquet-wasm/node"

/** Written into every file's footer in place of the library's version string, so an upgrade does not change the bytes. */
export const PARQUET_CREATED_BY = "tajik-border-dataset pipeline (parquet-wasm)"
export const ROW_GROUP_ROWS = 64 * 1024
/**
 * A row group is held (encoded) until it is complete: rows that carry a page's body get smaller groups, so a group
 * stays at tens of megabytes, not the whole table.
 */
export const BODY_ROW_GROUP_ROWS = 1024
/** …and no row group holds more than this, whatever its rows. */
export const ROW_GROUP_BYTES = 32 * 1024 * 1024

export const rowGroupRows = (spec: TableSpec): number => (spec.columns.some((c) => c.name === "body") ? BODY_ROW_GROUP_ROWS : ROW_GROUP_ROWS)

const writerProperties = (rows = ROW_GROUP_ROWS) =>
  new WriterPropertiesBuilder()
    .setCreatedBy(PARQUET_CREATED_BY)
    .setCompression(Compression.SNAPPY)
    .setMaxRowGroupSize(rows)
    .setMaxRowGroupBytes(ROW_GROUP_BYTES)
    .build()

/** One Arrow JS record batch as a parquet-wasm table (through an IPC stream, the format both sides share). */
const toWasm = (schema: ArrowSchema, batches: ReadonlyArray<ArrowRecordBatch>): WasmTable =>
  WasmTable.fromIPCStream(RecordBatchStreamWriter.writeAll(batches.length ? batches : new ArrowTable(schema)).toUint8Array(true))

/** The record batches of an Arrow IPC file, read from disk one at a time. */
export async function* arrowFileBatches(file: string): AsyncGenerator<ArrowRecordBatch, void, undefined> {
  const handle = await fs.promises.open(file, "r")
  try {
    const reader = await RecordBatchReader.from(handle)
    await reader.open()
    for await (const batch of reader) yield batch
  } finally {
    await handle.close()
  }
}

/** The schema of an Arrow IPC file (read from its footer). */
export const arrowFileSchema = async (file: string): Promise<ArrowSchema> => {
  const handle = await fs.promises.open(file, "r")
  try {
    const reader = await RecordBatchReader.from(handle)
    await reader.open()
    return reader.schema
  } finally {
    await handle.close()
  }
}

/**
 * A Parquet file written as record batches arrive (each an Arrow IPC stream): `write` queues a batch, the row groups'
 * bytes go to `sink` as parquet-wasm finishes them, `finish` resolves when the file is complete. A table that never
 * gets a row is written whole at the end (the streaming writer needs a first batch to learn the schema).
 */
export const openParquetWriter = (schema: ArrowSchema, sink: (chunk: Uint8Array) => void, groupRows = ROW_GROUP_ROWS) => {
  // the IPC streams wait here, in JavaScript memory; each enters WebAssembly only when the writer asks for it, since
  // WebAssembly memory never shrinks once grown
  const queue: Array<Uint8Array | null> = []
  let queuedBytes = 0
  let wake: (() => void) | null = null
  let drained: Array<{ bytes: number; resolve: () => void }> = []
  let done: Promise<void> | null = null
  const next = async (): Promise<Uint8Array | null> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    const item = queue.shift()!
    if (item) queuedBytes -= item.byteLength
    const ready = drained.filter((d) => queuedBytes <= d.bytes)
    drained = drained.filter((d) => queuedBytes > d.bytes)
    for (const d of ready) d.resolve()
    return item
  }
  const start = () =>
    (async () => {
      const input = new ReadableStream({
        async pull(controller) {
          for (;;) {
            const ipc = await next()
            if (ipc === null) return controller.close()
            const table = WasmTable.fromIPCStream(ipc)
            let rows = 0
            for (const rb of table.recordBatches()) if (rb.numRows > 0) {
              controller.enqueue(rb)
              rows++
            }
            table.free()
            if (rows) return
          }
        }
      })
      const reader = (await transformParquetStream(input, writerProperties(groupRows))).getReader() as ReadableStreamDefaultReader<Uint8Array>
      for (;;) {
        const chunk = await reader.read()
        if (chunk.done) break
        sink(chunk.value)
      }
    })()
  const push = (item: Uint8Array | null) => {
    queue.push(item)
    if (item) queuedBytes += item.byteLength
    const w = wake
    wake = null
    w?.()
  }
  return {
    /** one Arrow IPC stream holding rows (a table never written to is written whole at the end, empty) */
    write: (ipcStream: Uint8Array) => {
      done ??= start()
      push(ipcStream)
    },
    /** resolves once no more than `bytes` of record batches wait for the writer */
    settle: (bytes: number): Promise<void> => (queuedBytes <= bytes ? Promise.resolve() : new Promise<void>((resolve) => drained.push({ bytes, resolve }))),
    finish: async (): Promise<void> => {
      // no rows: the streaming writer would not know the schema, so the empty table is written directly
      if (!done) return sink(writeParquet(toWasm(schema, []), writerProperties()))
      push(null)
      await done
    }
  }
}

/**
 * Writes Parquet from the Arrow IPC file `arrowFile`: same columns, types, order and rows. `output` is a file path, or
 * a function handed the Parquet bytes in order.
 */
export const arrowFileToParquet = async (arrowFile: string, output: string | ((chunk: Uint8Array) => void)): Promise<void> => {
  const fd = typeof output === "string" ? fs.openSync(output, "w") : -1
  const sink = typeof output === "string" ? (chunk: Uint8Array) => void fs.writeSync(fd, chunk) : output
  try {
    const writer = openParquetWriter(await arrowFileSchema(arrowFile), sink)
    for await (const b of arrowFileBatches(arrowFile)) if (b.numRows > 0) writer.write(RecordBatchStreamWriter.writeAll([b]).toUint8Array(true))
    await writer.finish()
  } finally {
    if (fd >= 0) fs.closeSync(fd)
  }
}
