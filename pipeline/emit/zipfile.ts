/**
 * The pieces of a zip file (PKWARE APPNOTE 6.3), for the release zip and the workbook: deflated data made a piece at a
 * time with the native zlib (each piece sync-flushed, so pieces concatenate into one deflate stream), and the headers
 * around it. Entries are dated with a given timestamp read as UTC, so the bytes do not depend on the machine's clock or
 * time zone. No Zip64: an entry or an archive past 4 GiB is refused.
 */
import * as zlib from "node:zlib"

export const DEFLATE_LEVEL = 3
export const MAX32 = 0xffffffff

/** One piece of a deflate stream: the bytes compressed and sync-flushed, so the next piece may follow. */
export const deflatePiece = (data: Uint8Array): Buffer => zlib.deflateRawSync(data, { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH })
/** The last piece of a deflate stream: an empty final block. */
export const DEFLATE_END: Buffer = zlib.deflateRawSync(Buffer.alloc(0), { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_FINISH })

export const crc32 = (data: Uint8Array | string, previous = 0): number => zlib.crc32(data, previous)

/** DOS date and time fields of an ISO timestamp's UTC wall clock (DOS times have no zone; 1980 at the earliest). */
export const dosDateTime = (iso: string): { date: number; time: number } => {
  const t = new Date(Number.isNaN(Date.parse(iso)) ? "1980-01-01T00:00:00Z" : iso)
  const year = Math.max(1980, Math.min(2107, t.getUTCFullYear()))
  return {
    date: ((year - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1)
  }
}

export interface EntrySizes {
  readonly crc: number
  readonly compressed: number
  readonly size: number
}

/** UTF-8 names; with `descriptor`, the sizes follow the data (written by dataDescriptor) and are zero here. */
const flagsOf = (descriptor: boolean) => (descriptor ? 0x0808 : 0x0800)

/** 8: deflated; 0: stored as it is */
export type ZipMethod = 8 | 0

export const localHeader = (name: Buffer, when: { date: number; time: number }, sizes: EntrySizes | null, method: ZipMethod = 8): Buffer => {
  const h = Buffer.alloc(30)
  h.writeUInt32LE(0x04034b50, 0)
  h.writeUInt16LE(20, 4)
  h.writeUInt16LE(flagsOf(sizes === null), 6)
  h.writeUInt16LE(method, 8)
  h.writeUInt16LE(when.time, 10)
  h.writeUInt16LE(when.date, 12)
  if (sizes) {
    h.writeUInt32LE(sizes.crc, 14)
    h.writeUInt32LE(sizes.compressed, 18)
    h.writeUInt32LE(sizes.size, 22)
  }
  h.writeUInt16LE(name.length, 26)
  return Buffer.concat([h, name])
}

export const dataDescriptor = (sizes: EntrySizes): Buffer => {
  const d = Buffer.alloc(16)
  d.writeUInt32LE(0x08074b50, 0)
  d.writeUInt32LE(sizes.crc, 4)
  d.writeUInt32LE(sizes.compressed, 8)
  d.writeUInt32LE(sizes.size, 12)
  return d
}

export const centralEntry = (name: Buffer, when: { date: number; time: number }, sizes: EntrySizes, headerAt: number, descriptor: boolean, method: ZipMethod = 8): Buffer => {
  if (sizes.size > MAX32 || sizes.compressed > MAX32 || headerAt > MAX32) throw new Error(`${name.toString()} is too large for a zip without Zip64`)
  const e = Buffer.alloc(46)
  e.writeUInt32LE(0x02014b50, 0)
  e.writeUInt16LE(20, 4)
  e.writeUInt16LE(20, 6)
  e.writeUInt16LE(flagsOf(descriptor), 8)
  e.writeUInt16LE(method, 10)
  e.writeUInt16LE(when.time, 12)
  e.writeUInt16LE(when.date, 14)
  e.writeUInt32LE(sizes.crc, 16)
  e.writeUInt32LE(sizes.compressed, 20)
  e.writeUInt32LE(sizes.size, 24)
  e.writeUInt16LE(name.length, 28)
  e.writeUInt32LE(headerAt, 42)
  return Buffer.concat([e, name])
}

export const endOfCentralDirectory = (entries: number, centralBytes: number, centralAt: number): Buffer => {
  if (centralAt > MAX32 || entries > 0xffff) throw new Error("the zip is too large without Zip64")
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries, 8)
  end.writeUInt16LE(entries, 10)
  end.writeUInt32LE(centralBytes, 12)
  end.writeUInt32LE(centralAt, 16)
  return end
}

/** A small zip built in memory from entries whose data is deflated as it is added (the workbook's parts). */
export const memoryZip = (timestamp: string) => {
  const when = dosDateTime(timestamp)
  const parts: Array<Buffer> = []
  const central: Array<Buffer> = []
  let offset = 0
  let count = 0
  const push = (b: Buffer) => {
    parts.push(b)
    offset += b.length
  }
  /** adds an entry from deflate pieces already made (deflatePiece…, then DEFLATE_END) */
  const addDeflated = (path: string, pieces: ReadonlyArray<Buffer>, sizes: EntrySizes) => {
    const name = Buffer.from(path, "utf8")
    const at = offset
    push(localHeader(name, when, sizes))
    for (const p of pieces) push(p)
    central.push(centralEntry(name, when, sizes, at, false))
    count++
  }
  return {
    addDeflated,
    add: (path: string, data: string | Uint8Array) => {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data
      const pieces = [deflatePiece(bytes), DEFLATE_END]
      addDeflated(path, pieces, { crc: crc32(bytes), compressed: pieces[0]!.length + DEFLATE_END.length, size: bytes.byteLength })
    },
    finish: (): Buffer => {
      const centralAt = offset
      const dir = Buffer.concat(central)
      return Buffer.concat([...parts, dir, endOfCentralDirectory(count, dir.length, centralAt)])
    }
  }
}
