/**
 * Derived files made once: each release's manifest and document digests are all that the next release, the catalog,
 * the download page and `diff` read of it, and releases an older pipeline made (without them) still work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import Papa from "papaparse"
import { buildOk, listFiles, tempDir } from "../helpers.js"
import { updateCatalog } from "../../pipeline/release/site/catalog.js"
import { diffReleases, releaseDiff } from "../../pipeline/release/history/diff.js"
import { digestRelease, readLayout } from "../../pipeline/release/history/changes.js"
import { TABLE_NAMES } from "../../pipeline/model.js"
import { buildTwoReleases, type TwoReleases } from "./two-releases.js"

const readCsv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data
const TABLE_FILE = new RegExp(`^(${TABLE_NAMES.join("|")})\\.(csv|arrow|parquet)$`)

/** A copy of an output folder, cache and all. */
const copyOut = (out: string) => {
  const copy = tempDir("out-copy-")
  fs.cpSync(out, copy, { recursive: true })
  return copy
}

/** Changes one text and removes another, as a scheduled build might find them. */
const editRaw = (raw: string) => {
  const texts = fs.readdirSync(raw).filter((f) => f.endsWith(".txt")).sort()
  fs.appendFileSync(path.join(raw, texts[0]!), "\nA correction: Russian border guards met Tajik officers in Dushanbe on 12 May 2021.\n")
  fs.rmSync(path.join(raw, texts[1]!))
}

describe("manifests and document digests", () => {
  let r: TwoReleases
  const dirs: Array<string> = []
  beforeAll(async () => {
    r = await buildTwoReleases({ unchanged: false })
  })
  afterAll(() => {
    r?.cleanup()
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }))
  })

  it("manifest.json lists every other file of the release with its size and sha256, and the row counts", () => {
    const dir = path.join(r.out, "releases", "1.1.0")
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"))
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(listFiles(dir).filter((f) => f !== "manifest.json" && f !== "SHA256SUMS"))
    const sums = new Map(fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)]))
    for (const f of manifest.files) {
      expect(f.bytes, f.path).toBe(fs.statSync(path.join(dir, f.path)).size)
      expect(f.sha256, f.path).toBe(sums.get(f.path))
    }
    expect(manifest.counts.documents).toBe(readCsv(path.join(dir, "documents.csv")).length)
  })

  it("the catalog and the download page are made from the release records alone: with every table and zip gone, they come out the same", async () => {
    const out = copyOut(r.out)
    dirs.push(out)
    const before = ["catalog.jsonld", "index.html"].map((f) => fs.readFileSync(path.join(out, f), "utf8"))
    for (const v of ["1.0.0", "1.1.0"]) {
      const dir = path.join(out, "releases", v)
      for (const f of fs.readdirSync(dir)) if (TABLE_FILE.test(f) || f === "dataset.jsonld") fs.rmSync(path.join(dir, f))
    }
    fs.rmSync(path.join(out, "catalog.jsonld"))
    fs.rmSync(path.join(out, "index.html"))
    await Effect.runPromise(updateCatalog(out))
    expect(["catalog.jsonld", "index.html"].map((f) => fs.readFileSync(path.join(out, f), "utf8"))).toEqual(before)
  })

  it("the next release finds its changes in the previous release's document digests, not in its tables", async () => {
    const [a, b] = [copyOut(r.out), copyOut(r.out)]
    const raw = tempDir("raw-")
    dirs.push(a, b, raw)
    fs.cpSync(r.raw, raw, { recursive: true })
    editRaw(raw)
    // from b's previous release, every table but entities (the registry) is gone
    const prev = path.join(b, "releases", "1.1.0")
    for (const f of fs.readdirSync(prev)) if (TABLE_FILE.test(f) && !f.startsWith("entities.")) fs.rmSync(path.join(prev, f))
    const [x, y] = [await buildOk({ raw, out: a }), await buildOk({ raw, out: b })]
    expect(x.version).toBe("1.2.0")
    for (const f of ["changes.csv", "CHANGELOG.md"]) expect(fs.readFileSync(path.join(y.folder, f), "utf8"), f).toBe(fs.readFileSync(path.join(x.folder, f), "utf8"))
    const rows = readCsv(path.join(x.folder, "changes.csv"))
    expect(rows.map((c) => c["change"]).sort()).toEqual(["modified", "removed"])
  })

  it("`diff` reads the two releases' digests and says what comparing their tables says", async () => {
    const fromDigests = await Effect.runPromise(diffReleases(r.out, "1.0.0", "1.1.0"))
    const [a, b] = ["1.0.0", "1.1.0"].map((v) => path.join(r.out, "releases", v)) as [string, string]
    const fromTables = releaseDiff("1.0.0", "1.1.0", await digestRelease(a), await digestRelease(b), await readLayout(a), await readLayout(b))
    expect(fromDigests).toEqual(fromTables)
    expect(fromDigests.added.length).toBe(1)
  })

  it("a release an older pipeline made (no manifest, no digests, no record) is still compared with, listed and zipped", async () => {
    const out = copyOut(r.out)
    const raw = tempDir("raw-")
    dirs.push(out, raw)
    fs.cpSync(r.raw, raw, { recursive: true })
    const old = path.join(out, "releases", "1.1.0")
    for (const f of ["manifest.json", "document-digests.csv"]) fs.rmSync(path.join(old, f))
    fs.writeFileSync(path.join(old, "SHA256SUMS"), fs.readFileSync(path.join(old, "SHA256SUMS"), "utf8").split("\n").filter((l) => !/ {2}(manifest\.json|document-digests\.csv)$/.test(l)).join("\n"))
    for (const f of ["1.1.0.json", "1.1.0.zip"]) fs.rmSync(path.join(out, "releases", f))
    editRaw(raw)
    const next = await buildOk({ raw, out })
    expect(next.version).toBe("1.2.0")
    expect(readCsv(path.join(next.folder, "changes.csv")).map((c) => c["change"]).sort()).toEqual(["modified", "removed"])
    expect(fs.existsSync(path.join(out, "releases", "1.1.0.zip"))).toBe(true)
    const record = JSON.parse(fs.readFileSync(path.join(out, "releases", "1.1.0.json"), "utf8"))
    expect(record.counts.documents).toBe(readCsv(path.join(old, "documents.csv")).length)
    expect(fs.readFileSync(path.join(out, "catalog.jsonld"), "utf8")).toContain("1.1.0.zip")
  })
})
