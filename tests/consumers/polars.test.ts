/**
 * polars (nodejs-polars, the Rust polars engine) reads every Arrow IPC file and every Parquet file of a release and
 * gets the same rows with the declared types.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import pl from "nodejs-polars"
import { TABLE_NAMES, TABLES, type Column } from "../../pipeline/model.js"
import { asRead, differences, rowsOf, writeEdgeRelease } from "./fixture.js"
import { readIpc, readParquet } from "./programs.js"

const polarsType = (c: Column): string => ({ string: "String", int32: "Int32", int64: "Int64", bool: "Bool", date: "Date", timestamp: "Datetime", list: "List(String)" })[c.type]
/** "DataType(List(DataType(String)))" → "List(String)" */
const typeName = (t: unknown): string => {
  const s = String(t)
  const wraps = s.split("DataType(").length - 1
  return s.replaceAll("DataType(", "").slice(0, s.length - wraps * "DataType(".length - wraps).replace(/Utf8/g, "String")
}


describe("polars reads every Arrow IPC and Parquet file", () => {
  let dir: string
  beforeAll(async () => {
    dir = await writeEdgeRelease()
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  for (const format of ["arrow", "parquet"] as const) {
    it(`reads every table's .${format} file with the declared column types and the same rows`, () => {
      const problems: Array<string> = []
      for (const t of TABLE_NAMES) {
        const file = path.join(dir, `${t}.${format}`)
        const df = format === "arrow" ? readIpc(file) : readParquet(file)
        const spec = TABLES[t]
        expect(df.columns, t).toEqual(spec.columns.map((c) => c.name))
        const types = Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, typeName(v)]))
        expect(types, `${t}.${format}`).toEqual(Object.fromEntries(spec.columns.map((c) => [c.name, polarsType(c)])))
        const got = df.toRecords().map((r) => spec.columns.map((c) => asRead(r[c.name])))
        const want = rowsOf(t).map((r) => spec.columns.map((c) => r[c.name]))
        problems.push(...differences(`${t}.${format}`, got, want, spec.columns.map((c) => c.name)))
      }
      expect(problems).toEqual([])
    })
  }

  it("parses only full dates into a Date; 2014-12, 2016 and --04-08 stay null rather than a padded day", () => {
    const df = readParquet(path.join(dir, "documents.parquet"))
      .withColumns(pl.col("published_date").str.strptime(pl.Date, "%Y-%m-%d").alias("published_date_day"))
      .select("doc_id", "published_date", "published_date_day")
    const byId = new Map(df.toRecords().map((r) => [r.doc_id as string, r]))
    expect((byId.get("edge/na")!.published_date_day as unknown as Date).toISOString().slice(0, 10)).toBe("2022-02-17")
    for (const id of ["edge/quotes", "edge/rtl", "edge/formula"]) expect(byId.get(id)!.published_date_day ?? null, id).toBeNull()
  })
})
