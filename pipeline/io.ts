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
import { IoError } from "./errors.js"

/** Runs one synchronous file-system step; a throw becomes an IoError with the path and the action. */
export const attempt = <A>(file: string, action: string, f: () => A): Effect.Effect<A, IoError> =>
  Effect.try({ try: f, catch: (cause) => new IoError({ path: file, action, cause }) })

/** The same for a step that returns a promise (streams, WebAssembly writers). */
export const attemptAsync = <A>(file: string, action: string, f: () => Promise<A>): Effect.Effect<A, IoError> =>
  Effect.tryPromise({ try: f, catch: (cause) => new IoError({ path: file, action, cause }) })

export const readBytes = (file: string) => attempt(file, "read", () => fs.readFileSync(file))
export const readText = (file: string) => attempt(file, "read", () => fs.readFileSync(file, "utf8"))
export const writeText = (file: string, text: string) => attempt(file, "write", () => fs.writeFileSync(file, text))
export const makeDir = (dir: string) => attempt(dir, "create", () => void fs.mkdirSync(dir, { recursive: true }))
export const remove = (target: string) => attempt(target, "remove", () => fs.rmSync(target, { recursive: true, force: true }))
export const rename = (from: string, to: string) => attempt(to, "move into place", () => fs.renameSync(from, to))
export const listDir = (dir: string) => attempt(dir, "list", () => fs.readdirSync(dir).sort())
export const fileSize = (file: string) => attempt(file, "read", () => fs.statSync(file).size)
export const exists = (target: string) => Effect.sync(() => fs.existsSync(target))

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
}

/**
 * A file written front to back in pieces, hashed and counted as it is written, so nobody reads it back to learn
 * its size or checksum. Synchronous methods: call them inside `attempt`.
 */
export interface Appender {
  readonly file: string
  readonly write: (data: string | Uint8Array) => void
  /** fsyncs and closes the file; its size and sha256 */
  readonly close: () => WrittenFile
}

export const openAppenderSync = (file: string): Appender => {
  const fd = fs.openSync(file, "w")
  const hash: Hash = createHash("sha256")
  let bytes = 0
  let closed: WrittenFile | null = null
  return {
    file,
    write: (data) => {
      const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data
      if (buf.byteLength === 0) return
      fs.writeSync(fd, buf)
      hash.update(buf)
      bytes += buf.byteLength
    },
    close: () => {
      if (closed) return closed
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      closed = { bytes, sha256: hash.digest("hex") }
      return closed
    }
  }
}

export const openAppender = (file: string) => attempt(file, "write", () => openAppenderSync(file))

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
