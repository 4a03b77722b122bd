/**
 * The typed formats of the tables, written while the rows stream by: for every table its Arrow IPC file and its
 * Parquet file, and the workbook (every table as a sheet). Fed one record batch (an Arrow IPC stream) of a table at a
 * time; each file is hashed as it is written, so nobody reads it back for its size or checksum. The workbook is
 * given up once the tables pass WORKBOOK_MAX_CSV_BYTES of CSV, and finished (its About sheet, its zip) only when the
 * release's version is known. Runs in its own thread in a big build (formats-worker.ts), in the build's otherwise.
 * The Arrow files need no encoding here: the workers made each record batch's bytes.
 */
import * as path from "node:path"
import { createHash } from "node:crypto"
import { tableFromIPC } from "apache-arrow"
import { openAppenderSync, type Appender, type WrittenFile } from "../io.js"
import { TABLE_NAMES, TABLES, type TableName } from "../model.js"
import { ARROW_FILE_HEAD, arrowFileTail, arrowSchema } from "./arrow.js"
import type { ArrowPiece } from "./slice.js"
import { emptyParquet } from "./parquet.js"
import { openParquetJoin } from "./parquet-join.js"
import { openWorkbook, type WorkbookDataset } from "./xlsx.js"

/**
 * Above this much CSV, no workbook is written: a spreadsheet cannot use tables that big (and a sheet holds a million
 * rows). The release README says so.
 */
export const WORKBOOK_MAX_CSV_BYTES = 64 * 1024 * 1024

export const noWorkbookNote = (csvBytes: number) =>
  `No workbook in this release: its tables hold ${Math.round(csvBytes / 1e6)} MB of CSV, more than a spreadsheet opens usefully; load the Parquet or CSV files instead.`

export interface TypedTables {
  /** a table's record batch (null for none); `csvBytes` is the CSV written so far, which decides on the workbook */
  readonly batch: (table: TableName, piece: ArrowPiece | null, csvBytes: number) => void
  /** closes every table's Arrow and Parquet file: their sizes and checksums by file name */
  readonly finish: () => Promise<Record<string, WrittenFile>>
  /** the workbook's bytes, or null and why not */
  readonly workbook: (dataset: WorkbookDataset, created: string) => { readonly bytes: Uint8Array | null; readonly note: string | null }
  /** closes every file after a failure */
  readonly abort: () => void
}

/**
 * Opens `<table>.arrow` and `<table>.parquet` for every table in `dir`; `deflateTo` says where a file's deflate stream
 * goes for the release zip (none for Parquet, which the zip stores). The Arrow file is the record batch messages
 * one after another (as the workers encoded them) between its head and its footer. Call finish once.
 */
export const openTypedTables = (dir: string, deflateTo: (file: string) => string | undefined = () => undefined, options: { maxDataRows?: number } = {}): TypedTables => {
  const files: Record<string, Appender> = {}
  const blocks = {} as Record<TableName, Array<{ offset: number; metaDataLength: number; bodyLength: number }>>
  const at = {} as Record<TableName, number>
  const parquet = {} as Record<TableName, ReturnType<typeof openParquetJoin>>
  const open = (name: string) => {
    const target = deflateTo(name)
    return (files[name] = openAppenderSync(path.join(dir, name), target ? { deflateTo: target } : {}))
  }
  for (const t of TABLE_NAMES) {
    open(`${t}.arrow`).write(ARROW_FILE_HEAD)
    blocks[t] = []
    at[t] = ARROW_FILE_HEAD.byteLength
    parquet[t] = openParquetJoin(open(`${t}.parquet`).write)
  }
  // the workbook's record batches are held until the tables are known to fit one (at most the cap's worth): a release
  // too big for a spreadsheet never spends time on sheets
  let held: Array<readonly [TableName, Uint8Array]> | null = []
  let csvSeen = 0
  return {
    batch: (t, piece, csvBytes) => {
      csvSeen = csvBytes
      if (csvBytes > WORKBOOK_MAX_CSV_BYTES) held = null
      if (!piece) return
      const { stream, message } = piece
      files[`${t}.arrow`]!.writeDeflated(stream.subarray(message.at, message.at + message.length), piece.deflated)
      blocks[t].push({ offset: at[t], metaDataLength: message.metaDataLength, bodyLength: message.bodyLength })
      at[t] += message.length
      parquet[t].add(piece.parquet)
      held?.push([t, stream])
    },
    finish: async () => {
      const written: Record<string, WrittenFile> = {}
      for (const t of TABLE_NAMES) {
        files[`${t}.arrow`]!.write(arrowFileTail(TABLES[t], blocks[t]))
        if (parquet[t].started) parquet[t].finish()
        else files[`${t}.parquet`]!.write(emptyParquet(arrowSchema(TABLES[t])))
        written[`${t}.arrow`] = files[`${t}.arrow`]!.close()
        written[`${t}.parquet`] = files[`${t}.parquet`]!.close()
      }
      return written
    },
    workbook: (dataset, created) => {
      if (!held) return { bytes: null, note: noWorkbookNote(csvSeen) }
      const workbook = openWorkbook(options)
      for (const [t, stream] of held) for (const b of tableFromIPC(stream).batches) workbook.rows(t, b)
      held = null
      return { bytes: workbook.finish(dataset, created), note: null }
    },
    abort: () => Object.values(files).forEach((f) => f.abort())
  }
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")
