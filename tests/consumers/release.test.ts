/**
 * A real build (the repository's raw texts plus one edge text with a sidecar) read end to end by every consumer:
 * rdflib parses dataset.jsonld and provenance.jsonld offline and finds every document and entity of the tables;
 * polars, DuckDB, pandas and Gnumeric open every table file the build wrote and count the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import Papa from "papaparse"
import type { DuckDBConnection } from "@duckdb/node-api"
import { TABLE_NAMES, TABLES, type TableName } from "../../pipeline/model.js"
import { releaseContents, workbookFile, type ReleaseFileSpec } from "../../pipeline/release/contents.js"
import { buildOk, copyRaw, tempDir } from "../helpers.js"
import { PYTHON } from "./fixture.js"
import { missingReason } from "../setup/programs.js"
import { duckdbSource as source, openDuckDb, readIpc, readParquet, readWithPandas } from "./programs.js"

const EDGE_TITLE = "=1+2 “Душанбе” — مرحبا 😀"
const EDGE_TEXT = `${EDGE_TITLE}

=SUM(A1:A9) is what the spreadsheet showed, said the commander in Душанбе on Tuesday.
"NA" was written on the crate; ‘curly’ and “double” quotes, right-to-left שלום עולם and emoji 👩‍👩‍👧 survived the trip.
+7 soldiers and -3 degrees: the border post at Пянджа reported calm, the ministry said in a statement on the situation.
`

interface RdfThing { types: Array<string>; names: Array<string>; headline: Array<string> }
interface RdfReport {
  datasets: number
  downloads: Array<string>
  documents: Record<string, RdfThing>
  entities: Record<string, RdfThing>
  used: Array<string>
  generated: Array<string>
}

/** The files of the release folder that the release contract marks, in its order. */
const filesOf = (dir: string, pick: (s: ReleaseFileSpec) => boolean) =>
  releaseContents("russia-tajikistan-afghan-border").filter(pick).map((s) => s.name).filter((f) => fs.existsSync(path.join(dir, f)))

const readCsv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data

const missing = missingReason("pandas", "rdflib", "ssconvert")

describe.skipIf(missing)(`a real release read by the consumers ${missing ?? ""}`, () => {
  let raw: string
  let out: string
  let dir: string
  let counts: Readonly<Record<TableName, number>>
  let rdf: RdfReport

  beforeAll(async () => {
    raw = copyRaw()
    fs.writeFileSync(path.join(raw, "zz_edge.txt"), EDGE_TEXT)
    fs.writeFileSync(path.join(raw, "zz_edge.meta.json"), JSON.stringify({ title: EDGE_TITLE, publisher: "NA", authors: ["@alice", "Фарход Т."], language: "ru" }))
    out = tempDir("out-")
    const summary = await buildOk({ raw, out })
    if (summary.status !== "published") throw new Error("expected a published release")
    counts = summary.counts
    dir = summary.folder
    const r = spawnSync(PYTHON, [path.join(import.meta.dirname, "read_with_rdflib.py"), dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    if (r.status !== 0) throw new Error(`rdflib could not parse the release:\n${r.stderr}`)
    rdf = JSON.parse(r.stdout)
  })
  afterAll(() => {
    fs.rmSync(raw, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  })

  it("rdflib finds one Dataset with every table file as a download, including Parquet and the workbook", () => {
    expect(rdf.datasets).toBe(1)
    expect(rdf.downloads).toEqual(filesOf(dir, (s) => s.download))
    for (const t of TABLE_NAMES) expect(rdf.downloads).toEqual(expect.arrayContaining([`${t}.csv`, `${t}.arrow`, `${t}.parquet`]))
    expect(rdf.downloads).toContain(workbookFile("russia-tajikistan-afghan-border"))
  })

  it("rdflib finds every document of documents.csv, typed by its kind, with its headline intact", () => {
    const docs = readCsv(path.join(dir, "documents.csv"))
    expect(Object.keys(rdf.documents).length).toBe(docs.length)
    expect(docs.length).toBe(counts.documents)
    const type = { news_article: "NewsArticle", blog_post: "BlogPosting", forum_thread: "DiscussionForumPosting", page: "Article" } as Record<string, string>
    for (const d of docs) {
      const node = Object.entries(rdf.documents).find(([iri]) => iri.endsWith(`:document:${encodeURIComponent(d.doc_id!)}`))?.[1]
      expect(node, d.doc_id).toBeDefined()
      expect(node!.types, d.doc_id).toContain(type[d.kind!])
    }
    expect(Object.values(rdf.documents).flatMap((d) => d.headline)).toContain(EDGE_TITLE)
  })

  it("rdflib finds every entity of entities.csv with its name", () => {
    const entities = readCsv(path.join(dir, "entities.csv"))
    expect(Object.keys(rdf.entities).length).toBe(entities.length)
    expect(entities.length).toBe(counts.entities)
    const names = new Set(Object.values(rdf.entities).flatMap((e) => e.names))
    for (const e of entities) expect(names.has(e.name!), e.name).toBe(true)
  })

  it("rdflib finds in provenance.jsonld every raw text used and every file of the release generated", () => {
    const texts = fs.readdirSync(raw).filter((f) => f.endsWith(".txt"))
    expect(rdf.used.filter((u) => u.includes(":raw:") && u.endsWith(".txt")).length).toBe(texts.length)
    expect(rdf.generated.map((g) => decodeURIComponent(g.slice(g.indexOf(":file:") + 6))).sort()).toEqual(filesOf(dir, (s) => s.inProvenance))
  })

  it("polars opens every .arrow and .parquet file of the release with the build's row counts", () => {
    for (const t of TABLE_NAMES) {
      expect(readIpc(path.join(dir, `${t}.arrow`)).height, `${t}.arrow`).toBe(counts[t])
      expect(readParquet(path.join(dir, `${t}.parquet`)).height, `${t}.parquet`).toBe(counts[t])
    }
  })

  it("DuckDB reads every .csv and .parquet file of the release with the declared types and the build's row counts", async () => {
    const db: DuckDBConnection = await openDuckDb()
    try {
      for (const t of TABLE_NAMES)
        for (const format of ["csv", "parquet"] as const) {
          const n = (await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${source(dir, t, format)}`)).getRowObjectsJS()[0]!.n
          expect(n, `${t}.${format}`).toBe(counts[t])
        }
    } finally {
      db.closeSync()
    }
  })

  it("pandas reads every CSV of the release with its README's snippet and the build's row counts", () => {
    const got = readWithPandas(dir)
    for (const t of TABLE_NAMES) {
      expect(got[t]!.rows, t).toBe(counts[t])
      for (const c of TABLES[t].columns) if (c.type === "int32") expect(got[t]!.dtypes[c.name], `${t}.${c.name}`).toBe("Int32")
    }
    const edge = got.documents!.values.find((r) => r[0] === "zz_edge")!
    expect(edge[4]).toBe(EDGE_TITLE)
    expect(edge[6]).toBe("NA")
  })

  it("Gnumeric opens the release's workbook with every table's rows", () => {
    const work = tempDir("ssconvert-")
    try {
      const r = spawnSync("ssconvert", ["-S", path.join(dir, workbookFile("russia-tajikistan-afghan-border")), path.join(work, "sheet_%n_%s.csv")], { encoding: "utf8" })
      expect(r.status, r.stderr).toBe(0)
      for (const [i, t] of TABLE_NAMES.entries()) {
        const rows = Papa.parse<Array<string>>(fs.readFileSync(path.join(work, `sheet_${i + 1}_${t}.csv`), "utf8"), { skipEmptyLines: true }).data
        expect(rows.length - 1, t).toBe(counts[t])
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true })
    }
  })
})
