import { describe, expect, it } from "vitest"
import { firstInvalidUtf8Offset, ingestBytes, looksLikeHtml } from "../../pipeline/stages/ingest.js"

const bytes = (...parts: Array<string | Array<number>>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)))

const refusal = (b: Uint8Array) => {
  const r = ingestBytes(b)
  if (r.ok) throw new Error("expected a refusal")
  return r.reason
}

describe("ingest: strict UTF-8", () => {
  it("refuses a byte that is not UTF-8 and names its offset", () => {
    expect(refusal(bytes("abc ", [0xe9], " def"))).toBe("not valid UTF-8: byte 0xe9 at offset 4")
  })

  it("refuses overlong encodings and UTF-16 surrogates encoded as UTF-8", () => {
    expect(firstInvalidUtf8Offset(bytes("ok", [0xc0, 0xaf]))).toBe(2)
    expect(firstInvalidUtf8Offset(bytes("ok", [0xed, 0xa0, 0x80]))).toBe(2)
    expect(firstInvalidUtf8Offset(bytes("Душанбе 😀"))).toBe(-1)
  })

  it("refuses a sequence cut short at the end of the file", () => {
    expect(refusal(bytes("Душанбе", [0xd0]))).toContain("at offset 14")
  })

  it("says a UTF-16 file is UTF-16 rather than calling it broken UTF-8", () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toContain("UTF-16LE")
    expect(refusal(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toContain("UTF-16BE")
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0, 0, 0]))).toContain("UTF-32LE")
  })

  it("refuses binary files and empty files", () => {
    expect(refusal(bytes("PK", [0x03, 0x04, 0x00, 0x00]))).toContain("NUL byte at offset 4")
    expect(refusal(new Uint8Array())).toBe("the file is empty")
    expect(refusal(bytes(" \n\t\n"))).toContain("only white space")
  })
})

describe("ingest: normalisation", () => {
  it("strips a UTF-8 BOM, turns CRLF and CR into LF, and composes to NFC", () => {
    const r = ingestBytes(bytes([0xef, 0xbb, 0xbf], "Cafe\u0301\r\nline two\rline three"))
    expect(r.ok && r.text).toBe("Caf\u00e9\nline two\nline three")
  })

  it("hashes the original bytes, not the normalised text", () => {
    const a = ingestBytes(bytes("x\r\n"))
    const b = ingestBytes(bytes("x\n"))
    expect(a.ok && b.ok && a.text === b.text).toBe(true)
    expect(a.sha256).not.toBe(b.sha256)
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it("tells an HTML document from text rendered from a page", () => {
    expect(looksLikeHtml("<!DOCTYPE html>\n<html><body>x</body></html>")).toBe(true)
    expect(looksLikeHtml("Menu\n\nA headline about <b> tags\n")).toBe(false)
  })
})
