/**
 * Faults a test may inject, inert unless their variable is set:
 * - PIPELINE_KILL_AT=<point> kills the build at a named point, to prove that a build killed at any moment leaves the
 *   published releases as they were;
 * - PIPELINE_FAULT_IN_STAGES=<doc_id> makes the per-document stages throw on that document, to prove that a bug in a
 *   stage is reported as one, naming the document, and not as a file-system error.
 */
import { Effect } from "effect"

export type KillPoint = "after-stages" | "mid-tables" | "before-publish" | "after-rename"

export const killPoint = (point: KillPoint) =>
  Effect.sync(() => {
    if (process.env.PIPELINE_KILL_AT === point) process.kill(process.pid, "SIGKILL")
  })

/** Throws inside the per-document stages when PIPELINE_FAULT_IN_STAGES names this document (in any thread). */
export const stageFault = (docId: string): void => {
  if (process.env.PIPELINE_FAULT_IN_STAGES === docId) throw new TypeError(`a fault injected into the stages for ${docId}`)
}
