/**
 * Benchmark of the clean stage: `npm run bench:clean -- <benchmark folder> [--worst N] [--only id,id]`
 * Reads <folder>/text/*.txt and <folder>/gold.jsonl, cleans every text with data/clean-rules.yaml and prints the
 * benchmark's own scores (aeb: 4-word-shingle F1; wcxb: word F1 per page type, must-include/must-exclude snippets),
 * the time taken and the worst pages with what was wrongly kept or dropped.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs"
import { join, dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { Schema } from "effect"
import YAML from "yaml"
import { cleanText, type CleanResult } from "../pipeline/stages/clean/index.js"
import { CleanRules } from "../pipeline/stages/clean/rules.js"

interface Gold {
  readonly id: string
  readonly page_type?: string
  readonly main_content: string | null
  readonly with?: ReadonlyArray<string>
  readonly without?: ReadonlyArray<string>
  readonly title?: string
  readonly author?: string | null
}

const args = process.argv.slice(2)
const folder = args.find((a) => !a.startsWith("--"))
if (!folder) {
  console.error("usage: npm run bench:clean -- <benchmark folder> [--worst N] [--only id,id] [--dump id]")
  process.exit(2)
}
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const worstN = Number(opt("worst") ?? 10)
const only = opt("only")?.split(",")
const dump = opt("dump")

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const rules = Schema.decodeUnknownSync(CleanRules)(YAML.parse(readFileSync(join(root, "data/clean-rules.yaml"), "utf8")))

const golds = readFileSync(join(folder, "gold.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Gold)
  .filter((g) => !only || only.includes(g.id))
const isWcxb = golds.some((g) => g.with !== undefined)

const WORD = /[\p{L}\p{N}\p{M}_]+/gu
const words = (s: string, lower: boolean): Array<string> => (lower ? s.toLowerCase() : s).match(WORD) ?? []
const multiset = (xs: ReadonlyArray<string>): Map<string, number> => {
  const m = new Map<string, number>()
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1)
  return m
}
const overlap = (a: Map<string, number>, b: Map<string, number>): number => {
  let n = 0
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0)
  return n
}
const shingles = (ws: ReadonlyArray<string>): Array<string> => {
  const out: Array<string> = []
  for (let i = 0; i + 4 <= ws.length; i++) out.push(ws.slice(i, i + 4).join(" "))
  if (out.length === 0 && ws.length > 0) out.push(ws.join(" "))
  return out
}
const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, " ").trim()

/** what the words of a differ from b: the words of a not covered by b (multiset), in order, as a short excerpt */
const diffExcerpt = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): string => {
  const left = multiset(b)
  const out: Array<string> = []
  let run: Array<string> = []
  for (const w of a) {
    const n = left.get(w) ?? 0
    if (n > 0) {
      left.set(w, n - 1)
      if (run.length >= 3) out.push(run.join(" "))
      run = []
    } else run.push(w)
  }
  if (run.length >= 3) out.push(run.join(" "))
  return out.map((s) => (s.length > 160 ? s.slice(0, 160) + "…" : s)).slice(0, 4).join(" | ")
}

interface PageScore {
  readonly id: string
  readonly type: string
  readonly score: number
  readonly kept: string
  readonly dropped: string
  readonly withMissed: ReadonlyArray<string>
  readonly withoutKept: ReadonlyArray<string>
}

/** a forum's prediction: the opening post, then each reply as shown on the page (its author and date line, its text) */
const prediction = (r: CleanResult): string =>
  [r.body, ...r.comments.map((c) => [c.author, c.posted_text, c.body].filter((s) => s).join("\n"))].filter((s) => s !== "").join("\n\n")

let bytes = 0
let ms = 0
let cpuMs = 0
const pages: Array<PageScore> = []
let aebP = 0
let aebR = 0
let shTp = 0
let shFp = 0
let shFn = 0
let forumPlainSum = 0
let forumPlainN = 0
let withTotal = 0
let withFound = 0
let withoutTotal = 0
let withoutAbsent = 0
const kinds = new Map<string, number>()

for (const g of golds) {
  const file = join(folder, "text", `${g.id}.txt`)
  if (!existsSync(file)) continue
  const text = readFileSync(file, "utf8").normalize("NFC").replace(/\r\n?/g, "\n")
  bytes += Buffer.byteLength(text)
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const r = cleanText(text, rules)
  const c1 = process.cpuUsage(c0)
  ms += performance.now() - t0
  cpuMs += (c1.user + c1.system) / 1000
  const kk = `${g.page_type ?? "article"}->${r.kind}`
  kinds.set(kk, (kinds.get(kk) ?? 0) + 1)
  if (dump === g.id) {
    console.log(JSON.stringify({ ...r, removed: r.removed.map((x) => `${x.line_no} [${x.reason}] ${x.text.slice(0, 100)}`) }, null, 1))
  }
  const pred = g.page_type === "forum" ? prediction(r) : r.body
  if (isWcxb) {
    const pw = words(pred, true)
    const gw = words(g.main_content ?? "", true)
    const o = overlap(multiset(pw), multiset(gw))
    const p = pw.length ? o / pw.length : 0
    const rc = gw.length ? o / gw.length : 0
    const f1 = p + rc > 0 ? (2 * p * rc) / (p + rc) : pw.length === 0 && gw.length === 0 ? 1 : 0
    if (g.page_type === "forum") {
      // the same score with the comments' text only (no author and date lines), for comparison
      const qw = words([r.body, ...r.comments.map((c) => c.body)].join("\n\n"), true)
      const oq = overlap(multiset(qw), multiset(gw))
      const pq = qw.length ? oq / qw.length : 0
      const rq = gw.length ? oq / gw.length : 0
      forumPlainSum += pq + rq > 0 ? (2 * pq * rq) / (pq + rq) : 0
      forumPlainN++
    }
    const fp = fold(pred)
    const withMissed = (g.with ?? []).filter((s) => !fp.includes(fold(s)))
    const withoutKept = (g.without ?? []).filter((s) => fp.includes(fold(s)))
    withTotal += (g.with ?? []).length
    withFound += (g.with ?? []).length - withMissed.length
    withoutTotal += (g.without ?? []).length
    withoutAbsent += (g.without ?? []).length - withoutKept.length
    pages.push({ id: g.id, type: g.page_type ?? "article", score: f1, kept: diffExcerpt(pw, gw), dropped: diffExcerpt(gw, pw), withMissed, withoutKept })
  } else {
    const pw = words(pred, false)
    const gw = words(g.main_content ?? "", false)
    const ps = multiset(shingles(pw))
    const gs = multiset(shingles(gw))
    const tp = overlap(ps, gs)
    const fp = shingles(pw).length - tp
    const fn = shingles(gw).length - tp
    const sum = tp + fp + fn
    const [ntp, nfp, nfn] = sum > 0 ? [tp / sum, fp / sum, fn / sum] : [1, 0, 0]
    shTp += ntp
    shFp += nfp
    shFn += nfn
    const p = ntp + nfp > 0 ? ntp / (ntp + nfp) : 0
    const rc = ntp + nfn > 0 ? ntp / (ntp + nfn) : 0
    aebP += p
    aebR += rc
    const f1 = p + rc > 0 ? (2 * p * rc) / (p + rc) : 0
    pages.push({ id: g.id, type: "article", score: f1, kept: diffExcerpt(pw, gw), dropped: diffExcerpt(gw, pw), withMissed: [], withoutKept: [] })
  }
}

const f = (x: number): string => x.toFixed(3)
console.log(`benchmark: ${folder} (${pages.length} pages)`)
if (isWcxb) {
  for (const type of [...new Set(pages.map((p) => p.type))].sort()) {
    const ps = pages.filter((p) => p.type === type)
    console.log(`word F1 ${type.padEnd(8)} ${f(ps.reduce((s, p) => s + p.score, 0) / ps.length)}  (${ps.length} pages)`)
  }
  if (forumPlainN > 0) console.log(`word F1 forum, comments without their author/date lines ${f(forumPlainSum / forumPlainN)}`)
  console.log(`must-include kept    ${f(withFound / Math.max(1, withTotal))}  (${withFound}/${withTotal})`)
  console.log(`must-exclude dropped ${f(withoutAbsent / Math.max(1, withoutTotal))}  (${withoutAbsent}/${withoutTotal})`)
} else {
  const P = aebP / pages.length
  const R = aebR / pages.length
  console.log(`shingle precision ${f(P)}  recall ${f(R)}  F1 ${f((2 * P * R) / (P + R))}  (per-page averages)`)
  const P2 = shTp / (shTp + shFp)
  const R2 = shTp / (shTp + shFn)
  console.log(`shingle F1 over pooled normalised counts ${f((2 * P2 * R2) / (P2 + R2))}`)
}
console.log(`kinds: ${[...kinds].map(([k, n]) => `${k}=${n}`).join(" ")}`)
console.log(
  `time ${ms.toFixed(0)} ms wall (${cpuMs.toFixed(0)} ms CPU) for ${(bytes / 1e6).toFixed(1)} MB: ` +
    `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s wall, ${(bytes / 1e6 / (cpuMs / 1000)).toFixed(1)} MB/s CPU`
)
console.log(`\n${worstN} worst pages:`)
for (const p of [...pages].sort((a, b) => a.score - b.score).slice(0, worstN)) {
  console.log(`- ${p.id} (${p.type}) ${f(p.score)}`)
  if (p.kept) console.log(`    wrongly kept:    ${p.kept}`)
  if (p.dropped) console.log(`    wrongly dropped: ${p.dropped}`)
  if (p.withMissed.length) console.log(`    must-include missed: ${p.withMissed.map((s) => JSON.stringify(s)).join(", ")}`)
  if (p.withoutKept.length) console.log(`    must-exclude kept:   ${p.withoutKept.map((s) => JSON.stringify(s)).join(", ")}`)
}
