/**
 * A release packed as one zip for one-click download: every file of the folder under `<version>/`, in name order,
 * each stamped with the release's own timestamp, so the same release always gives the same bytes (for a given zlib,
 * which Node bundles). `packRelease` copies each file's deflate stream, made as the file was written (by a worker for
 * the documents' rows, from the cache for documents that did not change), or the file itself for formats that are
 * compressed already (Parquet, the workbook), and hashes the zip as it is written: nothing is compressed again.
 * `writeZip` packs a folder whose files come with no deflate stream (releases an older pipeline made).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { centralEntry, crc32, dataDescriptor, DEFLATE_END, deflatePiece, dosDateTime, endOfCentralDirectory, localHeader } from "../../emit/zipfile.js"
import type { WrittenFile } from "../../io.js"

const CHUNK = 1 << 20

export interface WrittenZip {
  readonly bytes: number
  readonly sha256: string
}

/**
 * A zip file written front to back and hashed as it is: `entry` writes one entry's header and data and returns its
 * central directory record; the directory and its end follow.
 */
const zipOut = (zipFile: string, entries: (out: (buf: Uint8Array) => void, offset: () => number) => Array<Buffer>): WrittenZip => {
  const fd = fs.openSync(zipFile, "w")
  const hash = createHash("sha256")
  let offset = 0
  const out = (buf: Uint8Array) => {
    fs.writeSync(fd, buf)
    hash.update(buf)
    offset += buf.byteLength
  }
  try {
    const central = entries(out, () => offset)
    const centralAt = offset
    const directory = Buffer.concat(central)
    out(directory)
    out(endOfCentralDirectory(central.length, directory.length, centralAt))
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(zipFile, { force: true })
    throw e
  }
  fs.closeSync(fd)
  return { bytes: offset, sha256: hash.digest("hex") }
}

/** Writes `zipFile` from the named files of `dir`, each under `prefix/`, deflating each (the caller renames it into place). */
export const writeZip = (zipFile: string, dir: string, files: ReadonlyArray<string>, prefix: string, timestamp: string): WrittenZip =>
  zipOut(zipFile, (out, offset) => {
    const when = dosDateTime(timestamp)
    const buf = Buffer.allocUnsafe(CHUNK)
    return [...files].sort().map((file) => {
      const name = Buffer.from(`${prefix}/${file}`, "utf8")
      const headerAt = offset()
      out(localHeader(name, when, null))
      const sizes = { crc: 0, compressed: 0, size: 0 }
      const input = fs.openSync(path.join(dir, file), "r")
      try {
        for (let n = fs.readSync(input, buf, 0, CHUNK, null); n > 0; n = fs.readSync(input, buf, 0, CHUNK, null)) {
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
      return centralEntry(name, when, sizes, headerAt, true)
    })
  })

/** Writes `zipFile` from staged files with their sizes, CRCs and (for deflated entries) deflate streams. */
export const packRelease = (zipFile: string, dir: string, files: ReadonlyArray<WrittenFile & { readonly name: string }>, prefix: string, timestamp: string): WrittenZip =>
  zipOut(zipFile, (out, offset) => {
    const when = dosDateTime(timestamp)
    const buf = Buffer.allocUnsafe(CHUNK)
    const copy = (file: string) => {
      const input = fs.openSync(file, "r")
      try {
        for (let n = fs.readSync(input, buf); n > 0; n = fs.readSync(input, buf)) out(buf.subarray(0, n))
      } finally {
        fs.closeSync(input)
      }
    }
    return [...files]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => {
        const name = Buffer.from(`${prefix}/${f.name}`, "utf8")
        const method = f.deflated ? 8 : 0
        const sizes = { crc: f.crc32, size: f.bytes, compressed: f.deflated ? f.deflated.bytes : f.bytes }
        const headerAt = offset()
        out(localHeader(name, when, sizes, method))
        copy(f.deflated ? f.deflated.file : path.join(dir, f.name))
        return centralEntry(name, when, sizes, headerAt, false, method)
      })
  })
