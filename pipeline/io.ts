/**
 * Every file-system call of the shell, as an Effect that fails with an IoError naming the path and the action
 * ("Could not <action> <path>: the disk is full"). Synchronous node:fs underneath: the build touches a few large files
 * at a time, and synchronous calls keep their order obvious. Pure code never imports this module.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash, type Hash } from "node:crypto"
import { StringDecoder } from "node:string_decoder"
import { Effect } from "effect"
import * as zlib from "node:zlib"
import { IoError } from "./errors.js"
import { DEFLATE_END, deflatePiece } from "./emit/zipfile.js"

/** Runs one synchronous file-system step; a throw becomes an IoError with the path and the action. */
export const attempt = <A>(file: string, action: string, f: () => A): Effect.Effect<A, IoError> =>
  Effect.try({ try: f, catch: (cause) => new IoError({ path: file, action, cause }) })

/** The same for a step that returns a promise (streams, WebAssembly writers). */
export const attemptAsync = <A>(file: string, action: string, f: () => Promise<A>): Effect.Effect<A, IoError> =>
  Effect.tryPromise({ try: f, catch: (cause) => new IoError({ path: file, action, cause }) })

export const readText = (file: string) => attempt(file, "read", () => fs.readFileSync(file, "utf8"))
export const writeText = (file: string, text: string) => attempt(file, "write", () => fs.writeFileSync(file, text))
export const makeDir = (dir: string) => attempt(dir, "create", () => void fs.mkdirSync(dir, { recursive: true }))
export const remove = (target: string) => attempt(target, "remove", () => fs.rmSync(target, { recursive: true, force: true }))
export const rename = (from: string, to: string) => attempt(to, "move into place", () => fs.renameSync(from, to))
export const listDir = (dir: string) => attempt(dir, "list", () => fs.readdirSync(dir).sort())
export const exists = (target: string) => Effect.sync(() => fs.existsSync(target))
/** Removes a folder only if it is empty; a folder with anything in it is left as it is. */
export const removeIfEmpty = (dir: string) =>
  Effect.sync(() => {
    try {
      fs.rmdirSync(dir)
    } catch {
      // not empty, or already gone
    }
  })

/** A fresh folder `<parent>/<prefix>XXXXXX`, readable by everyone like any other output folder. */
export const makeTempDir = (parent: string, prefix: string) =>
  attempt(parent, "create a staging folder in", () => {
    const dir = fs.mkdtempSync(path.join(parent, prefix))
    fs.chmodSync(dir, 0o755)
    return dir
  })

/** Flushes a folder's entries (after a rename into it); some file systems refuse, and the rename stays atomic anyway. */
export const fsyncDirSync = (dir: string): void => {
  try {
    const fd = fs.openSync(dir, "r")
    fs.fsyncSync(fd)
    fs.closeSync(fd)
  } catch {
    // not every file system can fsync a directory
  }
}

const writeAtomicSync = (file: string, data: string | Uint8Array): void => {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  const fd = fs.openSync(tmp, "w")
  try {
    fs.writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

/** Writes a file through a temporary sibling, fsynced, then renamed: readers see the old file or the new one. */
export const writeFileAtomic = (file: string, data: string | Uint8Array) => attempt(file, "write", () => writeAtomicSync(file, data))

/** sha256 of a file, read a megabyte at a time. */
export const sha256File = (file: string) =>
  attempt(file, "read", () => {
    const hash = createHash("sha256")
    const fd = fs.openSync(file, "r")
    const buf = Buffer.allocUnsafe(1 << 20)
    try {
      let n: number
      while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n))
    } finally {
      fs.closeSync(fd)
    }
    return hash.digest("hex")
  })

/** What a file written through an Appender turned out to be. */
export interface WrittenFile {
  readonly bytes: number
  readonly sha256: string
  /** CRC-32 of the bytes, for the zip */
  readonly crc32: number
  /** the file's deflate stream, made as it was written, for the zip; absent for a file stored as it is */
  readonly deflated?: { readonly file: string; readonly bytes: number }
}

/**
 * A file written front to back in pieces, hashed and counted as it is written, so nobody reads it back to learn
 * its size or checksum. With `deflateTo`, its deflate stream (for the release zip) is written beside it as it goes:
 * text written here is deflated in small batches, and bytes that come with their own deflated piece (made in a
 * worker, or kept in the cache) go in as they are. Synchronous methods: call them inside `attempt`.
 */
export interface Appender {
  readonly file: string
  readonly write: (data: string | Uint8Array) => void
  /** bytes and their deflated piece (a sync-flushed deflate block of exactly these bytes) */
  readonly writeDeflated: (data: string | Uint8Array, piece: Uint8Array) => void
  /** the whole of another appender's file (and its deflate stream): how part files join a release file */
  readonly writeFile: (written: WrittenFile & { readonly file: string }) => void
  /** fsyncs and closes the file; its size and checksums */
  readonly close: () => WrittenFile
  /** closes the file without a word, after a failure (does nothing once closed) */
  readonly abort: () => void
}

const PENDING_DEFLATE = 1 << 16

export const openAppenderSync = (file: string, options: { deflateTo?: string } = {}): Appender => {
  const fd = fs.openSync(file, "w")
  const side = options.deflateTo ? fs.openSync(options.deflateTo, "w") : -1
  const hash: Hash = createHash("sha256")
  let bytes = 0
  let crc = 0
  let deflated = 0
  let pending: Array<Buffer> = []
  let pendingBytes = 0
  let closed: WrittenFile | null = null
  const raw = (buf: Uint8Array) => {
    fs.writeSync(fd, buf)
    hash.update(buf)
    crc = zlib.crc32(buf, crc)
    bytes += buf.byteLength
  }
  const sideWrite = (piece: Uint8Array) => {
    if (piece.byteLength === 0) return
    fs.writeSync(side, piece)
    deflated += piece.byteLength
  }
  const flushPending = () => {
    if (side < 0 || pendingBytes === 0) return
    sideWrite(deflatePiece(pending.length === 1 ? pending[0]! : Buffer.concat(pending)))
    pending = []
    pendingBytes = 0
  }
  const toBuffer = (data: string | Uint8Array) => (typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  const write = (data: string | Uint8Array) => {
    const buf = toBuffer(data)
    if (buf.byteLength === 0) return
    raw(buf)
    if (side < 0) return
    // a copy: the caller may reuse its buffer
    pending.push(typeof data === "string" ? buf : Buffer.from(buf))
    pendingBytes += buf.byteLength
    if (pendingBytes >= PENDING_DEFLATE) flushPending()
  }
  return {
    file,
    write,
    writeDeflated: (data, piece) => {
      const buf = toBuffer(data)
      if (side < 0) return write(buf)
      flushPending()
      raw(buf)
      sideWrite(piece)
    },
    writeFile: (other) => {
      flushPending()
      const buf = Buffer.allocUnsafe(1 << 20)
      const copy = (from: string, length: number, to: (b: Uint8Array) => void) => {
        const f = fs.openSync(from, "r")
        try {
          let left = length
          for (let n = fs.readSync(f, buf, 0, Math.min(buf.length, left), null); n > 0 && left > 0; n = fs.readSync(f, buf, 0, Math.min(buf.length, left), null)) {
            to(buf.subarray(0, n))
            left -= n
          }
        } finally {
          fs.closeSync(f)
        }
      }
      if (side >= 0 && other.deflated) {
        copy(other.file, other.bytes, raw)
        // its stream without its final block: this file's stream goes on
        copy(other.deflated.file, other.deflated.bytes - DEFLATE_END.length, sideWrite)
      } else copy(other.file, other.bytes, write)
    },
    abort: () => {
      if (closed) return
      closed = { bytes, sha256: "", crc32: 0 }
      for (const f of [fd, side]) {
        try {
          if (f >= 0) fs.closeSync(f)
        } catch {
          // already gone
        }
      }
    },
    close: () => {
      if (closed) return closed
      flushPending()
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      if (side >= 0) {
        sideWrite(DEFLATE_END)
        fs.closeSync(side)
      }
      closed = { bytes, sha256: hash.digest("hex"), crc32: crc >>> 0, ...(options.deflateTo ? { deflated: { file: options.deflateTo, bytes: deflated } } : {}) }
      return closed
    }
  }
}

/**
 * Lines of a UTF-8 text file, read a megabyte at a time (a character split across two reads stays whole), without
 * their line ends. Synchronous: call inside `attempt`.
 */
export const openLineReaderSync = (file: string) => {
  const fd = fs.openSync(file, "r")
  const decoder = new StringDecoder("utf8")
  const buf = Buffer.allocUnsafe(1 << 20)
  let pending = ""
  let done = false
  let lines: Array<string> = []
  let at = 0
  return {
    /** the next line, or null at the end (the file is closed then) */
    next: (): string | null => {
      while (at >= lines.length && !done) {
        const n = fs.readSync(fd, buf, 0, buf.length, null)
        if (n === 0) {
          done = true
          const last = pending + decoder.end()
          lines = last ? [last] : []
          at = 0
          fs.closeSync(fd)
          break
        }
        const parts = (pending + decoder.write(buf.subarray(0, n))).split("\n")
        pending = parts.pop()!
        lines = parts
        at = 0
      }
      if (at >= lines.length) return null
      const line = lines[at++]!
      return line.endsWith("\r") ? line.slice(0, -1) : line
    },
    close: () => {
      if (!done) {
        done = true
        fs.closeSync(fd)
      }
    }
  }
}
export type LineReader = ReturnType<typeof openLineReaderSync>
