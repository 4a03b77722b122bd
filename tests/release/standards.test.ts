/**
 * A release's metadata checked with third-party validators, offline: ajv against the Frictionless v2 JSON Schema,
 * jsonld (safe mode) against contexts bundled in tests/fixtures/standards, and every sha256 recomputed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Ajv } from "ajv"
import addFormatsPlugin from "ajv-formats"
import YAML from "yaml"
import jsonld from "jsonld"
import { TABLE_NAMES } from "../../pipeline/model.js"
import { buildTwoReleases, expandOffline, flattenOffline, loaded, offlineLoader, typesOf, values, type TwoReleases } from "./two-releases.js"

// ajv-formats is CommonJS: its plugin is the default export under ESM, or that export's own `default`
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as unknown as (ajv: Ajv) => Ajv
const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "standards")
const sha256Of = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex")
const SCHEMA = "https://schema.org/"
const SDO = "http://schema.org/"

interface FrictionlessSchema {
  $schema: string
  properties: { resources: { items: { properties: { schema: { properties: { fields: { items: { oneOf: Array<{ properties: Record<string, unknown> }> } } } } } } } }
}

/** The schema with the v2 `list` field (delimiter, itemType) added beside the string field it resembles. */
const withListFieldType = (schema: FrictionlessSchema): FrictionlessSchema => {
  const copy = structuredClone(schema)
  const fields = copy.properties.resources.items.properties.schema.properties.fields.items.oneOf
  const stringField = fields.find((f) => (f.properties["type"] as { enum?: Array<string> }).enum?.[0] === "string")!
  fields.push({
    ...stringField,
    properties: {
      name: stringField.properties["name"],
      title: stringField.properties["title"],
      description: stringField.properties["description"],
      missingValues: stringField.properties["missingValues"],
      type: { enum: ["list"] },
      format: { enum: ["default"] },
      delimiter: { type: "string" },
      itemType: { enum: ["string", "integer", "boolean", "number", "datetime", "date", "time"] },
      constraints: {
        type: "object",
        properties: { required: { type: "boolean" }, unique: { type: "boolean" }, minLength: { type: "integer" }, maxLength: { type: "integer" } }
      }
    }
  })
  return copy
}

describe("release metadata checked by third-party validators", () => {
  let r: TwoReleases
  let rel: string
  beforeAll(async () => {
    r = await buildTwoReleases({ unchanged: false })
    rel = path.join(r.out, "releases", "1.1.0")
  })
  afterAll(() => r?.cleanup())

  it("datapackage.json of every release validates against the Frictionless Data Package v2 JSON Schema (ajv, draft-07)", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, "datapackage.json"), "utf8")) as FrictionlessSchema
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#")
    const compile = (s: object) => {
      const ajv = new Ajv({ allErrors: true, strict: false })
      addFormats(ajv)
      ajv.addFormat("textarea", true) // a UI hint in the Frictionless schemas, not a constraint
      return { ajv, validate: ajv.compile(s) }
    }
    // The published 2.0 profile lacks the `list` field type the v2 standard defines (frictionlessdata/datapackage#1089,
    // fixed for 2.1): as published it rejects our list columns and nothing else; with the list type added as the
    // standard describes it, every release validates.
    const asPublished = compile(schema)
    const patched = compile(withListFieldType(schema))
    for (const v of ["1.0.0", "1.1.0"]) {
      const pkg = JSON.parse(fs.readFileSync(path.join(r.out, "releases", v, "datapackage.json"), "utf8"))
      expect(patched.validate(pkg), `${v}: ${patched.ajv.errorsText(patched.validate.errors)}`).toBe(true)
      expect(asPublished.validate(pkg)).toBe(false)
      const listFields = new Set<string>()
      pkg.resources.forEach((res: { schema: { fields: Array<{ type: string }> } }, i: number) =>
        res.schema.fields.forEach((f, j) => f.type === "list" && listFields.add(`/resources/${i}/schema/fields/${j}`))
      )
      const offending = new Set((asPublished.validate.errors ?? []).map((e) => e.instancePath.replace(/\/type$/, "")))
      expect([...offending].sort()).toEqual([...listFields].sort())
    }
  })

  it("datapackage.json holds what the Frictionless recipe asks: licences, sources, contributors, a sha256 hash per resource, keys", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(rel, "datapackage.json"), "utf8"))
    expect(pkg.licenses.length).toBeGreaterThan(0)
    expect(pkg.sources.length).toBeGreaterThan(0)
    expect(pkg.contributors.length).toBeGreaterThan(0)
    expect(pkg.resources.map((x: { name: string }) => x.name)).toEqual([...TABLE_NAMES])
    for (const res of pkg.resources) {
      expect(res.hash).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(res.schema.primaryKey.length).toBeGreaterThan(0)
    }
    expect(pkg.resources.find((x: { name: string }) => x.name === "mentions").schema.foreignKeys.length).toBe(2)
  })

  it.each(["dataset.jsonld", "provenance.jsonld", "ro-crate-metadata.json", "csv-metadata.json"])(
    "%s expands in safe mode with no network, with only the contexts bundled in tests/fixtures",
    async (file) => {
      const expanded = await expandOffline(path.join(rel, file))
      expect(expanded.length).toBeGreaterThan(0)
    }
  )

  it("catalog.jsonld expands in safe mode with no network", async () => {
    const expanded = await expandOffline(path.join(r.out, "catalog.jsonld"))
    expect(expanded.length).toBeGreaterThan(0)
  })

  it("the JSON-LD loader refuses any context it does not bundle", async () => {
    const before = loaded.length
    await expect(jsonld.expand({ "@context": "https://example.org/context.jsonld", name: "x" } as never, { documentLoader: offlineLoader as never, safe: true } as never)).rejects.toThrow(
      /example\.org/
    )
    expect(loaded.length).toBe(before)
  })

  it("ro-crate-metadata.json is an RO-Crate 1.2 with every file and one CreateAction per build phase: instrument, object, result, start and end", async () => {
    const nodes = await flattenOffline(path.join(rel, "ro-crate-metadata.json"))
    const byId = new Map(nodes.map((n) => [n["@id"] as string, n]))
    const base = pathToFileURL(path.join(rel, "/")).href
    const descriptor = byId.get(new URL("ro-crate-metadata.json", base).href)!
    expect(values(descriptor, "http://purl.org/dc/terms/conformsTo")).toEqual(["https://w3id.org/ro/crate/1.2"])
    const root = byId.get(base)!
    expect(typesOf(root)).toContain(`${SDO}Dataset`)
    const parts = values(root, `${SDO}hasPart`).map((u) => path.basename(fileURLToPath(u))).sort()
    expect(parts).toEqual(fs.readdirSync(rel).filter((f) => f !== "ro-crate-metadata.json").sort())
    const actions = nodes.filter((n) => typesOf(n).includes(`${SDO}CreateAction`))
    expect(actions.length).toBe(3) // the build's phases: process, emit, derive
    const software = nodes.find((n) => typesOf(n).includes(`${SDO}SoftwareApplication`))!
    for (const a of actions) {
      expect(values(a, `${SDO}instrument`)).toEqual([software["@id"]])
      expect(values(a, `${SDO}object`).length).toBeGreaterThan(0)
      expect(values(a, `${SDO}result`).length).toBeGreaterThan(0)
      expect(values(a, `${SDO}startTime`)[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(values(a, `${SDO}endTime`)[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    }
    const docs = byId.get(new URL("documents.csv", base).href)!
    expect(values(docs, `${SDO}sha256`)[0]).toBe(sha256Of(path.join(rel, "documents.csv")))
  })

  it("csv-metadata.json describes each CSV file: its columns in header order with datatypes, primary and foreign keys, and the dialect", async () => {
    const meta = JSON.parse(fs.readFileSync(path.join(rel, "csv-metadata.json"), "utf8"))
    expect(meta["@context"]).toBe("http://www.w3.org/ns/csvw")
    expect(meta.dialect).toMatchObject({ encoding: "utf-8", lineTerminators: ["\r\n"], header: true })
    expect(meta.tables.map((t: { url: string }) => t.url)).toEqual(TABLE_NAMES.map((t) => `${t}.csv`))
    for (const t of meta.tables) {
      const header = fs.readFileSync(path.join(rel, t.url), "utf8").split("\r\n")[0]!.split(",")
      expect(t.tableSchema.columns.map((c: { name: string }) => c.name)).toEqual(header)
      for (const c of t.tableSchema.columns) expect(c.datatype).toBeDefined()
      expect(t.tableSchema.primaryKey).toBeDefined()
    }
    const mentions = meta.tables.find((t: { url: string }) => t.url === "mentions.csv")
    expect(mentions.tableSchema.foreignKeys).toEqual([
      { columnReference: "doc_id", reference: { resource: "documents.csv", columnReference: "doc_id" } },
      { columnReference: "entity_id", reference: { resource: "entities.csv", columnReference: "entity_id" } }
    ])
    const expanded = await expandOffline(path.join(rel, "csv-metadata.json"))
    expect(typesOf(expanded[0]!).length + Object.keys(expanded[0]!).filter((k) => k === "http://www.w3.org/ns/csvw#table").length).toBeGreaterThan(0)
  })

  it("every sha256 in the metadata matches the file it names: datapackage.json, dataset.jsonld, provenance.jsonld, ro-crate-metadata.json, SHA256SUMS and the catalog", async () => {
    let checked = 0
    const check = (file: string, sha: string, size?: string | number) => {
      expect(fs.existsSync(file), file).toBe(true)
      expect(sha256Of(file), file).toBe(sha)
      if (size !== undefined) expect(fs.statSync(file).size, file).toBe(Number(String(size).replace(/ B$/, "")))
      checked++
    }
    for (const v of ["1.0.0", "1.1.0"]) {
      const dir = path.join(r.out, "releases", v)
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"))
      for (const res of pkg.resources) check(path.join(dir, res.path), res.hash.replace(/^sha256:/, ""), res.bytes)

      const ds = (await expandOffline(path.join(dir, "dataset.jsonld"))).find((n) => typesOf(n).includes(`${SCHEMA}Dataset`))!
      for (const d of ds[`${SCHEMA}distribution`] as Array<Record<string, unknown>>) {
        check(path.join(dir, values(d, `${SCHEMA}name`)[0]!), values(d, `${SCHEMA}sha256`)[0]!, values(d, `${SCHEMA}contentSize`)[0])
      }

      for (const n of await expandOffline(path.join(dir, "provenance.jsonld"))) {
        const sha = values(n, `${SCHEMA}sha256`)[0]
        const name = values(n, `${SCHEMA}name`)[0]
        if (sha && name && (n["http://www.w3.org/ns/prov#wasGeneratedBy"] as unknown)) check(path.join(dir, name), sha)
      }

      for (const n of await flattenOffline(path.join(dir, "ro-crate-metadata.json"))) {
        const sha = values(n, `${SDO}sha256`)[0]
        if (sha) check(fileURLToPath(n["@id"] as string), sha, values(n, `${SDO}contentSize`)[0])
      }

      for (const line of fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").trim().split("\n")) check(path.join(dir, line.slice(66)), line.slice(0, 64))
    }

    const catalog = await flattenOffline(path.join(r.out, "catalog.jsonld"))
    const byId = new Map(catalog.map((n) => [n["@id"] as string, n]))
    const dcat = "http://www.w3.org/ns/dcat#"
    const spdx = "http://spdx.org/rdf/terms#"
    const distributions = catalog.filter((n) => typesOf(n).includes(`${dcat}Distribution`))
    expect(distributions.length).toBeGreaterThan(40)
    for (const d of distributions) {
      const checksum = byId.get(values(d, `${spdx}checksum`)[0]!)!
      expect(values(checksum, `${spdx}algorithm`)).toEqual([`${spdx}checksumAlgorithm_sha256`])
      expect(values(d, `${dcat}mediaType`)[0]).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[a-z0-9.+-]+$/)
      check(fileURLToPath(values(d, `${dcat}downloadURL`)[0]!), values(checksum, `${spdx}checksumValue`)[0]!, values(d, `${dcat}byteSize`)[0])
    }
    expect(checked).toBeGreaterThan(150)
  })

  it("CITATION.cff is CFF 1.2.0 with the release's version and date, and LICENSE names the licence and its legal text", () => {
    const cff = YAML.parse(fs.readFileSync(path.join(rel, "CITATION.cff"), "utf8"))
    expect(cff).toMatchObject({ "cff-version": "1.2.0", type: "dataset", version: "1.1.0", license: "CC-BY-4.0" })
    expect(cff.message).toBeTruthy()
    expect(cff.title).toBeTruthy()
    expect(cff["date-released"]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(cff.authors[0].name).toBeTruthy()
    const license = fs.readFileSync(path.join(rel, "LICENSE"), "utf8")
    expect(license).toContain("CC-BY-4.0")
    expect(license).toContain("https://creativecommons.org/licenses/by/4.0/legalcode")
  })
})
