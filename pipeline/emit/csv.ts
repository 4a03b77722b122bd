/**
 * CSV writer: RFC 4180 (CRLF record ends, fields quoted only when they must be), UTF-8 without BOM, a header row,
 * and the empty string for missing values only. Rows are encoded in chunks so a table can be appended batch by batch.
 */
import Papa from "papaparse"
import type { Row, TableSpec } from "../model.js"
import { csvCell } from "./cells.js"

const options = { newline: "\r\n", quotes: false, quoteChar: '"', escapeChar: '"', escapeFormulae: false } as const

export const csvHeader = (spec: TableSpec): string => Papa.unparse([spec.columns.map((c) => c.name)], options) + "\r\n"

export const csvRows = (spec: TableSpec, rows: ReadonlyArray<Row>): string => {
  if (rows.length === 0) return ""
  const data = rows.map((row) => spec.columns.map((c) => csvCell(c, row[c.name])))
  return Papa.unparse(data, options) + "\r\n"
}

export const csvTable = (spec: TableSpec, rows: ReadonlyArray<Row>): string => csvHeader(spec) + csvRows(spec, rows)
