/**
 * Linking across documents: the id a mention points at (a gazetteer entity's id, else "x-" and the slug of the
 * name), and discovered names linked to a gazetteer entity when their transliteration key equals an alias's key
 * with the same type and the same given name, never on string similarity alone.
 */
import type { Candidate, DocContext } from "./context.js"
import type { FoundEntity } from "./index.js"
import { normOf } from "./tokens.js"
import { provisionalId, translitKey } from "./translit.js"

/** The id a candidate points at: its gazetteer entity's, else the provisional id of its name (translit.ts). */
export const entityId = (d: DocContext, c: Candidate): string => (c.entity >= 0 ? d.gazetteer.entities[c.entity]!.g.id : provisionalId(c.name))

/** The linking step: discovered names of two or more words whose transliteration key is a gazetteer spelling's. */
export const linkByTranslitKey = (d: DocContext): void => {
  const { tokens, candidates } = d
  const { entities, translitIndex } = d.gazetteer
  for (const c of candidates) {
    if (c.entity >= 0 || c.nb - c.na < 2) continue
    const words = tokens.slice(c.na, c.nb).filter((t) => t.word)
    if (words.length >= 2) {
      const key = translitKey(words.map(normOf).join(" "))
      const list = translitIndex.get(key)
      if (list) {
        const givenKey = translitKey(normOf(words[0]!))
        const match = list.find((ix) => {
          const e = entities[ix]!
          if (e.g.type !== c.type && c.strength >= 2) return false
          const gw = translitKey(e.g.name).split(" ")
          return c.type !== "person" || gw[0] === givenKey || e.aliasNames.some((al) => translitKey(al).split(" ")[0] === givenKey)
        })
        if (match !== undefined) {
          c.entity = match
          c.type = entities[match]!.g.type
        }
      }
    }
  }

}

/** Authors are people of the document even when the body does not name them: a gazetteer person, else provisional. */
export const authorEntities = (d: DocContext): Array<FoundEntity> => {
  const { entities, translitIndex } = d.gazetteer
  return d.authorNames.map((name) => {
    const key = translitKey(name)
    const list = translitIndex.get(key)
    const gz = list?.find((ix) => entities[ix]!.g.type === "person")
    if (gz !== undefined) return entities[gz]!.found
    return { entity_id: provisionalId(name), name, type: "person", wikidata_id: null, geonames_id: null, aliases: [], provisional: true }
  })
}
