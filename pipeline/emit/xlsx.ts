/**
 * The release as one Excel workbook (exceljs), for people who open data in a spreadsheet: a first sheet describing
 * the dataset and every column, then one sheet per table, read from the finished Arrow files.
 *
 * The traps this avoids:
 * - No cell is ever a formula: every text is written as a shared string (`t="s"`), so `=1+2`, `+7`, `-x` and `@user`
 *   stay text. (Without shared strings exceljs writes `t="str"`, the type of a formula's cached result.)
 * - Numbers are numbers (int32; int64 only when Excel's 15 digits hold it exactly), booleans are booleans, full ISO
 *   dates (YYYY-MM-DD, from 1900-03-01 on) in date columns are date cells shown as yyyy-mm-dd; partial dates (`2014-12`,
 *   `2016`, `--04-08`) stay text, so nothing is padded into a fake full date. Everything else is text, so `007` or
 *   `1e5` in a text column is not turned into a number.
 * - A missing value is an empty cell; the text "NA" is the text NA.
 * - Excel holds at most 32,767 characters (UTF-16 units) in a cell: a longer value is cut, on a code point boundary,
 *   and ends with TRUNCATION_MARKER so the cut is visible; the About sheet counts the cut cells per column.
 *   Characters XML 1.0 cannot carry (C0 controls but tab and newline) become U+FFFD.
 * - A sheet holds at most 1,048,576 rows: a longer table continues on "<table> (2)", and so on.
 * - The bytes are reproducible: the workbook's created/modified dates are the release's, and the zip is rewritten with
 *   every entry dated from the release (exceljs's zip library stamps entries with the clock).
 */
import * as fs from "node:fs"
import ExcelJS from "exceljs"
import { unzipSync, zipSync, type Zippable } from "fflate"
import type { RecordBatch as ArrowRecordBatch } from "apache-arrow"
import { TABLE_NAMES, TABLES, type Column, type TableName, type TableSpec } from "../model.js"
import { isDateColumn } from "./iso-dates.js"
import { LIST_SEPARATOR } from "./cells.js"
import { arrowFileBatches } from "./parquet.js"

export const XLSX_CELL_LIMIT = 32_767
/** Data rows per sheet: Excel's 1,048,576 rows less the header row. */
export const XLSX_MAX_DATA_ROWS = 1_048_575
export const TRUNCATION_MARKER = " […TRUNCATED: Excel holds 32,767 characters per cell; the full value is in the CSV, Arrow and Parquet files]"
export const DATE_FORMAT = "yyyy-mm-dd"
export const TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss"
export const ABOUT_SHEET = "About"
export { isDateColumn }

export type XlsxCell =
  | { readonly kind: "empty" }
  | { readonly kind: "text"; readonly value: string; readonly truncated: boolean }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "date"; readonly value: Date; readonly format: string }


const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** Excel's 1900 date system counts 1900 as a leap year, so serials before 1 March 1900 are off by a day. */
const EARLIEST_DATE_MS = Date.UTC(1900, 2, 1)
const LATEST_DATE_MS = Date.UTC(9999, 11, 31)
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

const fullDate = (text: string): Date | null => {
  const m = FULL_DATE.exec(text)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(ms)
  // a calendar date that exists (no 2021-02-30), inside the range Excel shows correctly
  if (d.toISOString().slice(0, 10) !== text || ms < EARLIEST_DATE_MS || ms > LATEST_DATE_MS) return null
  return d
}

/** Cuts a text to fit a cell, on a code point boundary, ending with the marker. */
export const fitCell = (text: string): { value: string; truncated: boolean } => {
  const clean = text.replace(XML_INVALID, "\uFFFD")
  if (clean.length <= XLSX_CELL_LIMIT) return { value: clean, truncated: false }
  let end = XLSX_CELL_LIMIT - TRUNCATION_MARKER.length
  const code = clean.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end -= 1 // do not split a surrogate pair
  return { value: clean.slice(0, end) + TRUNCATION_MARKER, truncated: true }
}

const text = (s: string): XlsxCell => ({ kind: "text", ...fitCell(s) })

/** How one value of a column is written as a cell. `value` is as Arrow JS reads it (lists as arrays). */
export const xlsxCell = (column: Column, value: unknown): XlsxCell => {
  if (value === null || value === undefined) return { kind: "empty" }
  switch (column.type) {
    case "int32":
      return { kind: "number", value: Number(value) }
    case "int64": {
      const n = Number(value)
      return Number.isSafeInteger(n) && Math.abs(n) < 1e15 ? { kind: "number", value: n } : text(String(value))
    }
    case "bool":
      return { kind: "bool", value: Boolean(value) }
    case "timestamp": {
      const d = value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : (value as number | string))
      return Number.isNaN(d.getTime()) ? text(String(value)) : { kind: "date", value: d, format: TIMESTAMP_FORMAT }
    }
    case "list":
      return text(Array.from(value as Iterable<unknown>, String).join(LIST_SEPARATOR))
    case "date": {
      const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "number" ? new Date(value).toISOString().slice(0, 10) : String(value)
      const d = fullDate(iso)
      return d ? { kind: "date", value: d, format: DATE_FORMAT } : text(iso)
    }
    case "string": {
      const s = String(value)
      if (isDateColumn(column)) {
        const d = fullDate(s)
        if (d) return { kind: "date", value: d, format: DATE_FORMAT }
      }
      return text(s)
    }
  }
}

/** Plain JavaScript values of one record batch's rows, in the table's column order. */
export function* batchRows(spec: TableSpec, batch: ArrowRecordBatch): Generator<Array<unknown>> {
  const vectors = spec.columns.map((c) => batch.getChild(c.name))
  for (let r = 0; r < batch.numRows; r++) {
    yield vectors.map((v) => {
      const x: unknown = v?.get(r)
      return x !== null && typeof x === "object" && !(x instanceof Date) && typeof (x as { toArray?: unknown }).toArray === "function"
        ? Array.from((x as { toArray: () => Iterable<unknown> }).toArray())
        : x
    })
  }
}

interface TableSurvey {
  rows: number
  widths: Array<number>
  truncated: Array<number>
}

const MIN_WIDTH = 8
const MAX_WIDTH = 60
/** Display width of a cell's first line, capped, for the column width. */
const displayWidth = (cell: XlsxCell): number => {
  switch (cell.kind) {
    case "empty":
      return 0
    case "number":
      return String(cell.value).length
    case "bool":
      return 5
    case "date":
      return cell.format.length
    case "text": {
      const nl = cell.value.indexOf("\n")
      return Math.min(nl === -1 ? cell.value.length : nl, MAX_WIDTH)
    }
  }
}

/** First pass over a table: row count, column widths and how many cells are cut. */
const survey = async (spec: TableSpec, arrowFile: string): Promise<TableSurvey> => {
  const s: TableSurvey = { rows: 0, widths: spec.columns.map((c) => Math.max(MIN_WIDTH, c.name.length + 2)), truncated: spec.columns.map(() => 0) }
  for await (const batch of arrowFileBatches(arrowFile)) {
    for (const row of batchRows(spec, batch)) {
      s.rows++
      spec.columns.forEach((c, i) => {
        const cell = xlsxCell(c, row[i])
        s.widths[i] = Math.min(MAX_WIDTH, Math.max(s.widths[i]!, displayWidth(cell) + 2))
        if (cell.kind === "text" && cell.truncated) s.truncated[i]!++
      })
    }
  }
  return s
}

export const sheetName = (table: TableName, part: number): string => (part === 0 ? table : `${table} (${part + 1})`)

const cellTypeNote = (c: Column): string => {
  switch (c.type) {
    case "int32":
      return "number"
    case "int64":
      return "number (text beyond 15 digits)"
    case "bool":
      return "TRUE/FALSE"
    case "timestamp":
      return "date and time (UTC)"
    case "list":
      return "text, values joined with '; '"
    case "date":
      return "date; text when not a full date"
    case "string":
      return isDateColumn(c) ? "date when a full YYYY-MM-DD date, else text (2014-12, 2016, --04-08)" : "text"
  }
}

export interface WorkbookInput {
  readonly staging: string
  readonly file: string
  readonly dataset: { readonly name: string; readonly title: string; readonly description: string; readonly version: string; readonly license: string; readonly publisher: string }
  readonly created: string
  /** data rows per sheet before a table continues on the next; Excel's limit unless a test asks for less */
  readonly maxDataRows?: number
}

type Sheet = ExcelJS.Worksheet

const setCell = (row: ExcelJS.Row, col: number, cell: XlsxCell): void => {
  if (cell.kind === "empty") return
  const target = row.getCell(col)
  target.value = cell.value
  if (cell.kind === "date") target.numFmt = cell.format
}

const writeAbout = (wb: ExcelJS.stream.xlsx.WorkbookWriter, input: WorkbookInput, surveys: Readonly<Record<TableName, TableSurvey>>) => {
  const d = input.dataset
  const maxRows = input.maxDataRows ?? XLSX_MAX_DATA_ROWS
  const sheet = wb.addWorksheet(ABOUT_SHEET)
  sheet.columns = [{ width: 18 }, { width: 22 }, { width: 16 }, { width: 10 }, { width: 40 }, { width: 80 }]
  const add = (values: Array<string | number | null>, bold = false) => {
    const row = sheet.addRow(values)
    if (bold) row.font = { bold: true }
    row.commit()
  }
  add([d.title], true)
  add([d.description])
  add(["version", d.version])
  add(["created", input.created])
  add(["licence", d.license])
  add(["publisher", d.publisher])
  add([])
  add(["How to read this workbook"], true)
  for (const note of [
    "Each table is a sheet with a frozen header row. The CSV files are the canonical form; this workbook is a copy for spreadsheets.",
    "Numbers are numbers. Full dates (YYYY-MM-DD) in date columns are date cells shown as yyyy-mm-dd; dates of lower precision (2014-12, 2016, --04-08) stay text beside their precision column.",
    "Every other value is text, never a formula: a value starting with =, +, - or @ is the text as written.",
    "An empty cell is a missing value; the text NA is the text NA. Lists (authors, aliases) are joined with '; '.",
    `Excel holds at most ${XLSX_CELL_LIMIT.toLocaleString("en")} characters in a cell: a longer value is cut and ends with "${TRUNCATION_MARKER.trim()}". The counts below say how many cells were cut.`,
    `A sheet holds at most ${(XLSX_MAX_DATA_ROWS + 1).toLocaleString("en")} rows: a longer table continues on a sheet named "<table> (2)".`,
    "Control characters that XML cannot carry are shown as U+FFFD."
  ])
    add([note])
  add([])
  add(["table", "sheets", "rows", null, "what"], true)
  for (const t of TABLE_NAMES) {
    const parts = Math.max(1, Math.ceil(surveys[t].rows / maxRows))
    add([t, Array.from({ length: parts }, (_, p) => sheetName(t, p)).join(", "), surveys[t].rows, null, TABLES[t].description])
  }
  add([])
  add(["table", "column", "type", "required", "cells in this workbook", "description"], true)
  for (const t of TABLE_NAMES) {
    TABLES[t].columns.forEach((c, i) => {
      const cut = surveys[t].truncated[i]!
      const note = cellTypeNote(c) + (cut ? `; ${cut} cell(s) truncated` : "")
      add([t, c.name, c.type, c.required ? "yes" : "no", note, c.description + (c.enum ? ` (${c.enum.join(", ")})` : "")])
    })
  }
  sheet.commit()
}

const writeTable = async (wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: TableSpec, arrowFile: string, s: TableSurvey, maxRows: number): Promise<void> => {
  let part = 0
  let inSheet = 0
  const open = (): Sheet => {
    const sheet = wb.addWorksheet(sheetName(spec.name, part), { views: [{ state: "frozen", ySplit: 1 }] })
    sheet.columns = spec.columns.map((c, i) => ({ key: c.name, width: s.widths[i]! }))
    const header = sheet.addRow(spec.columns.map((c) => c.name))
    header.font = { bold: true }
    header.commit()
    return sheet
  }
  let sheet = open()
  for await (const batch of arrowFileBatches(arrowFile)) {
    for (const values of batchRows(spec, batch)) {
      if (inSheet === maxRows) {
        sheet.commit()
        part++
        inSheet = 0
        sheet = open()
      }
      const row = sheet.getRow(inSheet + 2)
      spec.columns.forEach((c, i) => setCell(row, i + 1, xlsxCell(c, values[i])))
      row.commit()
      inSheet++
    }
  }
  sheet.commit()
}

/** DOS zip times have no time zone: the release's UTC wall clock, read back by fflate's local-time getters. */
const zipTime = (created: string): Date => {
  const c = new Date(created)
  const at = Number.isNaN(c.getTime()) || c.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : c
  return new Date(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds())
}

/** Rewrites a zip with every entry, in the same order, dated `created` and deflated at a fixed level; the bytes written. */
export const normaliseZip = (file: string, created: string): Uint8Array => {
  const entries = unzipSync(fs.readFileSync(file))
  const mtime = zipTime(created)
  const out: Zippable = {}
  for (const [name, data] of Object.entries(entries)) out[name.replace(/^\/+/, "")] = [data, { mtime, level: 6 }]
  const bytes = zipSync(out)
  fs.writeFileSync(file, bytes)
  return bytes
}

/** Writes the workbook of the release's tables from the <table>.arrow files in `staging`; the bytes written. */
export const writeWorkbook = async (input: WorkbookInput): Promise<Uint8Array> => {
  const arrowFile = (t: TableName) => `${input.staging}/${t}.arrow`
  const surveys = {} as Record<TableName, TableSurvey>
  for (const t of TABLE_NAMES) surveys[t] = await survey(TABLES[t], arrowFile(t))

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input.file, useSharedStrings: true, useStyles: true })
  const created = new Date(input.created)
  wb.creator = input.dataset.publisher
  wb.lastModifiedBy = input.dataset.publisher
  wb.title = input.dataset.title
  wb.subject = `${input.dataset.name} ${input.dataset.version}`
  wb.description = input.dataset.description
  wb.created = created
  wb.modified = created
  writeAbout(wb, input, surveys)
  for (const t of TABLE_NAMES) await writeTable(wb, TABLES[t], arrowFile(t), surveys[t], input.maxDataRows ?? XLSX_MAX_DATA_ROWS)
  await wb.commit()
  return normaliseZip(input.file, input.created)
}
