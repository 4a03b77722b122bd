/**
 * A release packed as one zip for one-click download: every file of the folder under `<version>/`, in name order,
 * each stamped with the release's own timestamp, so the same release always gives the same bytes (for a given zlib,
 * which Node bundles). Each file is read once and deflated a megabyte at a time with the native zlib, and the zip is
 * hashed as it is written: nothing is read back. Sizes follow each entry in a data descriptor, so nothing is held.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { centralEntry, crc32, dataDescriptor, DEFLATE_END, deflatePiece, dosDateTime, endOfCentralDirectory, localHeader } from "../../emit/zipfile.js"

const CHUNK = 1 << 20

export interface WrittenZip {
  readonly bytes: number
  readonly sha256: string
}

/** Writes `zipFile` from the named files of `dir`, each under `prefix/` (the caller renames it into place). */
export const writeZip = (zipFile: string, dir: string, files: ReadonlyArray<string>, prefix: string, timestamp: string): WrittenZip => {
  const fd = fs.openSync(zipFile, "w")
  const hash = createHash("sha256")
  let offset = 0
  const out = (buf: Uint8Array) => {
    fs.writeSync(fd, buf)
    hash.update(buf)
    offset += buf.byteLength
  }
  const when = dosDateTime(timestamp)
  const central: Array<Buffer> = []
  const buf = Buffer.allocUnsafe(CHUNK)
  try {
    const names = [...files].sort()
    for (const file of names) {
      const name = Buffer.from(`${prefix}/${file}`, "utf8")
      const headerAt = offset
      out(localHeader(name, when, null))
      const input = fs.openSync(path.join(dir, file), "r")
      const sizes = { crc: 0, compressed: 0, size: 0 }
      try {
        for (;;) {
          const n = fs.readSync(input, buf, 0, CHUNK, null)
          if (n <= 0) break
          sizes.crc = crc32(buf.subarray(0, n), sizes.crc)
          sizes.size += n
          const piece = deflatePiece(buf.subarray(0, n))
          sizes.compressed += piece.length
          out(piece)
        }
      } finally {
        fs.closeSync(input)
      }
      sizes.compressed += DEFLATE_END.length
      out(DEFLATE_END)
      out(dataDescriptor(sizes))
      central.push(centralEntry(name, when, sizes, headerAt, true))
    }
    const centralAt = offset
    const directory = Buffer.concat(central)
    out(directory)
    out(endOfCentralDirectory(names.length, directory.length, centralAt))
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(zipFile, { force: true })
    throw e
  }
  fs.closeSync(fd)
  return { bytes: offset, sha256: hash.digest("hex") }
}
