/**
 * Benchmark of the dates stage: `npm run bench:dates -- <folder> [<folder> ...] [--half a|b] [--verbose] [--pass-through] [--warm]`.
 *
 * - A TempEval-3 folder (TimeML `.tml` files, e.g. ../shared/benchmarks/tempeval3-dev), run with `vague: true` (the
 *   gold has PRESENT_REF, PAST_REF, FUTURE_REF): for every gold TIMEX3 of type DATE other than the creation time, the
 *   stage runs on the document text with the creation time as the reference date; a prediction matches a gold date
 *   when their spans overlap. Values are compared exactly as TimeML writes them (`1998-Q3`, `1998-W08`, `199X`,
 *   `2000-01-05TEV`, `PRESENT_REF`); the only mapping is `--12-26` = `XXXX-12-26`. Prints detection recall and
 *   precision (strict: every prediction not on a gold DATE is a false positive; lenient: predictions on a gold
 *   TIME/DURATION/SET are left out), the share of detected gold values reproduced exactly, value F1 = detection F1 x
 *   value accuracy (strict precision), and the share right of each granularity's gold values.
 * - A folder of pages (text/<id>.txt + gold.jsonl: wcxb-dev, aeb, gum-dev, nerel-dev): each page goes through the
 *   clean stage (data/clean-rules.yaml; `--pass-through` keeps every line) and the dates stage without metadata or
 *   reference date, as a build without sidecars. Prints the publication date exact where gold has one and the share of
 *   pages given one where gold has none (when the gold has `publish_date`), and the detection recall of the gold's
 *   calendar date spans (when the gold has `dates`, as nerel-dev: the share of its spans some mention overlaps).
 *
 * Every folder also prints: mentions found; dates inferred (not written in full) that resolve after the document's
 * publication (or reference) date although neither their words, nor the words right before them (a deadline, a payment
 * day: "by", "until", "payable", "effective"), nor their sentence (will, would, scheduled, expected, plans) point to the
 * future: the count, and with `--verbose` the list; rows whose `earliest`/`latest` are out of order, or empty while the value has a year; and
 * throughput: UTF-8 MB of body per CPU second spent in the dates stage (wall clock means nothing on a shared machine).
 * `--half a|b` keeps only one half of each folder's documents, split by a hash of the file name (study errors on one
 * half, check that a change helps the other about as much).
 * `--dump <file>` writes every document's result as JSON lines (compare two runs to prove a change keeps the output).
 * `--warm` times passes after three untimed ones (the compiled code warm, as in a long build; each pass with its own
 * config object, so what the stage keeps per configuration starts empty), as many as make up a CPU second.
 */
import { readFileSync, readdirSync, existsSync, statSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { inHalf } from "./corpus.js"
import { Schema } from "effect"
import { parse as parseYaml } from "yaml"
import { resolveDates, type DatesConfig, type DatesResult, type DateMention } from "../pipeline/stages/dates/index.js"
import { cleanText, type CleanResult } from "../pipeline/stages/clean/index.js"
import { CleanRules } from "../pipeline/stages/clean/rules.js"
import { loadEventsFile } from "../pipeline/stages/events.js"
import { detectLanguage } from "../pipeline/stages/language.js"

const args = process.argv.slice(2).filter((a) => a !== "--")
const VALUE_FLAGS = new Set(["--dump", "--half"])
const folders = args.filter((a, i) => !a.startsWith("--") && !VALUE_FLAGS.has(args[i - 1]!))
if (folders.length === 0 || folders.some((f) => !existsSync(f))) {
  console.error("usage: npm run bench:dates -- <folder> [<folder> ...]   (TempEval-3 TimeML folders or folders of text/ + gold.jsonl)")
  process.exit(1)
}
const verbose = args.includes("--verbose")
/** `--half a|b`: only the documents of one half (by a hash of the file name), to study errors on one and check on the other */
const halfAt = args.indexOf("--half")
const half = halfAt >= 0 ? args[halfAt + 1] : undefined
if (half !== undefined && half !== "a" && half !== "b") {
  console.error("--half takes a or b")
  process.exit(1)
}
const halfLabel = half ? ` (half ${half})` : ""
const warm = args.includes("--warm")
/** `--dump <file>`: every result of every document as JSON lines, to prove a change leaves the output as it was */
const dumpAt = args.indexOf("--dump")
const dumpPath = dumpAt >= 0 ? args[dumpAt + 1] : undefined
const dumpLines: Array<string> = []
const dump = (folder: string, id: string, res: DatesResult) => {
  if (dumpPath) dumpLines.push(JSON.stringify({ folder: basename(folder), id, ...res }))
}

const eventsPath = new URL("../data/events.yaml", import.meta.url)
const events = existsSync(eventsPath) ? loadEventsFile(readFileSync(eventsPath, "utf8")) : []
const config: DatesConfig = { events }

const passThrough = (text: string): CleanResult => ({
  title: null,
  authors: [],
  kind: "page",
  body: text
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "")
    .join("\n\n"),
  comments: [],
  removed: [],
  publishedHint: null
})

const pct = (a: number, b: number) => (b === 0 ? "  -  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`)
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-")

/** The stage on one document, timed in CPU time (the language is detected beforehand, outside the timing). */
const timing = { bytes: 0, micros: 0 }
interface StageInput {
  readonly cleaned: CleanResult
  readonly referenceDate: string | null
  readonly language: string | null
}
const inputOf = (cleaned: CleanResult, referenceDate: string | null): StageInput => ({ cleaned, referenceDate, language: detectLanguage(cleaned.body) })
const WARM_PASSES = 3
const warmUp = (inputs: ReadonlyArray<StageInput>, cfg: DatesConfig) => {
  if (!warm) return
  for (let i = 0; i < WARM_PASSES; i++) {
    const fresh = { ...cfg }
    for (const x of inputs) resolveDates({ cleaned: x.cleaned, statedPublished: null, referenceDate: x.referenceDate, language: x.language }, fresh)
  }
}
/** with `--warm`, more timed passes after the scored one until the timing holds a CPU second (small folders time noisily) */
const TIMED_MICROS = 1_000_000
const timeMore = (inputs: ReadonlyArray<StageInput>, cfg: DatesConfig) => {
  if (!warm) return
  while (timing.micros < TIMED_MICROS) {
    const fresh = { ...cfg }
    for (const x of inputs) timedDates(x, fresh)
  }
}
const timedDates = ({ cleaned, referenceDate, language }: StageInput, cfg: DatesConfig): DatesResult => {
  const t0 = process.cpuUsage()
  const res = resolveDates({ cleaned, statedPublished: null, referenceDate, language }, cfg)
  const dt = process.cpuUsage(t0)
  timing.micros += dt.user + dt.system
  timing.bytes += Buffer.byteLength(cleaned.body, "utf8")
  return res
}
const throughput = () =>
  `${(timing.bytes / 1e6 / (timing.micros / 1e6)).toFixed(2)} MB/s  (${(timing.bytes / 1e6).toFixed(2)} MB of body text in ${(timing.micros / 1e6).toFixed(2)} CPU s of the dates stage${warm ? ", warm" : ""})`

// ---------------------------------------------------------------------------------------------------------------
// Checks that apply to every folder

/** words of the expression itself that point ahead ("next week", "tomorrow", "через год") */
const FORWARD_WORDS =
  /\b(?:next|coming|upcoming|tomorrow|later|from now|hence|following|ahead)\b|(?:^|[^\p{L}])(?:завтра|послезавтра|следующ|будущ|предстоящ|грядущ|через)/iu
/** a sentence about the future (also the future of reported speech, "said it would") */
const FUTURE_SENTENCE =
  /\b(?:will|won't|wo n't|'ll|shall|going to|gonna|would|could|may|might|should|must|to be held|scheduled|expected|due|plans?|planned|planning|intends?|set to|slated|is to|are to|upcoming|deadline|expects?|hopes?|aims?)\b|(?:^|[^\p{L}])(?:будет|будут|буду|будем|будете|станет|станут|планиру|намерен|собира|предстоит|ожида|должн|назначен|пройд[её]т|состоится|начн[её]тся|откро|заверш)/iu
/** words right before a date that make it a deadline, a payment day, a start or an end ahead ("payable Dec. 7", "by Jan. 14") */
const FORWARD_BEFORE =
  /\b(?:by|until|till|through|to|before|as (?:soon|early) as|effective|payable|of record|record date is|expires?|takes effect|reconvenes?|resumes?|opens?|starts?|begins?|ends?|closes?)\s+(?:on\s+|in\s+)?(?:early\s+|late\s+|mid-?)?$|(?:^|[^\p{L}])(?:до|к|по|с)\s+$/iu

/** abbreviations whose dot does not end a sentence */
const ABBREVIATION = /(?:^|[\s(])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Corp|Co|Ltd|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|No|vs|U\.S|a\.m|p\.m|[A-Z])$/
const sentenceEnd = (chars: ReadonlyArray<string>, i: number) =>
  /[.!?]/.test(chars[i]!) && /\s/.test(chars[i + 1] ?? " ") && !(chars[i] === "." && ABBREVIATION.test(chars.slice(Math.max(0, i - 6), i).join("")))
const sentenceOf = (chars: ReadonlyArray<string>, s: number, e: number): string => {
  let a = s
  while (a > 0 && !sentenceEnd(chars, a - 1) && chars[a - 1] !== "\n") a--
  let b = e
  while (b < chars.length && !sentenceEnd(chars, b) && chars[b] !== "\n") b++
  return chars.slice(a, b + 1).join("")
}

/** the last day a value of the publication date covers (2019-05-17, 2019-05 -> 2019-05-31) */
const lastDayOf = (v: string): string | null => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v
  if (/^\d{4}-\d{2}$/.test(v)) return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)), 0)).toISOString().slice(0, 10)
  if (/^\d{4}$/.test(v)) return `${v}-12-31`
  return null
}
const firstDayOf = (v: string): string | null => (/^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : /^\d{4}$/.test(v) ? `${v}-01-01` : null)

interface Checks {
  mentions: number
  withInterval: number
  afterPublication: Array<string>
  badIntervals: Array<string>
}
const newChecks = (): Checks => ({ mentions: 0, withInterval: 0, afterPublication: [], badIntervals: [] })

/**
 * The checks of one document's mentions: inferred dates after its publication (or reference) date without a
 * forward word or a future sentence, and each row's calendar interval.
 */
const check = (checks: Checks, body: string, res: DatesResult, reference: string | null, id: string) => {
  const pubEnd = reference ? lastDayOf(reference) : null
  const chars = [...body]
  for (const m of res.mentions) {
    checks.mentions++
    const iv = m as DateMention & { earliest?: string | null; latest?: string | null }
    if ("earliest" in iv) {
      checks.withInterval++
      const hasYear = m.value !== null && /^\d/.test(m.value)
      if ((iv.earliest ?? null) === null || (iv.latest ?? null) === null ? hasYear && /^\d{4}/.test(m.value!) : iv.earliest! > iv.latest!)
        checks.badIntervals.push(`${id}: ${m.text} -> ${m.value} [${iv.earliest} .. ${iv.latest}]`)
    }
    if (!pubEnd || m.role !== "mentioned" || m.resolution === "explicit" || m.value === null || m.start < 0) continue
    const first = "earliest" in iv ? iv.earliest ?? null : firstDayOf(m.value)
    if (first === null || first <= pubEnd) continue
    if (FORWARD_WORDS.test(m.text)) continue
    if (FORWARD_BEFORE.test(chars.slice(Math.max(0, m.start - 30), m.start).join(""))) continue
    const sentence = sentenceOf(chars, m.start, m.end)
    if (FUTURE_SENTENCE.test(sentence)) continue
    checks.afterPublication.push(`${id}: "${m.text}" -> ${m.value} (published ${reference})  «${sentence.trim().slice(0, 220)}»`)
  }
}

const printChecks = (c: Checks) => {
  console.log(`  mentions found                             ${c.mentions}`)
  console.log(`  inferred dates after publication, no future cue   ${c.afterPublication.length}`)
  console.log(`  rows with earliest > latest, or empty with a year ${c.withInterval === 0 ? "n/a (no earliest/latest)" : c.badIntervals.length}`)
  if (verbose && c.afterPublication.length) console.log("\n-- after publication:\n" + c.afterPublication.join("\n"))
  if (c.badIntervals.length) console.log("\n-- bad intervals:\n" + c.badIntervals.slice(0, verbose ? Infinity : 10).join("\n"))
}

// ---------------------------------------------------------------------------------------------------------------
// TempEval-3

interface Gold {
  s: number
  e: number
  type: string
  value: string
  dct: boolean
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }

/** Strips the TimeML markup of <TEXT>, keeping TIMEX3 spans as code point offsets into the plain text. */
const readTimeML = (xml: string) => {
  const dct = /<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"/.exec(xml) ?? /<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"/.exec(xml)
  const textStart = xml.indexOf("<TEXT>")
  const textEnd = xml.indexOf("</TEXT>")
  const src = xml.slice(textStart + 6, textEnd)
  let out = ""
  let outLength = 0 // in code points
  const golds: Array<Gold> = []
  const open: Array<Gold> = []
  const append = (t: string) => {
    out += t
    outLength += [...t].length
  }
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&([a-z]+);|[^<&]+|&/g
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[2]) {
      if (m[2] !== "TIMEX3") continue
      if (m[1]) {
        const g = open.pop()
        if (g) {
          g.e = outLength
          golds.push(g)
        }
      } else {
        const attrs = m[3]!
        open.push({
          s: outLength,
          e: -1,
          type: /type="([^"]+)"/.exec(attrs)?.[1] ?? "",
          value: /value="([^"]*)"/.exec(attrs)?.[1] ?? "",
          dct: /CREATION_TIME/.test(attrs)
        })
      }
    } else if (m[4]) append(ENTITIES[m[4]] ?? m[0])
    else append(m[0])
  }
  return { text: out, dct: dct?.[1] ?? null, golds }
}

/** The only mapping of the scorer: a day without a year is written `XXXX-12-26` in TimeML and `--12-26` by us. */
export const sameValue = (ours: string | null, gold: string): boolean => ours !== null && (ours === gold || (ours.startsWith("--") && `XXXX${ours.slice(1)}` === gold))

export const GRANULARITIES = ["day", "month", "year", "quarter", "half", "season", "week", "decade", "century", "part of day", "vague", "other"] as const
/** The granularity of a TimeML value, read from its shape. */
export const granularityOf = (v: string): (typeof GRANULARITIES)[number] => {
  if (/^(?:\d{4}|XXXX)-\d{2}-\d{2}$/.test(v)) return "day"
  if (/^\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI|DT)$/.test(v)) return "part of day"
  if (/^\d{4}-\d{2}$/.test(v)) return "month"
  if (/^\d{4}$/.test(v)) return "year"
  if (/^\d{4}-Q[1-4X]$/.test(v)) return "quarter"
  if (/^\d{4}-H[12X]$/.test(v)) return "half"
  if (/^\d{4}-(?:SP|SU|FA|WI)$/.test(v)) return "season"
  if (/^\d{4}-W(?:\d{1,2}|XX)(?:-WE)?$/.test(v)) return "week"
  if (/^\d{3}X?$/.test(v)) return "decade"
  if (/^\d{2}(?:XX)?$/.test(v)) return "century"
  if (/^(?:PRESENT|PAST|FUTURE)_REF$/.test(v)) return "vague"
  return "other"
}

const timeMLFiles = (dir: string): Array<string> => {
  const files: Array<string> = []
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f.endsWith(".tml")) files.push(p)
    }
  }
  walk(dir)
  return files
}

const benchTimeML = (dir: string) => {
  const cfg: DatesConfig = { ...config, vague: true }
  const docs = timeMLFiles(dir)
    .filter((f) => inHalf(basename(f), half))
    .map((f) => ({ id: basename(f), ...readTimeML(readFileSync(f, "utf8")) }))
  const cleanedOf = (text: string): CleanResult => ({ ...passThrough(""), body: text })
  const inputs = docs.map((d) => inputOf(cleanedOf(d.text), d.dct))
  warmUp(inputs, cfg)
  timing.bytes = timing.micros = 0
  let gold = 0, goldFound = 0, goldValueOk = 0, preds = 0, predsOk = 0, predsOther = 0
  const perGran = new Map(GRANULARITIES.map((g) => [g, { gold: 0, found: 0, right: 0 }]))
  const misses: Array<string> = [], wrong: Array<string> = [], fps: Array<string> = [], others: Array<string> = []
  const checks = newChecks()
  for (const [k, doc] of docs.entries()) {
    const res = timedDates(inputs[k]!, cfg)
    dump(dir, doc.id, res)
    check(checks, doc.text, res, doc.dct, doc.id)
    const chars = [...doc.text]
    const span = (s: number, e: number) => chars.slice(s, e).join("")
    const around = (s: number, e: number) => chars.slice(Math.max(0, s - 50), e + 30).join("").replace(/\n/g, " ")
    const predicted = res.mentions.filter((m) => m.start >= 0)
    const golds = doc.golds.filter((g) => g.type === "DATE" && !g.dct)
    const overlap = (g: { s: number; e: number }, p: DateMention) => Math.min(p.end, g.e) - Math.max(p.start, g.s)
    for (const g of golds) {
      gold++
      const gran = perGran.get(granularityOf(g.value))!
      gran.gold++
      const hits = predicted.filter((p) => overlap(g, p) > 0)
      if (hits.length === 0) {
        misses.push(`${span(g.s, g.e)} [${g.value}]  «${around(g.s, g.e)}»  ${doc.id}`)
        continue
      }
      goldFound++
      gran.found++
      const best = hits.sort((a, b) => overlap(g, b) - overlap(g, a))[0]!
      if (sameValue(best.value, g.value)) {
        goldValueOk++
        gran.right++
      } else wrong.push(`${best.text} -> ${best.value} | gold ${span(g.s, g.e)} [${g.value}] ref ${doc.dct}  «${around(g.s, g.e)}»`)
    }
    for (const p of predicted) {
      preds++
      if (golds.some((g) => overlap(g, p) > 0)) predsOk++
      else {
        const g = doc.golds.find((g) => !g.dct && overlap(g, p) > 0)
        if (g) {
          predsOther++
          others.push(`${p.text} -> ${p.value} | gold ${g.type} ${span(g.s, g.e)} [${g.value}]`)
        } else fps.push(`${p.text} -> ${p.value}  «${around(p.start, p.end)}»`)
      }
    }
  }
  timeMore(inputs, cfg)
  const recall = goldFound / gold
  const precision = predsOk / preds
  const lenient = predsOk / (preds - predsOther)
  const f1 = (2 * recall * precision) / (recall + precision)
  const f1l = (2 * recall * lenient) / (recall + lenient)
  const acc = goldValueOk / goldFound
  console.log(`TempEval-3 ${dir}${halfLabel}: ${docs.length} documents, vague: true, values compared exactly as TimeML writes them`)
  console.log(`  gold DATE timexes: ${gold}, predictions: ${preds}`)
  console.log(`  detection recall     ${f3(recall)}`)
  console.log(`  detection precision  ${f3(precision)}  (lenient, ignoring predictions on gold TIME/DURATION/SET: ${f3(lenient)})`)
  console.log(`  value accuracy       ${f3(acc)}  (of detected gold dates; ${goldValueOk} of ${gold} gold values right)`)
  console.log(`  value F1             ${f3(f1 * acc)}  (lenient precision: ${f3(f1l * acc)})`)
  console.log(`  per granularity      gold  found  value right (share of gold)`)
  for (const [g, c] of perGran) if (c.gold > 0) console.log(`    ${g.padEnd(12)}     ${String(c.gold).padStart(4)} ${pct(c.found, c.gold)}  ${pct(c.right, c.gold)}`)
  printChecks(checks)
  console.log(`  throughput           ${throughput()}`)
  if (verbose) {
    console.log("\n-- missed:\n" + misses.join("\n"))
    console.log("\n-- wrong value:\n" + wrong.join("\n"))
    console.log("\n-- false positives:\n" + fps.join("\n"))
    console.log("\n-- on a gold TIME/DURATION/SET:\n" + others.join("\n"))
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Folders of pages (WCXB, AEB, GUM, NEREL)

const loadCleaner = (): { clean: (text: string, url: string | null) => CleanResult; label: string } => {
  const rulesPath = new URL("../data/clean-rules.yaml", import.meta.url)
  if (args.includes("--pass-through")) return { clean: passThrough, label: "pass-through clean (--pass-through)" }
  if (existsSync(rulesPath)) {
    try {
      const rules = Schema.decodeUnknownSync(CleanRules)(parseYaml(readFileSync(rulesPath, "utf8")))
      return { clean: (text, url) => cleanText(text, rules, { url }), label: "cleanText with data/clean-rules.yaml" }
    } catch (e) {
      console.error(`data/clean-rules.yaml did not load (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); using a pass-through`)
    }
  }
  return { clean: passThrough, label: "pass-through clean" }
}

interface PageGold {
  id: string
  publish_date?: string | null
  page_type?: string
  dates?: ReadonlyArray<string>
  /** the page's address, what a scraper's sidecar states (`url`) */
  url?: string
}

/** Gold surfaces found in the body, each matched to one occurrence overlapped by a mention where there is one. */
const spanRecall = (body: string, surfaces: ReadonlyArray<string>, mentions: ReadonlyArray<DateMention>) => {
  // white space compared as white space: the gold keeps no-break spaces the clean stage folds ("2017\u00a0года")
  const fold = (t: string) => t.replace(/[\u00a0\u2007\u202f]/g, " ")
  const text = fold(body)
  const cpAt = (utf16: number) => [...text.slice(0, utf16)].length
  const used = new Set<string>()
  const out: Array<{ surface: string; inBody: boolean; found: boolean }> = []
  for (const written of surfaces) {
    const surface = fold(written)
    const starts: Array<number> = []
    for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) starts.push(cpAt(i))
    const n = [...surface].length
    // each gold span takes one occurrence of its words (a surface listed twice takes two)
    const key = (s: number) => `${s}:${surface}`
    const covered = starts.filter((s) => !used.has(key(s)) && mentions.some((m) => m.start >= 0 && m.start < s + n && s < m.end))
    const pick = covered[0] ?? starts.find((s) => !used.has(key(s)))
    if (pick !== undefined) used.add(key(pick))
    out.push({ surface: written, inBody: starts.length > 0, found: covered.length > 0 })
  }
  return out
}

const benchPages = (dir: string) => {
  const { clean, label } = loadCleaner()
  const golds = readFileSync(join(dir, "gold.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as PageGold)
    .filter((g) => inHalf(g.id, half))
  const pages = golds.map((g) => ({ g, cleaned: clean(readFileSync(join(dir, "text", `${g.id}.txt`), "utf8"), g.url ?? null) }))
  const inputs = pages.map(({ cleaned }) => inputOf(cleaned, null))
  warmUp(inputs, config)
  timing.bytes = timing.micros = 0
  const hasPublished = golds.some((g) => "publish_date" in g)
  const hasDates = golds.some((g) => Array.isArray(g.dates))
  const genreOf = (g: PageGold) => g.page_type ?? (/^GUM_([a-z]+)_/.exec(g.id)?.[1] ?? "all")
  const pub = new Map<string, { withGold: number; exact: number; without: number; givenWithout: number }>()
  let spans = 0, spansInBody = 0, spansFound = 0
  const report: Array<string> = []
  const checks = newChecks()
  for (const [k, { g, cleaned }] of pages.entries()) {
    const res = timedDates(inputs[k]!, config)
    dump(dir, g.id, res)
    const got = res.published?.value ?? null
    check(checks, cleaned.body, res, got, g.id)
    if (hasPublished) {
      const genre = genreOf(g)
      const p = pub.get(genre) ?? { withGold: 0, exact: 0, without: 0, givenWithout: 0 }
      pub.set(genre, p)
      if (g.publish_date) {
        p.withGold++
        if (got === g.publish_date) p.exact++
        else report.push(`${g.id} gold ${g.publish_date} got ${got} (hint: ${cleaned.publishedHint?.text ?? "-"})`)
      } else {
        p.without++
        if (got) {
          p.givenWithout++
          report.push(`${g.id} gold none got ${got} (hint: ${cleaned.publishedHint?.text ?? "-"})`)
        }
      }
    }
    if (hasDates) {
      for (const r of spanRecall(cleaned.body, g.dates ?? [], res.mentions)) {
        spans++
        if (r.inBody) spansInBody++
        if (r.found) spansFound++
        else report.push(`${g.id} missed "${r.surface}"${r.inBody ? "" : " (not in the cleaned body)"}`)
      }
    }
  }
  timeMore(inputs, config)
  console.log(`${dir}${halfLabel}: ${pages.length} pages (${label})`)
  if (hasPublished) {
    const all = [...pub.values()].reduce((a, b) => ({ withGold: a.withGold + b.withGold, exact: a.exact + b.exact, without: a.without + b.without, givenWithout: a.givenWithout + b.givenWithout }))
    for (const [genre, p] of [...pub.entries(), ...(pub.size > 1 ? [["all", all] as const] : [])]) {
      console.log(`  publication date, ${genre.padEnd(8)} exact where gold has one ${pct(p.exact, p.withGold)} (${p.exact}/${p.withGold}); given one where gold has none ${pct(p.givenWithout, p.without)} (${p.givenWithout}/${p.without})`)
    }
  }
  if (hasDates) {
    console.log(`  calendar date spans of the gold found      ${f3(spansFound / spans)}  (${spansFound}/${spans}; ${spans - spansInBody} not in the cleaned body)`)
  }
  printChecks(checks)
  console.log(`  throughput                                 ${throughput()}`)
  if (verbose) console.log(report.join("\n"))
}

for (const folder of folders) {
  if (existsSync(join(folder, "gold.jsonl")) && existsSync(join(folder, "text"))) benchPages(folder)
  else benchTimeML(folder)
  console.log("")
}
if (dumpPath) writeFileSync(dumpPath, dumpLines.join("\n") + "\n")
