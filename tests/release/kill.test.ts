import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { buildOk, copyRaw, runCli, sha256sumCheck, tempDir } from "../helpers.js"
import { compareVersions } from "../../pipeline/release/history/version.js"

const snapshot = (out: string) => {
  const files: Record<string, string> = {}
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name)
      if (fs.statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`)
      else files[`${rel}${name}`] = fs.readFileSync(abs).toString("base64")
    }
  }
  walk(out, "")
  return files
}

const visible = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([k]) => !k.split("/").some((p) => p.startsWith("."))))

describe("a build killed at any moment", () => {
  // One published release, then a build that would publish 1.1.0, killed at each point in turn.
  const points = ["mid-tables", "after-stages", "before-publish", "after-rename"] as const

  it.each(points)("killed %s leaves the published releases and latest.json as they were, and the next build succeeds", async (point) => {
    const raw = copyRaw()
    const out = tempDir("out-")
    await buildOk({ raw, out })
    fs.writeFileSync(path.join(raw, "zz_added.txt"), "An added headline\n\nAn added paragraph of reporting about the border region, long enough to be content.\n")
    const before = visible(snapshot(out))

    const killed = await runCli(["build", "--raw", raw, "--out", out], { PIPELINE_KILL_AT: point })
    expect(killed.signal).toBe("SIGKILL")
    const after = visible(snapshot(out))
    if (point === "after-rename") {
      // the new release is complete and in place; only latest.json did not move yet
      expect(after["latest.json"]).toBe(before["latest.json"])
      expect(Object.keys(after).some((k) => k.startsWith("releases/1.1.0/"))).toBe(true)
    } else {
      expect(after).toEqual(before)
    }
    for (const v of fs.readdirSync(path.join(out, "releases"))) {
      if (v.startsWith(".") || !fs.statSync(path.join(out, "releases", v)).isDirectory()) continue
      const check = await sha256sumCheck(path.join(out, "releases", v))
      expect(check.code, check.output).toBe(0)
    }

    await buildOk({ raw, out })
    const latest = JSON.parse(fs.readFileSync(path.join(out, "latest.json"), "utf8"))
    expect(compareVersions(latest.version, "1.1.0")).toBeGreaterThanOrEqual(0)
    expect((await sha256sumCheck(path.join(out, latest.folder))).code).toBe(0)
    expect(fs.readdirSync(out).filter((f) => f.startsWith(".") && f !== ".cache")).toEqual([])
    fs.rmSync(raw, { recursive: true, force: true })
    fs.rmSync(out, { recursive: true, force: true })
  })
})
