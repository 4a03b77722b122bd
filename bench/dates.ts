/**
 * Benchmark of the dates stage: `npm run bench:dates -- <folder>`.
 *
 * - A TempEval-3 folder (TimeML `.tml` files, e.g. ../shared/benchmarks/tempeval3-dev): for every gold TIMEX3 of type
 *   DATE other than the creation time, the stage runs on the document text with the creation time as the reference
 *   date; a prediction matches a gold date when their spans overlap. Prints detection recall and precision, the share
 *   of matched gold values reproduced exactly (value accuracy), value F1 = detection F1 x value accuracy, and
 *   throughput (UTF-8 MB per CPU second spent in the stage: wall clock is meaningless on a shared, loaded machine).
 *   Precision is printed twice: strict (every prediction not overlapping a gold DATE is a false positive) and lenient
 *   (predictions overlapping a gold TIME/DURATION/SET timex are left out: "the past year" is a DURATION there).
 *   The headline value F1 uses the strict precision.
 *
 *   TimeML values are compared after mapping them to the values our model can hold (ISO 8601 at year, month or day
 *   precision, or --MM-DD): the coarsest value of ours that contains the whole gold period:
 *     2013-03-22, 2013-03-22TEV, 2013-03-22T10:30 -> 2013-03-22      1998-12, 1998 -> as written
 *     XXXX-12-26 -> --12-26                                          1998-12-XX -> 1998-12
 *     1998-Q3, 1998-H1, 1998-SU/FA/WI/SP, 1998-QX, 1998-XX, 1998-WXX, 1998-XX-XX -> 1998
 *     1998-W12 and 1998-W12-WE -> the month when the whole week (weekend) lies in one month, else the year
 *     PRESENT_REF, PAST_REF, FUTURE_REF, decades (199, 199X), durations (P1D), XXXX -> empty (no calendar value):
 *     reproduced when our value is empty too.
 *   Vague references ("now", "recently", "the 1990s") are only reported by the stage with `vague: true`; both runs are
 *   printed, the default configuration first.
 *
 * - A WCXB folder (text/<id>.txt + gold.jsonl with publish_date): each page goes through the clean stage (the real
 *   cleanText with data/clean-rules.yaml when that file decodes, else a pass-through) and the dates stage without
 *   metadata or reference date; the gold's `url` is given to the clean stage as the sidecar's. Prints the exact-match rate of the publication date where gold has one, and the share
 *   of pages given a date where gold has none. `--pass-through` skips the clean stage (the body is every line), which
 *   measures the stage's own page-date finder; `--verbose` lists every miss; `--warm` times a second pass (the first
 *   warms the compiled code, as in a long build; the stage's window cache starts empty for the timed pass).
 */
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import { parse as parseYaml } from "yaml"
import { resolveDates, type DatesConfig, type DateMention } from "../pipeline/stages/dates.js"
import { cleanText, type CleanResult } from "../pipeline/stages/clean.js"
import { CleanRules } from "../pipeline/stages/rules.js"
import { loadEventsFile } from "../pipeline/stages/events.js"
import { detectLanguage } from "../pipeline/stages/language.js"

const folder = process.argv.slice(2).find((a) => a !== "--") ?? ""
if (!folder || !existsSync(folder)) {
  console.error("usage: npm run bench:dates -- <folder>   (a TempEval-3 TimeML folder or a WCXB folder)")
  process.exit(1)
}
const verbose = process.argv.includes("--verbose")

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
  const golds: Array<Gold> = []
  const open: Array<Gold> = []
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&([a-z]+);|[^<&]+|&/g
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[2]) {
      if (m[2] !== "TIMEX3") continue
      if (m[1]) {
        const g = open.pop()
        if (g) {
          g.e = [...out].length
          golds.push(g)
        }
      } else {
        const attrs = m[3]!
        open.push({
          s: [...out].length,
          e: -1,
          type: /type="([^"]+)"/.exec(attrs)?.[1] ?? "",
          value: /value="([^"]*)"/.exec(attrs)?.[1] ?? "",
          dct: /CREATION_TIME/.test(attrs)
        })
      }
    } else if (m[4]) out += ENTITIES[m[4]] ?? m[0]
    else out += m[0]
  }
  return { text: out, dct: dct?.[1] ?? null, golds }
}

const isoWeekMonday = (y: number, w: number) => {
  const jan4 = new Date(Date.UTC(y, 0, 4))
  const day = (jan4.getUTCDay() + 6) % 7
  return new Date(jan4.getTime() + ((w - 1) * 7 - day) * 86_400_000)
}
const ymdOf = (t: Date) => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 })

/** Gold TimeML value -> the comparable value of our model (see the header). */
export const mapGoldValue = (v: string): string | null => {
  let m: RegExpExecArray | null
  if ((m = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(v))) return m[1]!
  if (/^\d{4}(-\d{2})?$/.test(v)) return v
  if ((m = /^XXXX-(\d{2})-(\d{2})$/.exec(v))) return `--${m[1]}-${m[2]}`
  if ((m = /^(\d{4}-\d{2})-XX$/.exec(v))) return m[1]!
  if ((m = /^(\d{4})-W(\d{1,2})(-WE)?$/.exec(v))) {
    const mon = isoWeekMonday(Number(m[1]), Number(m[2]))
    const a = ymdOf(new Date(mon.getTime() + (m[3] ? 5 : 0) * 86_400_000))
    const b = ymdOf(new Date(mon.getTime() + 6 * 86_400_000))
    return a.y === b.y && a.m === b.m ? `${a.y}-${String(a.m).padStart(2, "0")}` : a.y === b.y ? String(a.y) : null
  }
  if ((m = /^(\d{4})-(?:Q[1-4X]|H[12X]|SU|FA|WI|SP|XX|WXX|XX-XX|W\d{1,2}-.*)$/.exec(v))) return m[1]!
  return null
}

const benchTempEval = (dir: string) => {
  const files: Array<string> = []
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f.endsWith(".tml")) files.push(p)
    }
  }
  walk(dir)
  const run = (cfg: DatesConfig) => {
    let gold = 0, goldFound = 0, goldValueOk = 0, preds = 0, predsOk = 0, predsOther = 0, bytes = 0, ms = 0
    const misses: Array<string> = []
    const wrong: Array<string> = []
    const fps: Array<string> = []
    const others: Array<string> = []
    for (const f of files) {
      const doc = readTimeML(readFileSync(f, "utf8"))
      const cleaned: CleanResult = { ...passThrough(""), body: doc.text }
      const t0 = process.cpuUsage()
      const res = resolveDates({ cleaned, statedPublished: null, referenceDate: doc.dct, language: detectLanguage(doc.text) }, cfg)
      const dt = process.cpuUsage(t0)
      ms += (dt.user + dt.system) / 1000
      bytes += Buffer.byteLength(doc.text, "utf8")
      const predicted = res.mentions.filter((m) => m.start >= 0)
      const golds = doc.golds.filter((g) => g.type === "DATE" && !g.dct)
      const overlaps = (a: { s: number; e: number }, p: DateMention) => p.start < a.e && a.s < p.end
      for (const g of golds) {
        gold++
        const hits = predicted.filter((p) => overlaps(g, p))
        if (hits.length === 0) {
          misses.push(`${doc.text.slice(g.s, g.e)} [${g.value}]  «${[...doc.text].slice(Math.max(0, g.s - 40), g.e + 30).join("").replace(/\n/g, " ")}»`)
          continue
        }
        goldFound++
        const best = hits.sort((a, b) => Math.min(b.end, g.e) - Math.max(b.start, g.s) - (Math.min(a.end, g.e) - Math.max(a.start, g.s)))[0]!
        if (best.value === mapGoldValue(g.value)) goldValueOk++
        else wrong.push(`${best.text} -> ${best.value} | gold ${doc.text.slice(g.s, g.e)} [${g.value} ~ ${mapGoldValue(g.value)}] ref ${doc.dct}`)
      }
      for (const p of predicted) {
        preds++
        if (golds.some((g) => overlaps(g, p))) predsOk++
        else if (doc.golds.some((g) => !g.dct && overlaps(g, p))) {
          predsOther++
          const g = doc.golds.find((g) => !g.dct && overlaps(g, p))!
          others.push(`${p.text} -> ${p.value} | gold ${g.type} ${doc.text.slice(g.s, g.e)} [${g.value}]`)
        }
        else fps.push(`${p.text} -> ${p.value}  «${doc.text.slice(Math.max(0, p.start - 40), p.end + 30).replace(/\n/g, " ")}»`)
      }
    }
    const recall = goldFound / gold
    const precision = predsOk / preds
    const lenient = predsOk / (preds - predsOther)
    const f1 = (2 * recall * precision) / (recall + precision)
    const f1l = (2 * recall * lenient) / (recall + lenient)
    const acc = goldValueOk / goldFound
    return { gold, preds, recall, precision, lenient, acc, valueF1: f1 * acc, valueF1Lenient: f1l * acc, mbps: bytes / 1e6 / (ms / 1000), misses, wrong, fps, others }
  }
  console.log(`TempEval-3 ${dir}: ${files.length} documents`)
  for (const [label, cfg] of [
    ["default", config],
    ["vague: true", { ...config, vague: true }]
  ] as const) {
    const r = run(cfg)
    console.log(`\n[${label}] gold DATE timexes: ${r.gold}, predictions: ${r.preds}`)
    console.log(`  detection recall     ${r.recall.toFixed(3)}`)
    console.log(`  detection precision  ${r.precision.toFixed(3)}  (lenient, ignoring predictions on gold TIME/DURATION/SET: ${r.lenient.toFixed(3)})`)
    console.log(`  value accuracy       ${r.acc.toFixed(3)}  (of detected gold dates)`)
    console.log(`  value F1             ${r.valueF1.toFixed(3)}  (lenient precision: ${r.valueF1Lenient.toFixed(3)})`)
    console.log(`  throughput           ${r.mbps.toFixed(2)} MB/s  (UTF-8 text per CPU second of the dates stage)`)
    if (verbose) {
      console.log("\n-- missed:\n" + r.misses.join("\n"))
      console.log("\n-- wrong value:\n" + r.wrong.join("\n"))
      console.log("\n-- false positives:\n" + r.fps.join("\n"))
      console.log("\n-- on a gold TIME/DURATION/SET:\n" + r.others.join("\n"))
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// WCXB

const loadCleaner = (): { clean: (text: string, url: string | null) => CleanResult; label: string } => {
  const rulesPath = new URL("../data/clean-rules.yaml", import.meta.url)
  if (process.argv.includes("--pass-through")) return { clean: passThrough, label: "pass-through clean (--pass-through)" }
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

const benchWcxb = (dir: string) => {
  const { clean, label } = loadCleaner()
  const lines = readFileSync(join(dir, "gold.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "")
  let withGold = 0, exact = 0, withoutGold = 0, givenWithout = 0, given = 0, bytes = 0, ms = 0
  const report: Array<string> = []
  const pages = lines.map((line) => {
    const g = JSON.parse(line) as { id: string; publish_date?: string | null; page_type: string; url?: string }
    // the page's address is what a scraper's sidecar states (`url`)
    return { g, cleaned: clean(readFileSync(join(dir, "text", `${g.id}.txt`), "utf8"), g.url ?? null) }
  })
  // --warm: one untimed pass first (compiled code warm, as in a long build), with its own config object so the
  // stage's cache of short windows starts empty for the timed pass
  if (process.argv.includes("--warm")) for (const { cleaned } of pages) resolveDates({ cleaned, statedPublished: null, referenceDate: null, language: detectLanguage(cleaned.body) }, { ...config })
  for (const { g, cleaned } of pages) {
    const t1 = process.cpuUsage()
    const res = resolveDates({ cleaned, statedPublished: null, referenceDate: null, language: detectLanguage(cleaned.body) }, config)
    const dt = process.cpuUsage(t1)
    ms += (dt.user + dt.system) / 1000
    bytes += Buffer.byteLength(cleaned.body, "utf8")
    const got = res.published?.value ?? null
    if (got) given++
    if (g.publish_date) {
      withGold++
      if (got === g.publish_date) {
        exact++
        if (verbose) report.push(`${g.id} OK ${got} (hint: ${cleaned.publishedHint?.text ?? "-"})`)
      }
      else report.push(`${g.id} gold ${g.publish_date} got ${got} (hint: ${cleaned.publishedHint?.text ?? "-"})`)
    } else {
      withoutGold++
      if (got) {
        givenWithout++
        report.push(`${g.id} gold none got ${got} (hint: ${cleaned.publishedHint?.text ?? "-"})`)
      }
    }
  }
  console.log(`WCXB ${dir}: ${lines.length} pages (${label})`)
  console.log(`  publication date exact where gold has one  ${(exact / withGold).toFixed(3)}  (${exact}/${withGold})`)
  console.log(`  given a date where gold has none           ${(givenWithout / withoutGold).toFixed(3)}  (${givenWithout}/${withoutGold})`)
  console.log(`  pages given a date                         ${given}/${lines.length}`)
  console.log(`  dates stage throughput                     ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s  (body text per CPU second)`)
  if (verbose) console.log(report.join("\n"))
}

if (existsSync(join(folder, "gold.jsonl")) && existsSync(join(folder, "text"))) benchWcxb(folder)
else benchTempEval(folder)
