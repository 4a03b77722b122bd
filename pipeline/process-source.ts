/**
 * One raw file through every per-document stage: read, ingest, sidecar, then the pure stages — or the cached result
 * when nothing that decides it changed. Synchronous on purpose: it runs inside worker threads, where synchronous
 * reads of many small files are several times faster than promise-based ones.
 */
import * as fs from "node:fs"
import { processDocument, type DocumentResult, type SourceText, type StageContext } from "./document.js"
import { looksLikeHtml, ingestBytes, sha256Hex } from "./stages/ingest.js"
import { readSidecar, type SourceFile } from "./sources.js"
import { cacheKey, readCache, writeCache } from "./cache.js"
import { encodeSlice, SLICE_SIZE, type EncodedSlice } from "./emit/slice.js"

export type SourceOutcome =
  | { readonly doc_id: string; readonly source_path: string; readonly sha256: string; readonly result: DocumentResult; readonly cached: boolean }
  | { readonly doc_id: string; readonly source_path: string; readonly sha256: string; readonly problem: string; readonly cached: boolean }

export interface CacheSettings {
  readonly dir: string
  readonly stagesVersion: string
}

const HTML_REFUSAL = "the file is an HTML document, not text rendered from a page; render it to text first (for example with w3m -dump)"

export const processSourceFile = (stages: StageContext, file: SourceFile, cache: CacheSettings | null): SourceOutcome => {
  const bytes = fs.readFileSync(file.absolute)
  const sha256 = sha256Hex(bytes)
  const sidecar = readSidecar(file)
  const key = cache
    ? cacheKey({ stagesVersion: cache.stagesVersion, doc_id: file.doc_id, source_path: file.source_path, sha256, sidecarSha256: sidecar.sha256Input ? sha256Hex(sidecar.sha256Input) : null })
    : ""
  if (cache) {
    const hit = readCache(cache.dir, key)
    if (hit) return { doc_id: file.doc_id, source_path: file.source_path, sha256, ...hit, cached: true }
  }
  const outcome = computeOutcome(stages, file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), sidecar)
  if (cache) writeCache(cache.dir, key, "result" in outcome ? { result: outcome.result } : { problem: outcome.problem })
  return { doc_id: file.doc_id, source_path: file.source_path, sha256, ...outcome, cached: false }
}

const computeOutcome = (
  stages: StageContext,
  file: SourceFile,
  bytes: Uint8Array,
  sidecar: ReturnType<typeof readSidecar>
): { result: DocumentResult } | { problem: string } => {
  const ingested = ingestBytes(bytes)
  if (!ingested.ok) return { problem: ingested.reason }
  if (looksLikeHtml(ingested.text)) return { problem: HTML_REFUSAL }
  if (sidecar.problem) return { problem: sidecar.problem }
  const source: SourceText = { doc_id: file.doc_id, source_path: file.source_path, sha256: ingested.sha256, text: ingested.text, meta: sidecar.meta }
  const outcome = processDocument(source, stages)
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

/**
 * Encodes outcomes in slices of SLICE_SIZE outcomes; `outcomes` must start at a multiple of SLICE_SIZE in the whole
 * sequence, so that slices fall in the same places however the work was split.
 */
export const encodeOutcomes = (outcomes: ReadonlyArray<SourceOutcome>, datasetName: string): ProcessedBatch => {
  const slices: Array<EncodedSlice> = []
  for (let i = 0; i < outcomes.length; i += SLICE_SIZE) {
    const results = outcomes.slice(i, i + SLICE_SIZE).flatMap((o) => ("result" in o ? [o.result] : []))
    if (results.length) slices.push(encodeSlice(results, datasetName))
  }
  return {
    outcomes: outcomes.map((o) => ({ doc_id: o.doc_id, source_path: o.source_path, sha256: o.sha256, cached: o.cached, ...("problem" in o ? { problem: o.problem } : {}) })),
    slices
  }
}
