/**
 * The typed formats of the tables, written while the rows stream by: for every table its Arrow IPC file and its
 * Parquet file, and the workbook (every table as a sheet). Fed one record batch (an Arrow IPC stream) of a table at a
 * time; each file is hashed as it is written, so nobody reads it back for its size or checksum. The workbook is
 * given up once the tables pass WORKBOOK_MAX_CSV_BYTES of CSV, and finished (its About sheet, its zip) only when the
 * release's version is known. Runs in its own thread in a big build (formats-worker.ts), in the build's otherwise.
 */
import * as path from "node:path"
import { createHash } from "node:crypto"
import { tableFromIPC } from "apache-arrow"
import { openAppenderSync, type Appender, type WrittenFile } from "../io.js"
import { TABLE_NAMES, TABLES, type TableName } from "../model.js"
import { arrowSchema, makeArrowFileWriter } from "./arrow.js"
import { openParquetWriter, rowGroupRows } from "./parquet.js"
import { openWorkbook, type WorkbookDataset } from "./xlsx.js"

/**
 * Above this much CSV, no workbook is written: a spreadsheet cannot use tables that big (and a sheet holds a million
 * rows). The release README says so.
 */
export const WORKBOOK_MAX_CSV_BYTES = 64 * 1024 * 1024

export const noWorkbookNote = (csvBytes: number) =>
  `No workbook in this release: its tables hold ${Math.round(csvBytes / 1e6)} MB of CSV, more than a spreadsheet opens usefully; load the Parquet or CSV files instead.`

export interface TypedTables {
  /** a record batch of a table (an Arrow IPC stream; empty bytes are skipped); `csvBytes` is the CSV written so far */
  readonly batch: (table: TableName, ipc: Uint8Array, csvBytes: number) => void
  /** closes every table's Arrow and Parquet file: their sizes and checksums by file name */
  readonly finish: () => Promise<Record<string, WrittenFile>>
  /** the workbook's bytes, or null and why not */
  readonly workbook: (dataset: WorkbookDataset, created: string) => { readonly bytes: Uint8Array | null; readonly note: string | null }
}

/** Opens `<table>.arrow` and `<table>.parquet` for every table in `dir`. Synchronous writes; call finish once. */
export const openTypedTables = (dir: string, options: { maxDataRows?: number } = {}): TypedTables => {
  const files: Record<string, Appender> = {}
  const arrow = {} as Record<TableName, ReturnType<typeof makeArrowFileWriter>>
  const parquet = {} as Record<TableName, ReturnType<typeof openParquetWriter>>
  for (const t of TABLE_NAMES) {
    const a = (files[`${t}.arrow`] = openAppenderSync(path.join(dir, `${t}.arrow`)))
    const p = (files[`${t}.parquet`] = openAppenderSync(path.join(dir, `${t}.parquet`)))
    arrow[t] = makeArrowFileWriter(TABLES[t])
    a.write(arrow[t].drain())
    parquet[t] = openParquetWriter(arrowSchema(TABLES[t]), p.write, rowGroupRows(TABLES[t]))
  }
  let workbook: ReturnType<typeof openWorkbook> | null = openWorkbook(options)
  let csvSeen = 0
  return {
    batch: (t, ipc, csvBytes) => {
      csvSeen = csvBytes
      if (csvBytes > WORKBOOK_MAX_CSV_BYTES) workbook = null
      if (ipc.byteLength === 0) return
      const batches = tableFromIPC(ipc).batches
      for (const b of batches) {
        arrow[t].writeBatch(b)
        workbook?.rows(t, b)
      }
      files[`${t}.arrow`]!.write(arrow[t].drain())
      parquet[t].write(ipc)
    },
    finish: async () => {
      const written: Record<string, WrittenFile> = {}
      for (const t of TABLE_NAMES) {
        files[`${t}.arrow`]!.write(arrow[t].finish())
        await parquet[t].finish()
        written[`${t}.arrow`] = files[`${t}.arrow`]!.close()
        written[`${t}.parquet`] = files[`${t}.parquet`]!.close()
      }
      return written
    },
    workbook: (dataset, created) => {
      if (!workbook) return { bytes: null, note: noWorkbookNote(csvSeen) }
      const bytes = workbook.finish(dataset, created)
      workbook = null
      return { bytes, note: null }
    }
  }
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")
