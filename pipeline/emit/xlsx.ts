/**
 * The release as one Excel workbook, for people who open data in a spreadsheet: a first sheet describing the dataset
 * and every column, then one sheet per table. Written by this module as SpreadsheetML while the rows stream by (a
 * record batch at a time, each sheet's XML deflated as it grows), so no string table and no table is ever held.
 *
 * The traps this avoids:
 * - No cell is ever a formula: every text is an inline string (`t="inlineStr"`), so `=1+2`, `+7`, `-x` and `@user`
 *   stay text (a `t="str"` cell would be a formula's cached result).
 * - Numbers are numbers (int32; int64 only when Excel's 15 digits hold it exactly), booleans are booleans, full ISO
 *   dates (YYYY-MM-DD, from 1900-03-01 on) in date columns are date cells shown as yyyy-mm-dd; partial dates (`2014-12`,
 *   `2016`, `--04-08`) stay text, so nothing is padded into a fake full date. Everything else is text, so `007` or
 *   `1e5` in a text column is not turned into a number.
 * - A missing value is an empty cell; the text "NA" is the text NA.
 * - Excel holds at most 32,767 characters (UTF-16 units) in a cell: a longer value is cut, on a code point boundary,
 *   and ends with TRUNCATION_MARKER so the cut is visible; the About sheet counts the cut cells per column.
 *   Characters XML 1.0 cannot carry (C0 controls but tab and newline) become U+FFFD.
 * - A sheet holds at most 1,048,576 rows: a longer table continues on "<table> (2)", and so on.
 * - The bytes are reproducible: the workbook's created/modified dates are the release's and every zip entry is dated
 *   from the release. The About sheet comes first in the workbook but is written last, once the rows are counted.
 */
import type { DatasetRelease } from "../dataset.js"
import * as fs from "node:fs"
import type { RecordBatch as ArrowRecordBatch } from "apache-arrow"
import { TABLE_NAMES, TABLES, type Column, type TableName, type TableSpec } from "../model.js"
import { isDateColumn } from "./iso-dates.js"
import { LIST_SEPARATOR } from "./cells.js"
import { arrowFileBatches } from "./parquet.js"
import { crc32, DEFLATE_END, deflatePiece, memoryZip } from "./zipfile.js"

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
  readonly dataset: WorkbookDataset
  readonly created: string
  /** data rows per sheet before a table continues on the next; Excel's limit unless a test asks for less */
  readonly maxDataRows?: number
}

/** What the workbook's About sheet says of the dataset. */
export type WorkbookDataset = Pick<DatasetRelease, "name" | "title" | "description" | "version" | "license" | "publisher">

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const escapeAttr = (s: string) => escapeXml(s).replace(/"/g, "&quot;")

/** A, B, …, Z, AA, … */
const columnLetters = (index: number): string => {
  let n = index + 1
  let out = ""
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Excel's serial day number (1900 system, from March 1900) of an instant. */
const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569

const STYLE = { plain: 0, bold: 1, date: 2, timestamp: 3 } as const

/** One cell as SpreadsheetML, or "" for an empty cell. */
const cellXml = (ref: string, cell: XlsxCell, bold = false): string => {
  const s = bold ? ` s="${STYLE.bold}"` : ""
  switch (cell.kind) {
    case "empty":
      return ""
    case "number":
      return `<c r="${ref}"${s}><v>${cell.value}</v></c>`
    case "bool":
      return `<c r="${ref}" t="b"${s}><v>${cell.value ? 1 : 0}</v></c>`
    case "date":
      return `<c r="${ref}" s="${cell.format === DATE_FORMAT ? STYLE.date : STYLE.timestamp}"><v>${serial(cell.value)}</v></c>`
    case "text":
      return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`
  }
}

const plainCell = (v: string | number | null): XlsxCell =>
  v === null ? { kind: "empty" } : typeof v === "number" ? { kind: "number", value: v } : { kind: "text", ...fitCell(v) }

const rowXml = (r: number, cells: ReadonlyArray<XlsxCell>, bold = false) =>
  `<row r="${r}">${cells.map((c, i) => cellXml(`${columnLetters(i)}${r}`, c, bold)).join("")}</row>`

const WORKSHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'

const colsXml = (widths: ReadonlyArray<number>) =>
  `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`

/** Column widths from the model: wide for text, narrow for numbers and dates (rows are not measured: they stream). */
const columnWidth = (c: Column): number => {
  if (c.type === "int32" || c.type === "int64" || c.type === "bool") return Math.max(8, c.name.length + 2)
  if (c.type === "date" || c.type === "timestamp" || isDateColumn(c)) return Math.max(12, c.name.length + 2)
  return c.name === "body" || c.name === "text" ? 60 : 30
}

/** A sheet's XML, deflated as it grows: pieces, CRC-32 and sizes, ready to go into the zip. */
const sheetStream = () => {
  const pieces: Array<Buffer> = []
  let pending: Array<string> = []
  let pendingChars = 0
  let crc = 0
  let size = 0
  let compressed = 0
  const flush = () => {
    if (pending.length === 0) return
    const bytes = Buffer.from(pending.join(""), "utf8")
    pending = []
    pendingChars = 0
    crc = crc32(bytes, crc)
    size += bytes.length
    const piece = deflatePiece(bytes)
    compressed += piece.length
    pieces.push(piece)
  }
  return {
    write: (xml: string) => {
      pending.push(xml)
      pendingChars += xml.length
      if (pendingChars >= 1 << 20) flush()
    },
    close: () => {
      flush()
      pieces.push(DEFLATE_END)
      return { pieces, sizes: { crc, size, compressed: compressed + DEFLATE_END.length } }
    }
  }
}

interface TableSheets {
  /** the table's sheets, in order; each closed but the last */
  readonly parts: Array<ReturnType<typeof sheetStream>>
  rows: number
  inSheet: number
  readonly truncated: Array<number>
}

/**
 * The workbook, written as rows arrive: `rows` appends a record batch of a table to its sheet(s); `finish` writes the
 * About sheet with the counts and returns the .xlsx bytes. Tables must arrive in model order only within a table.
 */
export const openWorkbook = (options: { maxDataRows?: number } = {}) => {
  const maxRows = options.maxDataRows ?? XLSX_MAX_DATA_ROWS
  const tables = {} as Record<TableName, TableSheets>
  const openSheet = (spec: TableSpec) => {
    const sheet = sheetStream()
    sheet.write(
      `${WORKSHEET_OPEN}<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `${colsXml(spec.columns.map(columnWidth))}<sheetData>${rowXml(1, spec.columns.map((c) => plainCell(c.name)), true)}`
    )
    return sheet
  }
  const sheetsOf = (t: TableName): TableSheets => (tables[t] ??= { parts: [openSheet(TABLES[t])], rows: 0, inSheet: 0, truncated: TABLES[t].columns.map(() => 0) })
  const rows = (t: TableName, batch: ArrowRecordBatch) => {
    const spec = TABLES[t]
    const s = sheetsOf(t)
    for (const values of batchRows(spec, batch)) {
      if (s.inSheet === maxRows) {
        s.parts[s.parts.length - 1]!.write("</sheetData></worksheet>")
        s.parts.push(openSheet(spec))
        s.inSheet = 0
      }
      const cells = spec.columns.map((c, i) => {
        const cell = xlsxCell(c, values[i])
        if (cell.kind === "text" && cell.truncated) s.truncated[i]!++
        return cell
      })
      s.parts[s.parts.length - 1]!.write(rowXml(s.inSheet + 2, cells))
      s.inSheet++
      s.rows++
    }
  }
  const about = (dataset: WorkbookDataset, created: string): string => {
    const lines: Array<string> = []
    let r = 0
    const add = (values: Array<string | number | null>, bold = false) => void lines.push(rowXml(++r, values.map(plainCell), bold))
    add([dataset.title], true)
    add([dataset.description])
    add(["version", dataset.version])
    add(["created", created])
    add(["licence", dataset.license])
    add(["publisher", dataset.publisher])
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
      const s = sheetsOf(t)
      add([t, s.parts.map((_, p) => sheetName(t, p)).join(", "), s.rows, null, TABLES[t].description])
    }
    add([])
    add(["table", "column", "type", "required", "cells in this workbook", "description"], true)
    for (const t of TABLE_NAMES) {
      TABLES[t].columns.forEach((c, i) => {
        const cut = sheetsOf(t).truncated[i]!
        add([t, c.name, c.type, c.required ? "yes" : "no", cellTypeNote(c) + (cut ? `; ${cut} cell(s) truncated` : ""), c.description + (c.enum ? ` (${c.enum.join(", ")})` : "")])
      })
    }
    return `${WORKSHEET_OPEN}${colsXml([18, 22, 16, 10, 40, 80])}<sheetData>${lines.join("")}</sheetData></worksheet>`
  }
  const finish = (dataset: WorkbookDataset, created: string): Uint8Array => {
    const sheets: Array<{ name: string; data: ReturnType<ReturnType<typeof sheetStream>["close"]> | string }> = [{ name: ABOUT_SHEET, data: about(dataset, created) }]
    for (const t of TABLE_NAMES) {
      const s = sheetsOf(t)
      s.parts[s.parts.length - 1]!.write("</sheetData></worksheet>")
      s.parts.forEach((part, p) => sheets.push({ name: sheetName(t, p), data: part.close() }))
    }
    const zip = memoryZip(created)
    const n = sheets.length
    zip.add(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
    )
    zip.add(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>'
    )
    const when = `${created.slice(0, 19)}Z`
    zip.add(
      "docProps/core.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${escapeXml(dataset.title)}</dc:title><dc:subject>${escapeXml(`${dataset.name} ${dataset.version}`)}</dc:subject><dc:creator>${escapeXml(dataset.publisher)}</dc:creator>` +
        `<dc:description>${escapeXml(dataset.description)}</dc:description><cp:lastModifiedBy>${escapeXml(dataset.publisher)}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
    )
    zip.add(
      "docProps/app.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tajik-border-dataset pipeline</Application></Properties>'
    )
    zip.add(
      "xl/workbook.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<bookViews><workbookView/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`
    )
    zip.add(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
    )
    zip.add(
      "xl/styles.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        `<numFmts count="2"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/><numFmt numFmtId="165" formatCode="${TIMESTAMP_FORMAT}"/></numFmts>` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    sheets.forEach((s, i) => {
      if (typeof s.data === "string") zip.add(`xl/worksheets/sheet${i + 1}.xml`, s.data)
      else zip.addDeflated(`xl/worksheets/sheet${i + 1}.xml`, s.data.pieces, s.data.sizes)
    })
    return zip.finish()
  }
  return { rows, finish }
}

/** Writes the workbook of the release's tables from the <table>.arrow files in `staging`; the bytes written. */
export const writeWorkbook = async (input: WorkbookInput): Promise<Uint8Array> => {
  const wb = openWorkbook({ ...(input.maxDataRows !== undefined ? { maxDataRows: input.maxDataRows } : {}) })
  for (const t of TABLE_NAMES) for await (const batch of arrowFileBatches(`${input.staging}/${t}.arrow`)) wb.rows(t, batch)
  const bytes = wb.finish(input.dataset, input.created)
  fs.writeFileSync(input.file, bytes)
  return bytes
}
