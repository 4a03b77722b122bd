/**
 * A nightly rebuild that finds one new text does the work of one text, and publishes exactly what a build without
 * any cache publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, copyRaw, listFiles, tempDir, withEpoch } from "../helpers.js"
import { cutSlices, SLICE_MAX } from "../../pipeline/emit/slice.js"
import { CACHE_DIR } from "../../pipeline/cache.js"


/** Renamed copies of the seeds: enough documents for the worker pool and several slices. */
const corpus = (copies: number): string => {
  const raw = copyRaw()
  const seeds = fs.readdirSync(raw)
  for (let i = 1; i < copies; i++) for (const f of seeds) fs.copyFileSync(path.join(raw, f), path.join(raw, `c${String(i).padStart(3, "0")}_${f}`))
  return raw
}

const NEW_TEXT = "A new headline about the border\n\nRussian and Tajik border guards met near the Afghan frontier on 3 May 2021, officials in Dushanbe said.\n"

describe("a rebuild after one new text", () => {
  const dirs: Array<string> = []
  let cached: Awaited<ReturnType<typeof buildOk>>
  let uncached: Awaited<ReturnType<typeof buildOk>>
  let fresh: Awaited<ReturnType<typeof buildOk>>
  let total: number
  beforeAll(async () => {
    const raw = corpus(60)
    const [a, b, c] = [tempDir("out-cached-"), tempDir("out-uncached-"), tempDir("out-fresh-")]
    dirs.push(raw, a, b, c)
    await withEpoch(() => buildOk({ raw, out: a }))
    // the same previous release, without the cache
    fs.cpSync(a, b, { recursive: true })
    fs.rmSync(path.join(b, CACHE_DIR), { recursive: true, force: true })
    fs.writeFileSync(path.join(raw, "m_added_text.txt"), NEW_TEXT)
    total = fs.readdirSync(raw).length
    cached = await withEpoch(() => buildOk({ raw, out: a }))
    uncached = await withEpoch(() => buildOk({ raw, out: b }))
    fresh = await withEpoch(() => buildOk({ raw, out: c }))
  })
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

  it("computes only the new text; every other document comes from the cache", () => {
    expect(cached.documents).toBe(total)
    expect(cached.fromCache).toBe(total - 1)
    expect(uncached.fromCache).toBe(0)
  })

  it("publishes a release byte-identical, every file, to a build of the same texts without a cache", () => {
    expect(cached.version).toBe("1.1.0")
    expect(listFiles(cached.folder)).toEqual(listFiles(uncached.folder))
    for (const f of listFiles(cached.folder)) {
      // provenance names the build's start and end, which are the same under SOURCE_DATE_EPOCH
      expect(fs.readFileSync(path.join(cached.folder, f)).equals(fs.readFileSync(path.join(uncached.folder, f))), f).toBe(true)
    }
    const zip = (r: typeof cached) => fs.readFileSync(path.join(path.dirname(r.folder), `${r.version}.zip`))
    expect(zip(cached).equals(zip(uncached))).toBe(true)
  })

  it("a build that then finds nothing changed publishes nothing and writes no table", async () => {
    const lines: Array<string> = []
    const again = await withEpoch(() => buildOk({ raw: dirs[0]!, out: dirs[1]!, progress: (l) => void lines.push(l) }))
    expect(again.status).toBe("unchanged")
    expect(again.documents).toBe(total)
    expect(lines.filter((l) => l.startsWith("clean, dates, entities") || l.startsWith("emit:"))).toEqual([])
    expect(fs.readdirSync(dirs[1]!).filter((f) => f.startsWith(".staging"))).toEqual([])
  })

  it("writes every table in every format as a fresh full build of the same texts does (the workbook names its version)", () => {
    const tables = listFiles(fresh.folder).filter((f) => /\.(csv|arrow|parquet)$/.test(f) && f !== "changes.csv")
    expect(tables.length).toBe(19)
    for (const f of tables) expect(fs.readFileSync(path.join(cached.folder, f)).equals(fs.readFileSync(path.join(fresh.folder, f))), f).toBe(true)
  })
})

describe("slices", () => {
  const ids = Array.from({ length: 3000 }, (_, i) => `doc/${String(i).padStart(5, "0")}`)
  const cut = (list: ReadonlyArray<string>) => {
    const { slices, rest } = cutSlices(list, (x) => x)
    return rest.length ? [...slices, rest] : slices
  }

  it("end where the documents say, not where they stand: adding one changes only the slice it falls in", () => {
    const before = cut(ids)
    const after = cut([...ids.slice(0, 1500), "doc/01499b", ...ids.slice(1500)])
    const key = (s: ReadonlyArray<string>) => s.join("|")
    const changed = after.filter((s) => !before.some((b) => key(b) === key(s)))
    expect(before.length).toBeGreaterThan(10)
    expect(changed.length).toBe(1)
    expect(changed[0]).toContain("doc/01499b")
    expect(Math.max(...before.map((s) => s.length))).toBeLessThanOrEqual(SLICE_MAX)
  })
})
