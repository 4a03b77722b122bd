/**
 * The "Loading" section of a release README: for each program people load a release with, the exact options that
 * read every column with its declared type. Generated from model.ts, so the snippets name every integer, list and
 * date column. tests/consumers/ runs these snippets (pandas) or the same options (DuckDB, polars) with the real
 * programs.
 */
import { TABLE_NAMES, TABLES, type Column, type TableName } from "../../model.js"
import { isDateColumn } from "../../emit/iso-dates.js"

const byTable = (pick: (c: Column) => boolean): Partial<Record<TableName, Array<string>>> => {
  const out: Partial<Record<TableName, Array<string>>> = {}
  for (const t of TABLE_NAMES) {
    const cols = TABLES[t].columns.filter(pick).map((c) => c.name)
    if (cols.length) out[t] = cols
  }
  return out
}

const pyDict = (d: Partial<Record<TableName, Array<string>>>): string =>
  "{\n" + Object.entries(d).map(([t, cols]) => `    "${t}": [${cols!.map((c) => `"${c}"`).join(", ")}],`).join("\n") + "\n}"

export const INT_COLUMNS = byTable((c) => c.type === "int32" || c.type === "int64")
export const LIST_COLUMNS = byTable((c) => c.type === "list")
export const DATE_COLUMNS = byTable(isDateColumn)

const PANDAS_INT: Record<string, string> = { int32: "Int32", int64: "Int64" }

/** The pandas snippet: defines read_table(name), run as is by tests/consumers/pandas.test.ts. */
export const pandasSnippet = (): string => `import pandas as pd
from collections import defaultdict

INTEGERS = ${pyDict(INT_COLUMNS)}
LISTS = ${pyDict(LIST_COLUMNS)}
DATES = ${pyDict(DATE_COLUMNS)}

def read_table(name):
    # Every column as text (dtype "string"); only the empty string is missing, so the text "NA" stays "NA"
    # (keep_default_na=False); whole numbers as nullable integers, never floats.
    ints = {c: ${JSON.stringify(PANDAS_INT["int32"])} for c in INTEGERS.get(name, [])}
    df = pd.read_csv(f"{name}.csv", encoding="utf-8", keep_default_na=False, na_values=[""],
                     dtype=defaultdict(lambda: "string", ints))   # a defaultdict dtype needs pandas >= 1.5
    for c in LISTS.get(name, []):
        df[c] = df[c].str.split("; ")
    # Dates stay ISO 8601 text at their precision; full dates (YYYY-MM-DD) also as datetime64 in <column>_day.
    # Only full dates are parsed: to_datetime would pad 2014-12 into 2014-12-01 even with a format. A day outside
    # pandas' nanosecond range (1677-09-22 to 2262-04-11: "the 16th century" starts 1500-01-01) is NaT there.
    for c in DATES.get(name, []):
        full = df[c].str.fullmatch(r"\\d{4}-\\d{2}-\\d{2}").fillna(False).astype(bool)
        df[c + "_day"] = pd.to_datetime(df[c].where(full), format="%Y-%m-%d", errors="coerce")
    return df

docs = read_table("documents")`

const DUCKDB_TYPE: Record<Column["type"], string> = {
  string: "VARCHAR",
  int32: "INTEGER",
  int64: "BIGINT",
  bool: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMPTZ",
  list: "VARCHAR"
}

/** DuckDB's `columns` argument of read_csv for a table: the declared types (lists are '; '-joined text in CSV). */
export const duckdbCsvColumns = (t: TableName): string =>
  "{" + TABLES[t].columns.map((c) => `'${c.name}': '${DUCKDB_TYPE[c.type]}'`).join(", ") + "}"

/** The read_csv call DuckDB needs for a table (tests/consumers/duckdb.test.ts runs it). */
export const duckdbReadCsv = (t: TableName, file = `${t}.csv`): string =>
  `read_csv('${file}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
  `columns = ${duckdbCsvColumns(t)}, max_line_size = 100000000)`

const readrType: Record<Column["type"], string> = { string: "c", int32: "i", int64: "d", bool: "l", date: "c", timestamp: "c", list: "c" }
const readrTypes = (t: TableName): string => TABLES[t].columns.map((c) => readrType[c.type]).join("")

export const loadingSection = (workbook: string): string => {
  const dateCols = DATE_COLUMNS.documents ?? []
  return `## Loading

Every table comes in three forms with the same rows and columns: \`<table>.csv\` (the canonical text form),
\`<table>.parquet\` and \`<table>.arrow\` (typed: int32 numbers, \`list<utf8>\` for \`authors\` and \`aliases\`).
Use Parquet or Arrow where you can; read a CSV with the options below, because every program's defaults damage
this data quietly: the text "NA" becomes a missing value (pandas, R), numbers with gaps become floats (pandas),
leading and trailing spaces are trimmed (R), long texts overflow a line limit (DuckDB), and a spreadsheet opened
on a CSV reads it in a local code page (Excel: Windows-1252) and runs cells that start with \`=\`, \`+\`, \`-\` or \`@\`
as formulas.

In CSV the empty string means missing and nothing else; lists are joined with \`; \` (an empty list is an empty
cell). The date columns ${dateCols.filter((c) => !/_(?:earliest|latest)$/.test(c)).map((c) => `\`${c}\``).join(", ")} and \`comments.posted_date\` are ISO 8601 at
the precision the text states (\`2016\`, \`2014-12\`, \`2022-02-17\`, \`--04-08\` for a day whose year is unknown):
parse only the full dates into a date type and keep the text for the others. \`dates.value\` also holds TimeML's
values (\`1998-Q3\`, \`1998-W08\`, \`199X\`, \`PRESENT_REF\`). To sort or filter by date, use \`earliest\` and \`latest\`
(\`published_earliest\`, \`published_latest\` in documents): the first and last calendar day a value covers, a date
type in Parquet and Arrow and \`YYYY-MM-DD\` in CSV, empty when the value has no known year.

pandas (reads each CSV with its types; \`read_table("comments")\` and so on for the other tables):

\`\`\`python
${pandasSnippet()}
\`\`\`

\`\`\`python
docs = pd.read_parquet("documents.parquet")   # or pyarrow.feather.read_table("documents.arrow").to_pandas()
\`\`\`

polars:

\`\`\`python
import polars as pl
docs = pl.read_parquet("documents.parquet")   # or pl.read_ipc("documents.arrow"): Int32 counts, List(String) authors
docs = docs.with_columns(pl.col("published_date").str.to_date("%Y-%m-%d", strict=False).alias("published_date_day"))
\`\`\`

DuckDB (Parquet directly; DuckDB reads Arrow IPC files only through an extension it would download, so use the
Parquet or CSV files):

\`\`\`sql
SELECT * FROM read_parquet('documents.parquet');   -- authors VARCHAR[], word_count INTEGER
SELECT *, string_split(authors, '; ') AS author_list,
       try_strptime(published_date, '%Y-%m-%d')::DATE AS published_date_day
FROM ${duckdbReadCsv("documents")};
\`\`\`

R:

\`\`\`r
docs <- readr::read_csv("documents.csv", col_types = "${readrTypes("documents")}", na = "", trim_ws = FALSE,
                        locale = readr::locale(encoding = "UTF-8"))
docs$published_date_day <- as.Date(docs$published_date, format = "%Y-%m-%d")   # NA for 2014-12, 2016, --04-08
docs <- arrow::read_parquet("documents.parquet")   # or arrow::read_ipc_file("documents.arrow")
\`\`\`

Spreadsheets: open \`${workbook}\`. It holds every table as a sheet (a table longer than a sheet continues
on "<table> (2)") after an About sheet that describes the dataset and every column. Numbers are numbers, full dates
are dates, everything else is text and never a formula; a cell longer than Excel's 32,767 characters is cut with a
marker (the About sheet counts them); the CSV, Parquet and Arrow files hold the full text. If you must open a CSV in a
spreadsheet, import it rather than double-clicking it (LibreOffice: Character set "Unicode (UTF-8)", every column
as Text; Excel: Data → From Text/CSV, File origin "65001: Unicode (UTF-8)", then set the columns to Text):
double-clicking makes Excel read the file in the local code page and turn a cell that starts with \`=\`, \`+\`, \`-\` or \`@\` into a
formula, which runs when the file is opened (CSV injection). The CSV files are not altered to prevent this; they
hold the texts exactly as written.

Offsets (\`start\`, \`end\`) count Unicode code points in \`documents.body\`: \`body[start:end]\` in Python,
\`substr(body, start + 1, end - start)\` in SQL.
`
}
