/**
 * A worker thread of the pool: processes the files it is sent, in order, and (for a build, not a shard) encodes their
 * documents as slices, so the main thread only writes bytes. The stages' code and data are loaded on the first
 * document that needs them: a rebuild whose slices all come from the cache never loads them.
 */
import { parentPort, workerData } from "node:worker_threads"
import { Effect } from "effect"
import { loadStageRunner, type StageRunner } from "./context.js"
import { cachedSlice, keyFile, processSourceFile, StageFailure, type CacheSettings, type ProcessedBatch, type SliceDone } from "./process-source.js"
import type { SourceFile } from "./sources.js"

interface WorkerInit {
  readonly configPath: string
  readonly cache: CacheSettings | null
  readonly datasetName: string
}

const init = workerData as WorkerInit
let loading: Promise<StageRunner> | null = null
const runner = () => (loading ??= Effect.runPromise(loadStageRunner(init.configPath)))

parentPort!.on("message", async (message: { id: number; files?: ReadonlyArray<SourceFile>; slices?: ReadonlyArray<ReadonlyArray<SourceFile>>; keys?: ReadonlyArray<SourceFile> }) => {
  try {
    if (message.keys) {
      parentPort!.postMessage({ id: message.id, keys: init.cache ? message.keys.map((f) => keyFile(f, init.cache!).key) : [] })
    } else if (message.slices) {
      const done: Array<SliceDone> = []
      for (const files of message.slices) {
        const s = cachedSlice(files, init.cache, init.datasetName)
        done.push(s.done ?? (await s.compute(runner)))
      }
      const batch: ProcessedBatch = {
        outcomes: done.flatMap((d) => d.outcomes),
        slices: done.flatMap((d) => (d.slice ? [d.slice] : []))
      }
      // a cached slice's sections are views of its entry's bytes: handed over, not copied
      const transfer = [...new Set(done.flatMap((d) => (d.buffer && d.buffer.byteLength > 8192 ? [d.buffer] : [])))]
      parentPort!.postMessage({ id: message.id, batch }, transfer)
    } else {
      const r = await runner()
      parentPort!.postMessage({ id: message.id, outcomes: (message.files ?? []).map((f) => processSourceFile(r, f, init.cache)) })
    }
  } catch (e) {
    if (e instanceof StageFailure) parentPort!.postMessage({ id: message.id, defect: { file: e.file, detail: e.detail } })
    else parentPort!.postMessage({ id: message.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) })
  }
})
