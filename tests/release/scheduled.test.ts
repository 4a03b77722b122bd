/**
 * Scheduled builds as a user sees them: build, build again (nothing published), add a text (1.1.0 with a changelog,
 * changes.csv, a catalog and page listing both releases, a zip each), the diff between releases, and a later
 * release that modifies and removes documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { Effect, Exit } from "effect"
import { unzipSync } from "fflate"
import Papa from "papaparse"
import { buildOk, listFiles, runCli, tempDir } from "../helpers.js"
import { diffReleases, renderDiff } from "../../pipeline/release/history/diff.js"
import { updateCatalog } from "../../pipeline/release/site/catalog.js"
import { compareLayouts } from "../../pipeline/release/history/changes.js"
import { writeZip } from "../../pipeline/release/publish/zip.js"
import { indexHtml } from "../../pipeline/release/site/indexpage.js"
import { ADDED_DOC, buildTwoReleases, flattenOffline, typesOf, values, type TwoReleases } from "./two-releases.js"

const readCsv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data
const DCAT = "http://www.w3.org/ns/dcat#"

/** The columns of one document whose values differ between two releases, read from their CSV files: documents' own
 * columns, then `<table>.<column>` for the tables keyed by doc_id, whose rows of the document are compared in order
 * (their doc_id column is the document's own id, the same in both). */
const changedColumns = (out: string, a: string, b: string, docId: string): Array<string> => {
  const rowsOf = (v: string, t: string) => readCsv(path.join(out, "releases", v, `${t}.csv`)).filter((x) => x["doc_id"] === docId)
  const changed: Array<string> = []
  for (const t of ["documents", "comments", "mentions", "dates", "removed_lines"]) {
    const [ra, rb] = [rowsOf(a, t), rowsOf(b, t)]
    const columns = Object.keys(ra[0] ?? rb[0] ?? {})
    for (const c of columns) {
      if (t !== "documents" && c === "doc_id") continue
      if (JSON.stringify(ra.map((x) => x[c])) !== JSON.stringify(rb.map((x) => x[c]))) changed.push(t === "documents" ? c : `${t}.${c}`)
    }
  }
  return changed
}

describe("releases for scheduled builds", () => {
  let r: TwoReleases
  const release = (v: string, f: string) => path.join(r.out, "releases", v, f)
  beforeAll(async () => {
    r = await buildTwoReleases()
  })
  afterAll(() => r?.cleanup())

  it("a second build that finds nothing changed publishes nothing and leaves the catalog and the page as they were", () => {
    expect(r.first.version).toBe("1.0.0")
    expect(r.unchanged.status).toBe("unchanged")
    expect(r.afterUnchanged).toEqual(r.afterFirst)
  })

  it("the first release's changes.csv lists every document as added, and its CHANGELOG says it is the first", () => {
    const rows = readCsv(release("1.0.0", "changes.csv"))
    const docs = readCsv(release("1.0.0", "documents.csv")).map((d) => d["doc_id"])
    expect(rows.map((x) => x["doc_id"])).toEqual(docs)
    expect(new Set(rows.map((x) => x["change"]))).toEqual(new Set(["added"]))
    expect(fs.readFileSync(release("1.0.0", "changes.csv"), "utf8").split("\r\n")[0]).toBe("doc_id,change,columns_changed")
    expect(fs.readFileSync(release("1.0.0", "CHANGELOG.md"), "utf8")).toMatch(/^## 1\.0\.0 — \d{4}-\d{2}-\d{2}\n\nFirst release\./m)
  })

  it("adding a text publishes 1.1.0 whose changes.csv names the new document as added and nothing else", () => {
    expect(r.second).toMatchObject({ status: "published", version: "1.1.0" })
    expect(readCsv(release("1.1.0", "changes.csv"))).toEqual([{ doc_id: ADDED_DOC, change: "added", columns_changed: "" }])
  })

  it("1.1.0's CHANGELOG names the added document and carries over 1.0.0's entry below its own", () => {
    const log = fs.readFileSync(release("1.1.0", "CHANGELOG.md"), "utf8")
    expect(log).toContain(`Added: \`${ADDED_DOC}\``)
    expect(log).toContain("Compared with 1.0.0")
    const own = log.indexOf("## 1.1.0")
    const carried = log.indexOf("## 1.0.0")
    expect(own).toBeGreaterThan(0)
    expect(carried).toBeGreaterThan(own)
    const old = fs.readFileSync(release("1.0.0", "CHANGELOG.md"), "utf8")
    expect(log.slice(carried)).toBe(old.slice(old.indexOf("## 1.0.0")))
  })

  it("the catalog lists both releases: hasVersion, hasCurrentVersion, previousVersion and version notes", async () => {
    const nodes = await flattenOffline(path.join(r.out, "catalog.jsonld"))
    const byId = new Map(nodes.map((n) => [n["@id"] as string, n]))
    const series = nodes.find((n) => typesOf(n).includes(`${DCAT}Dataset`) && n[`${DCAT}hasVersion`])!
    const versions = values(series, `${DCAT}hasVersion`).map((id) => byId.get(id)!)
    expect(versions.map((v) => values(v, `${DCAT}version`)[0]).sort()).toEqual(["1.0.0", "1.1.0"])
    const current = byId.get(values(series, `${DCAT}hasCurrentVersion`)[0]!)!
    expect(values(current, `${DCAT}version`)).toEqual(["1.1.0"])
    const previous = byId.get(values(current, `${DCAT}previousVersion`)[0]!)!
    expect(values(previous, `${DCAT}version`)).toEqual(["1.0.0"])
    expect(values(previous, `${DCAT}previousVersion`)).toEqual([])
    expect(values(current, "http://www.w3.org/ns/adms#versionNotes")[0]).toContain(ADDED_DOC)
    expect(nodes.some((n) => typesOf(n).includes(`${DCAT}Catalog`))).toBe(true)
  })

  it("the page lists both releases, newest first, each with its zip and changelog", () => {
    const html = fs.readFileSync(path.join(r.out, "index.html"), "utf8")
    const a = html.indexOf('data-version="1.1.0"')
    const b = html.indexOf('data-version="1.0.0"')
    expect(a).toBeGreaterThan(0)
    expect(b).toBeGreaterThan(a)
    expect(html).toContain('href="releases/1.1.0.zip"')
    expect(html).toContain('href="releases/1.0.0.zip"')
    expect(html).toContain(`<code>${ADDED_DOC}</code>`)
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(js|css)\b/)
  })

  it("each release is packed as a zip holding every file of its folder, byte for byte", () => {
    expect(listFiles(path.join(r.out, "releases"))).toEqual(["1.0.0", "1.0.0.json", "1.0.0.zip", "1.1.0", "1.1.0.json", "1.1.0.zip"])
    for (const v of ["1.0.0", "1.1.0"]) {
      const entries = unzipSync(fs.readFileSync(path.join(r.out, "releases", `${v}.zip`)))
      const dir = path.join(r.out, "releases", v)
      expect(Object.keys(entries).sort()).toEqual(listFiles(dir).map((f) => `${v}/${f}`))
      for (const f of listFiles(dir)) expect(Buffer.from(entries[`${v}/${f}`]!).equals(fs.readFileSync(path.join(dir, f))), f).toBe(true)
    }
  })

  it("`diff 1.0.0 1.1.0` names the added document and no other change", async () => {
    const d = await Effect.runPromise(diffReleases(r.out, "1.0.0", "1.1.0"))
    expect(d.added).toEqual([ADDED_DOC])
    expect(d.removed).toEqual([])
    expect(d.modified).toEqual([])
    expect(d.schema).toEqual([])
    const text = renderDiff(d)
    expect(text.split("\n")[0]).toMatch(/^1\.0\.0 → 1\.1\.0: 1 document\(s\) added, 0 removed, 0 modified/)
    expect(text).toContain(`+ ${ADDED_DOC}`)
  })

  it("`pipeline diff 1.0.0 1.1.0` prints the added document and exits 0", async () => {
    const ok = await runCli(["diff", "--out", r.out, "1.0.0", "1.1.0"])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toContain(`+ ${ADDED_DOC}`)
  })

  it("`diff` refuses a release that does not exist, naming the ones that do", async () => {
    const exit = await Effect.runPromiseExit(diffReleases(r.out, "1.0.0", "7.0.0"))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("Release 7.0.0 does not exist")
    expect(JSON.stringify(exit)).toContain("1.0.0, 1.1.0")
  })

  it("a text changed and another removed give a release whose changes.csv and diff say removed, and modified with only the columns whose values changed (never a child table's doc_id)", async () => {
    const docs = readCsv(release("1.1.0", "documents.csv"))
    const changed = docs.find((d) => d["doc_id"] !== ADDED_DOC)!["doc_id"]!
    const removed = docs.find((d) => d["doc_id"] !== ADDED_DOC && d["doc_id"] !== changed)!["doc_id"]!
    fs.appendFileSync(path.join(r.raw, `${changed}.txt`), "\nA final paragraph added by a correction of the scraped page: Russian border guards met Tajik officers in Dushanbe on 12 May 2021.\n")
    fs.rmSync(path.join(r.raw, `${removed}.txt`))
    const third = await buildOk({ raw: r.raw, out: r.out })
    expect(third).toMatchObject({ status: "published", version: "1.2.0" })
    const rows = readCsv(release("1.2.0", "changes.csv"))
    expect(rows.find((x) => x["doc_id"] === removed)).toEqual({ doc_id: removed, change: "removed", columns_changed: "" })
    const mod = rows.find((x) => x["doc_id"] === changed)!
    expect(mod["change"]).toBe("modified")
    expect(mod["columns_changed"]!.split("; ")).toEqual(expect.arrayContaining(["source_sha256", "body", "word_count"]))
    expect(rows.length).toBe(2)
    const d = await Effect.runPromise(diffReleases(r.out, "1.1.0", "1.2.0"))
    expect(d.removed).toEqual([removed])
    expect(d.modified.map((m) => m.doc_id)).toEqual([changed])
    expect(renderDiff(d)).toContain(`~ ${changed}: source_sha256`)
    // only the columns whose values differ, checked against the two releases' own tables; never a child table's doc_id
    const listed = mod["columns_changed"]!.split("; ")
    expect(listed).toEqual(changedColumns(r.out, "1.1.0", "1.2.0", changed))
    expect(listed).toEqual(expect.arrayContaining(["mentions.entity_id", "dates.value"]))
    expect(listed.filter((c) => c.endsWith(".doc_id"))).toEqual([])
    const log = fs.readFileSync(release("1.2.0", "CHANGELOG.md"), "utf8")
    expect(log.indexOf("## 1.2.0")).toBeLessThan(log.indexOf("## 1.1.0"))
    expect(log.indexOf("## 1.1.0")).toBeLessThan(log.indexOf("## 1.0.0"))
  })

  it("the catalog ignores an incomplete release folder (no SHA256SUMS)", async () => {
    fs.mkdirSync(path.join(r.out, "releases", "9.0.0"))
    fs.writeFileSync(path.join(r.out, "releases", "9.0.0", "documents.csv"), "doc_id\r\n")
    await Effect.runPromise(updateCatalog(r.out))
    expect(fs.readFileSync(path.join(r.out, "catalog.jsonld"), "utf8")).not.toContain("9.0.0")
    expect(fs.readFileSync(path.join(r.out, "index.html"), "utf8")).not.toContain("9.0.0")
    expect(fs.existsSync(path.join(r.out, "releases", "9.0.0.zip"))).toBe(false)
  })
})

describe("release zips", () => {
  it("are the same bytes whatever the files' mtimes and the machine's time zone", () => {
    const dir = tempDir("zip-")
    fs.writeFileSync(path.join(dir, "a.csv"), "doc_id\r\nx\r\n")
    fs.writeFileSync(path.join(dir, "b.txt"), "")
    const savedTz = process.env["TZ"]
    const digest = (tz: string, name: string) => {
      process.env["TZ"] = tz
      fs.utimesSync(path.join(dir, "a.csv"), new Date(), new Date(Math.random() * 1e12))
      writeZip(path.join(dir, name), dir, ["a.csv", "b.txt"], "1.0.0", "2023-11-14T22:13:20.000Z")
      return createHash("sha256").update(fs.readFileSync(path.join(dir, name))).digest("hex")
    }
    try {
      expect(digest("UTC", "one.zip")).toBe(digest("Asia/Dushanbe", "two.zip"))
    } finally {
      if (savedTz === undefined) delete process.env["TZ"]
      else process.env["TZ"] = savedTz
    }
    const entries = unzipSync(fs.readFileSync(path.join(dir, "one.zip")))
    expect(Object.keys(entries)).toEqual(["1.0.0/a.csv", "1.0.0/b.txt"])
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe("schema changes between releases", () => {
  it("name columns added, removed, retyped and reordered, and tables added or removed", () => {
    const prev = { documents: [{ name: "doc_id", type: "string" }, { name: "title", type: "string" }, { name: "word_count", type: "integer" }], old: [{ name: "a", type: "string" }] }
    const next = { documents: [{ name: "title", type: "string" }, { name: "doc_id", type: "string" }, { name: "word_count", type: "number" }, { name: "lang", type: "string" }], fresh: [{ name: "b", type: "string" }] }
    expect(compareLayouts(prev, next)).toEqual([
      { table: "documents", change: "column added", column: "lang", detail: "string" },
      { table: "documents", change: "column retyped", column: "word_count", detail: "integer → number" },
      { table: "documents", change: "columns reordered", detail: "title, doc_id, word_count" },
      { table: "fresh", change: "table added" },
      { table: "old", change: "table removed" }
    ])
    expect(compareLayouts(prev, prev)).toEqual([])
  })
})

describe("the download page's HTML", () => {
  it("escapes whatever a text, a name or a changelog says", () => {
    const evil = `<script>alert("x")</script>&"'`
    const html = indexHtml({
      title: evil,
      description: evil,
      license: "CC-BY-4.0",
      licenseUrl: "https://spdx.org/licenses/CC-BY-4.0.html",
      publisher: evil,
      releases: [{ version: "1.0.0", created: "2024-01-01T00:00:00Z", counts: null, notes: `- Added: \`${evil}\``, zip: null, files: [{ path: "a b.csv", url: "releases/1.0.0/a b.csv", bytes: 1, sha256: "0".repeat(64) }] }],
      preview: [{ table: "documents", header: ["title"], rows: [[evil]], total: 1 }],
      publication: { unit: "month", bars: [["2024-01", 1]], gaps: false },
      undated: 0,
      topEntities: [[evil, 3]]
    })
    expect(html).not.toContain("<script")
    expect(html).toContain("&lt;script&gt;")
    expect(html).toContain('href="releases/1.0.0/a%20b.csv"')
  })
})
