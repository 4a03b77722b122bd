import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect, Exit } from "effect"
import { buildOk, tempDir } from "../helpers.js"
import { releaseEntityReport } from "../../pipeline/release/report.js"

describe("pipeline report", () => {
  it("counts each entity's mentions, documents and spellings from the release, and lists provisional names by frequency", async () => {
    const raw = tempDir("raw-")
    fs.writeFileSync(path.join(raw, "a.txt"), "A headline\n\nOfficials in Tajikistan met Zarina Qodirova on Monday. Qodirova spoke about Tajikistan and its neighbours at length.\n")
    fs.writeFileSync(path.join(raw, "b.txt"), "Another headline\n\nThe border of Tajikistan was quiet, residents of the region told reporters in the capital.\n")
    const out = tempDir("out-")
    await buildOk({ raw, out })
    const { version, report } = await Effect.runPromise(releaseEntityReport(out, undefined))
    expect(version).toBe("1.0.0")
    expect(report.documents).toBe(2)
    const tajikistan = report.known.find((r) => r.name === "Tajikistan")!
    expect(tajikistan.mentions).toBe(3)
    expect(tajikistan.documents).toEqual(["a", "b"])
    const discovered = report.provisional.find((r) => r.name === "Zarina Qodirova")!
    expect(discovered.spellings.map((s) => s.surface).sort()).toEqual(["Qodirova", "Zarina Qodirova"])
  })

  it("says so when there is no release yet", async () => {
    const exit = await Effect.runPromiseExit(releaseEntityReport(tempDir("out-"), undefined))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("No release")
  })
})
