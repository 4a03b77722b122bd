/** The derived formats (Parquet, the workbook): byte-reproducible whatever the clock says, and the cell rules. */
import { afterEach, describe, expect, it, vi } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { unzipSync } from "fflate"
import { TABLE_NAMES, TABLES, type Column } from "../../pipeline/model.js"
import { TRUNCATION_MARKER, XLSX_CELL_LIMIT, fitCell, writeWorkbook, xlsxCell } from "../../pipeline/emit/xlsx.js"
import { PARQUET_CREATED_BY, emptyParquet } from "../../pipeline/emit/parquet.js"
import { arrowSchema } from "../../pipeline/emit/arrow.js"
import { readParquet } from "../consumers/programs.js"
import { tempDir } from "../helpers.js"
import { workbookFile } from "../../pipeline/release/contents.js"
import { CREATED, DATASET, WORKBOOK, rowsOf, writeEdgeRelease } from "../consumers/fixture.js"

const column = (table: keyof typeof TABLES, name: string): Column => TABLES[table].columns.find((c) => c.name === name)!

describe("Parquet and workbook bytes", () => {
  afterEach(() => vi.useRealTimers())

  it("are identical from the same tables whatever the clock says, and the zip entries carry the release's date", async () => {
    const written: Array<string> = []
    for (const now of ["2001-01-01T00:00:00Z", "2031-07-15T13:14:15Z"]) {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) })
      written.push(await writeEdgeRelease())
      vi.useRealTimers()
    }
    const [a, b] = written as [string, string]
    for (const f of [...TABLE_NAMES.map((t) => `${t}.parquet`), WORKBOOK])
      expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true)
    // the release's time (2024-03-05T06:07:08Z) in every local file header, as DOS date and time
    const zip = fs.readFileSync(path.join(a, WORKBOOK))
    const dosDate = ((2024 - 1980) << 9) | (3 << 5) | 5
    const dosTime = (6 << 11) | (7 << 5) | (8 >> 1)
    for (let at = zip.indexOf("PK\x03\x04"); at !== -1; at = zip.indexOf("PK\x03\x04", at + 4)) {
      expect(zip.readUInt16LE(at + 10)).toBe(dosTime)
      expect(zip.readUInt16LE(at + 12)).toBe(dosDate)
    }
    const core = new TextDecoder().decode(unzipSync(zip)["docProps/core.xml"])
    expect(core).toContain("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-05T06:07:08Z</dcterms:created>")
    expect(core).toContain("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2024-03-05T06:07:08Z</dcterms:modified>")
    expect(fs.readFileSync(path.join(a, "documents.parquet")).includes(PARQUET_CREATED_BY)).toBe(true)
    for (const d of written) fs.rmSync(d, { recursive: true, force: true })
  })
})

describe("a table longer than a sheet", () => {
  it("continues on \"<table> (2)\" and so on, every sheet with its header, no row lost", async () => {
    const dir = await writeEdgeRelease()
    const file = path.join(dir, "small-sheets.xlsx")
    await writeWorkbook({ staging: dir, file, dataset: DATASET, created: CREATED, maxDataRows: 250 })
    const entries = unzipSync(fs.readFileSync(file))
    const text = (name: string) => new TextDecoder().decode(entries[name])
    const names = Array.from(text("xl/workbook.xml").matchAll(/<sheet [^>]*name="([^"]+)"/g), (m) => m[1])
    expect(names).toEqual(["About", "documents", "documents (2)", "documents (3)", "comments", "entities", "mentions", "dates", "removed_lines"])
    // sheets 2 to 4 hold the documents: 1 header row each, and 250 + 250 + the rest
    const rowsIn = (n: number) => (text(`xl/worksheets/sheet${n}.xml`).match(/<row /g) ?? []).length
    expect([rowsIn(2), rowsIn(3), rowsIn(4)]).toEqual([251, 251, rowsOf("documents").length - 500 + 1])
    expect(text("xl/worksheets/sheet3.xml")).toContain("<pane ySplit=\"1\"")
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe("Parquet of an empty table", () => {
  it("keeps the columns and their types", async () => {
    const dir = tempDir("parquet-empty-")
    fs.writeFileSync(path.join(dir, "mentions.parquet"), emptyParquet(arrowSchema(TABLES.mentions)))
    const df = readParquet(path.join(dir, "mentions.parquet"))
    expect(df.height).toBe(0)
    expect(df.columns).toEqual(TABLES.mentions.columns.map((c) => c.name))
    expect(String(df.schema.start)).toContain("Int32")
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe("workbook cells", () => {
  it("keeps a value that looks like a formula, a number or NA as text", () => {
    for (const v of ["=1+2", "+7", "-3", "@user", "007", "1e5", "NA", "TRUE"]) expect(xlsxCell(column("documents", "title"), v)).toEqual({ kind: "text", value: v, truncated: false })
  })

  it("makes numbers of integer columns and dates of full dates in date columns; partial and impossible dates stay text", () => {
    expect(xlsxCell(column("documents", "word_count"), 42)).toEqual({ kind: "number", value: 42 })
    const day = xlsxCell(column("documents", "published_date"), "2022-02-17")
    expect(day.kind === "date" && day.value.toISOString()).toBe("2022-02-17T00:00:00.000Z")
    for (const v of ["2014-12", "2016", "--04-08", "2021-02-30", "1899-12-31"]) expect(xlsxCell(column("dates", "value"), v).kind, v).toBe("text")
    // a full date in a text column is text
    expect(xlsxCell(column("dates", "text"), "2022-02-17").kind).toBe("text")
    expect(xlsxCell(column("documents", "published_date"), null)).toEqual({ kind: "empty" })
  })

  it("writes int64 beyond Excel's 15 digits as text, lists joined with '; '", () => {
    const big: Column = { name: "n", type: "int64", description: "", required: true }
    expect(xlsxCell(big, 2n ** 60n)).toEqual({ kind: "text", value: String(2n ** 60n), truncated: false })
    expect(xlsxCell(big, 12345)).toEqual({ kind: "number", value: 12345 })
    expect(xlsxCell(column("entities", "aliases"), ["a", "=b"])).toEqual({ kind: "text", value: "a; =b", truncated: false })
  })

  it("cuts a value longer than a cell on a code point boundary, with the marker, and replaces characters XML cannot carry", () => {
    const emoji = "😀".repeat(XLSX_CELL_LIMIT)
    const cut = fitCell(emoji)
    expect(cut.truncated).toBe(true)
    expect(cut.value.length).toBeLessThanOrEqual(XLSX_CELL_LIMIT)
    expect(cut.value.endsWith(TRUNCATION_MARKER)).toBe(true)
    expect(cut.value.slice(0, -TRUNCATION_MARKER.length)).toMatch(/^(😀)+$/u)
    expect(fitCell("x".repeat(XLSX_CELL_LIMIT))).toEqual({ value: "x".repeat(XLSX_CELL_LIMIT), truncated: false })
    expect(fitCell("a\u0000b\u0007c\td\ne").value).toBe("a\uFFFDb\uFFFDc\td\ne")
  })

  it("names the workbook after the dataset, or tables.xlsx when the name is not a safe file name", () => {
    expect(workbookFile("russia-tajikistan-afghan-border")).toBe("russia-tajikistan-afghan-border.xlsx")
    expect(workbookFile("../x y")).toBe("tables.xlsx")
  })
})
