import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { copyRaw, runCli, tempConfig, tempDir } from "./helpers.js"

describe("pipeline clean", () => {
  it("says a missing file does not exist, without speaking of releases it never builds", async () => {
    const missing = path.join(tempDir("clean-"), "missing.txt")
    const result = await runCli(["clean", missing])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`Could not read ${missing}: it does not exist.`)
    expect(result.stderr).not.toMatch(/publish|release/i)
  })
})

describe("pipeline clean reads the file's sidecar as a build does", () => {
  it("dates replies that show an age from the sidecar's retrieved_at and takes the page date from its url", async () => {
    const dir = tempDir("clean-")
    const file = path.join(dir, "thread.txt")
    const reply = (who: string, age: string, text: string) => [`[–]${who} 12 points13 points14 points ${age} (0 children)`, "", text, "", "• permalink", "• reply", ""]
    fs.writeFileSync(
      file,
      [
        "Where do the night ferries leave from?",
        "",
        "submitted 3 years ago by lanternfish",
        "",
        "I work late shifts at the hospital and the last ferry is always packed and noisy. Is there a calmer way across the water after midnight that does not cost a fortune or take an hour?",
        "",
        ...reply("tidewalker", "3 years ago", "The water taxi from the north steps runs until two and there are rarely more than three people on it at that hour."),
        ...reply("driftnet", "2 years ago", "Cycle over the bridge, it takes twenty minutes and it is free the whole night, and the lights are good."),
        ...reply("quaywatcher", "3 years ago", "The late bus along the harbour road is quiet after one, and it stops right by the old pier steps.")
      ].join("\n")
    )
    fs.writeFileSync(path.join(dir, "thread.meta.json"), JSON.stringify({ url: "https://forum.example/2021/05/08/night-ferries", retrieved_at: "2024-05-10T12:00:00Z" }))
    const result = await runCli(["clean", file])
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout) as { comments: Array<{ posted_date?: string }>; publishedHint: { source: string } | null }
    expect(out.comments.map((c) => c.posted_date)).toEqual(["2021", "2022", "2021"])
    expect(out.publishedHint?.source).toBe("url")
  })
})

describe("pipeline validate", () => {
  it("refuses exactly what a build refuses (bytes, HTML, sidecars, no text after cleaning) and writes nothing", async () => {
    const raw = copyRaw()
    fs.writeFileSync(path.join(raw, "page.txt"), "<!DOCTYPE html>\n<html><body><p>A page saved as HTML.</p></body></html>\n")
    fs.writeFileSync(path.join(raw, "menu.txt"), "Home\nNews\nLog in\n")
    fs.writeFileSync(path.join(raw, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))
    fs.copyFileSync(path.join(raw, "001_86f26f2b85de6afc.txt"), path.join(raw, "dated.txt"))
    fs.writeFileSync(path.join(raw, "dated.meta.json"), JSON.stringify({ published_date: "2024-02-30" }))
    const out = path.join(tempDir("validate-"), "out")
    const checked = await runCli(["validate", "--raw", raw])
    const built = await runCli(["build", "--raw", raw, "--out", out])
    const refusedIn = (text: string) => [...text.matchAll(/^ {2}(\S+\.txt): /gm)].map((m) => m[1]).sort()
    expect(checked.code).toBe(3)
    expect(refusedIn(checked.stderr)).toEqual(["dated.txt", "latin1.txt", "menu.txt", "page.txt"])
    expect(built.code).toBe(3)
    expect(refusedIn(built.stderr)).toEqual(refusedIn(checked.stderr))
  })

  it("writes nothing: no output folder, no cache", async () => {
    const out = path.join(tempDir("validate-"), "out")
    const config = tempConfig({ "out: out": `out: ${out}` })
    const checked = await runCli(["validate", "--config", config, "--raw", copyRaw()])
    expect(checked.code).toBe(0)
    expect(fs.existsSync(out)).toBe(false)
  })
})

describe("a bug in a stage", () => {
  const manyTexts = (n: number) => {
    const raw = tempDir("raw-")
    for (let i = 0; i < n; i++)
      fs.writeFileSync(path.join(raw, `t${String(i).padStart(3, "0")}.txt`), `Headline number ${i}\n\nA paragraph of ordinary reporting text number ${i}, long enough to be the content of a page about the border.\n`)
    return raw
  }

  for (const [where, n] of [["in this thread", 3], ["in a worker thread", 140]] as const) {
    it(`is reported as an internal error naming the document, not as a file-system error (${where})`, async () => {
      const raw = manyTexts(n)
      const result = await runCli(["build", "--raw", raw, "--out", tempDir("out-")], { PIPELINE_FAULT_IN_STAGES: "t001" })
      expect(result.code).toBe(70)
      expect(result.stderr).toContain("Internal error (a bug in the pipeline, please report it with this message): the stages failed on t001.txt.")
      expect(result.stderr).toContain("TypeError: a fault injected into the stages for t001")
      expect(result.stderr).not.toContain("Could not")
    })
  }
})
