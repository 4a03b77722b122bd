/**
 * The seam for running the per-document stages on many machines: `build --shard i/n` writes the outcomes of its
 * share of the documents to a shard folder; `merge` reads every shard folder of a run in doc_id order and hands the
 * outcomes to the same release assembly as a single-machine build, so the release is byte-identical.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { type IoError, ReleaseError, type StageDefectError } from "./errors.js"
import { attempt, makeDir, openLineReaderSync, readText, type LineReader } from "./io.js"
import type { InputProblem } from "./errors.js"
import type { SourceOutcome } from "./process-source.js"
import { sha256Hex } from "./stages/ingest.js"

export interface ShardSpec {
  readonly index: number
  readonly count: number
}

export const parseShard = (text: string): ShardSpec | null => {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  if (!m) return null
  const [index, count] = [Number(m[1]), Number(m[2])]
  return count >= 1 && index >= 0 && index < count ? { index, count } : null
}

/** Which shard a document belongs to: by a hash of its doc_id, so the split does not depend on the listing. */
export const shardOf = (docId: string, count: number): number => parseInt(sha256Hex(docId).slice(0, 8), 16) % count

export const shardFolderName = (s: ShardSpec) => `${s.index}-of-${s.count}`

export interface ShardManifest {
  readonly shard: number
  readonly of: number
  readonly stagesVersion: string
  readonly configSha256: string
  readonly documents: number
  readonly problems: ReadonlyArray<InputProblem>
}

const RESULTS = "outcomes.jsonl"

/** Writes a shard folder atomically: outcomes in doc_id order, one JSON line each, and its manifest. */
export const writeShard = (
  shardsDir: string,
  manifest: Omit<ShardManifest, "documents">,
  next: Effect.Effect<ReadonlyArray<SourceOutcome>, IoError | StageDefectError>
) =>
  Effect.gen(function* () {
    const final = path.join(shardsDir, shardFolderName({ index: manifest.shard, count: manifest.of }))
    const tmp = `${final}.tmp-${process.pid}`
    yield* makeDir(tmp)
    const fd = yield* attempt(tmp, "write", () => fs.openSync(path.join(tmp, RESULTS), "w"))
    let documents = 0
    while (true) {
      const batch = yield* next
      if (batch.length === 0) break
      documents += batch.length
      yield* attempt(tmp, "write", () => fs.writeSync(fd, batch.map((o) => JSON.stringify({ ...o, cached: false })).join("\n") + "\n"))
    }
    yield* attempt(final, "write the shard folder", () => {
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      fs.writeFileSync(path.join(tmp, "shard.json"), JSON.stringify({ ...manifest, documents }, null, 2) + "\n")
      fs.rmSync(final, { recursive: true, force: true })
      fs.renameSync(tmp, final)
    })
    return { folder: final, documents }
  })

/** The next line that is not empty, or null at the end. */
const nextLine = (r: LineReader): string | null => {
  for (;;) {
    const line = r.next()
    if (line === null || line) return line
  }
}

/**
 * Opens every shard folder of one run, checks that they form a whole (each of 0..n-1 once, same code and
 * configuration as this merge), and returns their outcomes merged in doc_id order, batch by batch.
 */
export const readShards = (dirs: ReadonlyArray<string>, expect: { stagesVersion: string; configSha256: string }, batchSize: number) =>
  Effect.gen(function* () {
    const manifests: Array<ShardManifest & { dir: string }> = []
    for (const dir of dirs) {
      const manifest = yield* readText(path.join(dir, "shard.json")).pipe(
        Effect.flatMap((text) => Effect.try(() => ({ ...(JSON.parse(text) as ShardManifest), dir }))),
        Effect.mapError(() => new ReleaseError({ message: `${dir} is not a complete shard folder (no readable shard.json); run its build --shard again.` }))
      )
      manifests.push(manifest)
    }
    const count = manifests[0]?.of ?? 0
    const seen = new Set(manifests.map((m) => m.shard))
    if (manifests.length === 0 || manifests.some((m) => m.of !== count) || seen.size !== count || manifests.length !== count) {
      return yield* new ReleaseError({ message: `The shard folders do not make a whole run: found ${manifests.map((m) => `${m.shard}/${m.of}`).join(", ") || "none"}; expected each of 0/n … (n-1)/n once.` })
    }
    const stale = manifests.filter((m) => m.stagesVersion !== expect.stagesVersion || m.configSha256 !== expect.configSha256)
    if (stale.length > 0) {
      return yield* new ReleaseError({ message: `Shard folder(s) ${stale.map((m) => m.dir).join(", ")} were built with other code or configuration than this merge; rebuild them.` })
    }
    const readers = yield* attempt(dirs.join(", "), "read the shard folders", () => manifests.map((m) => openLineReaderSync(path.join(m.dir, RESULTS))))
    const heads: Array<SourceOutcome | null> = yield* attempt(dirs.join(", "), "read the shard folders", () =>
      readers.map((r) => {
        const line = nextLine(r)
        return line ? (JSON.parse(line) as SourceOutcome) : null
      })
    )
    const total = manifests.reduce((n, m) => n + m.documents, 0)
    const problems = manifests.flatMap((m) => m.problems)
    const next = attempt(dirs.join(", "), "read the shard folders", (): ReadonlyArray<SourceOutcome> => {
      const batch: Array<SourceOutcome> = []
      while (batch.length < batchSize) {
        let best = -1
        for (let i = 0; i < heads.length; i++) {
          const h = heads[i]
          if (h && (best < 0 || h.doc_id < heads[best]!.doc_id)) best = i
        }
        if (best < 0) break
        batch.push(heads[best]!)
        const line = nextLine(readers[best]!)
        heads[best] = line ? (JSON.parse(line) as SourceOutcome) : null
      }
      return batch
    })
    return { total, problems, next }
  })
