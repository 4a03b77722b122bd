/**
 * The edge-row release the consumer tests read: rows written straight through the pipeline's own emitters (CSV,
 * Arrow), then the derived formats (Parquet, the workbook) and the release README, exactly as a build writes them.
 * Every row holds something a consumer is known to get wrong.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import { TABLE_NAMES, TABLES, type DocumentRow, type Row, type TableName, type TableRows } from "../../pipeline/model.js"
import { csvHeader, csvRows } from "../../pipeline/emit/csv.js"
import { arrowPiece } from "../../pipeline/emit/slice.js"
import { openTypedTables } from "../../pipeline/emit/formats.js"
import { workbookFile } from "../../pipeline/release/contents.js"
import { releaseReadme } from "../../pipeline/release/describe/readme.js"
import { tempDir } from "../helpers.js"

export const DATASET = {
  name: "edge-rows",
  title: "Edge rows “Душанбе”",
  description: "Rows that consumers are known to misread.",
  version: "1.0.0",
  license: "CC-BY-4.0",
  publisher: "Test publisher",
  keywords: []
}
export const CREATED = "2024-03-05T06:07:08.000Z"

/**
 * A body of about 2.3 MB in UTF-8 (1.6 million characters) mixing scripts, curly quotes, emoji and right-to-left
 * text: longer than a spreadsheet cell and than DuckDB's default CSV line limit (2 MB).
 */
const para = "Душанбе “curly” ‘quotes’ 😀 👩‍👩‍👧 مرحبا بالعالم שלום \"straight\", commas, and a tab\there."
export const LONG_BODY = Array.from({ length: Math.ceil(2_300_000 / Buffer.byteLength(para + "\n\n")) }, (_, i) => `${i} ${para}`).join("\n\n")

type Base = Omit<DocumentRow, "doc_id" | "body">
const base: Base = {
  source_path: "",
  source_sha256: "0".repeat(64),
  kind: "news_article",
  title: null,
  authors: [],
  publisher: null,
  published_date: null,
  published_precision: null,
  published_earliest: null,
  published_latest: null,
  dateline_place: null,
  dateline_date: null,
  language: null,
  url: null,
  word_count: 0,
  comment_count: 0,
  removed_line_count: 0
}
const doc = (doc_id: string, fields: Partial<Base> & { body: string }): DocumentRow => ({ ...base, doc_id, source_path: `${doc_id}.txt`, ...fields })

export const EDGE_DOCS = [
  doc("edge/formula", {
    title: "=1+2",
    authors: ["@alice", "-bob", "+carol", "=dave"],
    publisher: "+7 News",
    body: "=HYPERLINK(\"http://example.org\",\"click\")\n\n+1\n-2\n@SUM(A1:A2)",
    published_date: null,
    dateline_place: "-MOSCOW",
    word_count: 4
  }),
  doc("edge/na", {
    title: "NA",
    publisher: "NA",
    language: "NA",
    body: "NA",
    published_date: "2022-02-17",
    published_precision: "day",
    published_earliest: "2022-02-17",
    published_latest: "2022-02-17",
    dateline_place: "Душанбе",
    dateline_date: "--04-08",
    word_count: 1,
    comment_count: 2
  }),
  doc("edge/quotes", {
    kind: "blog_post",
    title: "He said \"no\", then ‘yes’ — “maybe”",
    authors: ["Фарход Т.", "O'Brien"],
    body: "First line, with a comma\nsecond line \"quoted\"\n\n\"A paragraph that is only a quote\"\n\nTrailing spaces   \n\n  leading spaces",
    published_date: "2014-12",
    published_precision: "month",
    published_earliest: "2014-12-01",
    published_latest: "2014-12-31",
    dateline_date: "2016-02-29",
    url: "https://example.org/a?b=1&c=“2”",
    word_count: 18,
    removed_line_count: 2
  }),
  doc("edge/rtl", {
    kind: "forum_thread",
    title: "مرحبا 😀 שלום 🇹🇯",
    body: "مرحبا بالعالم\n\nשלום עולם 👩‍👩‍👧 Душанбе",
    published_date: "2016",
    published_precision: "year",
    published_earliest: "2016-01-01",
    published_latest: "2016-12-31",
    language: "ar",
    word_count: 6
  }),
  doc("edge/long", { title: "A very long body", body: LONG_BODY, published_date: "1899-12-31", published_precision: "day", published_earliest: "1899-12-31", published_latest: "1899-12-31", word_count: 123456 })
]

/** Where `part` is in `text`, in Unicode code points (as the mentions table counts). */
export const codePointSpan = (text: string, part: string) => {
  const start = Array.from(text.slice(0, text.indexOf(part))).length
  return { start, end: start + Array.from(part).length }
}

/** Ordinary rows after the edge rows, so every table spans several record batches. */
const filler = Array.from({ length: 600 }, (_, i) =>
  doc(`filler/${String(i).padStart(4, "0")}`, {
    title: `Headline ${i}`,
    authors: i % 3 ? [`Author ${i}`] : [],
    body: `Paragraph ${i} about the border.\n\nSecond paragraph.`,
    published_date: i % 2 ? `2020-01-${String((i % 28) + 1).padStart(2, "0")}` : null,
    published_precision: i % 2 ? "day" : null,
    published_earliest: i % 2 ? `2020-01-${String((i % 28) + 1).padStart(2, "0")}` : null,
    published_latest: i % 2 ? `2020-01-${String((i % 28) + 1).padStart(2, "0")}` : null,
    word_count: 7
  })
)

export const ROWS: TableRows = {
  documents: [...EDGE_DOCS, ...filler],
  comments: [
    { doc_id: "edge/na", comment_no: 1, author: "@user", posted_date: "2022-02-18", body: "-- signed\n=cmd|' /C calc'!A0" },
    { doc_id: "edge/na", comment_no: 2, author: "NA", posted_date: null, body: "“Душанбе” 😀" }
  ],
  entities: [
    { entity_id: "dushanbe", name: "Душанбе", type: "place", wikidata_id: "Q9365", geonames_id: null, aliases: ["Dushanbe", "Stalinabad", "Душанбе"] },
    { entity_id: "x-formula", name: "=SUM(1,2)", type: "organization", wikidata_id: null, geonames_id: null, aliases: [] },
    { entity_id: "x-na", name: "NA", type: "person", wikidata_id: null, geonames_id: null, aliases: ["@na", "+na"] }
  ],
  mentions: [
    { doc_id: "edge/rtl", entity_id: "dushanbe", surface: "Душанбе", ...codePointSpan(EDGE_DOCS[3]!.body, "Душанбе") },
    { doc_id: "edge/na", entity_id: "x-na", surface: "NA", start: 0, end: 2 }
  ],
  dates: [
    { doc_id: "edge/na", text: "17 Feb 2022", start: -1, end: -1, value: "2022-02-17", precision: "day", earliest: "2022-02-17", latest: "2022-02-17", modifier: null, role: "published", resolution: "explicit", anchor: null },
    { doc_id: "edge/na", text: "8 April", start: 0, end: 2, value: "--04-08", precision: "day", earliest: null, latest: null, modifier: null, role: "dateline", resolution: "explicit", anchor: null },
    { doc_id: "edge/quotes", text: "December 2014", start: 3, end: 9, value: "2014-12", precision: "month", earliest: "2014-12-01", latest: "2014-12-31", modifier: "end", role: "published", resolution: "explicit", anchor: null },
    { doc_id: "edge/quotes", text: "that day", start: 10, end: 18, value: null, precision: null, earliest: null, latest: null, modifier: null, role: "mentioned", resolution: "relative", anchor: "NA" },
    { doc_id: "edge/quotes", text: "the third quarter", start: 20, end: 37, value: "1998-Q3", precision: "quarter", earliest: "1998-07-01", latest: "1998-09-30", modifier: null, role: "mentioned", resolution: "year_inferred", anchor: "published 1998-11-02" },
    { doc_id: "edge/quotes", text: "the 16th century", start: 40, end: 56, value: "15", precision: "century", earliest: "1500-01-01", latest: "1599-12-31", modifier: null, role: "mentioned", resolution: "explicit", anchor: null },
    { doc_id: "edge/quotes", text: "now", start: 60, end: 63, value: "PRESENT_REF", precision: "vague", earliest: null, latest: null, modifier: null, role: "mentioned", resolution: "relative", anchor: null }
  ],
  removed_lines: [
    { doc_id: "edge/quotes", line_no: 1, text: "@@ Menu | Home", reason: "chrome:nav" },
    { doc_id: "edge/quotes", line_no: 2, text: "+ Share on “X”", reason: "=share" }
  ]
}

export const rowsOf = (t: TableName): ReadonlyArray<Row> => ROWS[t] as unknown as ReadonlyArray<Row>
export const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, ROWS[t].length])) as Record<TableName, number>
export const WORKBOOK = workbookFile(DATASET.name)

/** Writes the edge release into a fresh folder as a build does: CSV, Arrow, Parquet and xlsx fed in batches of 100 rows, then the README. */
export const writeEdgeRelease = async (dir = tempDir("edge-release-")): Promise<string> => {
  const typed = openTypedTables(dir)
  let csvBytes = 0
  for (const t of TABLE_NAMES) {
    const spec = TABLES[t]
    const rows = rowsOf(t)
    const csv = fs.openSync(path.join(dir, `${t}.csv`), "w")
    csvBytes += fs.writeSync(csv, csvHeader(spec))
    for (let i = 0; i < rows.length; i += 100) {
      const batch = rows.slice(i, i + 100)
      csvBytes += fs.writeSync(csv, csvRows(spec, batch))
      typed.batch(t, arrowPiece(spec, batch), csvBytes)
    }
    fs.closeSync(csv)
  }
  await typed.finish()
  fs.writeFileSync(path.join(dir, WORKBOOK), typed.workbook(DATASET, CREATED).bytes!)
  fs.writeFileSync(path.join(dir, "README.md"), releaseReadme({ dataset: DATASET, counts, refused: [], created: CREATED }))
  return dir
}

export { PYTHON } from "../setup/programs.js"

/** A cell as a program read it, with a date (a JavaScript Date from DuckDB or polars) as the YYYY-MM-DD the rows hold. */
export const asRead = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v ?? null)

/** A list cell as the CSV has it: joined with "; ", empty (missing) when the list is empty. */
export const joined = (v: unknown): string | null => (Array.isArray(v) ? (v.length ? v.join("; ") : null) : (v as string | null))

/** Compares rows cell by cell and lists the differences briefly (a 1 MB body would drown a plain diff). */
export const differences = (table: string, got: ReadonlyArray<ReadonlyArray<unknown>>, want: ReadonlyArray<ReadonlyArray<unknown>>, columns: ReadonlyArray<string>): Array<string> => {
  const out: Array<string> = []
  const brief = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v)
    return s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s
  }
  if (got.length !== want.length) out.push(`${table}: ${got.length} rows, expected ${want.length}`)
  for (let i = 0; i < Math.min(got.length, want.length); i++)
    columns.forEach((c, j) => {
      const [a, b] = [got[i]![j], want[i]![j]]
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${table}[${i}].${c}: got ${brief(a)}, expected ${brief(b)}`)
    })
  return out
}
