#!/usr/bin/env node
// Runs the TypeScript entry point with tsx's loader, so `pipeline` works without a compile step. A bounded old
// generation keeps memory flat: V8 collects instead of growing the heap as the corpus streams by.
import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href
const args = ["--max-old-space-size=768", "--import", tsxLoader, join(root, "pipeline", "bin.ts"), ...process.argv.slice(2)]
const result = spawnSync(process.execPath, args, { stdio: "inherit" })
process.exit(result.status ?? 1)
