/**
 * DuckDB (@duckdb/node-api, the DuckDB engine) reads every CSV with the README's read_csv options and every Parquet
 * file as it is, offline (no extension is installed or loaded), with the declared types and the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import type { DuckDBConnection } from "@duckdb/node-api"
import { TABLE_NAMES, TABLES, type Column } from "../../pipeline/model.js"
import { asRead, differences, joined, rowsOf, writeEdgeRelease } from "./fixture.js"
import { duckdbSource as source, openDuckDb } from "./programs.js"

const sqlType = (c: Column, format: "csv" | "parquet"): string =>
  ({ string: "VARCHAR", int32: "INTEGER", int64: "BIGINT", bool: "BOOLEAN", date: "DATE", timestamp: "TIMESTAMP WITH TIME ZONE", list: format === "csv" ? "VARCHAR" : "VARCHAR[]" })[c.type]

describe("DuckDB reads every CSV and Parquet file with the declared types", () => {
  let dir: string
  let db: DuckDBConnection
  beforeAll(async () => {
    dir = await writeEdgeRelease()
    db = await openDuckDb()
  })
  afterAll(() => {
    db.closeSync()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  for (const format of ["csv", "parquet"] as const) {
    it(`reads every table's .${format} file with the declared column types and the same rows`, async () => {
      const problems: Array<string> = []
      for (const t of TABLE_NAMES) {
        const spec = TABLES[t]
        const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source(dir, t, format)}`)).getRowObjectsJS()
        expect(described.map((r) => [r.column_name, r.column_type]), `${t}.${format}`).toEqual(spec.columns.map((c) => [c.name, sqlType(c, format)]))
        const rows = (await db.runAndReadAll(`SELECT * FROM ${source(dir, t, format)}`)).getRowObjectsJS()
        const got = rows.map((r) => spec.columns.map((c) => asRead(r[c.name])))
        const want = rowsOf(t).map((r) => spec.columns.map((c) => (format === "csv" && c.type === "list" ? joined(r[c.name]) : r[c.name])))
        problems.push(...differences(`${t}.${format}`, got, want, spec.columns.map((c) => c.name)))
      }
      expect(problems).toEqual([])
    })
  }

  it("gives the README's typed columns: lists split from CSV, only full dates parsed into DATE", async () => {
    const rows = (await db.runAndReadAll(
      `SELECT doc_id, string_split(authors, '; ') AS author_list, try_strptime(published_date, '%Y-%m-%d')::DATE AS day FROM ${source(dir, "documents", "csv")} WHERE doc_id LIKE 'edge/%' ORDER BY doc_id`
    )).getRowObjectsJS()
    const byId = new Map(rows.map((r) => [r.doc_id as string, r]))
    expect(byId.get("edge/formula")!.author_list).toEqual(["@alice", "-bob", "+carol", "=dave"])
    expect(String(byId.get("edge/na")!.day)).toContain("2022")
    for (const id of ["edge/quotes", "edge/rtl", "edge/formula"]) expect(byId.get(id)!.day, id).toBeNull()
  })

  it("counts code points like the offsets do: substr(body, start + 1, end - start) is the mention's surface", async () => {
    const rows = (await db.runAndReadAll(
      `SELECT m.surface, substr(d.body, m.start + 1, m."end" - m.start) AS cut FROM ${source(dir, "mentions", "parquet")} m JOIN ${source(dir, "documents", "parquet")} d USING (doc_id)`
    )).getRowObjectsJS()
    expect(rows.length).toBe(rowsOf("mentions").length)
    for (const r of rows) expect(r.cut).toBe(r.surface)
  })
})
