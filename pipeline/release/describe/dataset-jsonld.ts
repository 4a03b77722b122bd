/**
 * dataset.jsonld, streamed: the Dataset node (the release, its downloads, the documents it holds), then the document
 * nodes exactly as they were made when each document was processed (copied from the part file), then the entities.
 */
import type { Appender, WrittenFile } from "../../io.js"
import type { EntityRow } from "../../model.js"
import { datasetNode, entityNode, iris, jsonLdHead, jsonLdNode, jsonLdTail, type DistributionEntry } from "../../emit/jsonld.js"

/** Synchronous: call inside `attempt`. */
export const writeDatasetJsonLd = (
  out: Appender,
  documentPart: WrittenFile & { readonly file: string },
  ds: Parameters<typeof datasetNode>[0],
  distribution: ReadonlyArray<DistributionEntry>,
  docIds: () => Iterable<string>,
  entities: ReadonlyArray<EntityRow>
): void => {
  // the Dataset node's last key, hasPart, lists every document: written as the doc_ids are read
  const { hasPart: _, ...head } = datasetNode(ds, distribution, []) as { hasPart: Array<string> }
  out.write(`${jsonLdHead()}${JSON.stringify(head).slice(0, -1)},"hasPart":[`)
  const document = iris(ds.name).document
  let first = true
  for (const id of docIds()) {
    out.write(`${first ? "" : ","}${JSON.stringify(document(id))}`)
    first = false
  }
  out.write("]}")
  out.writeFile(documentPart)
  for (const e of entities) out.write(jsonLdNode(entityNode(ds.name, e), false))
  out.write(jsonLdTail())
}
