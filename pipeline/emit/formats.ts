/**
 * The formats a release ships each table in, beyond the canonical CSV and Arrow files written by the build, and the
 * media type of every file kind. Derived formats are made from the finished Arrow files.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { IoError } from "../errors.js"
import { TABLE_NAMES } from "../model.js"

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  arrow: "application/vnd.apache.arrow.file",
  parquet: "application/vnd.apache.parquet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jsonld: "application/ld+json",
  json: "application/json",
  md: "text/markdown",
  cff: "application/x-yaml",
  txt: "text/plain",
  zip: "application/zip"
}

export const mediaTypeOf = (file: string): string => MEDIA_TYPES[file.slice(file.lastIndexOf(".") + 1)] ?? "application/octet-stream"

/** Every file of a release folder (not hidden, not SHA256SUMS), sorted. */
export const releaseFiles = (dir: string): Array<string> =>
  fs.readdirSync(dir).filter((f) => !f.startsWith(".") && f !== "SHA256SUMS" && f !== "provenance.jsonld").sort()

/** The files that hold table data, in any format: `<table>.<ext>`, plus a workbook holding every table. */
export const releaseTableFiles = (dir: string): Array<string> =>
  releaseFiles(dir).filter((f) => {
    const [base, ext] = [f.slice(0, f.lastIndexOf(".")), f.slice(f.lastIndexOf(".") + 1)]
    return ((TABLE_NAMES as ReadonlyArray<string>).includes(base) && ext in MEDIA_TYPES) || ext === "xlsx"
  })

export interface DerivedFormatsInput {
  /** the staging folder holding the finished <table>.csv and <table>.arrow files */
  readonly staging: string
  readonly dataset: { readonly name: string; readonly title: string; readonly description: string; readonly version: string; readonly license: string; readonly publisher: string }
  /** the release's timestamp (SOURCE_DATE_EPOCH when set): the only time a derived file may record */
  readonly created: string
}

/** The workbook's file name: the dataset's name, or tables.xlsx when the name would not make a safe file name. */
export const workbookFile = (datasetName: string): string => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(datasetName) ? `${datasetName}.xlsx` : "tables.xlsx")

/**
 * Writes the other formats of the tables into the staging folder, from the finished Arrow files: <table>.parquet for
 * every table (parquet.ts) and one workbook with every table as a sheet (xlsx.ts). Both are byte-reproducible.
 * Their libraries (WebAssembly, exceljs) are loaded here, not when the CLI starts.
 */
/**
 * Above this much CSV, no workbook is written: a spreadsheet cannot hold such tables usefully, and the writer keeps
 * every string in memory (several times the CSV's size), which would break the build's bounded memory. The release README says so.
 */
export const WORKBOOK_MAX_CSV_BYTES = 64 * 1024 * 1024

export const writeDerivedFormats = (input: DerivedFormatsInput): Effect.Effect<{ readonly notes: ReadonlyArray<string> }, IoError> =>
  Effect.gen(function* () {
    const [{ arrowFileToParquet }, { writeWorkbook }] = yield* Effect.tryPromise({
      try: () => Promise.all([import("./parquet.js"), import("./xlsx.js")]),
      catch: (cause) => new IoError({ path: input.staging, action: "load the Parquet and workbook writers for", cause })
    })
    for (const t of TABLE_NAMES) {
      const target = path.join(input.staging, `${t}.parquet`)
      yield* Effect.tryPromise({
        try: () => arrowFileToParquet(path.join(input.staging, `${t}.arrow`), target),
        catch: (cause) => new IoError({ path: target, action: "write", cause })
      })
    }
    const csvBytes = TABLE_NAMES.reduce((n, t) => n + fs.statSync(path.join(input.staging, `${t}.csv`)).size, 0)
    if (csvBytes > WORKBOOK_MAX_CSV_BYTES) {
      return {
        notes: [`No workbook in this release: its tables hold ${Math.round(csvBytes / 1e6)} MB of CSV, more than a spreadsheet opens usefully; load the Parquet or CSV files instead.`]
      }
    }
    const file = path.join(input.staging, workbookFile(input.dataset.name))
    yield* Effect.tryPromise({
      try: () => writeWorkbook({ staging: input.staging, file, dataset: input.dataset, created: input.created }),
      catch: (cause) => new IoError({ path: file, action: "write", cause })
    })
    return { notes: [] }
  })
