/**
 * Parquet files with parquet-wasm (the Rust `parquet` crate compiled to WebAssembly), so the column types are Arrow's
 * own: utf8, int32, int64, bool, date32, timestamp(ms, UTC) and list<utf8> land in Parquet without a detour through
 * JavaScript values. Each slice's rows of a table become a Parquet part of one row group where the slice is encoded
 * (a worker thread), and parquet-join.ts joins the parts into the table's file: no table is ever held, and a part is
 * made once and kept with its slice in the cache.
 *
 * The bytes depend only on the Arrow data: no timestamps, a fixed created_by, SNAPPY (read by every Parquet reader).
 */
import * as fs from "node:fs"
import type { TableSpec } from "../model.js"
import { RecordBatchReader, RecordBatchStreamWriter, Table as ArrowTable, type RecordBatch as ArrowRecordBatch, type Schema as ArrowSchema } from "apache-arrow"
import { Compression, EnabledStatistics, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm/node"

/** Written into every file's footer in place of the library's version string, so an upgrade does not change the bytes. */
export const PARQUET_CREATED_BY = "tajik-border-dataset pipeline (parquet-wasm)"
/** A part holds one row group, however many rows (a slice's rows of a table: at most SLICE_MAX documents' worth). */
const PART_ROWS = 2 ** 31 - 1

const partProperties = () =>
  new WriterPropertiesBuilder()
    .setCreatedBy(PARQUET_CREATED_BY)
    .setCompression(Compression.SNAPPY)
    .setMaxRowGroupSize(PART_ROWS)
    .setMaxRowGroupBytes(PART_ROWS)
    // statistics per column chunk, in the footer; page indexes would not survive the join (parquet-join.ts)
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .build()

/**
 * The rows of one Arrow IPC stream (a slice's record batch) as a Parquet file of one row group: a part that
 * parquet-join.ts joins with the other slices' parts into the table's file.
 */
export const parquetPart = (ipcStream: Uint8Array): Uint8Array => writeParquet(WasmTable.fromIPCStream(ipcStream), partProperties())

/** A Parquet file of no rows with the table's columns and types (a table no document gave a row to). */
export const emptyParquet = (schema: ArrowSchema): Uint8Array =>
  writeParquet(WasmTable.fromIPCStream(RecordBatchStreamWriter.writeAll(new ArrowTable(schema)).toUint8Array(true)), partProperties())

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
