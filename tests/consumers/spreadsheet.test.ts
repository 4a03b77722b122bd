/**
 * The workbook as a spreadsheet program reads it: Gnumeric's ssconvert (the same XLSX import a user's Gnumeric
 * runs) converts the workbook once to Gnumeric's own file (cell types, formats, frozen panes, widths) and once to
 * one CSV per sheet (the values as displayed), and both are checked against the rows that were written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { spawnSync } from "node:child_process"
import Papa from "papaparse"
import { unzipSync } from "fflate"
import { TABLE_NAMES, TABLES, type TableName } from "../../pipeline/model.js"
import { ABOUT_SHEET, TRUNCATION_MARKER, XLSX_CELL_LIMIT, isDateColumn } from "../../pipeline/emit/xlsx.js"
import { LONG_BODY, WORKBOOK, differences, rowsOf, writeEdgeRelease } from "./fixture.js"
import { missingReason } from "../setup/programs.js"
import { tempDir } from "../helpers.js"

interface GnmCell { row: number; col: number; type: string | undefined; text: string }
interface GnmSheet { name: string; cells: Array<GnmCell>; frozen: boolean; widths: number }

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'"
      : String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)))

/** The sheets of a .gnumeric file: every cell with its value type (40 number, 60 text, 20 boolean; none for a formula). */
const readGnumeric = (file: string): Array<GnmSheet> => {
  const xml = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8")
  return xml.split("<gnm:Sheet ").slice(1).map((s) => ({
    name: unescapeXml(/<gnm:Name>([^<]*)<\/gnm:Name>/.exec(s)![1]!),
    cells: Array.from(s.matchAll(/<gnm:Cell Row="(\d+)" Col="(\d+)"([^>]*)>([\s\S]*?)<\/gnm:Cell>/g), (m) => ({
      row: Number(m[1]),
      col: Number(m[2]),
      type: /ValueType="(\d+)"/.exec(m[3]!)?.[1],
      text: unescapeXml(m[4]!)
    })),
    frozen: /<gnm:FreezePanes FrozenTopLeft="A1" UnfrozenTopLeft="A2"\/>/.test(s),
    widths: (s.match(/<gnm:ColInfo /g) ?? []).length
  }))
}

/** Excel's serial day number of a YYYY-MM-DD date (1900 system, from March 1900). */
const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569

/** What a table sheet shows for a written value: text as written (cut to the cell limit), numbers, dates as YYYY-MM-DD. */
const shown = (v: unknown): string => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v))

const missing = missingReason("ssconvert")

describe.skipIf(missing)(`a spreadsheet program (Gnumeric) opens the workbook ${missing ?? ""}`, () => {
  let dir: string
  let work: string
  let sheets: Array<GnmSheet>
  const csvSheets = new Map<string, Array<Array<string>>>()

  beforeAll(async () => {
    dir = await writeEdgeRelease()
    work = tempDir("ssconvert-")
    const xlsx = path.join(dir, WORKBOOK)
    const native = spawnSync("ssconvert", [xlsx, path.join(work, "book.gnumeric")], { encoding: "utf8" })
    if (native.status !== 0) throw new Error(`ssconvert failed: ${native.stderr}`)
    sheets = readGnumeric(path.join(work, "book.gnumeric"))
    // every sheet to its own CSV, each cell as its format displays it
    const csv = spawnSync("ssconvert", ["-S", "--export-type=Gnumeric_stf:stf_assistant", "-O", "format=preserve eol=unix", xlsx, path.join(work, "sheet_%n.csv")], { encoding: "utf8" })
    if (csv.status !== 0) throw new Error(`ssconvert failed: ${csv.stderr}`)
    sheets.forEach((s, i) => {
      const parsed = Papa.parse<Array<string>>(fs.readFileSync(path.join(work, `sheet_${i}.csv`), "utf8"), { skipEmptyLines: false })
      csvSheets.set(s.name, parsed.data.filter((r) => !(r.length === 1 && r[0] === "")))
    })
  })
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(work, { recursive: true, force: true })
  })

  it("finds the About sheet first, then one sheet per table, each with a frozen header row and set column widths", () => {
    expect(sheets.map((s) => s.name)).toEqual([ABOUT_SHEET, ...TABLE_NAMES])
    for (const s of sheets.slice(1)) {
      expect(s.frozen, s.name).toBe(true)
      expect(s.widths, s.name).toBeGreaterThan(0)
    }
  })

  it("reads back every sheet's header and row count", () => {
    for (const t of TABLE_NAMES) {
      const rows = csvSheets.get(t)!
      expect(rows[0], t).toEqual(TABLES[t].columns.map((c) => c.name))
      expect(rows.length - 1, t).toBe(rowsOf(t).length)
    }
  })

  it("reads back every text as written: non-ASCII (Душанбе, curly quotes, emoji, right-to-left), newlines, quotes, =, +, -, @ and NA", () => {
    const problems: Array<string> = []
    for (const t of TABLE_NAMES) {
      const spec = TABLES[t]
      const textCols = spec.columns.map((c, i) => [c, i] as const).filter(([c]) => c.type === "string" || c.type === "list")
      const got = csvSheets.get(t)!.slice(1).map((r) => textCols.map(([, i]) => r[i] ?? ""))
      const want = rowsOf(t).map((row) =>
        textCols.map(([c]) => {
          const v = shown(row[c.name])
          return v.length > XLSX_CELL_LIMIT ? "(cut)" : v
        })
      )
      // the cut cell is checked on its own below
      const gotMasked = got.map((r, i) => r.map((v, j) => (want[i]?.[j] === "(cut)" ? "(cut)" : v)))
      problems.push(...differences(t, gotMasked, want, textCols.map(([c]) => c.name)))
    }
    expect(problems).toEqual([])
    const title = csvSheets.get("documents")!.map((r) => r[4])
    expect(title).toEqual(expect.arrayContaining(["=1+2", "NA", "مرحبا 😀 שלום 🇹🇯", "He said \"no\", then ‘yes’ — “maybe”"]))
  })

  it("types the cells: numbers as numbers, full dates as dates, partial dates and everything else as text, no formulas", () => {
    const problems: Array<string> = []
    for (const [s, t] of sheets.slice(1).map((s) => [s, s.name as TableName] as const)) {
      const spec = TABLES[t]
      const rows = rowsOf(t)
      for (const cell of s.cells) {
        if (cell.row === 0) continue
        const c = spec.columns[cell.col]!
        const v = rows[cell.row - 1]![c.name]
        const full = typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= "1900-03-01"
        const want = c.type === "int32" ? "40" : isDateColumn(c) && full ? "40" : "60"
        if (cell.type !== want) problems.push(`${t}[${cell.row}].${c.name} = ${JSON.stringify(cell.text.slice(0, 40))}: value type ${cell.type ?? "formula"}, expected ${want}`)
        if (want === "40" && isDateColumn(c) && Number(cell.text) !== serial(v as string)) problems.push(`${t}[${cell.row}].${c.name}: serial ${cell.text}, expected ${serial(v as string)} (${v})`)
      }
    }
    expect(problems).toEqual([])
    // a missing optional date is an empty cell, not a zero or a 1900 date
    const docs = sheets.find((s) => s.name === "documents")!
    const publishedCol = TABLES.documents.columns.findIndex((c) => c.name === "published_date")
    expect(docs.cells.filter((c) => c.row === 1 && c.col === publishedCol)).toEqual([])
  })

  it("shows full dates as YYYY-MM-DD and keeps partial dates (2014-12, 2016, --04-08) and dates before 1900-03 as text", () => {
    const docs = csvSheets.get("documents")!
    const col = (name: string) => TABLES.documents.columns.findIndex((c) => c.name === name)
    const byId = new Map(docs.slice(1).map((r) => [r[0], r]))
    expect(byId.get("edge/na")![col("published_date")]).toBe("2022-02-17")
    expect(byId.get("edge/na")![col("dateline_date")]).toBe("--04-08")
    expect(byId.get("edge/quotes")![col("published_date")]).toBe("2014-12")
    expect(byId.get("edge/quotes")![col("dateline_date")]).toBe("2016-02-29")
    expect(byId.get("edge/rtl")![col("published_date")]).toBe("2016")
    expect(byId.get("edge/long")![col("published_date")]).toBe("1899-12-31")
    expect(csvSheets.get("dates")!.slice(1).map((r) => r[4])).toEqual(["2022-02-17", "--04-08", "2014-12", "", "1998-Q3", "15", "PRESENT_REF"])
  })

  it("cuts a body longer than a cell holds, visibly, and says so on the About sheet", () => {
    const docs = csvSheets.get("documents")!
    const body = docs.find((r) => r[0] === "edge/long")![TABLES.documents.columns.findIndex((c) => c.name === "body")]!
    expect(body.length).toBeLessThanOrEqual(XLSX_CELL_LIMIT)
    expect(body.length).toBeGreaterThan(XLSX_CELL_LIMIT - TRUNCATION_MARKER.length - 2)
    expect(body.endsWith(TRUNCATION_MARKER)).toBe(true)
    expect(LONG_BODY.startsWith(body.slice(0, -TRUNCATION_MARKER.length))).toBe(true)
    const about = csvSheets.get(ABOUT_SHEET)!
    expect(about.find((r) => r[0] === "documents" && r[1] === "body")?.[4]).toMatch(/1 cell\(s\) truncated/)
    expect(about.find((r) => r[0] === "documents" && r[1] === "title")?.[4]).not.toMatch(/truncated/)
  })

  it("describes the dataset and every column of every table on the About sheet", () => {
    const about = csvSheets.get(ABOUT_SHEET)!
    expect(about[0]![0]).toBe("Edge rows “Душанбе”")
    for (const t of TABLE_NAMES) {
      expect(about.find((r) => r[0] === t && r[1] === t)?.[2], t).toBe(String(rowsOf(t).length))
      for (const c of TABLES[t].columns) expect(about.find((r) => r[0] === t && r[1] === c.name)?.[5], `${t}.${c.name}`).toContain(c.description)
    }
  })

  it("holds no formula and no formula-result string cell in the file itself", () => {
    const entries = unzipSync(fs.readFileSync(path.join(dir, WORKBOOK)))
    const sheetsXml = Object.entries(entries).filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    expect(sheetsXml.length).toBe(TABLE_NAMES.length + 1)
    for (const [name, data] of sheetsXml) {
      const xml = new TextDecoder().decode(data)
      expect(xml.includes("<f>") || xml.includes("<f "), name).toBe(false)
      expect(xml.includes('t="str"'), name).toBe(false)
    }
  })
})
