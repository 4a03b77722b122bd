import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect, Exit } from "effect"
import { buildOk, copyRaw, listFiles, repoConfig, runBuild, tempConfig, tempDir, withEpoch } from "./helpers.js"
import { merge } from "../pipeline/build.js"
import { parseShard } from "../pipeline/shards.js"
import { CACHE_DIR } from "../pipeline/cache.js"
import { SLICES_DIR } from "../pipeline/slice-cache.js"

/** A corpus big enough to start the worker pool: renamed copies of the seeds. */
const copiesOfRaw = (copies: number): string => {
  const raw = copyRaw()
  const seeds = fs.readdirSync(raw)
  for (let i = 1; i < copies; i++) for (const f of seeds) fs.copyFileSync(path.join(raw, f), path.join(raw, `c${String(i).padStart(3, "0")}_${f}`))
  return raw
}

/** The slice entries of an output folder's cache, as paths below its slices folder. */
const sliceEntries = (out: string): Array<string> =>
  fs.readdirSync(path.join(out, CACHE_DIR, SLICES_DIR), { recursive: true }).map(String).filter((f) => f.endsWith(".slice")).sort()

const sameRelease = (a: string, b: string) => {
  expect(listFiles(a)).toEqual(listFiles(b))
  for (const f of listFiles(a)) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true)
}


describe("parallel, cached and sharded builds give the release a single thread gives", () => {
  it("the worker pool writes byte-identical tables in every format to a one-thread build (whose formats get their own thread), in doc_id order", async () => {
    const raw = copiesOfRaw(30)
    const serial = tempConfig({ "concurrency: 2": "concurrency: 1" })
    const parallel = tempConfig({ "concurrency: 2": "concurrency: 2" })
    const [a, b] = await withEpoch(async () => [
      await buildOk({ configPath: serial, raw, out: tempDir("out-serial-") }),
      await buildOk({ configPath: parallel, raw, out: tempDir("out-parallel-") })
    ])
    expect(a.documents).toBe(150)
    // every file made from the documents; the metadata differs only in the configuration's checksum
    const files = [...["documents", "comments", "dates", "mentions", "entities", "removed_lines"].flatMap((t) => ["csv", "arrow", "parquet"].map((ext) => `${t}.${ext}`)), "russia-tajikistan-afghan-border.xlsx", "dataset.jsonld", "document-digests.csv", "changes.csv"]
    for (const f of files) expect(fs.readFileSync(path.join(a.folder, f)).equals(fs.readFileSync(path.join(b.folder, f))), f).toBe(true)
  })

  it("a rebuild after adding one text computes only that text; the rest comes from the cache", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    const first = await buildOk({ raw, out })
    expect(first.fromCache).toBe(0)
    fs.writeFileSync(path.join(raw, "zz_new.txt"), "A new headline\n\nA paragraph of reporting about the border region, long enough to be content.\n")
    const second = await buildOk({ raw, out })
    expect(second.documents).toBe(6)
    expect(second.fromCache).toBe(5)
  })

  it("a document's earlier result comes from the slice it was in; one that is corrupt or another document's is recomputed, never trusted", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    await withEpoch(() => buildOk({ raw, out }))
    const [entry] = sliceEntries(out)
    // another text makes the slice change: its other documents' results are taken from the old entry
    fs.writeFileSync(path.join(raw, "zz_new.txt"), "A new headline\n\nA paragraph of reporting about the border region, long enough to be content.\n")
    const fresh = await withEpoch(() => buildOk({ raw, out: tempDir("out-fresh-") }))
    const copies = [tempDir("out-"), tempDir("out-"), tempDir("out-")]
    for (const c of copies) fs.cpSync(path.join(out, CACHE_DIR), path.join(c, CACHE_DIR), { recursive: true })
    // as it is; with its results section scrambled; with another slice's entry in its place
    const [intact, scrambled, foreign] = copies.map((c) => path.join(c, CACHE_DIR, SLICES_DIR, entry!))
    const bytes = fs.readFileSync(scrambled!)
    bytes.fill(0x7b, bytes.length - 200)
    fs.writeFileSync(scrambled!, bytes)
    const header = bytes.toString("utf8", 8, 8 + bytes.readUInt32LE(4))
    fs.writeFileSync(foreign!, Buffer.concat([bytes.subarray(0, 8), Buffer.from(header.replace(/"key":"[0-9a-f]+"/, `"key":"${"0".repeat(64)}"`)), bytes.subarray(8 + header.length)]))
    const [a, b, c] = await withEpoch(() => Promise.all(copies.map((o) => buildOk({ raw, out: o }))))
    expect(a!.fromCache).toBe(5)
    expect(b!.fromCache).toBeLessThan(5)
    expect(c!.fromCache).toBe(0)
    for (const r of [a!, b!, c!]) for (const f of listFiles(r.folder).filter((f) => /\.(csv|arrow|parquet|jsonld)$/.test(f) && f !== "provenance.jsonld")) {
      expect(fs.readFileSync(path.join(r.folder, f)).equals(fs.readFileSync(path.join(fresh.folder, f))), f).toBe(true)
    }
  })

  it("a corrupt or foreign slice entry is made again from its documents, never trusted", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    const first = await withEpoch(() => buildOk({ raw, out }))
    const slices = sliceEntries(out)
    expect(slices.length).toBe(1)
    const entry = path.join(out, CACHE_DIR, SLICES_DIR, slices[0]!)
    fs.writeFileSync(entry, fs.readFileSync(entry).subarray(0, 200))
    const other = tempDir("out-")
    fs.cpSync(path.join(out, CACHE_DIR), path.join(other, CACHE_DIR), { recursive: true })
    const second = await withEpoch(() => buildOk({ raw, out: other }))
    expect(second.fromCache).toBe(0)
    sameRelease(first.folder, second.folder)
  })

  it("keeps in the cache only what the last build used: the slices of texts changed or removed go, with their documents' results", async () => {
    const raw = copiesOfRaw(40)
    const out = tempDir("out-")
    await buildOk({ raw, out })
    const before = sliceEntries(out)
    const [changed, removed] = fs.readdirSync(raw).filter((f) => f.endsWith(".txt")).slice(60)
    fs.appendFileSync(path.join(raw, changed!), "\nA corrected paragraph about the border crossing, long enough to be content.\n")
    fs.rmSync(path.join(raw, removed!))
    const second = await buildOk({ raw, out })
    expect(second.fromCache).toBeGreaterThan(150)
    const after = sliceEntries(out)
    const index = fs.readFileSync(path.join(out, CACHE_DIR, SLICES_DIR, "index.tsv"), "utf8").trim().split("\n")
    expect(after.length).toBe(index.length)
    expect(index.flatMap((l) => l.split("\t")[1]!.split(" ")).length).toBe(fs.readdirSync(raw).filter((f) => f.endsWith(".txt")).length)
    expect(new Set(after.map((f) => path.basename(f, ".slice")))).toEqual(new Set(index.map((l) => l.split("\t")[0])))
    // the one or two slices the two texts fell in were replaced, no more
    expect(before.filter((f) => !after.includes(f)).length).toBeGreaterThan(0)
    expect(before.filter((f) => !after.includes(f)).length).toBeLessThanOrEqual(2)
    expect(fs.readdirSync(path.join(out, CACHE_DIR))).toEqual([SLICES_DIR])
    expect(fs.readdirSync(path.join(out, CACHE_DIR), { recursive: true }).map(String).filter((f) => f.endsWith(".tmp"))).toEqual([])
  })

  it("shards built apart and merged give a release byte-identical to a single build", async () => {
    const raw = copiesOfRaw(3)
    const single = await withEpoch(() => buildOk({ raw, out: tempDir("out-single-") }))
    const out = tempDir("out-sharded-")
    for (const s of ["0/3", "1/3", "2/3"]) {
      const exit = await runBuild({ raw, out, shard: parseShard(s)! } as never)
      expect(Exit.isSuccess(exit), s).toBe(true)
    }
    const merged = await withEpoch(() => Effect.runPromise(Effect.scoped(merge({ configPath: repoConfig, out, shardDirs: [] }))))
    expect(merged.status).toBe("published")
    sameRelease(single.folder, (merged as { folder: string }).folder)
  })

  it("a merge refuses shard folders that do not make a whole run", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    await runBuild({ raw, out, shard: parseShard("0/2")! } as never)
    const exit = await Effect.runPromiseExit(Effect.scoped(merge({ configPath: repoConfig, out, shardDirs: [] })))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("do not make a whole run")
  })
})
