/**
 * chrono-node glue: its strict parser runs only on short stretches around a month name or a numeric date shape, and
 * only the components it marks certain are kept (its implied parts are never read). English runs on every document;
 * a document in another language chrono-node has a locale for (ru, de, fr, es, it, pt, nl, sv, fi, uk, ...) is also
 * read with that locale's strict parser, for its written calendar dates ("20 мая 2017 года", "20. Mai 2017").
 */
import * as chrono from "chrono-node"
import { HAS_MONTH, MONTH_OR_NUMERIC, MONTH_TREE } from "./lexicon.js"
import { letterBefore } from "./rules.js"
import { isSpace } from "./text.js"
import type { Add, Kind } from "./types.js"

/** How chrono is run for one language. */
interface ChronoLocale {
  readonly parser: chrono.Chrono
  /** where a stretch is cut around: a month name or a numeric date shape */
  readonly trigger: RegExp
  /** a trigger match that is none, as a look-behind would reject it (rules.ts) */
  readonly triggerReject?: (p: string, i: number) => boolean
  /** a result holds a month name or a numeric date */
  readonly monthOrNumeric: RegExp
  /** a result holds a month name (a bare number pair is a date only with its year) */
  readonly named: RegExp
  /** the separator of a range: a word or a spaced dash first, a bare dash ("12-14 May") only when there is none */
  readonly rangeSep: RegExp
  /** words chrono folds into the front of a result that are not part of the date */
  readonly lead: RegExp
  /**
   * what a stretch must hold for chrono to read a day in it (every result kept here has its month and day): a numeric
   * date shape, or a day (a number or an ordinal word) next to a month name as the locale's parsers write them. A
   * stretch without one is not parsed: most stretches around a month name hold "in March" or "March 1998".
   */
  readonly mayHoldDay: RegExp
  /**
   * parsers that can match only where their test holds: a stretch is parsed without those whose test fails (a parser
   * that cannot match adds no result, so the results are the same)
   */
  readonly optional: ReadonlyArray<readonly [name: string, test: RegExp]>
}

/**
 * a numeric date with its three parts ("12/5/98", "1998-03-05", "5.3.98"): a result read from numbers alone is kept
 * only with its year, so a decimal or a score ("2.5 percent", "31-28") starts no stretch
 */
export const NUMERIC_DATE = String.raw`\d[-/.]\d{1,2}[-/.]\d`
/** how chrono's dictionaries start a month name (any case), and its ordinal words ("twenty-first" ends with "first") */
const EN_MONTH_STEM = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
const EN_ORDINAL_WORD = "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth)"
/**
 * chrono's strict English parser without the parsers whose results are never kept here (relative "3 days ago" /
 * "within a week" readings, month/year-only slashes, times of day): a third less work. When a chrono release renames
 * them, the filter drops nothing and the full strict parser runs.
 */
const CHRONO_UNUSED = new Set(["ENTimeUnitWithinFormatParser", "ENTimeUnitAgoFormatParser", "ENTimeUnitLaterFormatParser", "ENSlashMonthFormatParser", "ENTimeExpressionParser"])
const EN: ChronoLocale = {
  parser: (() => {
    const c = chrono.strict.clone()
    c.parsers = c.parsers.filter((p) => !CHRONO_UNUSED.has(p.constructor.name))
    return c
  })(),
  trigger: new RegExp(`\\b${MONTH_TREE}(?![a-z])|${NUMERIC_DATE}`, "g"),
  monthOrNumeric: MONTH_OR_NUMERIC,
  named: HAS_MONTH,
  rangeSep: /\s*(?:[–—]|\s-\s|\b(?:to|through|until|till|and)\b)\s*/,
  lead: /^(?:on|the|of)\s+/i,
  // chrono's middle-endian "March 5", "Sept. fifth", year-month-day "1998 March 5" (a day of one or two digits: "March
  // 1998" holds none); little-endian "5th of March", "5 to 7 March" (its day follows no digit)
  mayHoldDay: new RegExp(
    `\\d[-/.]\\d|${EN_MONTH_STEM}[a-z]*\\.?[\\s,./-]*(?:\\d{1,2}(?!\\d)|${EN_ORDINAL_WORD}|twenty|thirty)|(?:(?<!\\d)\\d{1,2}|${EN_ORDINAL_WORD}|[a-z]teenth)(?:st|nd|rd|th)?\\s*(?:of)?[\\s,./-]*${EN_MONTH_STEM}`,
    "i"
  ),
  optional: [
    ["SlashDateFormatParser", /\d[-/.]\d/],
    ["ISOFormatParser", /\d-\d/],
    ["ENYearMonthDayParser", /\d{4}[-./\s]/],
    ["ENYearMonthNameParser", new RegExp(`\\d(?:\\s*(?:BE|AD|BCE?|CE))?\\s*[-./,]?\\s*(?:of\\s+)?${EN_MONTH_STEM}`, "i")],
    ["ENWeekdayParser", /sun|mon|tue|wed|thu|fri|sat/i],
    ["ENMonthNameMiddleEndianParser", new RegExp(`${EN_MONTH_STEM}[a-z]*\\.?[\\s,./-]*(?:\\d|${EN_ORDINAL_WORD}|twenty|thirty)`, "i")],
    ["ENMonthNameLittleEndianParser", new RegExp(`(?:\\d|${EN_ORDINAL_WORD}|teenth)(?:st|nd|rd|th)?\\s*(?:of)?[\\s,./-]*${EN_MONTH_STEM}`, "i")]
  ]
}
/** Russian month stems and the beginnings of their abbreviations */
const RU_MONTH_ABBR = "(?:январ|янв|феврал|фев|март|мар|апрел|апр|ма[йяюе]|июн|июл|август|авг|сентябр|сен|октябр|окт|ноябр|ноя|декабр|дек)"
/** Russian month stems: the trigger and the month test of the `ru` locale */
const RU_MONTH = "(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
/** chrono's strict Russian parser with only the parsers whose results are kept: dates written with a month name (and the weekday before one), ISO and numeric dates */
const RU_USED = new Set(["ISOFormatParser", "RUMonthNameLittleEndianParser", "RUMonthNameParser", "RUWeekdayParser", "SlashDateFormatParser"])
const RU: ChronoLocale = {
  parser: (() => {
    const c = chrono.ru.strict.clone()
    c.parsers = c.parsers.filter((p) => RU_USED.has(p.constructor.name))
    return c.parsers.length > 0 ? c : chrono.ru.strict
  })(),
  // a month stem with no letter before it, or a numeric date shape
  trigger: new RegExp(`${RU_MONTH}|${NUMERIC_DATE}`, "giu"),
  triggerReject: (p, i) => p.charCodeAt(i) > 0x40 && letterBefore(p, i),
  monthOrNumeric: new RegExp(`${RU_MONTH}|\\d[-/.]\\d`, "iu"),
  named: new RegExp(RU_MONTH, "iu"),
  rangeSep: /\s*(?:[–—]|\s-\s|(?<![\p{L}])(?:по|до|и)(?![\p{L}]))\s*/u,
  lead: /^(?:в|во|на|с|со|до|к|по)\s+/iu,
  // chrono's little-endian "20 мая", "20го мая", "двадцатого мая" (its day follows no digit; ordinal words end in -ое, -ого, -ье, -его)
  mayHoldDay: new RegExp(`\\d[-/.]\\d|(?:(?<!\\d)\\d{1,2}(?:го|ого|е|ое)?|\\p{L}(?:ое|ого|ье|его))[\\s/-]{0,7}(?:of\\s{0,3})?${RU_MONTH_ABBR}`, "iu"),
  optional: [
    ["SlashDateFormatParser", /\d[-/.]\d/],
    ["ISOFormatParser", /\d-\d/],
    ["RUWeekdayParser", /вск|понедельник|пн|вт|сред|ср|четверг|чт|пятниц|пт|суббот|сб|воскресен/iu]
  ]
}
/** the other locales: stretches around any number; a result must hold a word (its month) */
const otherLocale = (parser: chrono.Chrono): ChronoLocale => ({
  parser,
  trigger: /\d{1,4}/g,
  monthOrNumeric: /\p{L}{3,}|\d[-/.]\d/u,
  named: /\p{L}{3,}/u,
  rangeSep: /\s*(?:[–—]|\s-\s)\s*/,
  lead: /^(?:am|on|le|el|il|em|de|op|den|the)\s+/i,
  mayHoldDay: /\d/,
  optional: []
})
const LOCALES: ReadonlyMap<string, ChronoLocale> = (() => {
  const all = chrono as unknown as Record<string, { strict?: chrono.Chrono }>
  const out = new Map<string, ChronoLocale>([["en", EN], ["ru", RU]])
  for (const lang of ["de", "fr", "es", "it", "pt", "nl", "sv", "fi", "uk", "ja", "zh", "vi", "id"]) {
    const strict = all[lang]?.strict
    if (strict) out.set(lang, otherLocale(strict))
  }
  return out
})()
/** the languages chrono-node reads besides English */
export const chronoLanguage = (lang: string): boolean => lang !== "en" && LOCALES.has(lang)

const RANGE_DASH = /-/
/** one date of a chrono result: its year only when written, its weekday when written */
function addChronoDate(
  add: (s: number, e: number, kind: Kind, prio: number) => void,
  s: number,
  text: string,
  c: chrono.ParsedComponents,
  /** a month name is written (in this text or in the range it belongs to) */
  named: boolean,
  /** the year the text states for this date when chrono leaves it uncertain (the start of a range) */
  year: number | null = c.isCertain("year") ? c.get("year") : null
): void {
  const y = year
  const mo = c.get("month")
  const d = c.get("day")
  if (mo === null || d === null) return
  if (!named && y === null) return // a bare number is a date only with its year
  if (y !== null && (y < 1000 || y > 2999)) return
  if (y !== null) add(s, s + text.length, { k: "full", y, m: mo, d }, 1)
  else if (c.isCertain("weekday")) add(s, s + text.length, { k: "yearless", m: mo, d, wd: c.get("weekday")! }, 1)
  else add(s, s + text.length, { k: "yearless", m: mo, d }, 1)
}

/**
 * chrono's strict parse of the stretches of `p` around a capitalised month name or a numeric date shape (the only results
 * kept below hold one), each with CHRONO_MARGIN characters of context widened to white space; result indices are `p`'s.
 */
const CHRONO_MARGIN = 40 // chrono's longest kept result reaches ~25 characters left of its month ("Wednesday the 5th of")
const CHRONO_OPTIONS = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 }
const chronoParse = (p: string, loc: ChronoLocale): Array<chrono.ParsedResult> => {
  const trigger = loc.trigger
  const out: Array<chrono.ParsedResult> = []
  const n = p.length
  let ws = -1
  let we = -1
  trigger.lastIndex = 0
  const reject = loc.triggerReject
  for (let m = trigger.exec(p); m; m = trigger.exec(p)) {
    if (reject && reject(p, m.index)) {
      trigger.lastIndex = m.index + 1
      continue
    }
    let s = m.index - CHRONO_MARGIN
    let e = m.index + m[0].length + CHRONO_MARGIN
    if (s <= 0) s = 0
    else {
      const stop = Math.max(0, s - 30)
      while (s > stop && !isSpace(p.charCodeAt(s))) s--
    }
    if (e >= n) e = n
    else {
      const stop = Math.min(n, e + 30)
      while (e < stop && !isSpace(p.charCodeAt(e))) e++
    }
    if (ws >= 0 && s <= we) we = Math.max(we, e)
    else {
      if (ws >= 0) chronoStretch(p, ws, we, out, loc)
      ws = s
      we = e
    }
  }
  if (ws >= 0) chronoStretch(p, ws, we, out, loc)
  return out
}

/** the locale's parser without the optional parsers that cannot match in the text (one parser kept per combination) */
const variants = new WeakMap<ChronoLocale, Map<number, chrono.Chrono>>()
const parserFor = (loc: ChronoLocale, text: string): chrono.Chrono => {
  if (loc.optional.length === 0) return loc.parser
  let skip = 0
  for (let i = 0; i < loc.optional.length; i++) if (!loc.optional[i]![1].test(text)) skip |= 1 << i
  if (skip === 0) return loc.parser
  let byMask = variants.get(loc)
  if (!byMask) variants.set(loc, (byMask = new Map()))
  let parser = byMask.get(skip)
  if (!parser) {
    const skipped = new Set(loc.optional.filter((_, i) => skip & (1 << i)).map(([name]) => name))
    parser = loc.parser.clone()
    parser.parsers = parser.parsers.filter((x) => !skipped.has(x.constructor.name))
    byMask.set(skip, parser)
  }
  return parser
}

/** a day written as a number or an ordinal word: every chrono result kept has one */
const DAY_WRITTEN = /\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b/i
function chronoStretch(p: string, ws: number, we: number, out: Array<chrono.ParsedResult>, loc: ChronoLocale): void {
  const text = ws === 0 && we === p.length ? p : p.slice(ws, we)
  if (!DAY_WRITTEN.test(text) || !loc.mayHoldDay.test(text)) return
  for (const r of parserFor(loc, text).parse(text, CHRONO_OPTIONS)) {
    ;(r as { index: number }).index += ws
    out.push(r)
  }
}

const RELATIVE_TAG = /relative|casual/i
const hasRelativeTag = (r: chrono.ParsedResult): boolean => {
  for (const t of r.tags()) if (RELATIVE_TAG.test(t)) return true
  return false
}

/** chrono's written calendar dates of one paragraph (strict grammar: no casual or relative readings; only certain components kept). */
export const chronoCandidates = (p: string, add: Add, lang = "en"): void => {
  const loc = LOCALES.get(lang) ?? EN
  for (const r of chronoParse(p, loc)) {
    const c = r.start
    const y = c.isCertain("year") ? c.get("year") : null
    const mo = c.isCertain("month") ? c.get("month") : null
    const d = c.isCertain("day") ? c.get("day") : null
    if (mo === null || mo === undefined || d === null || d === undefined) continue
    // relative readings ("11 days ago") are this module's job, against the document's reference, not chrono's instant
    if (hasRelativeTag(r)) continue
    if (!loc.monthOrNumeric.test(r.text)) continue
    if (!(c.isCertain("year")) && !loc.named.test(r.text)) continue // "5/8" is a fraction, not May 8
    let text = r.text.replace(/[\s,.–—-]+$/, "")
    let s = r.index
    const space = /^\s+/.exec(text)
    if (space) {
      s += space[0].length
      text = text.slice(space[0].length)
    }
    // chrono folds a leading "on"/"the" into some results; keep the date proper
    const lead = loc.lead.exec(text)
    if (lead) {
      s += lead[0].length
      text = text.slice(lead[0].length)
    }
    // reject time-only and numeric look-alikes (scores, versions): numeric forms need a year
    if (!/\p{L}/u.test(text) && (y === null || y === undefined)) continue
    if (y !== null && y !== undefined && (y < 1000 || y > 2999)) continue
    // chrono reads "<weekday>, <month> <day>" and times: cut a trailing time of day from the text
    const tcut = /\s*(?:,\s*)?(?:at\s+)?\d{1,2}[:.]\d{2}.*$/.exec(text)
    if (tcut && tcut.index > 4 && /\p{L}/u.test(text.slice(0, tcut.index))) text = text.slice(0, tcut.index)
    // a range ("Aug. 26 to Oct. 20", "Jan 5 - 7, 2015", "12-14 May 2019") is two dates, each its own mention
    const end = r.end
    if (end && end.isCertain("month") && end.isCertain("day")) {
      const sep = loc.rangeSep.exec(text) ?? RANGE_DASH.exec(text)
      if (sep && sep.index > 0 && /\d/.test(text.slice(0, sep.index)) && /\d/.test(text.slice(sep.index + sep[0].length))) {
        const es = sep.index + sep[0].length
        // the month name of "October 3 to 13" is written for both days
        const named = /\p{L}/u.test(text)
        // "Aug. 26 to Oct. 20, 2019": the year written once holds for the start (the year before when it wraps)
        const ey = end.isCertain("year") ? end.get("year") : null
        const sy = c.isCertain("year") ? c.get("year") : ey === null ? null : mo * 100 + d <= end.get("month")! * 100 + end.get("day")! ? ey : ey - 1
        addChronoDate(add, s, text.slice(0, sep.index), c, named, sy)
        addChronoDate(add, s + es, text.slice(es), end, named)
        continue
      }
    }
    addChronoDate(add, s, text, c, /\p{L}/u.test(text))
  }
}
