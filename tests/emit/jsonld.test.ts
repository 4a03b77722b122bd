import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import jsonld from "jsonld"
import { buildOk, copyRaw, tempDir } from "../helpers.js"

const offline = async (url: string): Promise<never> => {
  throw new Error(`the JSON-LD tried to load ${url}; its context must be in the file`)
}

describe("JSON-LD of a release", () => {
  let release: string
  let raw: string
  let out: string
  beforeAll(async () => {
    raw = copyRaw()
    out = tempDir("out-")
    release = (await buildOk({ raw, out })).folder
  })
  afterAll(() => {
    fs.rmSync(raw, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  })

  const expand = (file: string) =>
    jsonld.expand(JSON.parse(fs.readFileSync(path.join(release, file), "utf8")), { documentLoader: offline as never, safe: true } as never)

  it("dataset.jsonld expands in safe mode with no network, to a schema.org Dataset with one article per document", async () => {
    const expanded = (await expand("dataset.jsonld")) as unknown as Array<Record<string, unknown>>
    const types = expanded.flatMap((n) => (n["@type"] as Array<string>) ?? [])
    expect(types).toContain("https://schema.org/Dataset")
    const articles = types.filter((t) => /NewsArticle|BlogPosting|DiscussionForumPosting|schema.org\/Article$/.test(t))
    expect(articles.length).toBe(fs.readdirSync(raw).length)
  })

  it("dataset.jsonld lists every table file as a download with its size and sha256", async () => {
    const expanded = (await expand("dataset.jsonld")) as unknown as Array<Record<string, Array<Record<string, unknown>>>>
    const ds = expanded.find((n) => (n["@type"] as unknown as Array<string>).includes("https://schema.org/Dataset"))!
    const downloads = ds["https://schema.org/distribution"]!
    expect(downloads.length).toBe(19) // per table CSV, Arrow and Parquet, and the workbook
    for (const d of downloads) {
      const name = (d["https://schema.org/name"] as Array<{ "@value": string }>)[0]!["@value"]
      const sha = (d["https://schema.org/sha256"] as Array<{ "@value": string }>)[0]!["@value"]
      expect(sha).toMatch(/^[0-9a-f]{64}$/)
      expect(fs.existsSync(path.join(release, name))).toBe(true)
    }
  })

  it("provenance.jsonld expands offline to a PROV-O build activity that used every raw file", async () => {
    const expanded = (await expand("provenance.jsonld")) as unknown as Array<Record<string, unknown>>
    const prov = "http://www.w3.org/ns/prov#"
    const activity = expanded.find((n) => (n["@type"] as Array<string>).includes(`${prov}Activity`))!
    expect(activity[`${prov}startedAtTime`]).toBeDefined()
    const used = (activity[`${prov}used`] as Array<{ "@id": string }>).map((u) => u["@id"])
    expect(used.filter((u) => u.includes(":raw:") && u.endsWith(".txt")).length).toBe(fs.readdirSync(raw).length)
    const generated = expanded.filter((n) => n[`${prov}wasGeneratedBy`])
    expect(generated.length).toBeGreaterThanOrEqual(12)
  })
})

describe("datePublished of a document", () => {
  it("is the day as written, else the ISO 8601 interval of the days the value covers", async () => {
    const { publishedValue } = await import("../../pipeline/emit/jsonld.js")
    expect(publishedValue({ published_date: "2022-02-17", published_earliest: "2022-02-17", published_latest: "2022-02-17" })).toBe("2022-02-17")
    expect(publishedValue({ published_date: "2014-12", published_earliest: "2014-12-01", published_latest: "2014-12-31" })).toBe("2014-12-01/2014-12-31")
    expect(publishedValue({ published_date: "2016", published_earliest: "2016-01-01", published_latest: "2016-12-31" })).toBe("2016-01-01/2016-12-31")
    expect(publishedValue({ published_date: null, published_earliest: null, published_latest: null })).toBeNull()
  })
})
