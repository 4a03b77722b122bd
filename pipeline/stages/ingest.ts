/**
 * Ingest stage: raw bytes to the text every later stage reads. Pure: strict UTF-8 (the first bad byte's offset is
 * reported), BOM stripped, line endings to \n, Unicode NFC, and the sha256 of the original bytes.
 */
import { createHash } from "node:crypto"

export type IngestResult =
  | { readonly ok: true; readonly text: string; readonly sha256: string }
  | { readonly ok: false; readonly reason: string; readonly sha256: string }

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })

export const sha256Hex = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex")

export const ingestBytes = (bytes: Uint8Array): IngestResult => {
  const sha256 = sha256Hex(bytes)
  const refuse = (reason: string): IngestResult => ({ ok: false, reason, sha256 })
  if (bytes.length === 0) return refuse("the file is empty")
  const wideBom = utf16or32Bom(bytes)
  if (wideBom) return refuse(`the file is ${wideBom} (it starts with that byte-order mark); save it as UTF-8`)
  const nul = bytes.indexOf(0)
  if (nul >= 0) return refuse(`the file holds a NUL byte at offset ${nul}: it looks binary, not text`)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const offset = firstInvalidUtf8Offset(bytes)
    return refuse(`not valid UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at offset ${offset}`)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  text = text.replace(/\r\n?/g, "\n").normalize("NFC")
  if (text.trim() === "") return refuse("the file holds only white space")
  return { ok: true, text, sha256 }
}

const utf16or32Bom = (b: Uint8Array): string | null => {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return "UTF-32BE"
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return "UTF-32LE"
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16BE"
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16LE"
  return null
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export const firstInvalidUtf8Offset = (b: Uint8Array): number => {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80]
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800]
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000]
    else return i
    let cp = c & (0xff >> (need + 2))
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k]
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (cc & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** Does the text look like an HTML document rather than a page rendered to text? */
export const looksLikeHtml = (text: string): boolean => {
  const head = text.slice(0, 2048).trimStart().toLowerCase()
  return head.startsWith("<!doctype html") || head.startsWith("<html") || (/<(head|body)[\s>]/.test(head) && /<\/\w+>/.test(head))
}
