/**
 * pandas (Debian's python3-pandas) reads every CSV of a release with the snippet of the release's own README, run
 * as is: row counts, dtypes and every cell, the 1 MB body byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import { TABLE_NAMES, TABLES } from "../../pipeline/model.js"
import { DATE_COLUMNS } from "../../pipeline/release/describe/loading.js"
import { PYTHON, differences, rowsOf, writeEdgeRelease } from "./fixture.js"
import { missingReason } from "../setup/programs.js"
import { readWithPandas, type PandasTable } from "./programs.js"

const missing = missingReason("pandas")

describe.skipIf(missing)(`pandas reads every CSV with the options the release README gives ${missing ?? ""}`, () => {
  let dir: string
  let got: Record<string, PandasTable>

  beforeAll(async () => {
    dir = await writeEdgeRelease()
    got = readWithPandas(dir)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("gets every table's rows", () => {
    for (const t of TABLE_NAMES) expect(got[t]!.rows, t).toBe(rowsOf(t).length)
  })

  it("gets the declared types: text as string, whole numbers as Int32 (not float), lists as lists, full dates as datetime64", () => {
    for (const t of TABLE_NAMES) {
      const want: Record<string, string> = {}
      for (const c of TABLES[t].columns) want[c.name] = c.type === "int32" ? "Int32" : c.type === "list" ? "object" : "string"
      for (const c of DATE_COLUMNS[t] ?? []) want[`${c}_day`] = "datetime64[ns]"
      expect(got[t]!.dtypes, t).toEqual(want)
    }
  })

  it("gets every cell as written: the text NA, empty as missing, =, +, - and @ as text, bodies byte for byte", () => {
    const problems: Array<string> = []
    for (const t of TABLE_NAMES) {
      const cols = TABLES[t].columns
      const dateCols = DATE_COLUMNS[t] ?? []
      const want = rowsOf(t).map((row) => [
        ...cols.map((c) => {
          const v = row[c.name]
          return Array.isArray(v) && v.length === 0 ? null : v
        }),
        ...dateCols.map((c) => {
          const v = row[c]
          // pandas' datetime64[ns] holds 1677-09-22 to 2262-04-11; a day outside is NaT in <column>_day
          return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= "1677-09-22" && v <= "2262-04-11" ? v : null
        })
      ])
      problems.push(...differences(t, got[t]!.values, want, got[t]!.columns))
    }
    expect(problems).toEqual([])
    const long = got.documents!.values.find((r) => r[0] === "edge/long")!
    expect(long[got.documents!.columns.indexOf("body")]).toBe(rowsOf("documents").find((r) => r.doc_id === "edge/long")!.body)
  })

  it("would lose the text NA with pandas' default options (why the snippet sets keep_default_na=False)", () => {
    const r = spawnSync(PYTHON, ["-c", "import pandas as pd, sys; d = pd.read_csv(sys.argv[1]); print(int(d['title'].isna().sum()), int((d['title'] == 'NA').sum()))", path.join(dir, "documents.csv")], { encoding: "utf8" })
    expect(r.stderr).toBe("")
    const [missing, na] = r.stdout.trim().split(" ").map(Number)
    expect(na).toBe(0)
    expect(missing).toBeGreaterThan(0)
  })
})
