import { afterEach, describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { execFileSync } from "node:child_process"
import { Exit } from "effect"
import { buildOk, copyRaw, runBuild, runCli, sha256sumCheck, tempDir } from "../helpers.js"

/** Real file-system faults need a mount of our own: a tiny tmpfs for a full disk, a read-only bind mount. */
const canMount = (() => {
  if (process.getuid?.() !== 0) return false
  const probe = tempDir("mount-probe-")
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" })
    execFileSync("umount", [probe], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
})()

const mounted: Array<string> = []
afterEach(() => {
  for (const m of mounted.splice(0).reverse()) {
    try {
      execFileSync("umount", [m], { stdio: "ignore" })
    } catch {
      // already gone
    }
  }
})

const errorMessage = (exit: Exit.Exit<unknown, unknown>): string =>
  Exit.isFailure(exit) ? ((exit.cause.reasons.find((r) => r._tag === "Fail") as unknown as { error: { userMessage: string } }).error.userMessage) : ""

describe.skipIf(!canMount)("a full disk or a read-only output folder", () => {
  it("a full disk gives a clear error and leaves the earlier release and latest.json as they were", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", out])
    mounted.push(out)
    await buildOk({ raw, out })
    const latest = fs.readFileSync(path.join(out, "latest.json"), "utf8")
    fs.writeFileSync(path.join(raw, "zz_big.txt"), "A headline\n\n" + "Reporting from the border region continues with more words. ".repeat(60_000))
    const exit = await runBuild({ raw, out })
    expect(Exit.isFailure(exit)).toBe(true)
    expect(errorMessage(exit)).toMatch(/disk is full/)
    expect(fs.readFileSync(path.join(out, "latest.json"), "utf8")).toBe(latest)
    expect(fs.readdirSync(path.join(out, "releases")).filter((f) => !f.endsWith(".zip") && !f.endsWith(".json"))).toEqual(["1.0.0"])
    expect((await sha256sumCheck(path.join(out, "releases", "1.0.0"))).code).toBe(0)
    expect(fs.readdirSync(out).filter((f) => f.startsWith(".") && f !== ".cache")).toEqual([])
  })

  it("a read-only output folder gives a clear error, exit code 4, and changes nothing", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    await buildOk({ raw, out })
    execFileSync("mount", ["--bind", out, out])
    mounted.push(out)
    execFileSync("mount", ["-o", "remount,ro,bind", out])
    fs.writeFileSync(path.join(raw, "zz_new.txt"), "A new headline\n\nA paragraph of reporting text about the border region, long enough.\n")
    const result = await runCli(["build", "--raw", raw, "--out", out])
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/not writable\. Nothing was published; earlier releases are untouched\./)
    expect(result.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/)
  })
})

describe("two builds started together", () => {
  it("never run at once: one publishes, the other waits for the lock and then finds nothing new", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    const [a, b] = await Promise.all([runCli(["build", "--raw", raw, "--out", out]), runCli(["build", "--raw", raw, "--out", out])])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const lines = [a.stdout, b.stdout].join("\n")
    expect(lines.match(/published 1\.0\.0/g)?.length).toBe(1)
    expect(lines.match(/unchanged/g)?.length).toBe(1)
    expect(fs.readdirSync(path.join(out, "releases")).filter((f) => !f.endsWith(".zip") && !f.endsWith(".json"))).toEqual(["1.0.0"])
  })

  it("a lock left by a process that is gone is taken over", async () => {
    const raw = copyRaw()
    const out = tempDir("out-")
    fs.mkdirSync(out, { recursive: true })
    fs.writeFileSync(path.join(out, ".build.lock"), JSON.stringify({ pid: 2 ** 22 + 12345 }))
    const summary = await buildOk({ raw, out })
    expect(summary.status).toBe("published")
    expect(fs.existsSync(path.join(out, ".build.lock"))).toBe(false)
  })
})
