/**
 * The threads of a build. The pool runs the per-document stages (and encodes their documents as slices) on other
 * cores: a batch is split into one contiguous run of whole slices per worker and the results are concatenated, so
 * they come back in the order they were sent. The formats thread writes the typed formats (Arrow, Parquet, the
 * workbook) from the record batches the pool encoded, so the main thread only appends text.
 */
import { Worker } from "node:worker_threads"
import { Effect } from "effect"
import { StageFailure, type CacheSettings, type ProcessedBatch, type SourceOutcome } from "./process-source.js"
import type { SourceFile } from "./sources.js"
import type { WrittenFile } from "./io.js"
import type { TableName } from "./model.js"
import type { WorkbookDataset } from "./emit/xlsx.js"
import type { ArrowPiece } from "./emit/slice.js"

export interface Pool {
  readonly size: number
  /** outcomes of the files, in order, as they are (for shards) */
  readonly run: (files: ReadonlyArray<SourceFile>) => Promise<Array<SourceOutcome>>
  /** outcomes of the slices' files with their documents encoded (through the slice cache) */
  readonly encode: (slices: ReadonlyArray<ReadonlyArray<SourceFile>>) => Promise<ProcessedBatch>
  /** the files with their outcomes' cache keys */
  readonly keys: (files: ReadonlyArray<SourceFile>) => Promise<Array<SourceFile>>
  /** stops the workers (idempotent) */
  readonly close: () => Promise<void>
}

/** Enough for the stages and a batch of results (they need about 100 MB); V8 would otherwise let garbage grow far past it. */
const WORKER_HEAP_MB = 256
/** The formats thread holds a few record batches; Parquet's memory is WebAssembly's, outside the heap. */
const FORMATS_HEAP_MB = 192

/** Compiled JavaScript runs the threads' modules as they are; TypeScript (tests, tsx) loads them through tsx. */
const compiled = import.meta.url.endsWith(".js")
const WORKER_URL = new URL(compiled ? "./worker.js" : "./worker-entry.mjs", import.meta.url)
const FORMATS_URL = new URL(compiled ? "./formats-worker.js" : "./formats-entry.mjs", import.meta.url)

/** One request to a thread, answered by a message with the same id (or an error). */
const request = <A>(worker: Worker, id: number, message: object, transfer: ReadonlyArray<ArrayBuffer> = []) =>
  new Promise<A>((resolve, reject) => {
    const onMessage = (m: { id: number; error?: string; defect?: { file: string; detail: string } } & Record<string, unknown>) => {
      if (m.id !== id) return
      worker.off("message", onMessage)
      worker.off("error", onError)
      if (m.defect !== undefined) reject(new StageFailure(m.defect.file, m.defect.detail))
      else if (m.error !== undefined) reject(new Error(m.error))
      else resolve(m as unknown as A)
    }
    const onError = (e: Error) => {
      worker.off("message", onMessage)
      reject(e)
    }
    worker.on("message", onMessage)
    worker.once("error", onError)
    worker.postMessage({ id, ...message }, [...transfer])
  })

export const makePool = (size: number, init: { configPath: string; raw?: string | undefined; out?: string | undefined; cache: CacheSettings | null; datasetName: string }) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      // a bounded old generation makes V8 collect instead of growing the heap with garbage as the corpus streams by
      const workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }))
      let nextId = 0
      /** contiguous runs, one per worker */
      const split = <A>(items: ReadonlyArray<A>) => {
        const per = Math.ceil(items.length / size)
        return workers.map((w, i) => ({ w, items: items.slice(i * per, (i + 1) * per) })).filter((s) => s.items.length > 0)
      }
      /** contiguous runs of whole slices, one per worker, about as many documents each */
      const splitSlices = (slices: ReadonlyArray<ReadonlyArray<SourceFile>>) => {
        const total = slices.reduce((n, s) => n + s.length, 0)
        const runs: Array<{ w: Worker; slices: Array<ReadonlyArray<SourceFile>> }> = []
        let done = 0
        for (const s of slices) {
          // the worker whose share of the batch holds this slice's middle
          const i = Math.min(size - 1, Math.floor(((done + s.length / 2) * size) / Math.max(1, total)))
          while (runs.length - 1 < i) runs.push({ w: workers[runs.length]!, slices: [] })
          runs[runs.length - 1]!.slices.push(s)
          done += s.length
        }
        return runs.filter((r) => r.slices.length > 0)
      }
      let closed: Promise<void> | null = null
      const pool: Pool = {
        size,
        run: async (files) =>
          (await Promise.all(split(files).map((s) => request<{ outcomes: Array<SourceOutcome> }>(s.w, nextId++, { files: s.items })))).flatMap((r) => r.outcomes),
        keys: async (files) => {
          const parts = split(files)
          const keys = await Promise.all(parts.map((s) => request<{ keys: Array<string> }>(s.w, nextId++, { keys: s.items })))
          return parts.flatMap((s, i) => s.items.map((f, j) => ({ ...f, key: keys[i]!.keys[j]! })))
        },
        encode: async (slices) => {
          const parts = await Promise.all(splitSlices(slices).map((s) => request<{ batch: ProcessedBatch }>(s.w, nextId++, { slices: s.slices })))
          return { outcomes: parts.flatMap((p) => p.batch.outcomes), slices: parts.flatMap((p) => p.batch.slices), sliceKeys: parts.flatMap((p) => p.batch.sliceKeys ?? []) }
        },
        close: () => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined))
      }
      return pool
    }),
    (pool) => Effect.promise(() => pool.close())
  )

/** The typed formats of the tables, written in this thread or another (formats.ts in emit/ does the work). */
export interface TypedTablesWriter {
  /** record batches of tables; their bytes may be handed over (the caller uses them no more) */
  readonly batches: (pieces: ReadonlyArray<readonly [TableName, ArrowPiece | null]>, csvBytes: number) => void
  /** resolves once no more than `bytes` of record batches wait to be written */
  readonly settle: (bytes: number) => Promise<void>
  readonly finish: () => Promise<Record<string, WrittenFile>>
  readonly workbook: (dataset: WorkbookDataset, created: string) => Promise<{ readonly bytes: Uint8Array | null; readonly note: string | null }>
}

/** A thread that writes the typed formats into `dir` (`deflateTo` by file name); stopped when the surrounding scope closes. */
export const startFormatsThread = (dir: string, deflateTo: Readonly<Record<string, string | undefined>>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const worker = new Worker(FORMATS_URL, { workerData: { dir, deflateTo }, resourceLimits: { maxOldGenerationSizeMb: FORMATS_HEAP_MB } })
      let nextId = 0
      let failure: Error | null = null
      // bytes posted and not yet written, by batch id; waiters for them to drain
      const inFlight = new Map<number, number>()
      let waiting: Array<{ bytes: number; resolve: () => void }> = []
      const pendingBytes = () => [...inFlight.values()].reduce((n, b) => n + b, 0)
      const wake = () => {
        const left = pendingBytes()
        const ready = waiting.filter((w) => left <= w.bytes || failure)
        waiting = waiting.filter((w) => !ready.includes(w))
        for (const w of ready) w.resolve()
      }
      worker.on("error", (e) => {
        failure ??= e
        wake()
      })
      worker.on("message", (m: { id: number; done?: number; error?: string }) => {
        if (m.done !== undefined) {
          inFlight.delete(m.done)
          wake()
        }
        // a failed batch (posted without waiting) is reported at the next finish or workbook
        if (m.id < 0 && m.error !== undefined) {
          failure ??= new Error(m.error)
          wake()
        }
      })
      const check = <A>(p: Promise<A>) => (failure ? Promise.reject(failure) : p)
      const writer: TypedTablesWriter = {
        batches: (pieces, csvBytes) => {
          const id = -2 - nextId++
          const buffers = pieces.flatMap(([, p]) => (p ? [p.stream.buffer, p.deflated.buffer] : []))
          inFlight.set(id, pieces.reduce((n, [, p]) => n + (p ? p.stream.byteLength : 0), 0))
          // whole buffers larger than Node's pool are the pieces' own: handed over, not copied
          const transfer = [...new Set(buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 8192))]
          worker.postMessage({ id, type: "batches", pieces, csvBytes }, transfer)
        },
        settle: (bytes) => (pendingBytes() <= bytes || failure ? Promise.resolve() : new Promise((resolve) => waiting.push({ bytes, resolve }))),
        finish: () => check(request<{ files: Record<string, WrittenFile> }>(worker, nextId++, { type: "finish" }).then((r) => r.files)),
        workbook: (dataset, created) =>
          check(request<{ bytes: Uint8Array | null; note: string | null }>(worker, nextId++, { type: "workbook", dataset: { ...dataset }, created }).then((r) => ({ bytes: r.bytes, note: r.note })))
      }
      return { worker, writer }
    }),
    // its files are closed before it stops (a thread's open files outlive it): at most a second's wait
    ({ worker }) =>
      Effect.promise(() =>
        Promise.race([request(worker, -1_000_000, { type: "abort" }).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]).then(() => worker.terminate()).then(() => undefined)
      )
  ).pipe(Effect.map(({ writer }) => writer))
