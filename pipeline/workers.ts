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

/** Results handed back in the order their work was given, one at a time; null once every one has been given. */
export interface Ordered<A> {
  readonly next: () => Promise<A | null>
}

export interface Pool {
  readonly size: number
  /** outcomes of the files, in order, as they are (for shards and validate), a run of files at a time */
  readonly run: (files: ReadonlyArray<SourceFile>) => Ordered<{ readonly files: ReadonlyArray<SourceFile>; readonly result: Array<SourceOutcome> }>
  /** each slice's outcomes with its documents encoded (through the slice cache), a slice at a time */
  readonly encode: (slices: ReadonlyArray<ReadonlyArray<SourceFile>>) => Ordered<{ readonly files: ReadonlyArray<SourceFile>; readonly result: ProcessedBatch }>
  /** the files with their outcomes' cache keys */
  readonly keys: (files: ReadonlyArray<SourceFile>) => Promise<Array<SourceFile>>
  /** stops the workers (idempotent) */
  readonly close: () => Promise<void>
}

/**
 * A stage worker's heap limit where the build runs in a process started without --max-old-space-size (the tests, a
 * program that calls build()): the same 512 MB that the command's flag (npm start, bin/pipeline.mjs) gives every
 * thread, since that V8 flag is global and overrides per-thread limits. A worker keeps about 200 MB live once warm
 * (the stages' data, the tokenizer's spelling table and memos at their caps); 320 MB held it at about 15% more CPU in
 * collections, and 256 MB ran out on the benchmark texts.
 */
const WORKER_HEAP_MB = 512
/** The formats thread holds a few record batches; Parquet's memory is WebAssembly's, outside the heap. */
const FORMATS_HEAP_MB = 192

/**
 * Requests a worker holds at once: one it works on and one waiting in its queue, so it never waits for the main
 * thread (which may be writing a slice) to hand it the next.
 */
const PER_WORKER = 2
/** Results done ahead of the one the main thread waits for, per worker: enough to keep every worker busy, bounded memory. */
const AHEAD_PER_WORKER = 3
/** Files per request when they are read one by one (keys, outcomes): small enough that the workers finish together. */
const FILES_PER_REQUEST = 128

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

/**
 * Hands the tasks out in order to whichever worker has room (PER_WORKER requests each), never more than `ahead` past
 * the result the caller waits for, and gives the results back in the tasks' order: the workers do not wait for each
 * other, as they would if every batch were split between them and joined.
 */
const ordered = <T, R>(workers: ReadonlyArray<Worker>, tasks: ReadonlyArray<T>, send: (w: Worker, task: T) => Promise<R>, ahead: number): Ordered<R> => {
  const results: Array<Promise<R> | undefined> = []
  const load = new Map(workers.map((w) => [w, 0]))
  let sent = 0
  let taken = 0
  const pump = () => {
    while (sent < tasks.length && sent - taken < ahead) {
      const [w, n] = [...load].reduce((a, b) => (b[1] < a[1] ? b : a))
      if (n >= PER_WORKER) return
      load.set(w, n + 1)
      const result = send(w, tasks[sent]!)
      // a failure is the caller's when it reaches that result; until then it is not an unhandled rejection
      result.catch(() => undefined)
      void result.then(
        () => (load.set(w, load.get(w)! - 1), pump()),
        () => load.set(w, load.get(w)! - 1)
      )
      results[sent++] = result
    }
  }
  return {
    next: async () => {
      if (taken >= tasks.length) return null
      pump()
      const result = results[taken]!
      results[taken] = undefined
      taken++
      pump()
      return result
    }
  }
}

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

export const makePool = (size: number, init: { configPath: string; cache: CacheSettings | null; datasetName: string }) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      // a bounded old generation makes V8 collect instead of growing the heap with garbage as the corpus streams by
      const workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }))
      let nextId = 0
      let closed: Promise<void> | null = null
      const pool: Pool = {
        size,
        run: (files) =>
          ordered(
            workers,
            chunks(files, FILES_PER_REQUEST),
            (w, run) => request<{ outcomes: Array<SourceOutcome> }>(w, nextId++, { files: run }).then((r) => ({ files: run, result: r.outcomes })),
            AHEAD_PER_WORKER * size
          ),
        keys: async (files) => {
          const runs = ordered(workers, chunks(files, FILES_PER_REQUEST), (w, run) => request<{ keys: Array<string> }>(w, nextId++, { keys: run }).then((r) => run.map((f, j) => ({ ...f, key: r.keys[j]! }))), Infinity)
          const keyed: Array<SourceFile> = []
          for (let run = await runs.next(); run; run = await runs.next()) keyed.push(...run)
          return keyed
        },
        encode: (slices) =>
          ordered(workers, slices, (w, files) => request<{ batch: ProcessedBatch }>(w, nextId++, { slices: [files] }).then((r) => ({ files, result: r.batch })), AHEAD_PER_WORKER * size),
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
          const buffers = pieces.flatMap(([, p]) => (p ? [p.stream.buffer, p.deflated.buffer, p.parquet.buffer] : []))
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
