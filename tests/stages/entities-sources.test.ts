/**
 * Where the entity data comes from: the country names of i18n-iso-countries merged into the gazetteer, the licences
 * of the data packages, and the statement of sources a release carries. Every name here was written for these tests.
 */
import { describe, it, expect } from "vitest"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { ENTITY_DATA_PACKAGES } from "../../pipeline/entity-data.js"
import { TABLES, type TableName } from "../../pipeline/model.js"
import type { Gazetteer } from "../../pipeline/stages/entities/gazetteer.js"
import { spellingsOfName, withCountries, type CountryRecord } from "../../pipeline/stages/entities/places.js"
import { ENTITY_DATA_SOURCES, entitySourceSentences } from "../../pipeline/stages/entities/sources.js"

const gazetteer: Gazetteer = { version: 1, entities: [{ id: "velmora", name: "Velmora", type: "place", aliases: [{ name: "Velmora Republic", kind: "full_name" }] }] }
const country = (code: string, english: Array<string>, others: Array<string> = []): CountryRecord => ({ code, alpha3: code + "X", english, others })

describe("country names from i18n-iso-countries", () => {
  it("reads ISO's inverted and bracketed names as the spellings a text writes", () => {
    expect(spellingsOfName("Ostrania, Republic of")).toEqual(["Ostrania"])
    expect(spellingsOfName("Coral Isles, Southern")).toEqual(["Southern Coral Isles"])
    expect(spellingsOfName("Holy Reach (Tarn City State)")).toEqual(["Holy Reach", "Tarn City State"])
    expect(spellingsOfName("Saint Orin (Northern part)")).toEqual(["Saint Orin"])
    expect(spellingsOfName("Arda, Belo and Cim")).toEqual([])
  })

  it("adds a country the gazetteer lacks under its shortest English name, and one it holds gains the missing spellings", () => {
    const g = withCountries(gazetteer, [
      country("VM", ["Velmora Republic"], ["Вельмора"]),
      country("OS", ["Federal Republic of Ostrania", "Ostrania", "FRO"], ["Острания"])
    ])
    const velmora = g.entities.find((e) => e.id === "velmora")!
    expect(velmora.aliases?.map((a) => a.name)).toEqual(["Velmora Republic", "Вельмора"])
    const ostrania = g.entities.find((e) => e.id === "ostrania")!
    expect(ostrania.name).toBe("Ostrania")
    expect(ostrania.aliases).toContainEqual({ name: "FRO", kind: "acronym" })
    expect(ostrania.aliases).toContainEqual({ name: "Острания", kind: "transliteration" })
  })

  it("never lets another language's spelling take a country's English name, and gives a name two countries share to neither", () => {
    const g = withCountries({ version: 1, entities: [] }, [
      country("AA", ["Upper Tarn", "Tarn"], ["Belavia"]),
      country("BB", ["Lower Tarn", "Tarn"]),
      country("CC", ["Belavia"])
    ])
    const owner = (spelling: string) => g.entities.filter((e) => e.name === spelling || e.aliases?.some((a) => a.name === spelling)).map((e) => e.id)
    expect(owner("Belavia")).toEqual(["belavia"])
    expect(owner("Tarn")).toEqual([])
    expect(owner("Upper Tarn")).toEqual(["upper-tarn"])
  })
})

describe("licences of the entity data", () => {
  it("loads data only from packages whose declared licence is neither share-alike nor ODbL", () => {
    const permissive = new Set(["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CC0-1.0", "CC-BY-4.0"])
    for (const name of ENTITY_DATA_PACKAGES) {
      const license = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "node_modules", name, "package.json"), "utf8")) as { license?: string }).license
      expect({ name, license }).toEqual({ name, license: expect.toSatisfy((l: string) => permissive.has(l)) })
    }
  })

  it("credits each source with a licence and the release columns that hold its data", () => {
    const columns = new Set(Object.values(TABLES).flatMap((t) => t.columns.map((c) => `${t.name as TableName}.${c.name}`)))
    for (const s of ENTITY_DATA_SOURCES) {
      expect(s.license).toMatch(/^[A-Za-z0-9.-]+$/)
      for (const c of s.columns) expect(columns).toContain(c)
    }
    expect(entitySourceSentences().join("\n")).toMatch(/GeoNames.*CC-BY-4\.0.*entities\.geonames_id/)
  })
})
