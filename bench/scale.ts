/**
 * npm run bench:scale -- <folder>... [--copies N] [--concurrency C] [--no-chrono]
 *
 * Builds a corpus of N renamed copies of the texts of the folders (each <folder>/text, <folder> itself, or every
 * <folder>/<sub>/text: `../shared/benchmarks` takes every benchmark's texts) end to end, then rebuilds after adding one
 * text and after changing one. For each run it prints wall and CPU seconds (the build's process, worker threads
 * included), MB/s, each phase's share of the wall time (from the build's own `timing:` line), peak resident memory,
 * and the bytes the run added to out/ (hard-linked files counted once). In the same command, on the same texts, it
 * times a plain chrono-node pass (chrono.parse on every paragraph, one core) and prints the build's speed as a
 * ratio to it, so the figure means the same on a loaded machine.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import * as chrono from "chrono-node"
import { benchArgs, buildEntry, makeCorpus } from "./corpus.js"

const { args, flag, folders } = benchArgs(["--copies", "--concurrency"])
if (folders.length === 0) {
  console.error("usage: npm run bench:scale -- <folder>... [--copies N] [--concurrency C] [--no-chrono]")
  process.exit(2)
}
const copies = Number(flag("--copies", "1"))
const concurrency = flag("--concurrency", String(os.availableParallelism()))
const corpus = makeCorpus(folders, copies, concurrency)
const { raw, out, config, bytes, texts, sources } = corpus

/** Bytes below a folder, each file once however many hard links it has, leaving out the cache. */
const diskBytes = (dir: string): number => {
  const seen = new Set<number>()
  let total = 0
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      if (name === ".cache") continue
      const abs = path.join(d, name)
      const st = fs.lstatSync(abs)
      if (st.isDirectory()) walk(abs)
      else if (!seen.has(st.ino)) {
        seen.add(st.ino)
        total += st.size
      }
    }
  }
  if (fs.existsSync(dir)) walk(dir)
  return total
}

const entry = buildEntry()

interface Run {
  readonly wall: number
  readonly cpu: number
  readonly peak: number
  readonly fromCache: number
  readonly phases: Array<[string, number]>
  readonly added: number
}

const run = (label: string): Run => {
  const before = diskBytes(out)
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ["--max-old-space-size=512", ...entry, "build", "--config", config, "--raw", raw, "--out", out], {
    encoding: "utf8",
    maxBuffer: 1 << 28
  })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  const timing = /^timing: ([\d.]+) s wall, ([\d.]+) s CPU; (.*); peak memory (\d+) MB$/m.exec(r.stderr)
  const phases = (timing?.[3] ?? "").split(", ").map((p) => /^(.+) ([\d.]+) s$/.exec(p)).filter((m) => m !== null).map((m) => [m![1]!, Number(m![2])] as [string, number])
  let fromCache = 0
  for (const m of r.stderr.matchAll(/([\d,]+) from the cache/g)) fromCache = Number(m[1]!.replace(/,/g, ""))
  console.log(`${label}: ${r.stdout.trim()}`)
  return { wall, cpu: Number(timing?.[2] ?? NaN), peak: Number(timing?.[4] ?? NaN), fromCache, phases, added: diskBytes(out) - before }
}

const mb = bytes / 1e6
const docs = corpus.documents
const share = (r: Run) => {
  const total = r.phases.reduce((n, [, s]) => n + s, 0) || 1
  return r.phases.map(([n, s]) => `${n} ${((s / total) * 100).toFixed(0)}%`).join(", ")
}
console.log(`corpus: ${docs} documents, ${mb.toFixed(1)} MB (${copies} cop${copies === 1 ? "y" : "ies"} of ${sources.join(", ")}), ${concurrency} worker(s), ${os.availableParallelism()} cores`)

let chronoMBs = NaN
let chronoCpu = NaN
if (!args.includes("--no-chrono")) {
  // the reference: chrono-node on every paragraph of the same texts, one core, nothing else
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  let found = 0
  for (let c = 0; c < copies; c++) for (const t of texts) for (const p of fs.readFileSync(path.join(t.dir, t.f), "utf8").split(/\n\s*\n/)) found += chrono.parse(p).length
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu = process.cpuUsage(cpu0)
  chronoMBs = mb / wall
  chronoCpu = (cpu.user + cpu.system) / 1e6
  console.log(`plain chrono-node pass: ${wall.toFixed(1)} s wall, ${chronoCpu.toFixed(1)} s CPU, ${chronoMBs.toFixed(2)} MB/s (${found} dates)`)
}

const full = run("full build")
// on a loaded machine the wall ratio moves with the load; the CPU ratio (seconds of CPU per MB) does not
const ratio = Number.isNaN(chronoMBs)
  ? ""
  : `; ${(mb / full.wall / chronoMBs).toFixed(2)}× the plain chrono-node pass's speed (wall), ${(full.cpu / chronoCpu).toFixed(2)}× its CPU time`
console.log(
  `full build: ${full.wall.toFixed(1)} s wall, ${full.cpu.toFixed(1)} s CPU, ${(mb / full.wall).toFixed(2)} MB/s${ratio}; peak ${full.peak} MB; ` +
    `release adds ${(full.added / 1e6).toFixed(1)} MB to out/\n  phases: ${share(full)}`
)

const first = texts[0]!
fs.writeFileSync(path.join(raw, "zz_added_one.txt"), fs.readFileSync(path.join(first.dir, first.f), "utf8") + "\nOne more line about the border on 3 May 2021.\n")
const added = run("rebuild after adding one text")
const report = (what: string, r: Run) =>
  console.log(
    `${what}: ${r.wall.toFixed(1)} s wall (${((r.wall / full.wall) * 100).toFixed(1)}% of the full build), ${r.cpu.toFixed(1)} s CPU, ` +
      `${r.fromCache} documents from the cache, peak ${r.peak} MB; adds ${(r.added / 1e6).toFixed(1)} MB to out/ ` +
      `(${((r.added / full.added) * 100).toFixed(1)}% of a full release)\n  phases: ${share(r)}`
  )
report("rebuild after adding one text", added)
const changed = path.join(raw, "copy0000", "s0", first.f)
fs.appendFileSync(changed, "\nA corrected paragraph: Russian border guards met Tajik officers in Dushanbe on 12 May 2021.\n")
report("rebuild after changing one text", run("rebuild after changing one text"))
corpus.remove()
