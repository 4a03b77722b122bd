/**
 * The formats a release ships each table in, beyond the canonical CSV and Arrow files written by the build, and the
 * media type of every file kind. Derived formats are made from the finished Arrow files.
 */
import * as fs from "node:fs"
import { Effect } from "effect"
import type { IoError } from "../errors.js"
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

/** Writes the other formats of the tables into the staging folder. (Parquet and the workbook land with issue 7.) */
export const writeDerivedFormats = (_input: DerivedFormatsInput): Effect.Effect<void, IoError> => Effect.void
