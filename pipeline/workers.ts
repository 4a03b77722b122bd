/**
 * The pool that runs the per-document stages on other cores. A batch is split into one contiguous slice per
 * worker and the slices' outcomes are concatenated, so results come back in the order they were sent.
 */
import { Worker } from "node:worker_threads"
import { Effect } from "effect"
import { StageFailure, type CacheSettings, type SourceOutcome } from "./process-source.js"
import type { SourceFile } from "./sources.js"

export interface Pool {
  readonly size: number
  readonly run: (files: ReadonlyArray<SourceFile>) => Promise<Array<SourceOutcome>>
  /** stops the workers (idempotent); their memory is freed before the tables are turned into other formats */
  readonly close: () => Promise<void>
}

/** Enough for the stages and a batch of results (they need about 100 MB); V8 would otherwise let garbage grow far past it. */
const WORKER_HEAP_MB = 320

const WORKER_URL = new URL("./worker-entry.mjs", import.meta.url)

export const makePool = (size: number, init: { configPath: string; raw?: string | undefined; out?: string | undefined; cache: CacheSettings | null }) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      // a bounded old generation makes V8 collect instead of growing the heap with garbage as the corpus streams by
      const workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }))
      let nextId = 0
      const call = (worker: Worker, files: ReadonlyArray<SourceFile>) =>
        new Promise<Array<SourceOutcome>>((resolve, reject) => {
          const id = nextId++
          const onMessage = (m: { id: number; outcomes?: Array<SourceOutcome>; error?: string; defect?: { file: string; detail: string } }) => {
            if (m.id !== id) return
            worker.off("message", onMessage)
            worker.off("error", onError)
            if (m.defect !== undefined) reject(new StageFailure(m.defect.file, m.defect.detail))
            else if (m.error !== undefined) reject(new Error(m.error))
            else resolve(m.outcomes!)
          }
          const onError = (e: Error) => {
            worker.off("message", onMessage)
            reject(e)
          }
          worker.on("message", onMessage)
          worker.once("error", onError)
          worker.postMessage({ id, files })
        })
      let closed: Promise<void> | null = null
      const pool: Pool = {
        size,
        run: async (files) => {
          const per = Math.ceil(files.length / size)
          const slices = workers.map((w, i) => ({ w, files: files.slice(i * per, (i + 1) * per) })).filter((s) => s.files.length > 0)
          return (await Promise.all(slices.map((s) => call(s.w, s.files)))).flat()
        },
        close: () => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined))
      }
      return pool
    }),
    (pool) => Effect.promise(() => pool.close())
  )
