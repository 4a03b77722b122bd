/**
 * npm run bench:scale -- <folder> [--copies N] [--concurrency C]
 *
 * Builds a corpus of N renamed copies of a folder's texts (<folder>/text or <folder> itself) end to end (ingest →
 * clean → dates → entities → every output), prints documents, MB, seconds, MB/s and peak resident memory, then adds
 * one text and rebuilds, printing the same and the rebuild's share of the full build's time.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { spawnSync } from "node:child_process"

const args = process.argv.slice(2)
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const folder = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"))
if (!folder) {
  console.error("usage: npm run bench:scale -- <folder> [--copies N] [--concurrency C]")
  process.exit(2)
}
const copies = Number(flag("--copies", "1"))
const concurrency = flag("--concurrency", String(os.availableParallelism()))
const source = fs.existsSync(path.join(folder, "text")) ? path.join(folder, "text") : folder
const texts = fs.readdirSync(source).filter((f) => f.endsWith(".txt")).sort()

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scale-"))
const raw = path.join(work, "raw")
const out = path.join(work, "out")
fs.mkdirSync(raw)
let bytes = 0
for (let c = 0; c < copies; c++) {
  const dir = path.join(raw, `copy${String(c).padStart(4, "0")}`)
  fs.mkdirSync(dir)
  for (const t of texts) {
    fs.copyFileSync(path.join(source, t), path.join(dir, t))
    bytes += fs.statSync(path.join(dir, t)).size
  }
}
const root = path.resolve(import.meta.dirname, "..")
const config = path.join(work, "pipeline.yaml")
fs.writeFileSync(
  config,
  fs.readFileSync(path.join(root, "pipeline.yaml"), "utf8")
    .replace(/: data\//g, `: ${path.join(root, "data")}/`)
    .replace(/concurrency: \d+/, `concurrency: ${concurrency}`)
    .replace(/on_bad_input: fail/, "on_bad_input: skip")
)

const run = (label: string) => {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ["--max-old-space-size=768", "--import", "tsx", path.join(root, "pipeline", "bin.ts"), "build", "--config", config, "--raw", raw, "--out", out], {
    encoding: "utf8",
    maxBuffer: 1 << 28
  })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  const peak = /peak memory: (\d+) MB/.exec(r.stderr)?.[1] ?? "?"
  const cached = /\((\d+) from the cache\)/g
  let fromCache = "0"
  for (const m of r.stderr.matchAll(cached)) fromCache = m[1]!
  console.log(`${label}: ${r.stdout.trim()}`)
  return { seconds, peak, fromCache }
}

const docs = texts.length * copies
const mb = bytes / 1e6
console.log(`corpus: ${docs} documents, ${mb.toFixed(1)} MB (${copies} cop${copies === 1 ? "y" : "ies"} of ${source}), ${concurrency} worker(s)`)
const full = run("full build")
console.log(`full build: ${full.seconds.toFixed(1)} s, ${(mb / full.seconds).toFixed(2)} MB/s, ${(docs / full.seconds).toFixed(0)} documents/s, peak ${full.peak} MB`)
fs.writeFileSync(path.join(raw, "zz_added_one.txt"), fs.readFileSync(path.join(source, texts[0]!), "utf8") + "\nOne more line.\n")
const again = run("rebuild after adding one text")
console.log(`rebuild: ${again.seconds.toFixed(1)} s (${((again.seconds / full.seconds) * 100).toFixed(1)}% of the full build), ${again.fromCache} documents from the cache, peak ${again.peak} MB`)
fs.rmSync(work, { recursive: true, force: true })
