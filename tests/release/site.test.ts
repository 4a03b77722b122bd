/** The download page as a reader first sees it: a preview that leads with titles, and a chart that is not mostly empty. */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, copyRaw, tempDir } from "../helpers.js"
import { publicationChart } from "../../pipeline/release/site/charts.js"

/** The bars of one SVG chart of the page: label and height. */
const bars = (html: string, id: string) => {
  const svg = html.slice(html.indexOf(`id="${id}"`), html.indexOf("</svg>", html.indexOf(`id="${id}"`)))
  return [...svg.matchAll(/<rect class="bar"[^>]* height="([\d.]+)"><title>([^<]*)<\/title>/g)].map((m) => ({ height: Number(m[1]), label: m[2]! }))
}

describe("the download page", () => {
  let raw: string
  let out: string
  let html: string
  beforeAll(async () => {
    raw = copyRaw()
    // publication dates scattered over twenty years, as a small corpus of old and new pages has them
    const dates = ["2001-03-05", "2014-12-01", "2015-10-17", "2021-05-02", "2021-06-01"]
    fs.readdirSync(raw).filter((f) => f.endsWith(".txt")).sort().forEach((f, i) => {
      fs.writeFileSync(path.join(raw, f.replace(/\.txt$/, ".meta.json")), JSON.stringify({ published_date: dates[i % dates.length] }))
    })
    out = tempDir("out-")
    await buildOk({ raw, out })
    html = fs.readFileSync(path.join(out, "index.html"), "utf8")
  })
  afterAll(() => {
    fs.rmSync(raw, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  })

  it("previews the documents with the title first, not doc_id, source_path or sha256", () => {
    const table = html.slice(html.indexOf('data-table="documents"'))
    const header = [...table.slice(0, table.indexOf("</tr>")).matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1])
    expect(header[0]).toBe("title")
    expect(header.slice(0, 4)).not.toEqual(expect.arrayContaining(["doc_id"]))
    expect(header.indexOf("source_sha256")).toBeGreaterThan(header.indexOf("body"))
  })

  it("draws the publication chart without spending most of its width on empty periods", () => {
    const drawn = bars(html, "chart-months")
    expect(drawn.length).toBeGreaterThan(0)
    expect(drawn.filter((b) => b.height === 0).length).toBeLessThanOrEqual(drawn.length / 2)
    expect(drawn.reduce((n, b) => n + Number(b.label.split(": ")[1]), 0)).toBe(5)
  })
})

describe("the publication chart's periods", () => {
  it("are months when most months of the span have documents", () => {
    const chart = publicationChart(new Map([["2020-01", 3], ["2020-02", 1], ["2020-04", 2]]))
    expect(chart).toEqual({ unit: "month", bars: [["2020-01", 3], ["2020-02", 1], ["2020-03", 0], ["2020-04", 2]], gaps: false })
  })

  it("are years when the months are sparse but most years have documents", () => {
    const chart = publicationChart(new Map([["2019-02", 1], ["2020-07", 2], ["2021-11", 1]]))
    expect(chart).toEqual({ unit: "year", bars: [["2019", 1], ["2020", 2], ["2021", 1]], gaps: false })
  })

  it("are only the years with documents when even years are sparse", () => {
    const chart = publicationChart(new Map([["1998-01", 1], ["2015-10", 4], ["2021-05", 2]]))
    expect(chart).toEqual({ unit: "year", bars: [["1998", 1], ["2015", 4], ["2021", 2]], gaps: true })
  })
})
