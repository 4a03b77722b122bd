/**
 * One raw file through every per-document stage: read, ingest, sidecar, then the pure stages — or the cached result
 * when nothing that decides it changed. Synchronous on purpose: it runs inside worker threads, where synchronous
 * reads of many small files are several times faster than promise-based ones.
 */
import * as fs from "node:fs"
import type { DocumentResult, SourceText } from "./document.js"
import type { StageRunner } from "./context.js"
import { looksLikeHtml, ingestBytes, sha256Hex } from "./stages/ingest.js"
import { readSidecar, type SourceFile } from "./sources.js"
import { cacheKey, type CachedOutcome } from "./cache.js"
import { encodeSlice, type EncodedSlice } from "./emit/slice.js"
import { previousResults, readSlice, sliceKey, writeSlice, type PreviousResults } from "./slice-cache.js"
import { stageFault } from "./faults.js"

export type SourceOutcome =
  | { readonly doc_id: string; readonly source_path: string; readonly sha256: string; readonly result: DocumentResult; readonly cached: boolean }
  | { readonly doc_id: string; readonly source_path: string; readonly sha256: string; readonly problem: string; readonly cached: boolean }

export interface CacheSettings {
  readonly dir: string
  readonly stagesVersion: string
  /** read what the cache has, write nothing (validate) */
  readonly readOnly?: boolean
}

/** A per-document stage threw on this file: a bug, carried to the shell with the file's name. */
export class StageFailure extends Error {
  constructor(readonly file: string, readonly detail: string) {
    super(`the stages failed on ${file}: ${detail}`)
  }
}

const describeThrown = (e: unknown): string => (e instanceof Error ? e.stack ?? `${e.name}: ${e.message}` : String(e))

const HTML_REFUSAL = "the file is an HTML document, not text rendered from a page; render it to text first (for example with w3m -dump)"

/** A raw file read: its bytes, sha256, sidecar and the key its cached outcome would have. */
interface ReadSource {
  readonly file: SourceFile
  readonly bytes: Buffer
  readonly sha256: string
  readonly sidecar: ReturnType<typeof readSidecar>
  readonly key: string
}

const readSource = (file: SourceFile, cache: CacheSettings | null): ReadSource => {
  const bytes = fs.readFileSync(file.absolute)
  const sha256 = sha256Hex(bytes)
  const sidecar = readSidecar(file)
  const key = cache
    ? cacheKey({ stagesVersion: cache.stagesVersion, doc_id: file.doc_id, source_path: file.source_path, sha256, sidecarSha256: sidecar.sha256Input ? sha256Hex(sidecar.sha256Input) : null })
    : ""
  return { file, bytes, sha256, sidecar, key }
}

/** Each output folder's earlier results, as this thread finds them. */
const lookups = new Map<string, PreviousResults>()
const lookupIn = (cache: CacheSettings): PreviousResults => {
  let l = lookups.get(cache.dir)
  if (!l) lookups.set(cache.dir, (l = previousResults(cache.dir)))
  l.refresh()
  return l
}

/** The document's result as the slice it was in last holds it, or null. */
const earlierOutcome = (s: ReadSource, lookup: PreviousResults | null): SourceOutcome | null => {
  const hit = lookup?.find(s.key)
  return hit ? { doc_id: s.file.doc_id, source_path: s.file.source_path, sha256: s.sha256, ...hit, cached: true } : null
}

const computedOutcome = (runner: StageRunner, s: ReadSource): SourceOutcome => {
  const { file, bytes, sha256, sidecar } = s
  let outcome: ReturnType<typeof computeOutcome>
  try {
    outcome = computeOutcome(runner, file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), sidecar)
  } catch (e) {
    throw new StageFailure(file.source_path, describeThrown(e))
  }
  return { doc_id: file.doc_id, source_path: file.source_path, sha256, ...outcome, cached: false }
}

const cachedForm = (o: SourceOutcome): CachedOutcome => ("result" in o ? { result: o.result } : { problem: o.problem })

/** One file's outcome (for shards and validate): its earlier result when a slice of the last build holds it, else the stages'. */
export const processSourceFile = (runner: StageRunner, file: SourceFile, cache: CacheSettings | null): SourceOutcome => {
  const s = readSource(file, cache)
  return earlierOutcome(s, cache ? lookupIn(cache) : null) ?? computedOutcome(runner, s)
}

/** The file with the cache key of its outcome (its bytes and sidecar read and hashed). */
export const keyFile = (file: SourceFile, cache: CacheSettings): SourceFile => ({ ...file, key: readSource(file, cache).key })

const computeOutcome = (
  runner: StageRunner,
  file: SourceFile,
  bytes: Uint8Array,
  sidecar: ReturnType<typeof readSidecar>
): { result: DocumentResult } | { problem: string } => {
  const ingested = ingestBytes(bytes)
  if (!ingested.ok) return { problem: ingested.reason }
  if (looksLikeHtml(ingested.text)) return { problem: HTML_REFUSAL }
  if (sidecar.problem) return { problem: sidecar.problem }
  stageFault(file.doc_id)
  const source: SourceText = { doc_id: file.doc_id, source_path: file.source_path, sha256: ingested.sha256, text: ingested.text, meta: sidecar.meta }
  const outcome = runner.processDocument(source, runner.stages)
  return outcome.ok ? { result: outcome.result } : { problem: outcome.reason }
}

/** What the release needs of an outcome once its rows are encoded into slices. */
export interface LightOutcome {
  readonly doc_id: string
  readonly source_path: string
  readonly sha256: string
  readonly cached: boolean
  readonly problem?: string
}

/** A batch of outcomes, in doc_id order, with their documents encoded as slices (emit/slice.ts). */
export interface ProcessedBatch {
  readonly outcomes: ReadonlyArray<LightOutcome>
  readonly slices: ReadonlyArray<EncodedSlice>
}

const light = (o: SourceOutcome): LightOutcome => ({ doc_id: o.doc_id, source_path: o.source_path, sha256: o.sha256, cached: o.cached, ...("problem" in o ? { problem: o.problem } : {}) })

/** The outcomes of one slice's files and their encoding (null when none of them made a document). */
export const encodeSliceOutcomes = (outcomes: ReadonlyArray<SourceOutcome>, datasetName: string): { outcomes: Array<LightOutcome>; slice: EncodedSlice | null } => {
  const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []))
  return { outcomes: outcomes.map(light), slice: results.length ? encodeSlice(results, datasetName) : null }
}

/** Outcomes already computed (a shard's), each run of them a slice. */
export const encodeSlices = (slices: ReadonlyArray<ReadonlyArray<SourceOutcome>>, datasetName: string): ProcessedBatch => {
  const parts = slices.map((s) => encodeSliceOutcomes(s, datasetName))
  return { outcomes: parts.flatMap((p) => p.outcomes), slices: parts.flatMap((p) => (p.slice ? [p.slice] : [])) }
}

export interface SliceDone {
  readonly outcomes: Array<LightOutcome>
  readonly slice: EncodedSlice | null
  readonly key: string | null
  /** the cache entry's bytes, which the slice's byte sections are views of (to hand to another thread) */
  readonly buffer?: ArrayBuffer
}

/**
 * One slice of raw files, from the slice cache when an encoded slice of exactly these documents (their cache keys, in
 * order) is there: then no document's cache entry is read and no stage is needed. Otherwise `compute` finishes it.
 */
export const cachedSlice = (files: ReadonlyArray<SourceFile>, cache: CacheSettings | null, datasetName: string) => {
  // files keyed already (by the build's first pass) are not read again unless the slice must be computed
  const keys = files.every((f) => f.key !== undefined) ? files.map((f) => f.key!) : null
  let read = keys ? null : files.map((f) => readSource(f, cache))
  const key = cache ? sliceKey(datasetName, keys ?? read!.map((r) => r.key)) : null
  const hit = cache && key ? readSlice(cache.dir, key) : null
  return {
    done: hit ? ({ outcomes: [...hit.outcomes], slice: hit.slice, key, buffer: hit.buffer } satisfies SliceDone) : null,
    /**
     * each document's outcome (its earlier result from the slice it was in, else the stages', which are loaded only
     * if a document needs them), encoded and cached with the results
     */
    compute: async (runner: () => Promise<StageRunner>): Promise<SliceDone> => {
      read ??= files.map((f) => readSource(f, cache))
      const lookup = cache ? lookupIn(cache) : null
      const earlier = read.map((r) => earlierOutcome(r, lookup))
      const stages = earlier.some((o) => o === null) ? await runner() : null
      const outcomes = read.map((r, i) => earlier[i] ?? computedOutcome(stages!, r))
      const encoded = encodeSliceOutcomes(outcomes, datasetName)
      if (cache && key && !cache.readOnly) writeSlice(cache.dir, key, encoded.outcomes, encoded.slice, read.map((r, i) => ({ key: r.key, outcome: cachedForm(outcomes[i]!) })))
      return { ...encoded, key }
    }
  }
}
