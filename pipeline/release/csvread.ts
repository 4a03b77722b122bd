/**
 * Reading a release's CSV files row by row with bounded memory (papaparse on a file stream), for the change list,
 * the diff and the download page. A release's CSV is RFC 4180 with a header row; cells come back as strings.
 */
import * as fs from "node:fs"
import Papa from "papaparse"

/** Every data row of a CSV file as an array of strings, after its header; stops early when the loop breaks. */
export async function* csvRows(file: string): AsyncGenerator<{ readonly header: ReadonlyArray<string>; readonly row: ReadonlyArray<string> }> {
  const source = fs.createReadStream(file)
  const parser = source.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: "greedy" }))
  let header: ReadonlyArray<string> | null = null
  try {
    for await (const row of parser as AsyncIterable<Array<string>>) {
      if (header === null) {
        header = row
        continue
      }
      yield { header, row }
    }
  } finally {
    source.destroy()
    parser.destroy()
  }
}

/** The header row of a CSV file. */
export const csvHeaderOf = async (file: string): Promise<ReadonlyArray<string>> => {
  const source = fs.createReadStream(file)
  const parser = source.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, preview: 1 }))
  try {
    for await (const row of parser as AsyncIterable<Array<string>>) return row
    return []
  } finally {
    source.destroy()
    parser.destroy()
  }
}

/** The first n data rows of a CSV file, reading no further. */
export const csvFirstRows = async (file: string, n: number): Promise<{ header: ReadonlyArray<string>; rows: Array<ReadonlyArray<string>> }> => {
  const rows: Array<ReadonlyArray<string>> = []
  let header: ReadonlyArray<string> = await csvHeaderOf(file)
  if (n <= 0) return { header, rows }
  for await (const r of csvRows(file)) {
    header = r.header
    rows.push(r.row)
    if (rows.length >= n) break
  }
  return { header, rows }
}

/** Writes rows as RFC 4180 CSV (CRLF, quoting only where needed), the same dialect as the tables. */
export const toCsv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  Papa.unparse([header, ...rows].map((r) => [...r]), { newline: "\r\n", quotes: false, quoteChar: '"', escapeChar: '"', escapeFormulae: false }) + "\r\n"
