/**
 * Entities benchmark: `npm run bench:entities -- <folder> [--gazetteer data/gazetteer.yaml] [--verbose] [--throughput <folder>]`
 *
 * Runs the entities stage on <folder>/text/*.txt (lines joined as they are: the clean stage is not part of
 * this measurement) and scores it against <folder>/gold.jsonl as the benchmarks README defines for
 * gum-news-dev:
 *   recall    gold named mentions for which the stage has a mention of the same type whose surface overlaps
 *             on word boundaries (one predicted mention answers one gold mention; gold has no offsets, so
 *             surfaces are compared as word sequences: one contains the other, or they share a name word run)
 *   linking   of those, the share whose entity's canonical name equals the Wikipedia title (both folded)
 *   precision the stage's mentions whose surface overlaps some annotated mention (named or not)
 * and the stage's throughput in MB/s over all texts repeated to at least 8 MB (plus, when given or when it
 * exists next to the folder, the wcxb-dev texts).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { detectLanguage } from "../pipeline/stages/language.js"
import YAML from "yaml"
import { Schema } from "effect"
import { Gazetteer } from "../pipeline/stages/entities/gazetteer.js"
import { makeEntityFinder, type EntitiesResult } from "../pipeline/stages/entities/index.js"

interface GoldMention {
  readonly surface: string
  readonly type: string
  readonly identity: string
}
interface GoldDoc {
  readonly id: string
  readonly named: ReadonlyArray<GoldMention>
  readonly all_mentions?: ReadonlyArray<string>
}

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const folder = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--") && args[i - 1] !== "--verbose"))
if (!folder) {
  console.error("usage: npm run bench:entities -- <folder> [--gazetteer data/gazetteer.yaml] [--verbose] [--throughput <folder>]")
  process.exit(2)
}
const verbose = args.includes("--verbose")
const gazFile = flag("--gazetteer") ?? "data/gazetteer.yaml"

const gazetteer = Schema.decodeUnknownSync(Gazetteer)(YAML.parse(fs.readFileSync(gazFile, "utf8")))
const t0 = performance.now()
const find = makeEntityFinder(gazetteer)
const compileMs = performance.now() - t0

/** Folding for comparing names: diacritics, case, punctuation and a leading article dropped. */
export const foldName = (s: string): string =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "")

const STOP = new Set(["the", "a", "an", "of", "s", "'s", "and"])
const words = (s: string): Array<string> => foldName(s).split(" ").filter((w) => w.length > 0)
const contentWords = (s: string): Array<string> => words(s).filter((w) => !STOP.has(w))

/** one word sequence inside the other, on word boundaries */
const containsSeq = (hay: ReadonlyArray<string>, needle: ReadonlyArray<string>): boolean => {
  if (needle.length === 0 || needle.length > hay.length) return false
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer
    return true
  }
  return false
}
/** two spans of words overlap: one contains the other, or the end of one is the start of the other */
const overlaps = (a: string, b: string): boolean => {
  const x = contentWords(a)
  const y = contentWords(b)
  if (containsSeq(x, y) || containsSeq(y, x)) return true
  const edge = (p: ReadonlyArray<string>, q: ReadonlyArray<string>) => {
    for (let n = Math.min(p.length, q.length) - 1; n >= 1; n--) {
      let ok = true
      for (let k = 0; k < n; k++) if (p[p.length - n + k] !== q[k]) ok = false
      if (ok) return true
    }
    return false
  }
  return edge(x, y) || edge(y, x)
}

const textDir = path.join(folder, "text")
const gold: Array<GoldDoc> = fs
  .readFileSync(path.join(folder, "gold.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as GoldDoc)

let goldTotal = 0
let recalled = 0
let linked = 0
let predTotal = 0
let predOk = 0
let predNamed = 0
const byType = new Map<string, { gold: number; hit: number }>()
const misses: Array<string> = []
const badLinks: Array<string> = []
const falsePos: Array<string> = []

for (const doc of gold) {
  const file = path.join(textDir, `${doc.id}.txt`)
  if (!fs.existsSync(file)) continue
  const body = fs.readFileSync(file, "utf8")
  const result: EntitiesResult = find({ body, authors: [], language: detectLanguage(body) })
  const entity = new Map(result.entities.map((e) => [e.entity_id, e]))
  const preds = result.mentions.map((m) => ({ m, e: entity.get(m.entity_id)!, used: false }))
  for (const g of doc.named) {
    goldTotal++
    const bt = byType.get(g.type) ?? { gold: 0, hit: 0 }
    bt.gold++
    byType.set(g.type, bt)
    const gw = contentWords(g.surface).length
    const cands = preds
      .filter((p) => p.e.type === g.type && overlaps(p.m.surface, g.surface))
      .sort((x, y) => Number(x.used) - Number(y.used) || Math.abs(contentWords(x.m.surface).length - gw) - Math.abs(contentWords(y.m.surface).length - gw))
    const pick = cands[0]
    if (!pick) {
      const other = preds.find((p) => overlaps(p.m.surface, g.surface))
      misses.push(`${doc.id}: ${g.type} "${g.surface}"${other ? ` (found as ${other.e.type} "${other.m.surface}")` : ""}`)
      continue
    }
    pick.used = true
    recalled++
    bt.hit++
    if (foldName(pick.e.name) === foldName(g.identity)) linked++
    else badLinks.push(`${doc.id}: "${g.surface}" → "${pick.e.name}" (gold "${g.identity}")`)
  }
  const annotated = [...doc.named.map((g) => g.surface), ...(doc.all_mentions ?? [])]
  for (const p of preds) {
    predTotal++
    if (annotated.some((a) => overlaps(p.m.surface, a))) predOk++
    if (doc.named.some((g) => overlaps(p.m.surface, g.surface))) predNamed++
    else falsePos.push(`${doc.id}: ${p.e.type} "${p.m.surface}" → ${p.m.entity_id}`)
  }
}

const fmt = (x: number) => x.toFixed(3)
console.log(`entities on ${folder} (${gold.length} documents, ${goldTotal} gold named mentions, gazetteer ${gazFile}: ${gazetteer.entities.length} entities)`)
console.log(`  recall     ${fmt(recalled / Math.max(1, goldTotal))}  (${recalled}/${goldTotal}; same type, surface overlapping on word boundaries)`)
for (const [t, v] of byType) console.log(`    ${t.padEnd(13)} ${fmt(v.hit / Math.max(1, v.gold))}  (${v.hit}/${v.gold})`)
console.log(`  linking    ${fmt(linked / Math.max(1, recalled))}  (${linked}/${recalled}; canonical name = Wikipedia title, folded)`)
console.log(`  precision  ${fmt(predOk / Math.max(1, predTotal))}  (${predOk}/${predTotal}; mentions overlapping an annotated mention)`)
console.log(`             ${fmt(predNamed / Math.max(1, predTotal))}  (${predNamed}/${predTotal}; stricter: overlapping a gold named mention, any type)`)
if (verbose) {
  console.log("\nmissed:")
  for (const m of misses) console.log("  " + m)
  console.log("\nwrong link:")
  for (const m of badLinks) console.log("  " + m)
  console.log("\nnot annotated:")
  for (const m of falsePos) console.log("  " + m)
}

// Throughput: the stage alone, on a larger input.
const measure = (label: string, texts: ReadonlyArray<string>): void => {
  if (texts.length === 0) return
  const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0)
  const reps = Math.max(1, Math.ceil((8 * 1024 * 1024) / bytesOnce))
  // warm up (the JIT needs a few MB before it settles), then measure
  const warm = Math.max(1, Math.ceil((3 * 1024 * 1024) / bytesOnce))
  for (let r = 0; r < warm; r++) for (const t of texts) find({ body: t, authors: [], language: null })
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  let mentions = 0
  for (let r = 0; r < reps; r++) for (const t of texts) mentions += find({ body: t, authors: [], language: null }).mentions.length
  const secs = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSecs = (cpu.user + cpu.system) / 1e6
  const mb = (bytesOnce * reps) / (1024 * 1024)
  // CPU time is what the stage costs; wall time also counts whatever else the machine is running
  const scan = yardstick(texts)
  console.log(
    `  throughput ${(mb / cpuSecs).toFixed(1)} MB/s of CPU time (${(mb / secs).toFixed(1)} MB/s wall) on ${label} ` +
      `(${texts.length} texts × ${reps} = ${mb.toFixed(1)} MB, ${mentions} mentions); ` +
      `a bare regex word scan runs at ${scan.toFixed(1)} MB/s here, the stage at ${((mb / cpuSecs) / scan).toFixed(2)}× that`
  )
}
const readTexts = (dir: string): Array<string> =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".txt"))
        .sort()
        .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    : []
/**
 * A yardstick measured the same way on the same input: a bare Unicode word scan (one regex, nothing kept).
 * On a shared or loaded machine absolute MB/s drop for everything; the ratio to this scan does not.
 */
const yardstick = (texts: ReadonlyArray<string>): number => {
  const re = /[\p{L}\p{N}]+/gu
  const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0)
  const reps = Math.max(1, Math.ceil((8 * 1024 * 1024) / bytesOnce))
  let words = 0
  const cpu0 = process.cpuUsage()
  for (let r = 0; r < reps; r++)
    for (const t of texts) {
      re.lastIndex = 0
      while (re.exec(t) !== null) words++
    }
  const cpu = process.cpuUsage(cpu0)
  return (bytesOnce * reps) / (1024 * 1024) / ((cpu.user + cpu.system) / 1e6) + 0 * words
}
console.log(`  compile    ${compileMs.toFixed(0)} ms for the gazetteer`)
measure(`${folder}/text`, readTexts(textDir))
const wcxb = flag("--throughput") ?? path.join(path.dirname(path.resolve(folder)), "wcxb-dev")
measure(`${wcxb}/text`, readTexts(path.join(wcxb, "text")))
