/**
 * out/index.html opened from disk in headless Chromium (the Debian `chromium` package, driven by playwright-core):
 * it shows the releases, every link points at a file that exists (with the checksum the page states), the charts
 * render, and the page asks for nothing beyond the output folder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { fileURLToPath, pathToFileURL } from "node:url"
import { chromium, type Browser, type Page } from "playwright-core"
import { buildTwoReleases, type TwoReleases } from "./two-releases.js"
import { CHROMIUM, missingReason } from "../setup/programs.js"
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

const missing = missingReason("chromium")

describe.skipIf(missing)(`the download page in a browser ${missing ?? ""}`, () => {
  let r: TwoReleases
  let browser: Browser
  let page: Page
  const requests: Array<string> = []
  const problems: Array<string> = []

  beforeAll(async () => {
    r = await buildTwoReleases({ unchanged: false })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    page.on("request", (req) => void requests.push(req.url()))
    page.on("console", (msg) => void (msg.type() === "error" && problems.push(msg.text())))
    page.on("pageerror", (e) => void problems.push(String(e)))
    await page.goto(pathToFileURL(path.join(r.out, "index.html")).href)
  })
  afterAll(async () => {
    await browser?.close()
    r?.cleanup()
  })

  it("shows both releases, newest first, the newest marked latest, with their dates and row counts", async () => {
    const versions = await page.$$eval("section.release", (els) => els.map((e) => e.getAttribute("data-version")))
    expect(versions).toEqual(["1.1.0", "1.0.0"])
    await expect(page.locator("section.release").first().locator("h3").innerText()).resolves.toBe("Release 1.1.0 (latest)")
    const newest = page.locator('section.release[data-version="1.1.0"]')
    await expect(newest.locator("time").getAttribute("datetime")).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/)
    await expect(newest.locator("table.counts").innerText()).resolves.toContain("documents")
    expect(await newest.isVisible()).toBe(true)
  })

  it("points every link at a file that exists in the output folder, and states each download's true sha256", async () => {
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as unknown as { href: string }).href))
    const local = hrefs.filter((h) => h.startsWith("file:"))
    expect(local.length).toBeGreaterThan(40)
    for (const h of local) {
      const file = fileURLToPath(h.replace(/#.*$/, ""))
      expect(fs.existsSync(file), h).toBe(true)
    }
    expect(hrefs.filter((h) => !h.startsWith("file:"))).toEqual(["https://spdx.org/licenses/CC-BY-4.0.html"])

    const rows = await page.$$eval("table.files tr", (trs) =>
      trs.flatMap((tr) => {
        const a = tr.querySelector("a")
        const code = tr.querySelector("code")
        return a && code ? [{ href: (a as unknown as { href: string }).href, sha: code.textContent ?? "" }] : []
      })
    )
    const zips = await page.$$eval("p.zip", (ps) => ps.map((p) => ({ href: (p.querySelector("a") as unknown as { href: string }).href, sha: p.querySelector("code")?.textContent ?? "" })))
    expect(zips.map((z) => path.basename(fileURLToPath(z.href)))).toEqual(["1.1.0.zip", "1.0.0.zip"])
    for (const { href, sha } of [...rows, ...zips]) {
      expect(createHash("sha256").update(fs.readFileSync(fileURLToPath(href))).digest("hex"), href).toBe(sha)
    }
    const releaseFiles = fs.readdirSync(path.join(r.out, "releases", "1.1.0")).length + fs.readdirSync(path.join(r.out, "releases", "1.0.0")).length
    expect(rows.length).toBe(releaseFiles)
  })

  it("draws both charts as SVG with visible bars: documents per month and the most mentioned entities", async () => {
    for (const id of ["chart-months", "chart-entities"]) {
      const chart = page.locator(`svg#${id}`)
      const box = await chart.boundingBox()
      expect(box, id).not.toBeNull()
      expect(box!.width).toBeGreaterThan(100)
      expect(box!.height).toBeGreaterThan(50)
      const bars = await page.$$eval(`svg#${id} rect.bar`, (rects) => rects.map((b) => b.getBoundingClientRect()).map((b) => ({ width: b.width, height: b.height })))
      expect(bars.length, id).toBeGreaterThan(0)
      const visible = bars.filter((b) => b.width > 0 && b.height > 0).length
      expect(visible, id).toBeGreaterThan(0)
    }
    const names = await page.locator("svg#chart-entities text").allTextContents()
    expect(names.join(" ")).toMatch(/Tajikistan|Russia|Afghanistan/)
  })

  it("previews the newest release's tables with a few rows each", async () => {
    const tables = await page.$$eval("div.preview table", (ts) => ts.map((t) => ({ name: t.getAttribute("data-table"), rows: t.querySelectorAll("tr").length - 1 })))
    expect(tables.map((t) => t.name)).toEqual(["documents", "comments", "entities", "mentions", "dates", "removed_lines"])
    for (const t of tables) expect(t.rows).toBeGreaterThan(0)
    for (const t of tables) expect(t.rows).toBeLessThanOrEqual(5)
  })

  it("loads nothing but the page itself from disk: no script, no network, no errors", async () => {
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([])
    expect(await page.locator("script").count()).toBe(0)
    expect(problems).toEqual([])
  })
})
