import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { Exit } from "effect"
import Papa from "papaparse"
import { buildOk, copyRaw, listFiles, runBuild, sha256sumCheck, tempDir } from "../helpers.js"
import { TABLE_NAMES, TABLES } from "../../pipeline/model.js"
import { releaseContents } from "../../pipeline/release/contents.js"

describe("a build from raw texts to a release", () => {
  let raw: string
  let out: string
  let first: Awaited<ReturnType<typeof buildOk>>

  beforeAll(async () => {
    raw = copyRaw()
    out = tempDir("out-")
    first = await buildOk({ raw, out })
  })
  afterAll(() => {
    fs.rmSync(raw, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  })

  it("publishes the first release as 1.0.0 with every table in CSV and Arrow, metadata and checksums", () => {
    expect(first.status).toBe("published")
    expect(first.version).toBe("1.0.0")
    const files = listFiles(path.join(out, "releases", "1.0.0"))
    for (const t of TABLE_NAMES) expect(files).toEqual(expect.arrayContaining([`${t}.csv`, `${t}.arrow`]))
    expect(files).toEqual(expect.arrayContaining(["dataset.jsonld", "provenance.jsonld", "datapackage.json", "SHA256SUMS", "README.md"]))
  })

  it("holds exactly the files the release contract (contents.ts) names: none more, none of the required ones missing", () => {
    const contents = releaseContents("russia-tajikistan-afghan-border")
    const files = listFiles(path.join(out, "releases", "1.0.0"))
    expect(files.filter((f) => !contents.some((s) => s.name === f))).toEqual([])
    expect(contents.filter((s) => !s.optional && !files.includes(s.name)).map((s) => s.name)).toEqual([])
    // the workbook is optional only when the tables are too big for it: this small release has one
    expect(files).toContain("russia-tajikistan-afghan-border.xlsx")
  })

  it("writes checksums that sha256sum -c accepts, covering every other file of the release", async () => {
    const dir = path.join(out, "releases", "1.0.0")
    const check = await sha256sumCheck(dir)
    expect(check.code, check.output).toBe(0)
    const named = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.slice(66)).sort()
    expect(named).toEqual(listFiles(dir).filter((f) => f !== "SHA256SUMS"))
    expect(named).toEqual(releaseContents("russia-tajikistan-afghan-border").filter((s) => s.inChecksums).map((s) => s.name))
  })

  it("points latest.json at the new release", () => {
    const latest = JSON.parse(fs.readFileSync(path.join(out, "latest.json"), "utf8"))
    expect(latest).toMatchObject({ version: "1.0.0", folder: "releases/1.0.0" })
  })

  it("derives doc_id from the path relative to the raw folder, without the extension", () => {
    const csv = fs.readFileSync(path.join(out, "releases", "1.0.0", "documents.csv"), "utf8")
    const ids = csv.split("\r\n").slice(1).map((l) => l.split(",")[0]).filter(Boolean)
    expect(ids).toEqual(fs.readdirSync(raw).filter((f) => f.endsWith(".txt")).map((f) => f.replace(/\.txt$/, "")).sort())
  })

  it("gives every date row and every publication date its days in order, empty only when the value has no known year", () => {
    const dir = path.join(out, "releases", "1.0.0")
    const rowsOf = (t: string) => {
      const [header, ...rows] = Papa.parse<Array<string>>(fs.readFileSync(path.join(dir, `${t}.csv`), "utf8"), { skipEmptyLines: true }).data
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])))
    }
    const pairs = [
      ...rowsOf("dates").map((r) => [r.value!, r.earliest!, r.latest!]),
      ...rowsOf("documents").map((r) => [r.published_date!, r.published_earliest!, r.published_latest!])
    ]
    expect(pairs.length).toBeGreaterThan(0)
    for (const [value, earliest, latest] of pairs) {
      const hasYear = /^\d/.test(value!) && value !== ""
      if (hasYear) expect(earliest !== "" && earliest! <= latest!, `${value}: ${earliest} .. ${latest}`).toBe(true)
      else expect([earliest, latest], value).toEqual(["", ""])
    }
  })

  it("publishes nothing when a second build finds nothing changed", async () => {
    const again = await buildOk({ raw, out })
    expect(again.status).toBe("unchanged")
    expect(listFiles(path.join(out, "releases"))).toEqual(["1.0.0", "1.0.0.json", "1.0.0.zip"])
  })

  it("publishes a minor version when a text is added, leaving the earlier release untouched", async () => {
    const before = fs.readFileSync(path.join(out, "releases", "1.0.0", "SHA256SUMS"), "utf8")
    fs.writeFileSync(path.join(raw, "zz_new.txt"), "A new headline\n\nA short paragraph of news about the border, with enough words to count as content.\n")
    const next = await buildOk({ raw, out })
    expect(next).toMatchObject({ status: "published", version: "1.1.0" })
    expect(fs.readFileSync(path.join(out, "releases", "1.0.0", "SHA256SUMS"), "utf8")).toBe(before)
    fs.rmSync(path.join(raw, "zz_new.txt"))
  })

  it("never overwrites an existing release folder", async () => {
    const exit = await runBuild({ raw, out, version: "1.0.0" })
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("never overwritten")
  })

  it("leaves no staging folder or lock behind", () => {
    expect(fs.readdirSync(out).filter((f) => f.startsWith(".") && f !== ".cache")).toEqual([])
  })
})

describe("reproducible builds", () => {
  it("gives byte-identical releases from the same inputs and SOURCE_DATE_EPOCH", async () => {
    const raw = copyRaw()
    const [a, b] = [tempDir("out-a-"), tempDir("out-b-")]
    const saved = process.env.SOURCE_DATE_EPOCH
    process.env.SOURCE_DATE_EPOCH = "1700000000"
    try {
      await buildOk({ raw, out: a })
      await buildOk({ raw, out: b })
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
      else process.env.SOURCE_DATE_EPOCH = saved
    }
    const [ra, rb] = [path.join(a, "releases", "1.0.0"), path.join(b, "releases", "1.0.0")]
    expect(listFiles(ra)).toEqual(listFiles(rb))
    for (const f of listFiles(ra)) expect(fs.readFileSync(path.join(ra, f)).equals(fs.readFileSync(path.join(rb, f))), f).toBe(true)
    expect(JSON.parse(fs.readFileSync(path.join(ra, "datapackage.json"), "utf8")).created).toBe("2023-11-14T22:13:20.000Z")
  })
})

describe("primary keys", () => {
  it("are unique in every table, also where a place's mention nests inside an organisation's name at the same start", async () => {
    const raw = tempDir("raw-")
    const out = tempDir("out-")
    fs.writeFileSync(
      path.join(raw, "nested.txt"),
      "Students rally in the capital\n\nStudents of the Dushanbe State University marched through the centre of Dushanbe on Monday, " +
        "asking the university to reopen its library. Teachers from Khujand joined them later in the day.\n"
    )
    try {
      await buildOk({ raw, out })
      const dir = path.join(out, "releases", "1.0.0")
      const mentions = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, "mentions.csv"), "utf8"), { header: true, skipEmptyLines: true }).data
      const starts = mentions.map((m) => m.start)
      expect(starts.length).toBeGreaterThan(new Set(starts).size)
      for (const t of TABLE_NAMES) {
        const key = TABLES[t].primaryKey
        const rows = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, `${t}.csv`), "utf8"), { header: true, skipEmptyLines: true }).data
        const keys = rows.map((r) => JSON.stringify(key.map((k) => r[k])))
        expect(new Set(keys).size, `${t} (${key.join(", ")})`).toBe(keys.length)
      }
    } finally {
      fs.rmSync(raw, { recursive: true, force: true })
      fs.rmSync(out, { recursive: true, force: true })
    }
  })
})
