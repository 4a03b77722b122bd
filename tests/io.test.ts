import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { openAppenderSync, openLineReaderSync } from "../pipeline/io.js"
import { tempDir } from "./helpers.js"

describe("the line reader", () => {
  it("gives every line whole, also where a character's bytes straddle two reads", () => {
    const dir = tempDir("io-")
    // lines of two- and four-byte characters, so read boundaries (every megabyte) fall inside characters
    const lines = Array.from({ length: 4000 }, (_, i) => `${i} ${"Душанбе😀".repeat((i % 97) + 20)}`)
    fs.writeFileSync(path.join(dir, "lines.txt"), lines.join("\n") + "\r\n")
    expect(fs.statSync(path.join(dir, "lines.txt")).size).toBeGreaterThan(3 << 20)
    const reader = openLineReaderSync(path.join(dir, "lines.txt"))
    const got: Array<string> = []
    for (let line = reader.next(); line !== null; line = reader.next()) got.push(line)
    expect(got).toEqual(lines)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe("an appender", () => {
  it("counts, hashes and deflates what it writes, however it is written", () => {
    const dir = tempDir("io-")
    const other = openAppenderSync(path.join(dir, "part"), { deflateTo: path.join(dir, "part.z") })
    other.write("second part;")
    const part = other.close()
    const out = openAppenderSync(path.join(dir, "file"), { deflateTo: path.join(dir, "file.z") })
    out.write("text written here; ")
    out.writeDeflated("bytes deflated elsewhere; ", zlib.deflateRawSync("bytes deflated elsewhere; ", { finishFlush: zlib.constants.Z_SYNC_FLUSH }))
    out.writeFile({ ...part, file: path.join(dir, "part") })
    const written = out.close()
    const bytes = fs.readFileSync(path.join(dir, "file"))
    expect(bytes.toString()).toBe("text written here; bytes deflated elsewhere; second part;")
    expect(written.bytes).toBe(bytes.length)
    expect(written.crc32).toBe(zlib.crc32(bytes))
    expect(zlib.inflateRawSync(fs.readFileSync(path.join(dir, "file.z"))).equals(bytes)).toBe(true)
    expect(written.deflated?.bytes).toBe(fs.statSync(path.join(dir, "file.z")).size)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
