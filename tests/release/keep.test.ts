/** Disk in proportion: unchanged files shared with the previous release, and old releases pruned on request. */
import { afterAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, copyRaw, sha256sumCheck, tempConfig, tempDir } from "../helpers.js"

const ADDED = "A new headline\n\nA short paragraph of news about the border, with enough words to count as content.\n"

describe("disk in proportion to the change", () => {
  const dirs: Array<string> = []
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

  it("a file whose bytes did not change is a hard link to the previous release's, and both releases still check", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    dirs.push(raw, out)
    const first = await buildOk({ raw, out })
    fs.writeFileSync(path.join(raw, "zz_added.txt"), ADDED)
    const second = await buildOk({ raw, out })
    const same = fs.readdirSync(second.folder).filter((f) => {
      const a = path.join(first.folder, f)
      return fs.existsSync(a) && fs.readFileSync(a).equals(fs.readFileSync(path.join(second.folder, f)))
    })
    // the added text has no replies: the comments table is the same in every format
    expect(same).toEqual(expect.arrayContaining(["comments.csv", "comments.arrow", "comments.parquet"]))
    for (const f of same) expect(fs.statSync(path.join(second.folder, f)).ino, f).toBe(fs.statSync(path.join(first.folder, f)).ino)
    for (const r of [first, second]) expect((await sha256sumCheck(r.folder)).code).toBe(0)
  })

  it("release.keep: 1 keeps the newest release's files only; the catalog still lists the older one with its checksums", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    const config = tempConfig({ "build:\n": "release:\n  keep: 1\nbuild:\n" })
    dirs.push(raw, out, path.dirname(config))
    await buildOk({ configPath: config, raw, out })
    const sums = fs.readFileSync(path.join(out, "releases", "1.0.0", "SHA256SUMS"), "utf8")
    fs.writeFileSync(path.join(raw, "zz_added.txt"), ADDED)
    await buildOk({ configPath: config, raw, out })
    expect(fs.readdirSync(path.join(out, "releases")).sort()).toEqual(["1.0.0.json", "1.1.0", "1.1.0.json", "1.1.0.zip"])
    const catalog = fs.readFileSync(path.join(out, "catalog.jsonld"), "utf8")
    for (const line of sums.trim().split("\n")) expect(catalog).toContain(line.slice(0, 64))
    const html = fs.readFileSync(path.join(out, "index.html"), "utf8")
    expect(html).toContain('data-version="1.0.0"')
    expect(html).toContain("no longer kept here")
    expect(html).not.toContain('href="releases/1.0.0/')
    expect(html).toContain('href="releases/1.1.0.zip"')
  })
})
