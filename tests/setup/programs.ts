/**
 * The programs the consumer tests open a release with (Gnumeric's ssconvert, Debian's pandas and rdflib, Chromium),
 * found or installed before any test runs, so `npm test` is the whole set-up on a fresh Debian machine.
 *
 * - Found: nothing to do.
 * - Missing, and this process may install Debian packages (root with apt-get): they are installed once, here.
 * - Missing otherwise (a non-root user, another system, no package mirror): the tests that need them are skipped,
 *   each with the reason in its name, and this setup says how to install them. Never a silent pass.
 */
import * as fs from "node:fs"
import { spawnSync } from "node:child_process"

/** Debian's python3 (with python3-pandas and python3-rdflib), not whatever python3 comes first on PATH. */
export const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3"
export const CHROMIUM = "/usr/bin/chromium"

export interface ConsumerProgram {
  readonly what: string
  readonly debianPackage: string
  readonly check: readonly [string, ReadonlyArray<string>]
}

export const CONSUMER_PROGRAMS = {
  ssconvert: { what: "Gnumeric's ssconvert", debianPackage: "gnumeric", check: ["ssconvert", ["--version"]] },
  pandas: { what: "Debian's pandas", debianPackage: "python3-pandas", check: [PYTHON, ["-c", "import pandas"]] },
  rdflib: { what: "Debian's rdflib", debianPackage: "python3-rdflib", check: [PYTHON, ["-c", "import rdflib"]] },
  chromium: { what: "Chromium", debianPackage: "chromium", check: [CHROMIUM, ["--version"]] }
} as const satisfies Record<string, ConsumerProgram>
export type ConsumerProgramId = keyof typeof CONSUMER_PROGRAMS

const works = (p: ConsumerProgram): boolean => {
  const r = spawnSync(p.check[0], p.check[1], { encoding: "utf8", timeout: 60_000 })
  return !r.error && r.status === 0
}

const installHint = (packages: ReadonlyArray<string>) => `sudo apt-get install -y --no-install-recommends ${packages.join(" ")}`

/**
 * Why a test that needs these programs cannot run, or null when it can. Used in describe names, so a skipped test
 * says why: `describe.skipIf(reason)(\`… ${reason ?? ""}\`)`.
 */
export const missingReason = (...ids: ReadonlyArray<ConsumerProgramId>): string | null => {
  const missing = ids.map((id) => CONSUMER_PROGRAMS[id]).filter((p) => !works(p))
  if (missing.length === 0) return null
  return `(skipped: ${missing.map((p) => p.what).join(" and ")} not installed; ${installHint(missing.map((p) => p.debianPackage))})`
}

const canInstallDebianPackages = (): boolean =>
  process.platform === "linux" && process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0

/** vitest's global setup: installs what is missing where it can, says what will be skipped where it cannot. */
export default function ensureConsumerPrograms(): void {
  const missing = Object.values(CONSUMER_PROGRAMS).filter((p) => !works(p))
  if (missing.length === 0) return
  const packages = [...new Set(missing.map((p) => p.debianPackage))]
  if (canInstallDebianPackages()) {
    process.stderr.write(`Installing the programs the consumer tests open a release with: apt-get install ${packages.join(" ")} (once; about a minute)\n`)
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
    const update = spawnSync("apt-get", ["update", "-qq"], { encoding: "utf8", env })
    const install = update.status === 0
      ? spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { encoding: "utf8", env })
      : update
    if (install.status === 0 && missing.every(works)) return
    process.stderr.write(`Could not install them (apt-get said: ${(install.stderr || install.stdout || String(install.error)).trim().split("\n").slice(-3).join(" ")}).\n`)
  }
  process.stderr.write(
    `Missing: ${missing.map((p) => p.what).join(", ")}. The tests that open a release with them are skipped, each saying so. ` +
      `To run them: ${installHint(packages)}\n`
  )
}
