/**
 * The corpus the end-to-end benches build: N renamed copies of the texts of the given folders (each <folder>/text,
 * <folder> itself, or every <folder>/<sub>/text: `../shared/benchmarks` takes every benchmark's texts), in a fresh
 * temporary folder with a pipeline.yaml whose data files point back at the repository.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export const projectRoot = path.resolve(import.meta.dirname, "..")

/** The folders of .txt files a folder stands for. */
const textFolders = (folder: string): Array<string> => {
  if (fs.existsSync(path.join(folder, "text"))) return [path.join(folder, "text")]
  if (fs.readdirSync(folder).some((f) => f.endsWith(".txt"))) return [folder]
  return fs
    .readdirSync(folder)
    .sort()
    .map((d) => path.join(folder, d, "text"))
    .filter((d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => f.endsWith(".txt")))
}

export interface Corpus {
  /** the temporary folder holding raw/, out/ and pipeline.yaml (removed by `remove`) */
  readonly work: string
  readonly raw: string
  readonly out: string
  readonly config: string
  readonly bytes: number
  readonly documents: number
  /** the texts of one copy */
  readonly texts: ReadonlyArray<{ readonly dir: string; readonly f: string }>
  readonly sources: ReadonlyArray<string>
  readonly remove: () => void
}

export const makeCorpus = (folders: ReadonlyArray<string>, copies: number, concurrency: string): Corpus => {
  const sources = folders.flatMap(textFolders)
  const texts = sources.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => ({ dir, f })))
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scale-"))
  const raw = path.join(work, "raw")
  let bytes = 0
  for (let c = 0; c < copies; c++) {
    for (const [i, src] of sources.entries()) {
      const dir = path.join(raw, `copy${String(c).padStart(4, "0")}`, `s${i}`)
      fs.mkdirSync(dir, { recursive: true })
      for (const t of texts.filter((x) => x.dir === src)) {
        fs.copyFileSync(path.join(src, t.f), path.join(dir, t.f))
        bytes += fs.statSync(path.join(dir, t.f)).size
      }
    }
  }
  const config = path.join(work, "pipeline.yaml")
  fs.writeFileSync(
    config,
    fs
      .readFileSync(path.join(projectRoot, "pipeline.yaml"), "utf8")
      .replace(/: data\//g, `: ${path.join(projectRoot, "data")}/`)
      .replace(/concurrency: \d+/, `concurrency: ${concurrency}`)
      .replace(/on_bad_input: fail/, "on_bad_input: skip")
  )
  return {
    work,
    raw,
    out: path.join(work, "out"),
    config,
    bytes,
    documents: texts.length * copies,
    texts,
    sources,
    remove: () => fs.rmSync(work, { recursive: true, force: true })
  }
}

/** The build's own binary (compiled JavaScript), as `npm start` runs it. */
export const buildEntry = (): Array<string> =>
  fs.existsSync(path.join(projectRoot, "dist", "pipeline", "bin.js"))
    ? [path.join(projectRoot, "dist", "pipeline", "bin.js")]
    : ["--import", "tsx", path.join(projectRoot, "pipeline", "bin.ts")]

/** The command-line arguments of a bench: folders, flags with a value, and bare flags. */
export const benchArgs = (valued: ReadonlyArray<string>) => {
  const args = process.argv.slice(2).filter((a) => a !== "--")
  return {
    args,
    flag: (name: string, fallback: string) => {
      const i = args.indexOf(name)
      return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
    },
    folders: args.filter((a, i) => !a.startsWith("--") && !valued.includes(args[i - 1] ?? ""))
  }
}

/**
 * `--half a|b`: whether a document is in the chosen one of two fixed halves of a folder (the first bit of the sha256 of
 * its key), so errors are studied on one half and a change is checked on the other. Every document without a half.
 */
export const inHalf = (key: string, half: string | undefined): boolean =>
  half === undefined || ((createHash("sha256").update(key).digest()[0]! & 1) === 0) === (half === "a")
