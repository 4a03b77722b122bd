#!/usr/bin/env node
// The `pipeline` command: the compiled JavaScript in dist/ (made by `npm run build`, which `npm ci` runs through
// `prepare`), with a bounded old generation so memory stays flat: V8 collects instead of growing the heap as the
// corpus streams by.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const entry = join(root, "dist", "pipeline", "bin.js")
if (!existsSync(entry)) {
  process.stderr.write(`error: ${entry} is missing; run \`npm run build\` (npm ci runs it) in ${root}\n`)
  process.exit(70)
}
const result = spawnSync(process.execPath, ["--max-old-space-size=512", entry, ...process.argv.slice(2)], { stdio: "inherit" })
process.exit(result.status ?? 1)
