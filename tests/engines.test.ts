import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import semver from "semver"
import { projectRoot } from "./helpers.js"

interface LockedPackage {
  readonly version?: string
  readonly engines?: { readonly node?: string }
  readonly os?: ReadonlyArray<string>
  readonly cpu?: ReadonlyArray<string>
}
const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockedPackage> }
const ownRange = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { engines: { node: string } }).engines.node

/** Packages npm installs on this platform (a package for another OS or CPU is skipped by npm, and by this check). */
const installedHere = Object.entries(lock.packages).filter(
  ([name, p]) => name.startsWith("node_modules/") && (!p.os || p.os.includes(process.platform)) && (!p.cpu || p.cpu.includes(process.arch))
)

const refusing = (nodeVersion: string) =>
  installedHere.filter(([, p]) => p.engines?.node && !semver.satisfies(nodeVersion, p.engines.node)).map(([name, p]) => `${name.slice(13)} wants node ${p.engines!.node}`)

describe("the Node versions the project says it runs on", () => {
  it("every locked dependency accepts the lowest Node the project declares, so npm ci prints no engine warning there", () => {
    expect(refusing(semver.minVersion(ownRange)!.version)).toEqual([])
  })

  it("every locked dependency accepts the Node running these tests", () => {
    expect(semver.satisfies(process.version, ownRange)).toBe(true)
    expect(refusing(process.version)).toEqual([])
  })
})
