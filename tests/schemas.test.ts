import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { schemaFiles, withColumnsSection } from "../pipeline/release/describe/frictionless.js"
import { configJsonSchema } from "../pipeline/config.js"
import { layoutText, withLayoutSection } from "../pipeline/release/contents.js"
import { projectRoot } from "./helpers.js"

describe("schemas/", () => {
  it("holds exactly the schemas the code defines (run `npm run schemas` after changing model.ts or config.ts)", () => {
    const expected: Record<string, object> = { ...schemaFiles(), "pipeline.schema.json": configJsonSchema() }
    const dir = path.join(projectRoot, "schemas")
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()).toEqual(Object.keys(expected).sort())
    for (const [name, schema] of Object.entries(expected)) {
      expect(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")), name).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })
})

describe("README.md", () => {
  it("lists the columns the code defines (run `npm run schemas` after changing model.ts)", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
    expect(readme).toContain("| `published_precision` |")
    expect(withColumnsSection(readme)).toBe(readme)
  })

  it("shows the release layout generated from the release contract (run `npm run schemas` after changing contents.ts)", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
    expect(readme).toContain(layoutText())
    expect(withLayoutSection(readme)).toBe(readme)
  })

  it("shows the two quick-start lines exactly", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
    expect(readme).toMatch(/^npm ci && npm start\b/m)
    expect(readme).toMatch(/^npm test\b/m)
  })
})
