/**
 * The entities stage: names found in one document's body, each pointed at one canonical entity. Pure.
 *
 * The gazetteer is compiled once per build (`makeEntityFinder`); then each document goes through these steps,
 * passing one context (context.ts) along:
 * 1. tokens.ts    the body cut into tokens; headline and all-capital lines marked; lower-case words noted
 *    morph.ts     Russian case endings folded to the nominative ("Обамы" → "Обама"); what the dictionary says a name is
 * 2. match.ts     gazetteer spellings and stoplisted chrome phrases, matched leftmost-longest over the tokens
 * 3. discover.ts  runs of capitalised words around the hits become candidate mentions, titles cut off the names
 *    typing.ts    each discovered name typed from its words, the word before it, its apposition or predicate
 *                 noun, and what it owns
 * 4. typing.ts    types from the neighbours ("Taipei, Taiwan", names listed among places, "Irving, Texas"), then
 *                 from GeoNames: a large city's name is a place, and a city that dominates its name is identified;
 *                 the place an organisation or a place is named after becomes a mention nested in its name
 * 5. link.ts      discovered names linked to the gazetteer by transliteration key (translit.ts), type and given name
 * 6. coref.ts     acronyms, titles and surnames resolved within the document; one type per provisional entity;
 *                 a name nothing gave a type (typing.ts, UNTYPED) is no mention
 * 7. result.ts    mentions with code-point offsets, and the entities they point at
 */
import type { EntityRow } from "../../model.js"
import { readDocument } from "./context.js"
import { resolveInDocument } from "./coref.js"
import { discoverNames } from "./discover.js"
import type { Gazetteer } from "./gazetteer.js"
import { linkByTranslitKey } from "./link.js"
import { compileGazetteer, findGazetteerHits } from "./match.js"
import { foldCaseEndings, type Morphology } from "./morph.js"
import { indexCities, withCountries, type CityRecord, type CountryRecord } from "./places.js"
import { collectResult } from "./result.js"
import { cityKey, nestedPlaces, typeFromNeighbours, typeFromPlaceData } from "./typing.js"

export { normaliseAuthor } from "./context.js"
export { provisionalId, romanise, slug, translitKey } from "./translit.js"

export interface EntitiesInput {
  readonly body: string
  readonly authors: ReadonlyArray<string>
  /** the document's BCP 47 language tag, null when unknown */
  readonly language: string | null
}

/**
 * An entity as one document names it: the row it contributes to the entities table (a gazetteer id, or "x-" + the
 * slug of the romanised name for a provisional, discovered entity; the same name always gives the same id; its
 * aliases are the gazetteer's, or the spellings seen in this document for a provisional entity).
 */
export interface FoundEntity extends EntityRow {
  readonly provisional: boolean
}

export interface EntityMention {
  readonly entity_id: string
  readonly surface: string
  /** offsets into body in Unicode code points */
  readonly start: number
  readonly end: number
}

export interface EntitiesResult {
  readonly entities: ReadonlyArray<FoundEntity>
  readonly mentions: ReadonlyArray<EntityMention>
}

/** What the stage uses besides the gazetteer, loaded by the shell (pipeline/entity-data.ts); each is optional. */
export interface EntityResources {
  readonly morphology?: Morphology | undefined
  /** the countries of ISO 3166-1 with their names: every country joins the gazetteer (places.ts) */
  readonly countries?: ReadonlyArray<CountryRecord> | undefined
  /** GeoNames cities: discovered names of cities are typed and identified (places.ts) */
  readonly cities?: ReadonlyArray<CityRecord> | undefined
}

/** Compiles the gazetteer once, and returns the stage: a pure function of one document. */
export const makeEntityFinder = (gazetteer: Gazetteer, resources: EntityResources = {}) => {
  const places = resources.countries ? withCountries(gazetteer, resources.countries) : gazetteer
  const cities = resources.cities ? indexCities(resources.cities, cityKey) : undefined
  const compiled = compileGazetteer(places, resources.morphology, cities)
  return (input: EntitiesInput): EntitiesResult => {
    const doc = readDocument(compiled, resources.morphology, input)
    foldCaseEndings(doc)
    findGazetteerHits(doc)
    discoverNames(doc)
    typeFromNeighbours(doc)
    typeFromPlaceData(doc)
    nestedPlaces(doc)
    linkByTranslitKey(doc)
    resolveInDocument(doc)
    return collectResult(doc)
  }
}
