/**
 * dataset.jsonld, streamed: the Dataset node, then each document node made from the part file the tables step wrote
 * (read a chunk at a time), then the entities. No more than a chunk of bodies is held at once.
 */
import * as fs from "node:fs"
import type { Appender } from "../../io.js"
import type { DocumentRow, EntityRow } from "../../model.js"
import { datasetNode, documentNode, entityNode, jsonLdHead, jsonLdNode, jsonLdTail, type DistributionEntry } from "../../emit/jsonld.js"

/** One line of the document part file: the document's row and the entity ids it mentions. */
export const documentPartLine = (document: DocumentRow, mentionedEntityIds: ReadonlyArray<string>): string =>
  JSON.stringify(mentionedEntityIds.length ? [document, mentionedEntityIds] : [document]) + "\n"

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
  const part = fs.openSync(documentPart, "r")
  const buf = Buffer.allocUnsafe(1 << 20)
  let carry = ""
  let n: number
  const emit = (line: string) => {
    if (!line) return
    const [doc, mentions] = JSON.parse(line) as [DocumentRow, Array<string>?]
    out.write(jsonLdNode(documentNode(ds.name, ds.version, doc, mentions ?? []), false))
  }
  try {
    while ((n = fs.readSync(part, buf, 0, buf.length, null)) > 0) {
      const lines = (carry + buf.toString("utf8", 0, n)).split("\n")
      carry = lines.pop()!
      lines.forEach(emit)
    }
    emit(carry)
  } finally {
    fs.closeSync(part)
  }
  for (const e of entities) out.write(jsonLdNode(entityNode(ds.name, e), false))
  out.write(jsonLdTail())
}
