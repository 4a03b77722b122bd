import { describe, expect, it } from "vitest"
import Papa from "papaparse"
import { makeData, RecordBatch, RecordBatchStreamWriter, Struct, tableFromIPC, vectorFromArray } from "apache-arrow"
import { TABLE_NAMES, TABLES, type Row, type TableSpec } from "../../pipeline/model.js"
import { csvRows, csvTable } from "../../pipeline/emit/csv.js"
import { arrowSchema, arrowTable, makeArrowFileWriter, recordBatch } from "../../pipeline/emit/arrow.js"
import { csvCell } from "../../pipeline/emit/cells.js"

const edgeDocuments: Array<Row> = [
  {
    doc_id: "a/001", source_path: "a/001.txt", source_sha256: "0".repeat(64), kind: "news_article", title: "Quotes \"inside\", commas",
    authors: ["Ann Writer", "Bo Second"], publisher: null, published_date: "2014-12", published_precision: "month",
    published_earliest: "2014-12-01", published_latest: "2014-12-31", dateline_place: "DUSHANBE", dateline_date: "--04-08", language: "en", url: null,
    body: "First paragraph with \"quotes\", commas\nand an embedded newline.\n\nДушанбе — “curly” 😀 مرحبا", word_count: 12, comment_count: 0, removed_line_count: 3
  },
  {
    doc_id: "b", source_path: "b.txt", source_sha256: "f".repeat(64), kind: "page", title: "=SUM(A1:A2)", authors: [], publisher: "NA",
    published_date: null, published_precision: null, published_earliest: null, published_latest: null, dateline_place: null, dateline_date: null, language: null, url: null,
    body: "+1 -1 @user NA", word_count: 4, comment_count: 2, removed_line_count: 0
  }
]

const spec = TABLES.documents

const csvRowsOf = (text: string) => Papa.parse<Array<string>>(text, { header: false, skipEmptyLines: false, newline: "\r\n" }).data.filter((r) => r.length > 1)

describe("CSV and Arrow writers", () => {
  it("write the same columns in the same order", () => {
    const header = csvRowsOf(csvTable(spec, edgeDocuments))[0]
    const arrow = tableFromIPC(arrowTable(spec, edgeDocuments))
    expect(header).toEqual(spec.columns.map((c) => c.name))
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(spec.columns.map((c) => c.name))
  })

  it("agree row for row, cell for cell, on edge values", () => {
    const csv = csvRowsOf(csvTable(spec, edgeDocuments)).slice(1)
    const arrow = tableFromIPC(arrowTable(spec, edgeDocuments))
    expect(csv.length).toBe(edgeDocuments.length)
    expect(arrow.numRows).toBe(edgeDocuments.length)
    edgeDocuments.forEach((row, i) => {
      const fromArrow = arrow.get(i)!.toJSON() as Record<string, unknown>
      spec.columns.forEach((c, j) => {
        const arrowValue = fromArrow[c.name]
        const asCell =
          arrowValue === null
            ? null
            : c.type === "list"
              ? [...(arrowValue as Iterable<string>)]
              : c.type === "date"
                ? new Date(arrowValue as number | Date).toISOString().slice(0, 10)
                : arrowValue
        expect(csv[i]![j], `${c.name} in CSV`).toBe(csvCell(c, row[c.name]))
        expect(asCell, `${c.name} in Arrow`).toEqual(row[c.name])
      })
    })
  })

  it("write missing values as empty CSV fields and Arrow nulls, but keep the text NA", () => {
    const csv = csvRowsOf(csvTable(spec, edgeDocuments)).slice(1)
    const publisher = spec.columns.findIndex((c) => c.name === "publisher")
    expect(csv[0]![publisher]).toBe("")
    expect(csv[1]![publisher]).toBe("NA")
    expect(tableFromIPC(arrowTable(spec, edgeDocuments)).getChild("publisher")!.get(0)).toBeNull()
  })

  it("end CSV records with CRLF and quote only the fields that need it (RFC 4180)", () => {
    const text = csvTable(TABLES.removed_lines, [{ doc_id: "d", line_no: 1, text: 'say "hi", then', reason: "nav" }])
    expect(text).toBe('doc_id,line_no,text,reason\r\nd,1,"say ""hi"", then",nav\r\n')
  })

  it("keep strings plain (not dictionary-encoded) so a file can hold many record batches", () => {
    const writer = makeArrowFileWriter(spec)
    writer.write(edgeDocuments.slice(0, 1))
    const first = writer.drain()
    writer.write(edgeDocuments.slice(1))
    const rest = writer.finish()
    const bytes = new Uint8Array(first.length + rest.length)
    bytes.set(first)
    bytes.set(rest, first.length)
    const table = tableFromIPC(bytes)
    expect(table.batches.length).toBe(2)
    expect(table.getChild("doc_id")!.toArray()).toEqual(["a/001", "b"])
    expect(String(table.schema.fields.find((f) => f.name === "title")!.type)).toBe("Utf8")
  })

  it("give Arrow columns the types that carry over to Parquet", () => {
    const types = Object.fromEntries(tableFromIPC(arrowTable(spec, edgeDocuments)).schema.fields.map((f) => [f.name, String(f.type)]))
    expect(types).toMatchObject({ word_count: "Int32", authors: "List<Utf8>", body: "Utf8", published_earliest: "Date32<DAY>", published_latest: "Date32<DAY>" })
  })
})

/** Rows of a table with values drawn from awkward ones: nulls, empty strings and lists, quotes, spaces, line breaks, scripts, emoji. */
const awkwardRows = (spec: TableSpec, count: number, seed: number): Array<Row> => {
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(next() * xs.length)]!
  const strings = ["", " ", "plain", " lead", "trail ", 'a "quoted" word', "a, comma", "line\nbreak", "cr\r\nlf", "\ufeffbom", "Душанбе", "😀 emoji", "مرحبا", "x".repeat(300), "tab\there", "NA"]
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      spec.columns.map((c) => {
        if (!c.required && next() < 0.3) return [c.name, null]
        switch (c.type) {
          case "int32":
            return [c.name, Math.floor(next() * 4e6) - 2e6]
          case "date":
            return [c.name, pick(["2014-12-01", "1969-07-20", "2024-02-29", "0999-01-01"])]
          case "list":
            return [c.name, Array.from({ length: Math.floor(next() * 4) }, () => pick(strings))]
          default:
            return [c.name, pick(strings)]
        }
      })
    )
  )
}

/** A record batch as apache-arrow's own builders make it (vectorFromArray): the reference the writer matches. */
const builtByArrow = (spec: TableSpec, rows: ReadonlyArray<Row>) => {
  const schema = arrowSchema(spec)
  const children = spec.columns.map((c, i) =>
    vectorFromArray(rows.map((r) => (r[c.name] === null || r[c.name] === undefined ? null : c.type === "date" ? new Date(`${String(r[c.name])}T00:00:00Z`) : r[c.name])) as Array<never>, schema.fields[i]!.type).data[0]!
  )
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }))
}

describe("the table encoders every row goes through", () => {
  it("write CSV byte for byte as papaparse's unparse does, on awkward values of every table", () => {
    const options = { newline: "\r\n", quotes: false, quoteChar: '"', escapeChar: '"', escapeFormulae: false } as const
    for (const t of TABLE_NAMES) {
      const spec = TABLES[t]
      const rows = awkwardRows(spec, 300, t.length)
      const papa = Papa.unparse(rows.map((r) => spec.columns.map((c) => csvCell(c, r[c.name]))), options) + "\r\n"
      expect(csvRows(spec, rows), t).toBe(papa)
      expect(csvRows(spec, []), t).toBe("")
    }
  })

  it("write Arrow record batches byte for byte as apache-arrow's builders do, nulls, empty lists and all", () => {
    for (const t of TABLE_NAMES) {
      const spec = TABLES[t]
      for (const [count, seed] of [[1, 1], [7, 2], [64, 3], [65, 4], [513, 5]] as const) {
        const rows = awkwardRows(spec, count, seed)
        const ours = RecordBatchStreamWriter.writeAll([recordBatch(spec, rows)]).toUint8Array(true)
        const theirs = RecordBatchStreamWriter.writeAll([builtByArrow(spec, rows)]).toUint8Array(true)
        expect(Buffer.from(ours).equals(Buffer.from(theirs)), `${t}, ${count} rows`).toBe(true)
      }
    }
  })
})
