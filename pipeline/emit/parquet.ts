/**
 * Parquet files made from the finished Arrow IPC files with parquet-wasm (the Rust `parquet` crate compiled to
 * WebAssembly), so the column types are Arrow's own: utf8, int32, int64, bool, date32, timestamp(ms, UTC) and
 * list<utf8> land in Parquet without a detour through JavaScript values.
 *
 * The Arrow file is read record batch by record batch from disk and each batch is handed to the Parquet writer as it
 * is read, so the JavaScript side holds one batch at a time. parquet-wasm 0.8 has no incremental file writer: the
 * encoded file is held in WebAssembly memory until the last row group is written, so a table must fit in memory once,
 * encoded (row groups hold at most ROW_GROUP_ROWS rows).
 *
 * The bytes depend only on the Arrow data: no timestamps, a fixed created_by, SNAPPY (read by every Parquet reader).
 */
import * as fs from "node:fs"
import { RecordBatchReader, RecordBatchStreamWriter, Table as ArrowTable, type RecordBatch as ArrowRecordBatch, type Schema as ArrowSchema } from "apache-arrow"
import { Compression, Table as WasmTable, WriterPropertiesBuilder, transformParquetStream, writeParquet } from "parquet-wasm/node"

/** Written into every file's footer in place of the library's version string, so an upgrade does not change the bytes. */
export const PARQUET_CREATED_BY = "tajik-border-dataset pipeline (parquet-wasm)"
export const ROW_GROUP_ROWS = 64 * 1024

const writerProperties = () =>
  new WriterPropertiesBuilder()
    .setCreatedBy(PARQUET_CREATED_BY)
    .setCompression(Compression.SNAPPY)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
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
 * Writes Parquet from the Arrow IPC file `arrowFile`: same columns, types, order and rows. `output` is a file path, or
 * a function handed the Parquet bytes in order (so the caller can hash them as they are written).
 */
export const arrowFileToParquet = async (arrowFile: string, output: string | ((chunk: Uint8Array) => void)): Promise<void> => {
  const schema = await arrowFileSchema(arrowFile)
  // empty batches are skipped: the streaming writer fails on a batch without rows (Arrow JS reads an empty file as one)
  const batches = (async function* () {
    for await (const b of arrowFileBatches(arrowFile)) if (b.numRows > 0) yield b
  })()
  const first = await batches.next()
  const fd = typeof output === "string" ? fs.openSync(output, "w") : -1
  const write = typeof output === "string" ? (chunk: Uint8Array) => void fs.writeSync(fd, chunk) : output
  try {
    if (first.done) {
      // no rows: the streaming writer would not know the schema, so write the empty table directly
      write(writeParquet(toWasm(schema, []), writerProperties()))
      return
    }
    let pending: ArrowRecordBatch | undefined = first.value
    const input = new ReadableStream({
      async pull(controller) {
        const batch = pending ?? (await batches.next()).value
        pending = undefined
        if (!batch) {
          controller.close()
          return
        }
        const table = toWasm(schema, [batch])
        for (const rb of table.recordBatches()) controller.enqueue(rb)
        table.free()
      }
    })
    const stream = await transformParquetStream(input, writerProperties())
    const reader = stream.getReader() as ReadableStreamDefaultReader<Uint8Array>
    for (;;) {
      const chunk = await reader.read()
      if (chunk.done) break
      write(chunk.value)
    }
  } finally {
    if (fd >= 0) fs.closeSync(fd)
  }
}
