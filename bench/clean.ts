/**
 * Benchmark of the clean stage: `npm run bench:clean -- <benchmark folder> [--worst N] [--only id,id] [--split]`
 * Reads <folder>/text/*.txt and <folder>/gold.jsonl, cleans every text with data/clean-rules.yaml and prints the
 * benchmark's own scores (aeb: 4-word-shingle F1; wcxb: word F1 per page type, must-include/must-exclude snippets),
 * where the gold has them the title (exact after folding case and white space) and the authors (right when the set
 * of names is the gold's, both split at commas, semicolons, '&', 'and' and '|', folded), per page type; the time
 * taken and the worst pages with what was wrongly kept or dropped. `--split` prints every figure also for a fixed
 * fifth of the pages (by a hash of the id) and the rest, so work tuned on the rest can be checked on pages it never saw.
 * `--warm` times a second pass (the first one, untimed, compiles the stage's code as a long build has it compiled).
 * `--digest <folder>...` prints a digest of every page's whole result instead (see below).
 */
import { createHash } from "node:crypto"
import { readFileSync, existsSync, readdirSync, writeFileSync } from "node:fs"
import { join, dirname, basename } from "node:path"
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
  readonly url?: string
}

const args = process.argv.slice(2)
/** the options that take a value: what follows them is no folder */
const VALUED = new Set(["--worst", "--only", "--dump", "--out"])
const folders = args.filter((a, i) => !a.startsWith("--") && !VALUED.has(args[i - 1] ?? ""))
const folder = folders[0]
if (!folder) {
  console.error(
    "usage: npm run bench:clean -- <benchmark folder> [--worst N] [--only id,id] [--dump id] [--split] [--warm]\n" +
      "       npm run bench:clean -- --digest <folder> [<folder> ...] [--out results.jsonl]"
  )
  process.exit(2)
}
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const worstN = Number(opt("worst") ?? 10)
const only = opt("only")?.split(",")
const dump = opt("dump")
const split = args.includes("--split")
const warm = args.includes("--warm")

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const rules = Schema.decodeUnknownSync(CleanRules)(YAML.parse(readFileSync(join(root, "data/clean-rules.yaml"), "utf8")))

/**
 * `--digest`: every page's whole result (body, title, authors, kind, comments with their dates, removed lines with their
 * reasons, the published hint) as one JSON line per page, and the SHA-256 of those lines per folder and over all of
 * them: a change that is meant to be only faster must leave the digests as they were. A folder is a benchmark's (its
 * text/ and gold.jsonl, whose url is passed as the bench passes it) or a folder of .txt files (the seeds: raw/). Every
 * page is given one fixed capture time, so replies that show only an age are dated too.
 */
if (args.includes("--digest")) {
  const out = opt("out")
  const lines: Array<string> = []
  const all = createHash("sha256")
  for (const dir of folders) {
    const textDir = existsSync(join(dir, "text")) ? join(dir, "text") : dir
    const urls = new Map<string, string>()
    if (existsSync(join(dir, "gold.jsonl")))
      for (const l of readFileSync(join(dir, "gold.jsonl"), "utf8").split("\n"))
        if (l.trim() !== "") {
          const g = JSON.parse(l) as { id: string; url?: string }
          if (g.url) urls.set(g.id, g.url)
        }
    const hash = createHash("sha256")
    const files = readdirSync(textDir).filter((f) => f.endsWith(".txt")).sort()
    for (const f of files) {
      const id = f.slice(0, -4)
      const text = readFileSync(join(textDir, f), "utf8").normalize("NFC").replace(/\r\n?/g, "\n")
      const r = cleanText(text, rules, { url: urls.get(id) ?? null, retrieved_at: "2025-06-15T12:00:00Z" })
      const line = JSON.stringify({ folder: basename(dir), id, ...r })
      hash.update(line + "\n")
      all.update(line + "\n")
      if (out) lines.push(line)
    }
    console.log(`digest ${basename(dir).padEnd(10)} ${String(files.length).padStart(4)} pages  sha256:${hash.digest("hex")}`)
  }
  console.log(`digest all${" ".repeat(17)}sha256:${all.digest("hex")}`)
  if (out) writeFileSync(out, lines.join("\n") + "\n")
  process.exit(0)
}

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
  /** word F1 (wcxb) or 4-shingle F1 (aeb) */
  readonly score: number
  readonly kept: string
  readonly dropped: string
  readonly withMissed: ReadonlyArray<string>
  readonly withoutKept: ReadonlyArray<string>
  readonly withTotal: number
  readonly withoutTotal: number
  /** wcxb forums: word F1 of the posts' text without the comments' author and date lines */
  readonly plainScore: number
  /** aeb: the page's shingle counts normalised to sum 1, and its precision and recall */
  readonly shingles: { readonly tp: number; readonly fp: number; readonly fn: number; readonly p: number; readonly r: number }
  /** null when the gold has no title */
  readonly titleRight: boolean | null
  /** null when the gold names no author */
  readonly authorRight: boolean | null
  /** authors given where the gold names none */
  readonly authorInvented: boolean
  /** the page's replies, and those with the date their header shows */
  readonly replies: number
  readonly repliesDated: number
  readonly heldOut: boolean
}

/** a fixed fifth of the pages, chosen by the id's hash: kept out of tuning, scored apart with --split */
const isHeldOut = (id: string): boolean => createHash("sha256").update(id).digest()[0]! % 5 === 0
const NAME_SEPARATORS = /\s*(?:,|;|&|\||\band\b)\s*/iu
const nameSet = (names: ReadonlyArray<string>): Set<string> =>
  new Set(names.flatMap((n) => fold(n).split(NAME_SEPARATORS)).filter((n) => n !== ""))
const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x))

/** a forum's prediction: the opening post, then each reply as shown on the page (its author and date line, its text) */
const prediction = (r: CleanResult): string =>
  [r.body, ...r.comments.map((c) => [c.author, c.posted_text, c.body].filter((s) => s).join("\n"))].filter((s) => s !== "").join("\n\n")

const wordF1 = (pred: string, gold: string): { f1: number; pw: Array<string>; gw: Array<string> } => {
  const pw = words(pred, true)
  const gw = words(gold, true)
  const o = overlap(multiset(pw), multiset(gw))
  const p = pw.length ? o / pw.length : 0
  const rc = gw.length ? o / gw.length : 0
  return { f1: p + rc > 0 ? (2 * p * rc) / (p + rc) : pw.length === 0 && gw.length === 0 ? 1 : 0, pw, gw }
}

const score = (g: Gold, r: CleanResult): PageScore => {
  const type = g.page_type ?? "article"
  const pred = type === "forum" ? prediction(r) : r.body
  const common = {
    id: g.id,
    type,
    titleRight: g.title ? fold(r.title ?? "") === fold(g.title) : null,
    authorRight: g.author ? sameSet(nameSet(r.authors), nameSet([g.author])) : null,
    authorInvented: g.title !== undefined && !g.author && r.authors.length > 0,
    replies: r.comments.length,
    repliesDated: r.comments.filter((c) => c.posted_text !== null).length,
    heldOut: isHeldOut(g.id)
  }
  if (isWcxb) {
    const { f1, pw, gw } = wordF1(pred, g.main_content ?? "")
    const fp = fold(pred)
    return {
      ...common,
      score: f1,
      kept: diffExcerpt(pw, gw),
      dropped: diffExcerpt(gw, pw),
      withMissed: (g.with ?? []).filter((s) => !fp.includes(fold(s))),
      withoutKept: (g.without ?? []).filter((s) => fp.includes(fold(s))),
      withTotal: (g.with ?? []).length,
      withoutTotal: (g.without ?? []).length,
      plainScore: type === "forum" ? wordF1([r.body, ...r.comments.map((c) => c.body)].join("\n\n"), g.main_content ?? "").f1 : f1,
      shingles: { tp: 0, fp: 0, fn: 0, p: 0, r: 0 }
    }
  }
  const pw = words(pred, false)
  const gw = words(g.main_content ?? "", false)
  const tp = overlap(multiset(shingles(pw)), multiset(shingles(gw)))
  const fp = shingles(pw).length - tp
  const fn = shingles(gw).length - tp
  const sum = tp + fp + fn
  const [ntp, nfp, nfn] = sum > 0 ? [tp / sum, fp / sum, fn / sum] : [1, 0, 0]
  const p = ntp + nfp > 0 ? ntp / (ntp + nfp) : 0
  const rc = ntp + nfn > 0 ? ntp / (ntp + nfn) : 0
  return {
    ...common,
    score: p + rc > 0 ? (2 * p * rc) / (p + rc) : 0,
    kept: diffExcerpt(pw, gw),
    dropped: diffExcerpt(gw, pw),
    withMissed: [],
    withoutKept: [],
    withTotal: 0,
    withoutTotal: 0,
    plainScore: 0,
    shingles: { tp: ntp, fp: nfp, fn: nfn, p, r: rc }
  }
}

let bytes = 0
let ms = 0
let cpuMs = 0
const pages: Array<PageScore> = []
const kinds = new Map<string, number>()

const texts = golds.flatMap((g) => {
  const file = join(folder, "text", `${g.id}.txt`)
  return existsSync(file) ? [{ g, text: readFileSync(file, "utf8").normalize("NFC").replace(/\r\n?/g, "\n") }] : []
})
if (warm) for (const { g, text } of texts) cleanText(text, rules, { url: g.url ?? null })

for (const { g, text } of texts) {
  bytes += Buffer.byteLength(text)
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const r = cleanText(text, rules, { url: g.url ?? null })
  const c1 = process.cpuUsage(c0)
  ms += performance.now() - t0
  cpuMs += (c1.user + c1.system) / 1000
  const kk = `${g.page_type ?? "article"}->${r.kind}`
  kinds.set(kk, (kinds.get(kk) ?? 0) + 1)
  if (dump === g.id) {
    console.log(JSON.stringify({ ...r, removed: r.removed.map((x) => `${x.line_no} [${x.reason}] ${x.text.slice(0, 100)}`) }, null, 1))
  }
  pages.push(score(g, r))
}

const f = (x: number): string => x.toFixed(3)
const mean = (xs: ReadonlyArray<number>): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
const share = (xs: ReadonlyArray<boolean>): string => `${f(xs.filter((x) => x).length / Math.max(1, xs.length))}  (${xs.filter((x) => x).length}/${xs.length})`

/** every figure of a set of pages */
const report = (ps: ReadonlyArray<PageScore>, label: string): void => {
  console.log(`${label} (${ps.length} pages)`)
  const types = [...new Set(ps.map((p) => p.type))].sort()
  if (isWcxb) {
    for (const type of types) {
      const t = ps.filter((p) => p.type === type)
      console.log(`word F1 ${type.padEnd(8)} ${f(mean(t.map((p) => p.score)))}  (${t.length} pages)`)
    }
    const forums = ps.filter((p) => p.type === "forum")
    if (forums.length > 0) console.log(`word F1 forum, comments without their author/date lines ${f(mean(forums.map((p) => p.plainScore)))}`)
    const withTotal = ps.reduce((s, p) => s + p.withTotal, 0)
    const withFound = withTotal - ps.reduce((s, p) => s + p.withMissed.length, 0)
    const withoutTotal = ps.reduce((s, p) => s + p.withoutTotal, 0)
    const withoutAbsent = withoutTotal - ps.reduce((s, p) => s + p.withoutKept.length, 0)
    console.log(`must-include kept    ${f(withFound / Math.max(1, withTotal))}  (${withFound}/${withTotal})`)
    console.log(`must-exclude dropped ${f(withoutAbsent / Math.max(1, withoutTotal))}  (${withoutAbsent}/${withoutTotal})`)
  } else {
    const P = mean(ps.map((p) => p.shingles.p))
    const R = mean(ps.map((p) => p.shingles.r))
    console.log(`shingle precision ${f(P)}  recall ${f(R)}  F1 ${f((2 * P * R) / (P + R))}  (per-page averages)`)
    const tp = ps.reduce((s, p) => s + p.shingles.tp, 0)
    const P2 = tp / (tp + ps.reduce((s, p) => s + p.shingles.fp, 0))
    const R2 = tp / (tp + ps.reduce((s, p) => s + p.shingles.fn, 0))
    console.log(`shingle F1 over pooled normalised counts ${f((2 * P2 * R2) / (P2 + R2))}`)
  }
  for (const type of types) {
    const t = ps.filter((p) => p.type === type)
    const titled = t.flatMap((p) => (p.titleRight === null ? [] : [p.titleRight]))
    const authored = t.flatMap((p) => (p.authorRight === null ? [] : [p.authorRight]))
    const unauthored = t.filter((p) => p.authorRight === null && p.titleRight !== null)
    if (titled.length > 0) console.log(`title exact   ${type.padEnd(8)} ${share(titled)}`)
    if (authored.length > 0) console.log(`author right  ${type.padEnd(8)} ${share(authored)}  where gold names one`)
    if (unauthored.length > 0) console.log(`author given  ${type.padEnd(8)} ${share(unauthored.map((p) => p.authorInvented))}  where gold names none`)
    const replies = t.reduce((s, p) => s + p.replies, 0)
    if (type === "forum" && replies > 0)
      console.log(`replies dated ${type.padEnd(8)} ${f(t.reduce((s, p) => s + p.repliesDated, 0) / replies)}  (${t.reduce((s, p) => s + p.repliesDated, 0)}/${replies} replies with the date their header shows; no gold)`)
  }
  const titledAll = ps.flatMap((p) => (p.titleRight === null ? [] : [p.titleRight]))
  const authoredAll = ps.flatMap((p) => (p.authorRight === null ? [] : [p.authorRight]))
  if (types.length > 1 && titledAll.length > 0) console.log(`title exact   all      ${share(titledAll)}`)
  if (types.length > 1 && authoredAll.length > 0) console.log(`author right  all      ${share(authoredAll)}  where gold names one`)
  if (titledAll.length === 0) console.log("(no gold titles or authors in this folder)")
}

console.log(`benchmark: ${folder}`)
report(pages, "all pages")
if (split) {
  console.log("")
  report(pages.filter((p) => !p.heldOut), "--split: tuning pages")
  console.log("")
  report(pages.filter((p) => p.heldOut), "--split: held-out fifth")
}
console.log(`kinds: ${[...kinds].map(([k, n]) => `${k}=${n}`).join(" ")}`)
console.log(
  `time${warm ? " (second pass)" : ""} ${ms.toFixed(0)} ms wall (${cpuMs.toFixed(0)} ms CPU) for ${(bytes / 1e6).toFixed(1)} MB: ` +
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
