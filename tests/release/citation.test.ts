/** How a release asks to be cited: the year where the year belongs, the version, and the download address when known. */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import YAML from "yaml"
import { buildOk, copyRaw, projectRoot, tempConfig, tempDir, withEpoch } from "../helpers.js"


describe("citing a release", () => {
  const dirs: Array<string> = []
  let withUrl: string
  let withoutUrl: string
  beforeAll(async () => {
    const raw = copyRaw()
    const config = tempConfig({ "  publisher: Pipeline developers\n": "  publisher: Pipeline developers\n  url: https://data.example.org/border\n" })
    const [a, b] = [tempDir("out-url-"), tempDir("out-")]
    dirs.push(raw, a, b, path.dirname(config))
    withUrl = (await withEpoch(() => buildOk({ configPath: config, raw, out: a }))).folder
    withoutUrl = (await withEpoch(() => buildOk({ raw, out: b }))).folder
  })
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

  it("CITATION.cff gives the dataset's address and the release's download address when dataset.url is configured", () => {
    const cff = YAML.parse(fs.readFileSync(path.join(withUrl, "CITATION.cff"), "utf8"))
    expect(cff).toMatchObject({ version: "1.0.0", "date-released": "2023-11-14", url: "https://data.example.org/border", "repository-artifact": "https://data.example.org/border/releases/1.0.0.zip" })
    const plain = YAML.parse(fs.readFileSync(path.join(withoutUrl, "CITATION.cff"), "utf8"))
    expect(plain.url).toBeUndefined()
    expect(plain["repository-artifact"]).toBeUndefined()
  })

  it("the release README cites the publisher with the release's year, then the version and the download address", () => {
    const readme = fs.readFileSync(path.join(withUrl, "README.md"), "utf8")
    const citing = readme.slice(readme.indexOf("## Citing"))
    expect(citing).toContain("Pipeline developers (2023). *")
    expect(citing).toContain("(version 1.0.0) [Data set]. https://data.example.org/border/releases/1.0.0.zip")
    const plain = fs.readFileSync(path.join(withoutUrl, "README.md"), "utf8")
    expect(plain.slice(plain.indexOf("## Citing"))).toMatch(/Pipeline developers \(2023\)\. \*.+\* \(version 1\.0\.0\) \[Data set\]\.\n/)
    expect(plain).not.toContain("Pipeline developers (1.0.0)")
  })

  it("the repository's README says how to cite the dataset", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
    const section = readme.slice(readme.indexOf("## How to cite"))
    expect(readme).toContain("## How to cite")
    expect(section).toContain("CITATION.cff")
    expect(section).toContain("dataset.url")
  })
})
