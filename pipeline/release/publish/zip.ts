/**
 * A release packed as one zip for one-click download: every file of the folder under `<version>/`, in name order,
 * each stamped with the release's own timestamp, so the same release always gives the same bytes (for a given zlib,
 * which Node bundles). Each file is read once and deflated a megabyte at a time with the native zlib (each chunk a
 * sync-flushed piece of one deflate stream), and the zip is hashed as it is written: nothing is read back. Sizes go
 * in a data descriptor after each entry, so nothing is held or rewritten.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { createHash } from "node:crypto"

const CHUNK = 1 << 20
const LEVEL = 6
/** Zip's 32-bit fields; a release past them would need Zip64, which this writer does not write. */
const MAX32 = 0xffffffff

/**
 * The DOS date and time fields of the release's timestamp, read as UTC (DOS times have no zone), so the bytes do not
 * depend on the machine's time zone.
 */
const dosDateTime = (iso: string): { date: number; time: number } => {
  const t = new Date(Number.isNaN(Date.parse(iso)) ? "1980-01-01T00:00:00Z" : iso)
  const year = Math.max(1980, Math.min(2107, t.getUTCFullYear()))
  return {
    date: ((year - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1)
  }
}

export interface ZipInput {
  readonly name: string
  /** the file's size and CRC-32 when already known (the staging registry has them); read otherwise */
  readonly bytes?: number
  readonly crc32?: number
}

export interface WrittenZip {
  readonly bytes: number
  readonly sha256: string
}

/** Writes `zipFile` from the files of `dir`, each under `prefix/` (the caller renames it into place). */
export const writeZip = (zipFile: string, dir: string, files: ReadonlyArray<ZipInput | string>, prefix: string, timestamp: string): WrittenZip => {
  const fd = fs.openSync(zipFile, "w")
  const hash = createHash("sha256")
  let offset = 0
  const out = (buf: Uint8Array) => {
    fs.writeSync(fd, buf)
    hash.update(buf)
    offset += buf.byteLength
  }
  const { date, time } = dosDateTime(timestamp)
  const central: Array<Buffer> = []
  const buf = Buffer.allocUnsafe(CHUNK)
  try {
    const entries = files.map((f) => (typeof f === "string" ? { name: f } : f)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const f of entries) {
      const name = Buffer.from(`${prefix}/${f.name}`, "utf8")
      const headerAt = offset
      // version 2.0, flags: data descriptor (bit 3) and UTF-8 names (bit 11), deflate
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      local.writeUInt16LE(20, 4)
      local.writeUInt16LE(0x0808, 6)
      local.writeUInt16LE(8, 8)
      local.writeUInt16LE(time, 10)
      local.writeUInt16LE(date, 12)
      local.writeUInt16LE(name.length, 26)
      out(local)
      out(name)
      const input = fs.openSync(path.join(dir, f.name), "r")
      let crc = 0
      let size = 0
      let compressed = 0
      try {
        for (;;) {
          const n = fs.readSync(input, buf, 0, CHUNK, null)
          if (n <= 0) break
          const chunk = buf.subarray(0, n)
          crc = zlib.crc32(chunk, crc)
          size += n
          const piece = zlib.deflateRawSync(chunk, { level: LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH })
          compressed += piece.byteLength
          out(piece)
        }
      } finally {
        fs.closeSync(input)
      }
      const last = zlib.deflateRawSync(Buffer.alloc(0), { level: LEVEL, finishFlush: zlib.constants.Z_FINISH })
      compressed += last.byteLength
      out(last)
      if (f.crc32 !== undefined && f.crc32 !== crc) throw new Error(`${f.name} changed while it was packed`)
      if (size > MAX32 || compressed > MAX32 || offset > MAX32) throw new Error(`${f.name} is too large for a zip without Zip64`)
      const descriptor = Buffer.alloc(16)
      descriptor.writeUInt32LE(0x08074b50, 0)
      descriptor.writeUInt32LE(crc, 4)
      descriptor.writeUInt32LE(compressed, 8)
      descriptor.writeUInt32LE(size, 12)
      out(descriptor)
      const entry = Buffer.alloc(46)
      entry.writeUInt32LE(0x02014b50, 0)
      entry.writeUInt16LE(20, 4)
      entry.writeUInt16LE(20, 6)
      entry.writeUInt16LE(0x0808, 8)
      entry.writeUInt16LE(8, 10)
      entry.writeUInt16LE(time, 12)
      entry.writeUInt16LE(date, 14)
      entry.writeUInt32LE(crc, 16)
      entry.writeUInt32LE(compressed, 20)
      entry.writeUInt32LE(size, 24)
      entry.writeUInt16LE(name.length, 28)
      entry.writeUInt32LE(headerAt, 42)
      central.push(entry, name)
    }
    const centralAt = offset
    for (const b of central) out(b)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(entries.length, 8)
    end.writeUInt16LE(entries.length, 10)
    end.writeUInt32LE(offset - centralAt, 12)
    end.writeUInt32LE(centralAt, 16)
    out(end)
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(zipFile, { force: true })
    throw e
  }
  fs.closeSync(fd)
  return { bytes: offset, sha256: hash.digest("hex") }
}
