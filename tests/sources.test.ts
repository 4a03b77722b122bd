import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, tempDir } from "./helpers.js"

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
})
