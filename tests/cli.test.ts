import { describe, expect, it } from "vitest"
import * as path from "node:path"
import { runCli, tempDir } from "./helpers.js"

describe("pipeline clean", () => {
  it("says a missing file does not exist, without speaking of releases it never builds", async () => {
    const missing = path.join(tempDir("clean-"), "missing.txt")
    const result = await runCli(["clean", missing])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`Could not read ${missing}: it does not exist.`)
    expect(result.stderr).not.toMatch(/publish|release/i)
  })
})
