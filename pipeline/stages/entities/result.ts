/**
 * The stage's result: one mention per candidate (offsets converted from UTF-16 code units to Unicode code points)
 * and one entity per id, with the spellings this document used for a provisional entity; authors are entities of
 * the document even when the body does not name them.
 */
import type { DocContext } from "./context.js"
import type { EntitiesResult, EntityMention, FoundEntity } from "./index.js"
import { authorEntities, entityId } from "./link.js"
import { joinText, makeCodePointMap } from "./tokens.js"

export const collectResult = (d: DocContext): EntitiesResult => {
  const { body, tokens, candidates } = d
  const entities = d.gazetteer.entities
  const cp = makeCodePointMap(body)
  const byId = new Map<string, { found: FoundEntity; spellings: Set<string> }>()
  const mentions: Array<EntityMention> = []
  for (const c of candidates) {
    const id = c.id ?? entityId(d, c)
    const start = tokens[c.a]!.s
    const end = tokens[c.b - 1]!.e
    const surface = body.slice(start, end)
    mentions.push({ entity_id: id, surface, start: cp(start), end: cp(end) })
    let rec = byId.get(id)
    if (!rec) {
      const found: FoundEntity =
        c.entity >= 0
          ? entities[c.entity]!.found
          : { entity_id: id, name: c.name, type: c.type, wikidata_id: null, geonames_id: null, aliases: [], provisional: true }
      rec = { found, spellings: new Set() }
      byId.set(id, rec)
    }
    if (rec.found.provisional) {
      const nameSurface = c.na === c.a ? (surface.indexOf("\n") >= 0 || surface.indexOf("  ") >= 0 ? surface.replace(/\s+/g, " ") : surface) : joinText(body, tokens.slice(c.na, c.nb))
      if (nameSurface !== rec.found.name) rec.spellings.add(nameSurface)
    }
  }
  for (const found of authorEntities(d)) if (!byId.has(found.entity_id)) byId.set(found.entity_id, { found, spellings: new Set() })
  // a provisional place identified in GeoNames by any of its mentions carries that id (after the type vote)
  const geonames = new Map<string, number>()
  for (const c of candidates) if (c.geonames !== undefined && c.type === "place" && c.entity < 0) geonames.set(c.id ?? entityId(d, c), c.geonames)
  const out: Array<FoundEntity> = []
  for (const { found, spellings } of byId.values()) {
    const gn = geonames.get(found.entity_id)
    out.push(found.provisional ? { ...found, geonames_id: found.type === "place" && gn !== undefined ? String(gn) : null, aliases: [...spellings] } : found)
  }
  return { entities: out, mentions }
}
