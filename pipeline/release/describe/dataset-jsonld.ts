/**
 * dataset.jsonld, streamed: the Dataset node, then each document node (made when its document was processed, and
 * completed here with the release's Dataset IRI, the one part that needed the version), then the entities. The part
 * file is read a line at a time; no more than a megabyte of bodies is held.
 */
import type { Appender } from "../../io.js"
import { openLineReaderSync } from "../../io.js"
import type { EntityRow } from "../../model.js"
import { datasetNode, entityNode, iris, jsonLdHead, jsonLdNode, jsonLdTail, nodeFromLine, type DistributionEntry } from "../../emit/jsonld.js"

/** Synchronous: call inside `attempt`. */
export const writeDatasetJsonLd = (
  out: Appender,
  documentPart: string,
  ds: Parameters<typeof datasetNode>[0],
  distribution: ReadonlyArray<DistributionEntry>,
  docIds: ReadonlyArray<string>,
  entities: ReadonlyArray<EntityRow>
): void => {
  out.write(jsonLdHead() + jsonLdNode(datasetNode(ds, distribution, docIds), true))
  const datasetIri = iris(ds.name).dataset(ds.version)
  const part = openLineReaderSync(documentPart)
  try {
    for (let line = part.next(); line !== null; line = part.next()) if (line) out.write(`,\n${nodeFromLine(line, datasetIri)}`)
  } finally {
    part.close()
  }
  for (const e of entities) out.write(jsonLdNode(entityNode(ds.name, e), false))
  out.write(jsonLdTail())
}
