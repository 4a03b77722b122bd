/**
 * The formats thread: writes every table's Arrow and Parquet file and the workbook (emit/formats.ts) from the record
 * batches the main thread forwards, so that work runs beside the main thread's instead of after it.
 */
import { parentPort, workerData } from "node:worker_threads"
import { openTypedTables } from "./emit/formats.js"
import type { TableName } from "./model.js"
import type { WorkbookDataset } from "./emit/xlsx.js"
import type { ArrowPiece } from "./emit/slice.js"

const init = workerData as { dir: string; deflateTo: Readonly<Record<string, string | undefined>> }
const typed = openTypedTables(init.dir, (name) => init.deflateTo[name])

type Message =
  | { id: number; type: "batches"; pieces: ReadonlyArray<readonly [TableName, ArrowPiece | null]>; csvBytes: number }
  | { id: number; type: "finish" }
  | { id: number; type: "workbook"; dataset: WorkbookDataset; created: string }
  | { id: number; type: "abort" }

const fail = (id: number, e: unknown) => parentPort!.postMessage({ id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) })

parentPort!.on("message", async (m: Message) => {
  try {
    if (m.type === "batches") {
      for (const [table, piece] of m.pieces) typed.batch(table, piece, m.csvBytes)
      parentPort!.postMessage({ id: m.id, done: m.id })
    }
    else if (m.type === "finish") parentPort!.postMessage({ id: m.id, files: await typed.finish() })
    else if (m.type === "abort") {
      typed.abort()
      parentPort!.postMessage({ id: m.id, aborted: true })
    }
    else {
      const w = typed.workbook(m.dataset, m.created)
      parentPort!.postMessage({ id: m.id, bytes: w.bytes, note: w.note })
    }
  } catch (e) {
    fail(m.id, e)
  }
})
