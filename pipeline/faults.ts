/**
 * Named points where a test may kill the build (PIPELINE_KILL_AT=<point>), to prove that a build killed at any moment
 * leaves the published releases as they were. Inert unless that variable names the point.
 */
import { Effect } from "effect"

export type KillPoint = "after-stages" | "mid-tables" | "before-publish" | "after-rename"

export const killPoint = (point: KillPoint) =>
  Effect.sync(() => {
    if (process.env.PIPELINE_KILL_AT === point) process.kill(process.pid, "SIGKILL")
  })
