/**
 * dataset.jsonld, streamed: the Dataset node (the release, its downloads, the documents it holds), then the document
 * nodes exactly as they were made when each document was processed (copied from the part file), then the entities.
 */
import type { Appender, WrittenFile } from "../../io.js"
import type { EntityRow } from "../../model.js"
import { datasetNode, entityNode, jsonLdHead, jsonLdNode, jsonLdTail, type DistributionEntry } from "../../emit/jsonld.js"

/** Synchronous: call inside `attempt`. */
export const writeDatasetJsonLd = (
  out: Appender,
  documentPart: WrittenFile & { readonly file: string },
  ds: Parameters<typeof datasetNode>[0],
  distribution: ReadonlyArray<DistributionEntry>,
  docIds: ReadonlyArray<string>,
  entities: ReadonlyArray<EntityRow>
): void => {
  out.write(jsonLdHead() + jsonLdNode(datasetNode(ds, distribution, docIds), true))
  out.writeFile(documentPart)
  for (const e of entities) out.write(jsonLdNode(entityNode(ds.name, e), false))
  out.write(jsonLdTail())
}
