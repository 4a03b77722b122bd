/**
 * CSV writer: RFC 4180 (CRLF record ends, fields quoted only when they must be), UTF-8 without BOM, a header row,
 * and the empty string for missing values only. Rows are encoded in chunks so a table can be appended batch by batch.
 * A field is quoted, its quotes doubled, exactly where papaparse's unparse (quotes: false) quotes it: when it holds a
 * comma, a quote, a line break or a byte-order mark, or starts or ends with a space; written here in one pass, since
 * every row of every table goes through it.
 */
import type { Row, TableSpec } from "../model.js"
import { csvCell } from "./cells.js"

const NEEDS_QUOTES = /[",\r\n\ufeff]/

export const csvField = (value: string): string => {
  if (value.length === 0) return value
  if (NEEDS_QUOTES.test(value) || value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32) {
    return `"${value.includes('"') ? value.replace(/"/g, '""') : value}"`
  }
  return value
}

const line = (fields: ReadonlyArray<string>): string => {
  let out = ""
  for (let i = 0; i < fields.length; i++) out += i === 0 ? csvField(fields[i]!) : `,${csvField(fields[i]!)}`
  return `${out}\r\n`
}

export const csvHeader = (spec: TableSpec): string => line(spec.columns.map((c) => c.name))

export const csvRows = (spec: TableSpec, rows: ReadonlyArray<Row>): string => {
  const columns = spec.columns
  let out = ""
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!
      const field = csvField(csvCell(c, row[c.name]))
      out += i === 0 ? field : `,${field}`
    }
    out += "\r\n"
  }
  return out
}

export const csvTable = (spec: TableSpec, rows: ReadonlyArray<Row>): string => csvHeader(spec) + csvRows(spec, rows)
