/**
 * What every describing file says about the dataset: pipeline.yaml's `dataset` section (config.ts), and the release a
 * file describes. One type for the JSON-LD, the datapackage, the workbook's About sheet, the manifest and the catalog,
 * derived from the configuration's schema so the two cannot drift apart.
 */
import type { DatasetConfig } from "./config.js"

export type DatasetIdentity = { readonly [K in keyof DatasetConfig]: DatasetConfig[K] }

/** The dataset as one release describes it. */
export interface DatasetRelease extends DatasetIdentity {
  readonly version: string
}
