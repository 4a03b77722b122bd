/**
 * A release packed as one zip for one-click download: every file of the folder under `<version>/`, in name order,
 * each stamped with the release's own timestamp, so the same release always gives the same bytes. Files are streamed
 * through fflate in chunks; nothing is held whole. Written through a temporary sibling and renamed into place.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Zip, ZipDeflate } from "fflate"

const CHUNK = 1 << 20

/**
 * fflate writes a zip entry's time as the DOS fields of the Date in local time; a Date whose local fields are the
 * UTC fields of the release's timestamp makes the bytes independent of the time zone of the machine.
 */
const dosTime = (iso: string): Date => {
  const t = new Date(Number.isNaN(Date.parse(iso)) ? "1980-01-01T00:00:00Z" : iso)
  const year = Math.max(1980, Math.min(2107, t.getUTCFullYear()))
  return new Date(year, t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds())
}

/** Writes `zipFile` from the named files of `dir`, each under `prefix/`. */
export const writeZip = (zipFile: string, dir: string, files: ReadonlyArray<string>, prefix: string, timestamp: string): void => {
  const tmp = path.join(path.dirname(zipFile), `.${path.basename(zipFile)}.${process.pid}.tmp`)
  const fd = fs.openSync(tmp, "w")
  let failure: Error | null = null
  let finished = false
  try {
    const zip = new Zip((err, chunk, final) => {
      if (err) failure = err
      else fs.writeSync(fd, chunk)
      if (final) finished = true
    })
    const mtime = dosTime(timestamp)
    const buf = Buffer.allocUnsafe(CHUNK)
    for (const name of [...files].sort()) {
      const entry = new ZipDeflate(`${prefix}/${name}`, { level: 6 })
      entry.mtime = mtime
      zip.add(entry)
      const input = fs.openSync(path.join(dir, name), "r")
      try {
        const size = fs.fstatSync(input).size
        let done = 0
        if (size === 0) entry.push(new Uint8Array(0), true)
        while (done < size) {
          const n = fs.readSync(input, buf, 0, Math.min(CHUNK, size - done), done)
          if (n <= 0) throw new Error(`${name} ended early`)
          done += n
          // a copy: fflate may keep a reference to the chunk until the next push
          entry.push(new Uint8Array(buf.subarray(0, n)), done >= size)
        }
      } finally {
        fs.closeSync(input)
      }
      if (failure) throw failure
    }
    zip.end()
    if (failure) throw failure
    if (!finished) throw new Error("the zip stream did not finish")
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(tmp, { force: true })
    throw e
  }
  fs.closeSync(fd)
  fs.renameSync(tmp, zipFile)
}
