/** The repository README's own pandas lines, run as written on a real release with Debian's pandas. */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import { TABLES } from "../../pipeline/model.js"
import { buildOk, copyRaw, projectRoot, tempDir } from "../helpers.js"
import { PYTHON } from "./fixture.js"
import { missingReason } from "../setup/programs.js"

const missing = missingReason("pandas")

describe.skipIf(missing)(`the README's pandas snippet ${missing ?? ""}`, () => {
  const dirs: Array<string> = []
  let dtypes: Record<string, string>
  beforeAll(async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    dirs.push(raw, out)
    await buildOk({ raw, out })
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
    const section = readme.slice(readme.indexOf("## Loading a release"))
    const snippet = /```python\n([\s\S]*?)```/.exec(section)![1]!
    // the snippet reads out/releases/1.0.0/documents.csv from where it runs, as from a clone of the repository
    const work = tempDir("snippet-")
    dirs.push(work)
    fs.symlinkSync(out, path.join(work, "out"))
    const r = spawnSync(PYTHON, ["-c", `${snippet}\nimport json\nprint(json.dumps({c: str(t) for c, t in docs.dtypes.items()}))`], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, PYTHONWARNINGS: "ignore" }
    })
    if (r.status !== 0) throw new Error(r.stderr)
    dtypes = JSON.parse(r.stdout.trim().split("\n").pop()!)
  })
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

  it("gives every count column a numeric dtype (nullable Int32), never object", () => {
    const counts = TABLES.documents.columns.filter((c) => c.type === "int32").map((c) => c.name)
    expect(counts.length).toBeGreaterThanOrEqual(3)
    for (const c of counts) expect(dtypes[c], c).toBe("Int32")
  })

  it("keeps text as text (string dtype)", () => {
    expect(dtypes["title"]).toBe("string")
    expect(dtypes["body"]).toBe("string")
  })
})
