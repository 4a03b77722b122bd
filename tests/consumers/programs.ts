/** How the consumer tests call each program, shared by the edge-row tests and the real-release test. */
import * as fs from "node:fs"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import pl from "nodejs-polars"
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api"
import type { TableName } from "../../pipeline/model.js"
import { duckdbReadCsv } from "../../pipeline/release/describe/loading.js"
import { PYTHON } from "./fixture.js"

/** nodejs-polars takes a string path for IPC only when it ends in .ipc (otherwise it parses the string as data), so read the bytes. */
export const readIpc = (file: string) => pl.readIPC(fs.readFileSync(file))
export const readParquet = (file: string) => pl.readParquet(fs.readFileSync(file))

/** DuckDB in memory, with extensions neither installed nor loaded: what it reads, it reads offline by itself. */
export const openDuckDb = async (): Promise<DuckDBConnection> => {
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false" })
  return instance.connect()
}

/** The table function DuckDB reads a table's file with: the README's read_csv options, or read_parquet. */
export const duckdbSource = (dir: string, t: TableName, format: "csv" | "parquet") =>
  format === "csv" ? duckdbReadCsv(t, path.join(dir, `${t}.csv`)) : `read_parquet('${path.join(dir, `${t}.parquet`)}')`

export interface PandasTable { rows: number; dtypes: Record<string, string>; columns: Array<string>; values: Array<Array<unknown>> }

/** Every table of a release as pandas reads it with the README's snippet (read_with_pandas.py). */
export const readWithPandas = (dir: string): Record<string, PandasTable> => {
  const out = path.join(dir, ".pandas.json")
  try {
    const r = spawnSync(PYTHON, [path.join(import.meta.dirname, "read_with_pandas.py"), dir, out], { encoding: "utf8" })
    if (r.status !== 0) throw new Error(`pandas could not read the release:\n${r.stderr}`)
    return JSON.parse(fs.readFileSync(out, "utf8")).tables
  } finally {
    fs.rmSync(out, { force: true })
  }
}
