/**
 * A worker thread of the pool: loads the stages once, then processes the files it is sent, in order, and (for a
 * build, not a shard) encodes their documents as slices, so the main thread only writes bytes.
 */
import { parentPort, workerData } from "node:worker_threads"
import { Effect } from "effect"
import { loadBuildContext } from "./context.js"
import { encodeOutcomes, processSourceFile, type CacheSettings } from "./process-source.js"
import type { SourceFile } from "./sources.js"

interface WorkerInit {
  readonly configPath: string
  readonly raw?: string | undefined
  readonly out?: string | undefined
  readonly cache: CacheSettings | null
}

const init = workerData as WorkerInit
const ready = Effect.runPromise(loadBuildContext(init))

parentPort!.on("message", async (message: { id: number; files: ReadonlyArray<SourceFile>; encode: boolean }) => {
  try {
    const ctx = await ready
    const outcomes = message.files.map((f) => processSourceFile(ctx.stages, f, init.cache))
    if (message.encode) parentPort!.postMessage({ id: message.id, batch: encodeOutcomes(outcomes, ctx.config.dataset.name) })
    else parentPort!.postMessage({ id: message.id, outcomes })
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) })
  }
})
