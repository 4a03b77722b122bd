/**
 * The release's further descriptive files, written into the staging folder before checksums: CSVW, RO-Crate,
 * CHANGELOG.md, changes.csv against the previous release, LICENSE and CITATION.cff. (They land with issue 6.)
 */
import { Effect } from "effect"
import type { InputProblem, IoError } from "../errors.js"
import type { DistributionEntry } from "../emit/jsonld.js"
import type { TableName } from "../model.js"
import type { DatasetMeta } from "./metadata.js"

export interface ReleaseContext {
  readonly staging: string
  readonly outDir: string
  /** the latest published release's folder, to compare against; null for the first release */
  readonly previousDir: string | null
  readonly previousVersion: string | null
  readonly dataset: DatasetMeta & { readonly datePublished: string }
  readonly version: string
  /** the release's timestamp (SOURCE_DATE_EPOCH when set) */
  readonly created: string
  /** the build's phases with their times, for RO-Crate CreateActions */
  readonly phases: ReadonlyArray<{ readonly name: string; readonly description: string; readonly startedAt: string; readonly endedAt: string }>
  readonly counts: Readonly<Record<TableName, number>>
  /** every table file in every format, with size and sha256 */
  readonly distribution: ReadonlyArray<DistributionEntry>
  readonly rawFiles: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  readonly refused: ReadonlyArray<InputProblem>
  readonly pipelineVersion: string
  readonly gitCommit: string | null
}

export const writeReleaseExtras = (_rc: ReleaseContext): Effect.Effect<void, IoError> => Effect.void
