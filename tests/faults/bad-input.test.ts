import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { Exit } from "effect"
import { buildOk, copyRaw, fingerprintTree, runBuild, runCli, tempConfig, tempDir } from "../helpers.js"

/** A raw folder holding every kind of bad input a scraper leaves behind, next to good texts. Generated, never committed. */
const makeBadRaw = (): string => {
  const raw = copyRaw()
  const w = (name: string, data: string | Uint8Array) => fs.writeFileSync(path.join(raw, name), data)
  w("latin1.txt", Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au bord de la rivi\u00e8re\n")]))
  w("utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("A headline\n\nSome text.\n", "utf16le")]))
  w("binary.txt", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]))
  w("empty.txt", "")
  w("blank.txt", "\n   \n\t\n")
  w("chrome-only.txt", "Skip to main content\nHome | News | Contact\nShare on Facebook\nSubscribe to our newsletter\n")
  w("page.txt", "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Text</p></body></html>\n")
  w("huge.txt", "A long line of words that goes on. ".repeat(60_000))
  fs.symlinkSync("/etc/hostname", path.join(raw, "outside.txt"))
  w("odd\u0007name.txt", "A headline\n\nA paragraph of ordinary reporting text for the record.\n")
  return raw
}

const EXPECTED: Record<string, RegExp> = {
  "latin1.txt": /not valid UTF-8: byte 0xe9 at offset 3/,
  "utf16.txt": /UTF-16LE/,
  "binary.txt": /NUL byte at offset 4/,
  "empty.txt": /empty/,
  "blank.txt": /only white space/,
  "page.txt": /HTML document/,
  "chrome-only.txt": /no text is left after cleaning/,
  "huge.txt": /over the limit of 1000000/,
  "outside.txt": /symbolic link that points outside the raw folder/,
  '"odd\\u0007name.txt"': /control characters/
}

describe("bad raw files", () => {
  let raw: string
  let rawBefore: Record<string, string>
  const config = { fail: "", skip: "" }
  beforeAll(() => {
    raw = makeBadRaw()
    rawBefore = fingerprintTree(raw)
    config.fail = tempConfig({ "max_file_bytes: 20000000": "max_file_bytes: 1000000" })
    config.skip = tempConfig({ "max_file_bytes: 20000000": "max_file_bytes: 1000000", "on_bad_input: fail": "on_bad_input: skip" })
  })
  afterAll(() => fs.rmSync(raw, { recursive: true, force: true }))

  it("with on_bad_input: fail, stop before publishing and name every bad file at once, each with its own reason", async () => {
    const out = tempDir("out-")
    const exit = await runBuild({ configPath: config.fail, raw, out })
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? (exit.cause.reasons.find((r) => r._tag === "Fail") as unknown as { error: { problems: Array<{ file: string; reason: string }>; userMessage: string } }).error : null
    const byFile = Object.fromEntries(error!.problems.map((p) => [p.file, p.reason]))
    expect(Object.keys(byFile).sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const [file, reason] of Object.entries(EXPECTED)) expect(byFile[file], file).toMatch(reason)
    expect(fs.existsSync(path.join(out, "latest.json"))).toBe(false)
    // the releases folder this first build created is removed again, not left empty
    expect(fs.existsSync(path.join(out, "releases"))).toBe(false)
  })

  it("with on_bad_input: skip, publish the good texts and list each refused file with its reason in the provenance", async () => {
    const out = tempDir("out-")
    const summary = await buildOk({ configPath: config.skip, raw, out })
    expect(summary.status).toBe("published")
    expect(summary.documents).toBe(5)
    expect(summary.refused.map((r) => r.file).sort()).toEqual(Object.keys(EXPECTED).sort())
    const provenance = fs.readFileSync(path.join(summary.folder, "provenance.jsonld"), "utf8")
    for (const file of Object.keys(EXPECTED)) if (!file.startsWith('"')) expect(provenance).toContain(encodeURIComponent(file))
    expect(provenance).toContain("not valid UTF-8")
  })

  it("never writes into the raw folder", () => {
    expect(fingerprintTree(raw)).toEqual(rawBefore)
  })

  it("tell the user on stderr which files were refused and why, with exit code 3", async () => {
    const result = await runCli(["build", "--config", config.fail, "--raw", raw, "--out", tempDir("out-")])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("latin1.txt: not valid UTF-8: byte 0xe9 at offset 3")
    expect(result.stderr).toContain("utf16.txt")
    expect(result.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/)
  })
})

describe("file names are never trusted", () => {
  it("stops the build and names both files when two names differ only by case", async () => {
    const raw = tempDir("raw-")
    const text = "A headline\n\nA paragraph of ordinary reporting text for the record.\n"
    fs.writeFileSync(path.join(raw, "Report.txt"), text)
    fs.writeFileSync(path.join(raw, "report.txt"), text + "More.\n")
    const exit = await runBuild({ configPath: tempConfig({ "on_bad_input: fail": "on_bad_input: skip" }), raw, out: tempDir("out-") })
    expect(Exit.isFailure(exit)).toBe(true)
    const message = JSON.stringify(exit)
    expect(message).toContain("Report.txt")
    expect(message).toContain("report.txt")
  })

  it("stops the build when two names differ only by Unicode normalisation", async () => {
    const raw = tempDir("raw-")
    const text = "A headline\n\nA paragraph of ordinary reporting text for the record.\n"
    fs.writeFileSync(path.join(raw, "caf\u00e9.txt"), text)
    fs.writeFileSync(path.join(raw, "cafe\u0301.txt"), text)
    const exit = await runBuild({ raw, out: tempDir("out-") })
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("collides")
  })

  it("keeps documents in subfolders, with the relative path as doc_id, and follows no link out of raw/", async () => {
    const raw = tempDir("raw-")
    fs.mkdirSync(path.join(raw, "site", "2015"), { recursive: true })
    fs.writeFileSync(path.join(raw, "site", "2015", "a.txt"), "A headline\n\nA paragraph of ordinary reporting text for the record, long enough.\n")
    fs.symlinkSync("/etc", path.join(raw, "etc"))
    const out = tempDir("out-")
    const summary = await buildOk({ raw, out })
    expect(summary.documents).toBe(1)
    expect(fs.readFileSync(path.join(summary.folder, "documents.csv"), "utf8")).toContain("site/2015/a,site/2015/a.txt,")
  })
})
