import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, projectRoot, runBuild, tempDir } from "./helpers.js"
import { readSidecar, statedDateProblem } from "../pipeline/sources.js"
import { stagesCodeVersion } from "../pipeline/cache.js"

const article = "A headline for the record\n\nA paragraph of ordinary reporting text, long enough to count as the content of a page.\n"

describe("sidecar metadata", () => {
  it("states what the stages would infer, and wins: title, authors, publisher, url, language, a timestamp cut to its date", async () => {
    const raw = tempDir("raw-")
    fs.writeFileSync(path.join(raw, "a.txt"), article)
    fs.writeFileSync(
      path.join(raw, "a.meta.json"),
      JSON.stringify({ url: "https://example.org/a", publisher: "Example Wire", published_date: "2019-03-04T08:30:00Z", language: "en", authors: ["Ann Writer"], title: "The stated title" })
    )
    const summary = await buildOk({ raw, out: tempDir("out-") })
    const csv = fs.readFileSync(path.join(summary.folder, "documents.csv"), "utf8")
    expect(csv).toContain("The stated title,Ann Writer,Example Wire,2019-03-04,day,")
    expect(csv).toContain("https://example.org/a")
  })

  it("refuses a text whose sidecar is not valid JSON, naming the sidecar", async () => {
    const raw = tempDir("raw-")
    fs.writeFileSync(path.join(raw, "a.txt"), article)
    fs.writeFileSync(path.join(raw, "a.meta.json"), "{ url: ")
    fs.writeFileSync(path.join(raw, "b.txt"), article)
    const summary = await buildOk({ raw, out: tempDir("out-") }).catch((e: Error) => e.message)
    expect(String(summary)).toContain("a.meta.json is not valid JSON")
  })

  const sidecarProblem = (meta: unknown): string | null => {
    const raw = tempDir("raw-")
    fs.writeFileSync(path.join(raw, "a.txt"), article)
    fs.writeFileSync(path.join(raw, "a.meta.json"), JSON.stringify(meta))
    return readSidecar({ doc_id: "a", source_path: "a.txt", absolute: path.join(raw, "a.txt"), bytes: article.length }).problem
  }

  it("refuses a stated date that is no day of the calendar, naming the file, the key and the value", () => {
    expect(sidecarProblem({ published_date: "2024-13-45" })).toMatch(/a\.meta\.json .*published_date "2024-13-45" has no month 13/)
    expect(sidecarProblem({ published_date: "2024-02-30" })).toMatch(/published_date "2024-02-30" is not a calendar day \(month 2 of 2024 has 29 days\)/)
    expect(sidecarProblem({ published_date: "2023-02-29" })).toContain('"2023-02-29" is not a calendar day')
    expect(sidecarProblem({ retrieved_at: "2024-06-01T25:00:00Z" })).toContain('retrieved_at "2024-06-01T25:00:00Z" is not a time of day')
  })

  it("accepts every precision a sidecar may state, leap days included", () => {
    for (const d of ["2016", "2014-12", "2024-02-29", "2000-02-29", "--12-26", "2019-03-04T08:30:00Z", "2019-03-04 08:30:00+0300"]) expect(statedDateProblem(d)).toBeNull()
    expect(statedDateProblem("1900-02-29")).not.toBeNull()
  })

  it("refuses other values it cannot use, each with its key: a language that is not BCP 47, a relative url, an empty author", () => {
    const problem = sidecarProblem({ language: "english", url: "example.org/a", authors: ["Ann Writer", " "] })
    expect(problem).toContain('language "english" is not a BCP 47 language tag')
    expect(problem).toContain('url "example.org/a" is not an absolute URL')
    expect(problem).toContain("authors[1] is empty")
  })

  it("names an unknown key and the keys a sidecar may state", () => {
    expect(sidecarProblem({ published: "2024-01-01" })).toContain("published is not a key a sidecar may state (url, retrieved_at, publisher, published_date, language, title, authors)")
  })
})

describe("the cache key's code version", () => {
  it("changes when the code that accepts or refuses a file changes, not only the stages", () => {
    const copy = tempDir("code-")
    fs.cpSync(path.join(projectRoot, "pipeline"), path.join(copy, "pipeline"), { recursive: true })
    fs.copyFileSync(path.join(projectRoot, "package-lock.json"), path.join(copy, "package-lock.json"))
    const before = stagesCodeVersion(path.join(copy, "pipeline"))
    fs.appendFileSync(path.join(copy, "pipeline", "sources.ts"), "\n// a change to sidecar decoding\n")
    const afterSources = stagesCodeVersion(path.join(copy, "pipeline"))
    expect(afterSources).not.toBe(before)
    const lock = JSON.parse(fs.readFileSync(path.join(copy, "package-lock.json"), "utf8"))
    lock.packages["node_modules/chrono-node"].version = "0.0.1"
    fs.writeFileSync(path.join(copy, "package-lock.json"), JSON.stringify(lock))
    expect(stagesCodeVersion(path.join(copy, "pipeline"))).not.toBe(afterSources)
  })
})

describe("--raw names a folder, one file or a glob", () => {
  const threeTexts = () => {
    const raw = tempDir("raw-")
    fs.mkdirSync(path.join(raw, "2024-05"))
    for (const rel of ["a.txt", "2024-05/b.txt", "2024-05/c.txt"]) fs.writeFileSync(path.join(raw, rel), article.replace("headline", `headline ${rel}`))
    return raw
  }
  const docIds = (folder: string) =>
    fs.readFileSync(path.join(folder, "documents.csv"), "utf8").split("\r\n").slice(1).filter(Boolean).map((l) => l.split(",")[0])

  it("builds one file, its doc_id relative to its folder", async () => {
    const raw = threeTexts()
    const summary = await buildOk({ raw: path.join(raw, "2024-05", "b.txt"), out: tempDir("out-") })
    expect(docIds(summary.folder)).toEqual(["b"])
  })

  it("builds the files a glob matches, doc_ids relative to the glob's fixed part", async () => {
    const raw = threeTexts()
    const summary = await buildOk({ raw: path.join(raw, "2024-*", "*.txt"), out: tempDir("out-") })
    expect(docIds(summary.folder)).toEqual(["2024-05/b", "2024-05/c"])
  })

  it("leaves no folder behind when --raw names nothing usable", async () => {
    const raw = threeTexts()
    for (const bad of [path.join(raw, "missing.txt"), path.join(raw, "a.meta.json"), path.join(raw, "zz*.txt")]) {
      const out = path.join(tempDir("out-"), "out")
      const exit = await runBuild({ raw: bad, out })
      expect(exit._tag).toBe("Failure")
      expect(fs.existsSync(out)).toBe(false)
    }
  })
})
