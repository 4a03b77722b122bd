/**
 * What every describing file says about the dataset: pipeline.yaml's `dataset` section, and the release a file
 * describes. One type for the JSON-LD, the datapackage, the workbook's About sheet, the manifest and the catalog, so a
 * field added to the configuration reaches them all or fails to compile.
 */
export interface DatasetIdentity {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly license: string
  readonly publisher: string
  readonly keywords: ReadonlyArray<string>
  /** where the output folder is published, when configured */
  readonly url?: string | undefined
}

/** The dataset as one release describes it. */
export interface DatasetRelease extends DatasetIdentity {
  readonly version: string
}
