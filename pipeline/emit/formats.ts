/**
 * The formats a release ships each table in beyond the canonical CSV and Arrow files: <table>.parquet for every table
 * (parquet.ts) and one workbook with every table as a sheet (xlsx.ts), both made from the finished Arrow files and
 * byte-reproducible. Each file is hashed as it is written, so nobody reads it back for its checksum. Their libraries
 * (WebAssembly, exceljs) are loaded here, not when the CLI starts.
 */
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect } from "effect"
import { IoError } from "../errors.js"
import { attempt, attemptAsync, openAppenderSync, type WrittenFile } from "../io.js"
import { TABLE_NAMES, type TableName } from "../model.js"

export interface DerivedFormatsInput {
  /** the folder holding the finished <table>.csv and <table>.arrow files */
  readonly dir: string
  readonly dataset: { readonly name: string; readonly title: string; readonly description: string; readonly version: string; readonly license: string; readonly publisher: string }
  /** the release's timestamp (SOURCE_DATE_EPOCH when set): the only time a derived file may record */
  readonly created: string
  /** the workbook's file name in dir */
  readonly workbook: string
  /** the CSV bytes of every table: above WORKBOOK_MAX_CSV_BYTES no workbook is written */
  readonly csvBytes: number
}

export interface DerivedFormats {
  readonly parquet: Readonly<Record<TableName, WrittenFile>>
  readonly workbook: WrittenFile | null
  /** sentences for the release README about files this release lacks */
  readonly notes: ReadonlyArray<string>
}

/**
 * Above this much CSV, no workbook is written: a spreadsheet cannot hold such tables usefully, and the writer keeps
 * every string in memory (several times the CSV's size), which would break the build's bounded memory. The release README says so.
 */
export const WORKBOOK_MAX_CSV_BYTES = 64 * 1024 * 1024

export const writeDerivedFormats = (input: DerivedFormatsInput): Effect.Effect<DerivedFormats, IoError> =>
  Effect.gen(function* () {
    const [{ arrowFileToParquet }, { writeWorkbook }] = yield* attemptAsync(input.dir, "load the Parquet and workbook writers for", () =>
      Promise.all([import("./parquet.js"), import("./xlsx.js")])
    )
    const parquet = {} as Record<TableName, WrittenFile>
    for (const t of TABLE_NAMES) {
      const target = path.join(input.dir, `${t}.parquet`)
      const out = yield* attempt(target, "write", () => openAppenderSync(target))
      yield* attemptAsync(target, "write", () => arrowFileToParquet(path.join(input.dir, `${t}.arrow`), out.write))
      parquet[t] = yield* attempt(target, "write", () => out.close())
    }
    if (input.csvBytes > WORKBOOK_MAX_CSV_BYTES) {
      return {
        parquet,
        workbook: null,
        notes: [`No workbook in this release: its tables hold ${Math.round(input.csvBytes / 1e6)} MB of CSV, more than a spreadsheet opens usefully; load the Parquet or CSV files instead.`]
      }
    }
    const file = path.join(input.dir, input.workbook)
    const bytes = yield* attemptAsync(file, "write", () => writeWorkbook({ staging: input.dir, file, dataset: input.dataset, created: input.created }))
    return { parquet, workbook: { bytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") }, notes: [] }
  })
