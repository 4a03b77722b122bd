/**
 * Dates stage: date mentions of one cleaned document, its publication date and dateline. Pure.
 *
 * Two passes over the body. Cheap before expensive: one linear scan of the body finds trigger tokens (month and weekday
 * names, year-like numbers, the head words of relative dates, event names); the grammar runs only on windows of a
 * paragraph around them (WINDOW_MARGIN characters each side, short paragraphs whole), and chrono-node only on stretches
 * of a window around a month name or numeric date that also write a day (never on a whole document):
 *   1. candidates: chrono's strict parser for written calendar dates (day precision, numeric forms) plus this
 *      module's own grammar for what chrono leaves to the caller (month + year, bare years after a preposition,
 *      "last <month>", quarters, seasons, holidays, decades, spelled-out years, relative words, modifiers such as
 *      "the end of" / "mid-" / "early", named events from config); overlapping candidates keep the longest;
 *   2. the reference date (stated metadata > the clean stage's hint > a dateline with a year > a page date line above
 *      the main run of prose > the caller's referenceDate) is fixed, then every relative or yearless candidate is
 *      resolved against it, recording what was inferred (`resolution`) and from what (`anchor`, e.g.
 *      "published 2022-02-17", "reference 1998-08-07", "event September 11 attacks").
 * Year choice for a yearless day or month: a dateline takes the publication year, or the year before when that would
 * be after publication; a date governed by a past-tense verb ("was signed on Oct. 3") takes the most recent such day on
 * or before the reference; a future-tense sentence looks forward; otherwise the nearest such day (news omits the year
 * of dates close to publication). Weekdays in past reporting are the most recent such day on or before the reference.
 * Values keep only what the text states: chrono's implied parts are never read, and nothing is ever taken from the
 * clock. With no reference date a yearless day stays `--MM-DD` and a relative date stays empty. Precision is the
 * model's (year, month, day, day_of_year_unknown): a quarter, season or half is reported as its year, a week as its
 * month when it lies in one, a decade with an empty value.
 */
import * as chrono from "chrono-node"
import type { DateModifier, DatePrecision, DateResolution, DateRole } from "../model.js"
import type { CleanResult } from "./clean.js"

export interface DatesConfig {
  /** named events used as dates, e.g. "September 11 attacks" -> 2001-09-11 */
  readonly events: ReadonlyArray<{ readonly name: string; readonly value: string }>
  /**
   * also report vague temporal references ("now", "recently", "the future", decades) as mentions with an empty value
   * (default false: they carry no calendar value; the TempEval benchmark scores both ways)
   */
  readonly vague?: boolean
}

export interface DatesInput {
  readonly cleaned: CleanResult
  /** a publication date the source metadata states (ISO 8601 at its precision); it wins over anything inferred */
  readonly statedPublished: string | null
  /** the reference date to anchor relative and yearless dates when nothing in the text gives one (benchmarks set this) */
  readonly referenceDate: string | null
  /** the document's BCP 47 language tag, null when unknown */
  readonly language: string | null
}

export interface DateMention {
  readonly text: string
  /** offsets into cleaned.body in Unicode code points; -1 when the date is outside the body */
  readonly start: number
  readonly end: number
  readonly value: string | null
  readonly precision: DatePrecision | null
  readonly modifier: DateModifier | null
  readonly role: DateRole
  readonly resolution: DateResolution
  readonly anchor: string | null
}

export interface DatesResult {
  readonly published: { readonly value: string; readonly precision: DatePrecision } | null
  readonly dateline: { readonly place: string | null; readonly value: string | null } | null
  readonly mentions: ReadonlyArray<DateMention>
  /** posted dates of cleaned.comments, same order, ISO 8601 at precision or null */
  readonly commentDates: ReadonlyArray<string | null>
}

export const precisionOf = (iso: string): DatePrecision =>
  iso.startsWith("--") ? "day_of_year_unknown" : iso.length === 4 ? "year" : iso.length === 7 ? "month" : "day"

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers (UTC, no clock)

interface Ref {
  readonly y: number
  readonly m: number | null
  readonly d: number | null
  /** what the anchor is called in the `anchor` column */
  readonly source: string
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0")
const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`
const isoMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))
const ymd = (t: Date) => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
const addDays = (y: number, m: number, d: number, n: number) => ymd(new Date(utc(y, m, d).getTime() + n * 86_400_000))
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
const weekdayOf = (y: number, m: number, d: number) => utc(y, m, d).getUTCDay() // 0 = Sunday

/** Parses an ISO 8601 partial date (2016, 2014-12, 2022-02-17, 2022-02-17T10:00) into a reference. */
export const parseIso = (iso: string | null, source: string): Ref | null => {
  if (!iso) return null
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso.trim())
  if (!m) return null
  const y = Number(m[1])
  const mo = m[2] ? Number(m[2]) : null
  const d = m[3] ? Number(m[3]) : null
  if (mo !== null && (mo < 1 || mo > 12)) return null
  if (mo !== null && d !== null && !validDay(y, mo, d)) return null
  return { y, m: mo, d, source }
}
const refIso = (r: Ref) => (r.d !== null && r.m !== null ? isoDay(r.y, r.m, r.d) : r.m !== null ? isoMonth(r.y, r.m) : pad(r.y, 4))
const anchorName = (r: Ref) => `${r.source} ${refIso(r)}`

/** A span of consecutive days, reduced to the finest value of our model that contains all of it. */
const spanValue = (a: { y: number; m: number; d: number }, b: { y: number; m: number; d: number }): string | null =>
  a.y === b.y && a.m === b.m && a.d === b.d ? isoDay(a.y, a.m, a.d) : a.y === b.y && a.m === b.m ? isoMonth(a.y, a.m) : a.y === b.y ? pad(a.y, 4) : null

// ---------------------------------------------------------------------------------------------------------------
// Lexicon

const MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
const MONTH_INDEX: Record<string, number> = {}
MONTHS_FULL.forEach((name, i) => {
  MONTH_INDEX[name.toLowerCase()] = i + 1
  MONTH_INDEX[name.slice(0, 3).toLowerCase()] = i + 1
})
MONTH_INDEX["sept"] = 9
const monthNo = (s: string) => MONTH_INDEX[s.toLowerCase().replace(/\.$/, "")] ?? 0
const cap = (w: string) => `${w}|${w.toUpperCase()}`
/** month names written with a capital (lower-case "may" / "march" are verbs) */
const MONTH = `(?:${MONTHS_FULL.map(cap).join("|")}|(?:${["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
  .map(cap)
  .join("|")})\\.?)`
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
const WEEKDAY = `(?:${WEEKDAYS.map(cap).join("|")})`
const weekdayNo = (s: string) => WEEKDAYS.findIndex((w) => w.toLowerCase() === s.toLowerCase())
const YEAR = `(?:1[5-9]\\d\\d|20\\d\\d)`
const DAYNUM = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30
}
const NUM = `(?:\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)`
const ORDINAL_Q: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 }
const SEASON = `(?:spring|summer|fall|autumn|winter)`

/** the n-th (1-based; -1 = last) weekday wd (0 = Sunday) of a month */
const nthWeekday = (y: number, m: number, wd: number, n: number) => {
  if (n > 0) return { m, d: 1 + ((wd - weekdayOf(y, m, 1) + 7) % 7) + 7 * (n - 1) }
  const last = daysIn(y, m)
  return { m, d: last - ((weekdayOf(y, m, last) - wd + 7) % 7) }
}
const fixed = (m: number, d: number) => () => ({ m, d })
/** holidays whose name fixes the day within the year (Easter and lunar feasts are left out) */
const HOLIDAYS: ReadonlyArray<{ name: string; re: RegExp; day: (y: number) => { m: number; d: number } }> = [
  { name: "New Year's Day", re: /\bNew Year['’]s Day\b/g, day: fixed(1, 1) },
  { name: "New Year's Eve", re: /\bNew Year['’]s Eve\b/g, day: fixed(12, 31) },
  { name: "Christmas Eve", re: /\bChristmas Eve\b/g, day: fixed(12, 24) },
  { name: "Christmas Day", re: /\bChristmas(?: Day)?\b(?!\s+(?:Island|tree|card|carol|market|present|gift|season|holidays?|shopping|sales?|party|break))/g, day: fixed(12, 25) },
  { name: "Boxing Day", re: /\bBoxing Day\b/g, day: fixed(12, 26) },
  { name: "Valentine's Day", re: /\b(?:St\.? )?Valentine['’]s Day\b/g, day: fixed(2, 14) },
  { name: "Halloween", re: /\bHalloween\b/g, day: fixed(10, 31) },
  { name: "Independence Day (US)", re: /\bFourth of July\b|\bJuly Fourth\b/g, day: fixed(7, 4) },
  { name: "Thanksgiving Day (US)", re: /\bThanksgiving(?: Day)?\b/g, day: (y) => nthWeekday(y, 11, 4, 4) },
  { name: "Labor Day (US)", re: /\bLabor Day\b/g, day: (y) => nthWeekday(y, 9, 1, 1) },
  { name: "Memorial Day (US)", re: /\bMemorial Day\b/g, day: (y) => nthWeekday(y, 5, 1, -1) },
  { name: "Election Day (US)", re: /\bElection Day\b/g, day: (y) => { const mon = nthWeekday(y, 11, 1, 1); return { m: 11, d: mon.d + 1 } } },
  { name: "Victory Day", re: /\bVictory Day\b/g, day: fixed(5, 9) }
]

const HAS_MONTH = new RegExp(MONTH)
const HAS_WEEKDAY = new RegExp(WEEKDAY)
const HAS_HOLIDAY = /Christmas|New Year|Boxing Day|Valentine|Halloween|Fourth of July|July Fourth|Thanksgiving|Labor Day|Memorial Day|Election Day|Victory Day/
const MONTH_OR_NUMERIC = new RegExp(`${MONTH}|\\d[-/.]\\d`)

/**
 * Trigger tokens: every expression of the grammar below (and every chrono result kept) contains one of them, so the
 * grammar and chrono only run on windows of text around a trigger. One linear scan per paragraph finds them.
 * Case-sensitive part: capitalised month and weekday names (as the grammar writes them), year-like numbers (also inside
 * "FY2019" or "2015-10-17"), numeric dates with a two-digit year, "'90s".
 */
const TRIGGER_CS = new RegExp(`\\b(?:${MONTH}|${WEEKDAY})(?![a-z])|(?:1[5-9]|20)\\d\\d|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d\\d|'\\d0s`, "g")
/**
 * case-insensitive part: the head words of relative dates, periods, seasons, holidays, spelled-out years and decades;
 * "day" only where the grammar reads it ("three days ago", "that day", "Labor Day"), as it is a frequent word
 */
const TRIGGER_WORDS =
  "today|tonight|yesterday|tomorrow|ago|days?\\s+(?:ago|earlier|before|later|from|hence)|(?:that|same)\\s+day|(?:labor|memorial|election|victory|boxing)\\s+day|week|month|year|quarter|period|half|decade|century|spring|summer|fall|autumn|winter|nineteen|thousand|(?:twen|thir|for|fif|six|seven|eigh|nine)ties|christmas|new year|valentine|halloween|thanksgiving"
/** with `vague: true` the vague words are triggers too */
const TRIGGER_VAGUE_WORDS = "now|currently|recently|nowadays|at present|these days|the future|the past|recent|the present|the near|the short term|the long term|formerly"
/**
 * The case-insensitive trigger of a configuration: the words above plus the longest word of each configured event name
 * (a word of the name sits at a word boundary wherever the name matches, so this is a superset of the event names).
 */
const triggerCache = new WeakMap<DatesConfig["events"], { plain: RegExp; vague: RegExp }>()
const triggerCI = (config: DatesConfig): RegExp => {
  let t = triggerCache.get(config.events)
  if (!t) {
    const evWords = [...new Set(eventRegexes(config.events).map((e) => (e.name.match(/\w+/g) ?? [e.name]).reduce((a, b) => (b.length > a.length ? b : a))))]
    const ev = evWords.map((w) => `|${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).join("")
    t = { plain: new RegExp(`\\b(?:${TRIGGER_WORDS}${ev})`, "gi"), vague: new RegExp(`\\b(?:${TRIGGER_WORDS}|${TRIGGER_VAGUE_WORDS}${ev})`, "gi") }
    triggerCache.set(config.events, t)
  }
  return config.vague ? t.vague : t.plain
}
/**
 * Context a window keeps on each side of its triggers: more than the longest stretch of an expression to the left or
 * right of the nearest trigger it contains (a modifier such as "the end of", "the comparable year-earlier") plus the
 * longest look-around of the grammar's context checks (40 characters).
 */
const WINDOW_MARGIN = 100

/** tense cues in the sentence of a mention: future wins over past; with neither, yearless days take the nearest year */
const FUTURE_CUE =
  /\b(?:will|won't|wo n't|'ll|shall|going to|(?:is|are|was|were) (?:scheduled|expected|due|set|slated|planned|supposed|likely) to|scheduled for|planning to|upcoming|is to|are to|to be held|next|payable|(?:plans?|intends?|expects?|aims?) to)\b/i
const PAST_CUE = /\b(?:was|were|had|did|said|says|told|announced|reported|ago|last|earlier|yesterday|since|[a-z]{3,}ed)\b/i
type Tense = "future" | "past" | "unknown"

// ---------------------------------------------------------------------------------------------------------------
// Candidates

type Kind =
  | { readonly k: "full"; readonly y: number; readonly m: number | null; readonly d: number | null } // year written
  | { readonly k: "yearless"; readonly m: number; readonly d: number; readonly wd?: number } // month + day (+ weekday) written
  | { readonly k: "month"; readonly m: number; readonly rel: "last" | "next" | "this" | null } // month alone
  | { readonly k: "weekday"; readonly wd: number; readonly rel: "last" | "next" | "this" | null }
  | { readonly k: "days"; readonly n: number } // today / yesterday / N days ago
  | { readonly k: "unit"; readonly unit: "week" | "weekend" | "month" | "year" | "quarter"; readonly n: number } // last year, this month, 2 years ago
  | { readonly k: "quarter"; readonly q: number; readonly y: number | null; readonly shift: number } // third quarter (of 1989), the year-ago quarter
  | { readonly k: "season"; readonly season: string; readonly y: number | null; readonly rel: "last" | "next" | "this" | null }
  | { readonly k: "event"; readonly value: string; readonly name: string }
  | { readonly k: "vague" } // now, recently, the 1990s: no calendar value
  | { readonly k: "monthOfYear"; readonly m: number; readonly n: number } // June last year
  | { readonly k: "latestQuarter"; readonly back: boolean; readonly yearBack: number } // the latest quarter, the year-ago quarter
  | { readonly k: "holiday"; readonly name: string; readonly day: (y: number) => { m: number; d: number } }
  | { readonly k: "anaphor"; readonly unit: "day" | "month" | "year" } // that year, later that day: an earlier date of the text

interface Cand {
  s: number // UTF-16 offsets in the body
  e: number
  kind: Kind
  modifier: DateModifier | null
  /** lower number wins ties between overlapping candidates of equal length */
  prio: number
}

const findAll = (re: RegExp, text: string, f: (m: RegExpExecArray) => void) => {
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    f(m)
    if (m[0].length === 0) re.lastIndex++
  }
}

const rx = (src: string, flags = "g") => new RegExp(src, flags)
const relOf = (w: string | undefined): "last" | "next" | "this" | null => {
  const l = (w ?? "").toLowerCase()
  return l === "last" || l === "past" || l === "previous" || l === "this past" ? "last" : l === "next" || l === "coming" || l === "this coming" || l === "following" ? "next" : l === "this" ? "this" : null
}

// grammar (applied per paragraph); offsets of the date proper are computed from named groups where a lead word is context
const RE_MONTH_DAY_YEAR_CUSTOM = rx(`\\b(${MONTH})\\s+(${DAYNUM})(?:\\s*,\\s*|\\s+)(${YEAR})\\b`)
const RE_MONTH_YEAR = rx(`\\b(${MONTH})(?:\\s*,\\s*|\\s+(?:of\\s+)?)(${YEAR})\\b(?!\\s*[-/.]\\d)`)
const RE_MONTH_DAY = rx(`\\b(${MONTH})\\s+(${DAYNUM})\\b(?![:.]?\\d)(?!\\s*(?:%|percent|people|troops|votes?|years?|days?|miles?|km|points?|cents?|million|billion))`)
const RE_DAY_MONTH = rx(`\\b(${DAYNUM})\\s+(?:of\\s+)?(${MONTH})(?:\\s*,?\\s*(${YEAR}))?\\b`)
const RE_REL_MONTH = rx(`\\b(last|next|this|this past|this coming|(?:the\\s+)?previous|(?:the\\s+)?following)\\s+(${MONTH})\\b(?!\\s+\\d)`)
const bothCases = (words: ReadonlyArray<string>) => words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]).join("|")
const RE_MONTH_ALONE = rx(
  `\\b(?:(${bothCases(["in", "of", "since", "until", "till", "by", "from", "to", "through", "during", "early", "late", "mid-?", "before", "after", "last", "this", "next", "and", "or", "between", "for", "on", "that", "each", "every"])})\\s+(?:early\\s+|late\\s+|mid-?)?)?(${MONTH})\\b(?!\\s+\\d)`
)
const RE_MONTH_REL_YEAR = rx(`\\b(${MONTH})\\s+(?:of\\s+)?(this|last|next|the following|the previous|the same)\\s+year\\b`, "g")
const RE_PERIOD = /\b(?:the\s+)?(latest|current|past|previous|same|comparable|year-ago|year-earlier|recent|prior|recent|fiscal|latest fiscal|current fiscal|most recent|comparable year-ago|comparable year-earlier|year-before)\s+(quarter|period|year|fiscal year)\b/gi
/** "that year", "later that day", "the same month": the period of the date written just before */
const RE_ANAPHOR = /\b(?:(?:earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(day|month|year)\b(?!['’-])/gi
/** the second day of "April 24 and 25" (the first is read by the other rules) */
const RE_DAY_CONJ = rx(`\\b(${MONTH})\\s+${DAYNUM}\\s*,?\\s+(?:and|or|&)\\s+(${DAYNUM})\\b(?![:.]?\\d)(?!\\s*(?:%|percent|people|years?|days?|million|billion))(?:\\s*,?\\s*(${YEAR})\\b)?`)
const RE_YEAR_END = /\b(?:the\s+)?(?:year-end|year end|year's end|year’s end|end of the year|turn of the year)\b/gi
const RE_YEAR_AGO = /\b(year-earlier|year-ago|a year earlier|a year ago)\b/gi
const RE_WEEKEND = /\b(?:the|this|last|next|this past|over the)\s+weekend\b/gi
const RE_WEEKDAY = rx(`\\b(?:(last|next|this|this past|this coming|past|coming)\\s+)?(${WEEKDAY})(?:'s)?\\b(?:\\s+(?:morning|afternoon|evening|night))?`)
const RE_CASUAL = /\b(today|tonight|yesterday|tomorrow)\b(?:\s+(?:morning|afternoon|evening|night))?/gi
const RE_REL_UNIT = /\b(last|next|this|this past|this coming|past|coming|previous|current|the previous|the current|the past|the coming|the following|the same)\s+(week|weekend|month|year|quarter)\b(?!\s*(?:'s|’s)?\s*(?:-long|old))/gi
const RE_AGO = rx(`\\b(${NUM})\\s+(day|week|month|year|decade)s?\\s+(ago|earlier|before|later|from now|hence)\\b`, "gi")
const RE_EARLIER_THIS = /\b(earlier|later)\s+(this|last|next)\s+(week|month|year)\b/gi
const RE_THE_UNIT = /\b(?:(?:earlier|later)\s+in|for|during|of|throughout|in)\s+the\s+(?:(?:full|whole|entire)\s+)?(year|month|week|quarter)\b(?![-’']|\s+(?:ago|before|earlier|later|of|to|two|2\d\d\d|before|after))/gi
const RE_QUARTER = rx(`\\b(?:(?:the|its|a|their|our)\\s+)?(?:(?:comparable\\s+)?(year-ago|year-earlier|last year['’]s|next year['’]s|this year['’]s)\\s+)?(?:(${YEAR})\\s+)?(?:fiscal\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?:quarter|period)\\b(?:\\s+(?:of\\s+)?(?:fiscal\\s+)?(${YEAR})\\b)?`, "gi")
const RE_HALF = rx(`\\b(?:the\\s+)?(?:(${YEAR})\\s+)?(first|second)[- ]half\\b(?:\\s+(?:of\\s+)?(${YEAR})\\b)?`, "gi")
const RE_FISCAL = rx(`\\b(?:fiscal|financial|FY|calendar|model|tax)[- ]?(?:year\\s+)?(${YEAR})\\b`, "gi")
const RE_SEASON = rx(`\\b(?:(last|next|this|this past|this coming|past|coming)\\s+)?(${SEASON})(?:\\s+(?:of\\s+)?(${YEAR}))?\\b`, "gi")
const RE_YEAR = rx(
  `(?<![\\d,.$£€#/:-])\\b(${YEAR})(?:(?:'s|’s)|s)?\\b(?![,.]?\\d)(?![-/:]\\d)(?!\\s*(?:%|percent|per cent|km|kilometers?|kilometres?|miles?|meters?|metres?|feet|ft|people|persons|troops|soldiers|men|women|students|votes|cars|units|tons|tonnes|dollars|euros|yuan|rubles|roubles|shares|jobs|employees|workers|members|hours|pm|am|GMT|UTC|[A-Z]{2,}\\b))`
)
const YEAR_LEFT = /(?:\b(?:in|since|until|till|of|by|from|to|before|after|during|through|throughout|between|and|or|early|late|mid|around|circa|c\.|year|years|fiscal|the|its|for|on|at|than|spring|summer|autumn|fall|winter|season|end|beginning|start|middle|as|both|either|over|within|about|till|last|past|a|an|that|this|his|her|their|our|due|into|predicting|unsuccessful|successful|whole|entire)\s*[-–]?|['’]s|[(\[]|[-–]|,)\s*$/i
const RE_DECADE_WORDS = /\b(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:nineteen-?)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/gi
const RE_PREFIXED_YEAR = rx(`\\b(mid|early|late|pre|post)-(${YEAR})\\b(?!-)`, "gi")
const ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
const RE_SPELLED_YEAR = new RegExp(
  `\\b(?:nineteen[- ](?:hundred|oh[- ](?:${ONES.slice(1).join("|")})|(?:${TEENS.join("|")})|(?:${TENS.slice(2).join("|")})(?:[- ](?:${ONES.slice(1).join("|")}))?)|(?:the year )two thousand|two thousand(?:[- ](?:and[- ])?(?:${ONES.slice(1).join("|")}|${TEENS.join("|")}))?)\\b`,
  "gi"
)
/** "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000 (transcripts spell years out) */
const spelledYear = (text: string): number | null => {
  const t = text.toLowerCase().replace(/^the year /, "").replace(/-/g, " ").split(/\s+/)
  const small = (ws: ReadonlyArray<string>): number | null => {
    if (ws.length === 0) return 0
    if (ws[0] === "oh") return ws[1] ? ONES.indexOf(ws[1]) : null
    if (ws[0] === "hundred") return 0
    if (ws[0] === "and") return small(ws.slice(1))
    const teen = TEENS.indexOf(ws[0]!)
    if (teen >= 0) return 10 + teen
    const ten = TENS.indexOf(ws[0]!)
    if (ten >= 2) return ten * 10 + (ws[1] ? Math.max(0, ONES.indexOf(ws[1])) : 0)
    const one = ONES.indexOf(ws[0]!)
    return one > 0 ? one : null
  }
  if (t[0] === "nineteen") {
    const r = small(t.slice(1))
    return r === null ? null : 1900 + r
  }
  if (t[0] === "two" && t[1] === "thousand") {
    const r = small(t.slice(2))
    return r === null ? null : 2000 + r
  }
  return null
}
/** "the 20th century", "the late 19th century": like decades, dates our model cannot hold (an empty value) */
const RE_CENTURY = /\b(?:the\s+)?(?:(early|mid|late)[- ])?(?:[1-9]|1\d|2[01])(?:st|nd|rd|th)[- ]century\b/gi
const RE_DECADE = /\b(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:(1[5-9]\d0|20\d0)|'(\d0))s\b/gi
const RE_VAGUE = /\b(?:now|currently|recently|nowadays|at present|these days|the future|the past|recent (?:years|months|weeks|days)|the present|the near future|the near term|the short term|the long term|formerly)\b/gi

/** nouns after "today's" that make it the present age rather than a day */
const GENERIC_AFTER = /^['’]s\s+(?:world|youth|society|generation|generations|children|kids|young|teenagers|standards|terms|dollars|money|prices|age|era|economy|culture|technology|parents|families|workplace)\b/i

/** "the people of tomorrow", "the world of today" */
const GENERIC_OF = /\b(?:people|world|leaders|children|generations?|jobs|workers|workforce|cities|city|cars?|homes?|schools?|technology|economy|society)\s+of\s+$/i

/** words before a date that set its modifier (and join its text) */
const MOD_BEFORE =
  /(?:\b(?:the\s+)?(early|earlier|mid|middle of|late|later|end of|beginning of|start of|turn of|close of|around|about|approximately|circa|roughly|some time in|sometime in)(?:\s+the)?\s*-?\s*)$/i
const modifierFor = (w: string): DateModifier => {
  const l = w.toLowerCase()
  if (l === "early" || l === "earlier" || l.startsWith("beginning") || l.startsWith("start")) return "start"
  if (l === "mid" || l.startsWith("middle")) return "mid"
  if (l === "late" || l === "later" || l.startsWith("end") || l.startsWith("turn") || l.startsWith("close")) return "end"
  return "approximate"
}

const eventRegexCache = new WeakMap<DatesConfig["events"], ReadonlyArray<{ re: RegExp; value: string; name: string }>>()
const eventSource = (name: string) =>
  `(?<![\\w])${name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+")}(?![\\w])`
const eventRegexes = (events: DatesConfig["events"]) => {
  const hit = eventRegexCache.get(events)
  if (hit) return hit
  const out = events
    .filter((e) => parseIso(e.value, "event") !== null)
    .map((e) => ({ re: new RegExp(eventSource(e.name), "gi"), value: e.value, name: e.name }))
  eventRegexCache.set(events, out)
  return out
}
/** one expression for every configured event name: a trigger, and the gate in front of the per-event expressions */
const anyEventCache = new WeakMap<DatesConfig["events"], RegExp | null>()
const anyEvent = (events: DatesConfig["events"]): RegExp | null => {
  const hit = anyEventCache.get(events)
  if (hit !== undefined) return hit
  const list = eventRegexes(events)
  // no look-arounds: a superset of the per-event expressions that keeps the scan's first-character test fast
  const re =
    list.length === 0
      ? null
      : new RegExp(list.map((e) => e.name.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+")).join("|"), "gi")
  anyEventCache.set(events, re)
  return re
}

/**
 * The windows of each paragraph that can hold a date: each trigger with WINDOW_MARGIN characters of context on either
 * side, widened to the nearest white space (so no word is cut and word boundaries read as in the paragraph), kept inside
 * its paragraph, merged when they touch. Linear in the body: two scans of the whole body with expressions free of
 * nested quantifiers, then one pass over the triggers in order.
 */
const triggerWindows = (body: string, paras: ReadonlyArray<{ s: number; text: string }>, config: DatesConfig): Array<Array<{ s: number; e: number }>> => {
  const spans: Array<number> = []
  collectSpans(TRIGGER_CS, body, spans)
  const csEnd = spans.length
  collectSpans(triggerCI(config), body, spans)
  // merge the two runs (each in text order) into one ordered list of span starts
  const order: Array<number> = []
  for (let i = 0, j = csEnd; i < csEnd || j < spans.length; ) {
    if (j >= spans.length || (i < csEnd && spans[i]! <= spans[j]!)) {
      order.push(i)
      i += 2
    } else {
      order.push(j)
      j += 2
    }
  }
  const out: Array<Array<{ s: number; e: number }>> = paras.map(() => [])
  let pi = 0
  for (const k of order) {
    const ts = spans[k]!
    while (pi < paras.length && paras[pi]!.s + paras[pi]!.text.length <= ts) pi++
    if (pi >= paras.length) break
    const para = paras[pi]!
    if (ts < para.s) continue // a trigger on a line break (none: triggers hold no line break)
    const p = para.text
    const n = p.length
    const t0 = ts - para.s
    const t1 = Math.min(n, spans[k + 1]! - para.s)
    let ws = t0 - WINDOW_MARGIN
    let we = t1 + WINDOW_MARGIN
    if (ws <= 0) ws = 0
    else {
      const stop = Math.max(0, ws - 40)
      while (ws > stop && !isSpace(p.charCodeAt(ws))) ws--
      if (ws === stop && !isSpace(p.charCodeAt(ws))) ws = Math.max(0, t0 - WINDOW_MARGIN)
    }
    if (we >= n) we = n
    else {
      const stop = Math.min(n, we + 40)
      while (we < stop && !isSpace(p.charCodeAt(we))) we++
    }
    const list = out[pi]!
    // a short paragraph (a date line, a byline) is one window: its candidates are those of the whole line
    if (n <= CAND_CACHE_TEXT) {
      if (list.length === 0) list.push({ s: 0, e: n })
      continue
    }
    const last = list[list.length - 1]
    if (last && ws <= last.e) {
      if (we > last.e) last.e = we
    } else list.push({ s: ws, e: we })
  }
  return out
}

function collectSpans(re: RegExp, p: string, spans: Array<number>): void {
  re.lastIndex = 0
  for (let m = re.exec(p); m; m = re.exec(p)) {
    spans.push(m.index, m.index + m[0].length)
    if (m[0].length === 0) re.lastIndex++
  }
}

/** the characters of \s */
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

/** Candidates of one window (or short line), selected; windows of repeated page furniture hit a small cache. */
const candCache = new WeakMap<DatesConfig, Map<string, ReadonlyArray<Cand>>>()
const CAND_CACHE_MAX = 4096
const CAND_CACHE_TEXT = 240
const windowCandidates = (text: string, config: DatesConfig): ReadonlyArray<Cand> => {
  // only short windows (a whole short line: a date line, a byline) repeat often enough to be worth hashing
  if (text.length > CAND_CACHE_TEXT) return selectCands(paragraphCandidates(text, config))
  let cache = candCache.get(config)
  if (!cache) candCache.set(config, (cache = new Map()))
  const hit = cache.get(text)
  if (hit) return hit
  const out = selectCands(paragraphCandidates(text, config))
  if (cache.size >= CAND_CACHE_MAX) cache.clear()
  cache.set(text, out)
  return out
}

const num = (w: string) => (/^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w.toLowerCase()] ?? 1)

/** the separator of a chrono range: a word or a spaced dash first, a bare dash ("12-14 May") only when there is none */
const RANGE_SEP = /\s*(?:[–—]|\s-\s|\b(?:to|through|until|till|and)\b)\s*/
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
const CHRONO_TRIGGER = new RegExp(`\\b${MONTH}(?![a-z])|\\d[-/.]\\d`, "g")
const CHRONO_MARGIN = 40 // chrono's longest kept result reaches ~25 characters left of its month ("Wednesday the 5th of")
const CHRONO_OPTIONS = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 }
/**
 * chrono's strict parser without the parsers whose results are never kept here (relative "3 days ago" / "within a
 * week" readings, month/year-only slashes, times of day): a third less work. When a chrono release renames them, the
 * filter drops nothing and the full strict parser runs.
 */
const CHRONO_UNUSED = new Set(["ENTimeUnitWithinFormatParser", "ENTimeUnitAgoFormatParser", "ENTimeUnitLaterFormatParser", "ENSlashMonthFormatParser", "ENTimeExpressionParser"])
const DATE_CHRONO = (() => {
  const c = chrono.strict.clone()
  c.parsers = c.parsers.filter((p) => !CHRONO_UNUSED.has(p.constructor.name))
  return c
})()
const chronoParse = (p: string): Array<chrono.ParsedResult> => {
  const out: Array<chrono.ParsedResult> = []
  const n = p.length
  let ws = -1
  let we = -1
  CHRONO_TRIGGER.lastIndex = 0
  for (let m = CHRONO_TRIGGER.exec(p); m; m = CHRONO_TRIGGER.exec(p)) {
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
      if (ws >= 0) chronoStretch(p, ws, we, out)
      ws = s
      we = e
    }
  }
  if (ws >= 0) chronoStretch(p, ws, we, out)
  return out
}

/** a day written as a number or an ordinal word: every chrono result kept has one */
const DAY_WRITTEN = /\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b/i
function chronoStretch(p: string, ws: number, we: number, out: Array<chrono.ParsedResult>): void {
  const text = ws === 0 && we === p.length ? p : p.slice(ws, we)
  if (!DAY_WRITTEN.test(text)) return
  for (const r of DATE_CHRONO.parse(text, CHRONO_OPTIONS)) {
    ;(r as { index: number }).index += ws
    out.push(r)
  }
}

/** All date candidates of one paragraph (offsets relative to the paragraph). */
const paragraphCandidates = (p: string, config: DatesConfig): Array<Cand> => {
  const out: Array<Cand> = []
  const add = (s: number, e: number, kind: Kind, prio: number, modifier: DateModifier | null = null) => out.push({ s, e, kind, modifier, prio })
  // cheap tests that spare the costlier expressions most paragraphs cannot match
  const g = {
    month: HAS_MONTH.test(p),
    digit: /\d/.test(p),
    period: /quarter|period|half|year/i.test(p),
    yearw: /year/i.test(p),
    weekend: /weekend/i.test(p),
    weekday: HAS_WEEKDAY.test(p),
    casual: /\b(?:today|tonight|yesterday|tomorrow)/i.test(p),
    unit: /\b(?:week|month|year|quarter)/i.test(p),
    ago: /\b(?:ago|earlier|before|later|from now|hence)\b/i.test(p),
    season: /spring|summer|fall|autumn|winter/i.test(p),
    decade: /\d0s\b/.test(p),
    decadeWords: /ties\b/i.test(p),
    century: /century/i.test(p),
    spelled: /nineteen|thousand/i.test(p),
    holiday: HAS_HOLIDAY.test(p)
  }

  const anyEv = anyEvent(config.events)
  if (anyEv && ((anyEv.lastIndex = 0), anyEv.test(p)))
    for (const ev of eventRegexes(config.events)) findAll(ev.re, p, (m) => add(m.index, m.index + m[0].length, { k: "event", value: ev.value, name: ev.name }, 0))

  // written calendar dates (chrono, strict grammar: no casual or relative readings; only certain components kept)
  if (g.digit && (g.month || /\d[-/.]\d/.test(p))) {
    for (const r of chronoParse(p)) {
      const c = r.start
      const y = c.isCertain("year") ? c.get("year") : null
      const mo = c.isCertain("month") ? c.get("month") : null
      const d = c.isCertain("day") ? c.get("day") : null
      if (mo === null || mo === undefined || d === null || d === undefined) continue
      // relative readings ("11 days ago") are this module's job, against the document's reference, not chrono's instant
      if ([...r.tags()].some((t) => /relative|casual/i.test(t))) continue
      if (!MONTH_OR_NUMERIC.test(r.text)) continue
      if (!(c.isCertain("year")) && !HAS_MONTH.test(r.text)) continue // "5/8" is a fraction, not May 8
      let text = r.text.replace(/[\s,.–—-]+$/, "")
      let s = r.index
      // chrono folds a leading "on"/"the" into some results; keep the date proper
      const lead = /^(?:on|the|of)\s+/i.exec(text)
      if (lead) {
        s += lead[0].length
        text = text.slice(lead[0].length)
      }
      // reject time-only and numeric look-alikes (scores, versions): numeric forms need a year
      if (!/[A-Za-z]/.test(text) && (y === null || y === undefined)) continue
      if (y !== null && y !== undefined && (y < 1000 || y > 2999)) continue
      // chrono reads "<weekday>, <month> <day>" and times: cut a trailing time of day from the text
      const tcut = /\s*(?:,\s*)?(?:at\s+)?\d{1,2}[:.]\d{2}.*$/.exec(text)
      if (tcut && tcut.index > 4 && /[A-Za-z]/.test(text.slice(0, tcut.index))) text = text.slice(0, tcut.index)
      // a range ("Aug. 26 to Oct. 20", "Jan 5 - 7, 2015", "12-14 May 2019") is two dates, each its own mention
      const end = r.end
      if (end && end.isCertain("month") && end.isCertain("day")) {
        const sep = RANGE_SEP.exec(text) ?? RANGE_DASH.exec(text)
        if (sep && sep.index > 0 && /\d/.test(text.slice(0, sep.index)) && /\d/.test(text.slice(sep.index + sep[0].length))) {
          const es = sep.index + sep[0].length
          // the month name of "October 3 to 13" is written for both days
          const named = /[A-Za-z]/.test(text)
          // "Aug. 26 to Oct. 20, 2019": the year written once holds for the start (the year before when it wraps)
          const ey = end.isCertain("year") ? end.get("year") : null
          const sy = c.isCertain("year") ? c.get("year") : ey === null ? null : mo * 100 + d <= end.get("month")! * 100 + end.get("day")! ? ey : ey - 1
          addChronoDate(add, s, text.slice(0, sep.index), c, named, sy)
          addChronoDate(add, s + es, text.slice(es), end, named)
          continue
        }
      }
      addChronoDate(add, s, text, c, /[A-Za-z]/.test(text))
    }
  }

  if (g.month) findAll(RE_MONTH_DAY_YEAR_CUSTOM, p, (m) => {
    const mo = monthNo(m[1]!)
    const d = parseInt(m[2]!, 10)
    const y = Number(m[3])
    if (validDay(y, mo, d)) add(m.index, m.index + m[0].length, { k: "full", y, m: mo, d }, 2)
  })
  if (g.month) findAll(RE_MONTH_YEAR, p, (m) => add(m.index, m.index + m[0].length, { k: "full", y: Number(m[2]), m: monthNo(m[1]!), d: null }, 2))
  if (g.month) findAll(RE_MONTH_DAY, p, (m) => {
    const mo = monthNo(m[1]!)
    const d = parseInt(m[2]!, 10)
    if (validDay(2000, mo, d)) add(m.index, m.index + m[0].length, { k: "yearless", m: mo, d }, 3)
  })
  if (g.month) findAll(RE_DAY_CONJ, p, (m) => {
    const mo = monthNo(m[1]!)
    const d = parseInt(m[2]!, 10)
    const y = m[3] ? Number(m[3]) : null
    if (!validDay(y ?? 2000, mo, d)) return
    const s = m.index + m[0].lastIndexOf(m[2]!, m[3] ? m[0].length - m[3].length - 1 : m[0].length)
    add(s, s + m[2]!.length, y !== null ? { k: "full", y, m: mo, d } : { k: "yearless", m: mo, d }, 3)
  })
  if (g.month) findAll(RE_DAY_MONTH, p, (m) => {
    const mo = monthNo(m[2]!)
    const d = parseInt(m[1]!, 10)
    if (!validDay(m[3] ? Number(m[3]) : 2000, mo, d)) return
    add(m.index, m.index + m[0].length, m[3] ? { k: "full", y: Number(m[3]), m: mo, d } : { k: "yearless", m: mo, d }, 3)
  })
  if (g.month) findAll(RE_REL_MONTH, p, (m) => add(m.index, m.index + m[0].length, { k: "month", m: monthNo(m[2]!), rel: relOf(m[1]!.replace(/^the\s+/i, "")) }, 2))
  if (g.month) findAll(RE_MONTH_REL_YEAR, p, (m) => {
    const w = m[2]!.toLowerCase()
    add(m.index, m.index + m[0].length, { k: "monthOfYear", m: monthNo(m[1]!), n: w === "last" || w === "the previous" ? -1 : w === "next" || w === "the following" ? 1 : 0 }, 1)
  })
  if (g.period) findAll(RE_PERIOD, p, (m) => {
    const w = m[1]!.toLowerCase()
    const unit = m[2]!.toLowerCase()
    const yearBack = /year-|prior|previous|year-before/.test(w) ? -1 : 0
    if (unit.includes("year")) add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: yearBack !== 0 || w === "past" ? -1 : 0 }, 2)
    else add(m.index, m.index + m[0].length, { k: "latestQuarter", back: w !== "current" && w !== "fiscal" && w !== "current fiscal", yearBack }, 2)
  })
  if (g.unit || /\bday\b/i.test(p)) findAll(RE_ANAPHOR, p, (m) => add(m.index, m.index + m[0].length, { k: "anaphor", unit: m[1]!.toLowerCase() as "day" }, 3))
  if (g.yearw) findAll(RE_YEAR_END, p, (m) => add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: 0 }, 3, "end"))
  if (g.yearw) findAll(RE_YEAR_AGO, p, (m) => add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: -1 }, 3))
  if (g.weekend) findAll(RE_WEEKEND, p, (m) => {
    const w = m[0].toLowerCase()
    add(m.index, m.index + m[0].length, { k: "unit", unit: "weekend", n: /last|past|the weekend/.test(w) ? -1 : /next/.test(w) ? 1 : 0 }, 3)
  })
  if (g.holiday) for (const h of HOLIDAYS) findAll(h.re, p, (m) => add(m.index, m.index + m[0].length, { k: "holiday", name: h.name, day: h.day }, 1))
  if (g.month) findAll(RE_MONTH_ALONE, p, (m) => {
    const word = m[2]!
    // "May" and "March" alone are too often verbs/names; ask for a lead word; abbreviations alone are not dates
    const lead = m[1]
    if (/^(?:May|MAY|March|MARCH)$/.test(word) && !lead) return
    if (word.length <= 4 && !/^(?:June|July|May|JUNE|JULY|MAY)$/.test(word)) return
    if (/\.$/.test(word)) return
    const s = m.index + m[0].length - word.length
    add(s, s + word.length, { k: "month", m: monthNo(word), rel: null }, 5)
  })
  if (g.weekday) findAll(RE_WEEKDAY, p, (m) => {
    // an abbreviation-free weekday; "Sunday Times"-style names are accepted as a risk of the form
    add(m.index, m.index + m[0].length, { k: "weekday", wd: weekdayNo(m[2]!), rel: relOf(m[1]) }, 4)
  })
  if (g.casual) findAll(RE_CASUAL, p, (m) => {
    const w = m[1]!.toLowerCase()
    // "today's world", "in today's dollars", "the people of tomorrow": the present or future age, not a day
    if (GENERIC_AFTER.test(p.slice(m.index + m[0].length, m.index + m[0].length + 24))) return
    if (w !== "yesterday" && GENERIC_OF.test(p.slice(Math.max(0, m.index - 30), m.index))) return
    add(m.index, m.index + m[0].length, { k: "days", n: w === "yesterday" ? -1 : w === "tomorrow" ? 1 : 0 }, 4)
  })
  if (g.unit) findAll(RE_REL_UNIT, p, (m) => {
    const w = m[1]!.toLowerCase().replace(/^the\s+/, "")
    if (w === "past" && !/^the\s/i.test(m[1]!)) {
      // "past year" without "the" is mostly a duration ("in the past year" is caught with the article)
    }
    if (w === "same") return
    if (w === "past" || w === "coming") return // "the past week", "the coming year": durations
    const n = w === "last" || w === "previous" || w === "this past" ? -1 : w === "next" || w === "following" || w === "this coming" ? 1 : 0
    add(m.index, m.index + m[0].length, { k: "unit", unit: m[2]!.toLowerCase() as "week", n }, 3)
  })
  if (g.ago) findAll(RE_AGO, p, (m) => {
    const n = num(m[1]!)
    const dir = /ago|earlier|before/i.test(m[3]!) ? -1 : 1
    const unit = m[2]!.toLowerCase()
    // "three days before/later" counts from an event of the text, not from the reference: detected, left unresolved
    if (/^(?:before|later|after)$/i.test(m[3]!)) return add(m.index, m.index + m[0].length, { k: "vague" }, 3)
    if (unit === "decade") add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: 10 * n * dir }, 3)
    else if (unit === "day") add(m.index, m.index + m[0].length, { k: "days", n: n * dir }, 3)
    else if (unit === "week") add(m.index, m.index + m[0].length, { k: "days", n: 7 * n * dir }, 3)
    else add(m.index, m.index + m[0].length, { k: "unit", unit: unit as "month", n: n * dir }, 3)
  })
  if (g.unit) findAll(RE_EARLIER_THIS, p, (m) => {
    const n = m[2]!.toLowerCase() === "last" ? -1 : m[2]!.toLowerCase() === "next" ? 1 : 0
    add(m.index, m.index + m[0].length, { k: "unit", unit: m[3]!.toLowerCase() as "week", n }, 2, m[1]!.toLowerCase() === "earlier" ? null : null)
  })
  if (g.unit) findAll(RE_THE_UNIT, p, (m) => {
    const s = m.index + m[0].search(/the\s/)
    add(s, m.index + m[0].length, { k: "unit", unit: m[1]!.toLowerCase() as "year", n: 0 }, 6)
  })
  if (g.period) findAll(RE_QUARTER, p, (m) => {
    const y = m[2] ?? m[4]
    const shift = m[1] ? (/^(?:year-|last)/i.test(m[1]) ? -1 : /^next/i.test(m[1]) ? 1 : 0) : 0
    add(m.index, m.index + m[0].length, { k: "quarter", q: ORDINAL_Q[m[3]!.toLowerCase()] ?? 1, y: y ? Number(y) : null, shift }, 2)
  })
  if (g.period) findAll(RE_HALF, p, (m) => {
    const y = m[1] ?? m[3]
    add(m.index, m.index + m[0].length, { k: "quarter", q: m[2]!.toLowerCase() === "first" ? 1 : 3, y: y ? Number(y) : null, shift: 0 }, 3)
  })
  if (g.digit) findAll(RE_FISCAL, p, (m) => add(m.index, m.index + m[0].length, { k: "full", y: Number(m[1]), m: null, d: null }, 2))
  if (g.season) findAll(RE_SEASON, p, (m) => {
    const rel = relOf(m[1])
    if (!m[3] && !m[1]) {
      // a bare season word needs an article or preposition before it ("in the summer", "this fall" handled above)
      const before = p.slice(Math.max(0, m.index - 12), m.index)
      if (!/\b(?:in|during|the|this|last|next|over|until|by|since|early|late|mid-?)\s+(?:the\s+)?$/i.test(before)) return
      if (/^fall$/i.test(m[2]!) && !/\b(?:the|this|last|next)\s+$/i.test(before)) return
    }
    add(m.index, m.index + m[0].length, { k: "season", season: m[2]!.toLowerCase(), y: m[3] ? Number(m[3]) : null, rel }, 3)
  })
  if (g.digit) findAll(RE_YEAR, p, (m) => {
    const before = p.slice(Math.max(0, m.index - 24), m.index)
    if (/s$/.test(m[0]) && !/'s$|’s$/.test(m[0])) return // decades are handled below
    const y = Number(m[1])
    // a bare number reads as a year only after a word that introduces one, or before "'s"
    if (!YEAR_LEFT.test(before) && !/'s$|’s$/.test(m[0])) return
    if (/(?:\b(?:the|its|for|at|on|about|around|over|than|of|to|from|between|and|or|by|last|past|within|a|an|that|this|his|her|their|our|into)|['’]s)\s*$/i.test(before)) {
      // "the 1998 season" is a year, "the 1998 troops" or "of 2000 people" a count: years far from now are rare as counts
      const after = p.slice(m.index + m[0].length, m.index + m[0].length + 20)
      if (/^\s+[a-z]+s\b/.test(after) && !/^\s+(?:says|shows|states|sets|marks|sees|brings|means|gives|makes|remains|looks|seems|was|is|has|elections?|olympics|games|levels?|figures?|results?|earnings|sales|budgets?|rates?|prices?|talks|protests?|riots?|floods|attacks|events|agreements?|accords?|negotiations|forecasts?|estimates?|statistics|numbers|totals|profits?|losses|revenues?|census|crisis|presidential|season|campaign|war|law|act|report)\b/i.test(after))
        return
      // "about 2000 of them" is a count; "around 2019 and" / "around 2019," a year
      if (/\b(?:than|about|around|over|within)\s*$/i.test(before) && /^\s+(?!and\b|or\b|but\b|when\b|to\b|until\b|after\b|before\b)[a-z]/.test(after)) return
    }
    add(m.index, m.index + m[1]!.length, { k: "full", y, m: null, d: null }, 4)
  })
  // decades are dates our model cannot hold at their precision: reported with an empty value
  if (g.decade) findAll(RE_DECADE, p, (m) => {
    const mm = /^(?:the\s+)?(early|mid|late)/i.exec(m[0])
    add(m.index, m.index + m[0].length, { k: "vague" }, 4, mm ? modifierFor(mm[1]!) : null)
  })
  if (g.century) findAll(RE_CENTURY, p, (m) => add(m.index, m.index + m[0].length, { k: "vague" }, 4, m[1] ? modifierFor(m[1]) : null))
  if (g.decadeWords) findAll(RE_DECADE_WORDS, p, (m) => add(m.index, m.index + m[0].length, { k: "vague" }, 4))
  if (g.digit) findAll(RE_PREFIXED_YEAR, p, (m) => {
    const w = m[1]!.toLowerCase()
    add(m.index, m.index + m[0].length, { k: "full", y: Number(m[2]), m: null, d: null }, 2, w === "mid" ? "mid" : w === "early" ? "start" : w === "late" ? "end" : null)
  })
  if (g.spelled) findAll(RE_SPELLED_YEAR, p, (m) => {
    const y = spelledYear(m[0])
    // "two thousand" is a count unless it is introduced as a year
    if (/^two/i.test(m[0]) && !/\b(?:in|by|since|until|till|of|from|to|before|after)\s+$/i.test(p.slice(Math.max(0, m.index - 10), m.index))) return
    if (/\s+(?:people|troops|men|women|dollars|pounds|years|miles|members|soldiers|workers)\b/i.test(p.slice(m.index + m[0].length, m.index + m[0].length + 12))) return
    if (y !== null) add(m.index, m.index + m[0].length, { k: "full", y, m: null, d: null }, 2)
  })
  if (config.vague) {
    findAll(RE_VAGUE, p, (m) => add(m.index, m.index + m[0].length, { k: "vague" }, 7))
  }

  // relative words written as a title are a name: "This Week" (a programme), "USA Today" (a paper)
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!
    if (c.kind.k !== "days" && c.kind.k !== "unit") continue
    if (isTitleCased(p, c.s, c.e)) out.splice(i, 1)
  }
  // modifiers in front of a candidate ("the end of", "mid-", "early") join its text
  for (const c of out) {
    const before = p.slice(Math.max(0, c.s - 24), c.s)
    const mm = MOD_BEFORE.exec(before)
    if (mm && c.kind.k !== "event" && c.kind.k !== "vague") {
      // "earlier"/"later" only modify a period ("earlier this year" is its own rule)
      if (/^(?:earlier|later)$/i.test(mm[1]!) && c.kind.k !== "unit") continue
      c.modifier = modifierFor(mm[1]!)
      c.s -= mm[0].length
    }
  }
  return out
}

/**
 * A relative expression written as a name: two or more words all capitalised away from a sentence start ("on ABC's
 * This Week"), or one capitalised word right after another capitalised word ("VOA Today"). A sentence start is the
 * paragraph start or a . ! ? before the expression (a quotation mark does not start a sentence here: quoted speech
 * writes "This week", not "This Week").
 */
const TITLE_WORDS = /^[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+$/
const isTitleCased = (p: string, s: number, e: number): boolean => {
  const text = p.slice(s, e)
  if (!/^[A-Z][a-z]/.test(text)) return false
  const before = p.slice(Math.max(0, s - 30), s)
  // at a sentence start capitals say nothing
  if (/[.!?]\s*$/.test(before) || (s <= 30 && /^\s*$/.test(before))) return false
  if (TITLE_WORDS.test(text)) return true
  return /\b[A-Z][A-Za-z]*\s+$/.test(before) && !/\b(?:On|In|By|Until|Since|From|For|And|But|Or|As|At)\s+$/.test(before)
}

/** Keeps the longest non-overlapping candidates (ties: lower prio, then earlier). */
const selectCands = (cands: Array<Cand>): Array<Cand> => {
  const sorted = [...cands].sort((a, b) => b.e - b.s - (a.e - a.s) || a.prio - b.prio || a.s - b.s)
  const kept: Array<Cand> = []
  for (const c of sorted) if (!kept.some((k) => c.s < k.e && k.s < c.e)) kept.push(c)
  return kept.sort((a, b) => a.s - b.s)
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution (pass 2)

interface Resolved {
  readonly value: string | null
  readonly resolution: DateResolution
  readonly anchor: string | null
}

/**
 * How far ahead a yearless day or month without tense cue may lie: news names days and months up to about a season
 * ahead (a deadline, a payment date, a summit) and those of the past year without a year; further ahead the past one is
 * meant more often. (Measured on the TempEval-3 dev set the choice is flat between three and five months: 0.836-0.838
 * value F1, against 0.832 for the nearest day either way.)
 */
const FORWARD_DAYS = 120
const FORWARD_MONTHS = 4
const quarterYear = (q: number, ref: Ref) => (ref.m !== null && (q - 1) * 3 + 1 > ref.m ? ref.y - 1 : ref.y)

const resolve = (kind: Kind, ref: Ref | null, tense: Tense, previous: string | null = null): Resolved => {
  const future = tense === "future"
  const none = (resolution: DateResolution): Resolved => ({ value: null, resolution, anchor: null })
  switch (kind.k) {
    case "event":
      return { value: kind.value, resolution: "explicit", anchor: `event ${kind.name}` }
    case "vague":
      return none("relative")
    case "anaphor": {
      // the period of the date written just before, at the precision the words name
      const need = kind.unit === "year" ? 4 : kind.unit === "month" ? 7 : 10
      if (!previous || previous.startsWith("--") || previous.length < need) return none("relative")
      return { value: previous.slice(0, need), resolution: "relative", anchor: `earlier date ${previous}` }
    }
    case "full":
      return {
        value: kind.m === null ? pad(kind.y, 4) : kind.d === null ? isoMonth(kind.y, kind.m) : isoDay(kind.y, kind.m, kind.d),
        resolution: "explicit",
        anchor: null
      }
    case "yearless": {
      const partial = `--${pad(kind.m)}-${pad(kind.d)}`
      if (!ref || ref.m === null) return { value: partial, resolution: "explicit", anchor: null }
      const refDay = ref.d ?? daysIn(ref.y, ref.m)
      if (kind.wd !== undefined) {
        // a written weekday fixes the year: the nearest year around the reference where the day falls on it
        const t0 = utc(ref.y, ref.m, refDay).getTime()
        const fits = [ref.y - 1, ref.y, ref.y + 1].filter((yy) => validDay(yy, kind.m, kind.d) && weekdayOf(yy, kind.m, kind.d) === kind.wd)
        if (fits.length > 0) {
          const yy = fits.reduce((a, b) => (Math.abs(utc(b, kind.m, kind.d).getTime() - t0) < Math.abs(utc(a, kind.m, kind.d).getTime() - t0) ? b : a))
          return { value: isoDay(yy, kind.m, kind.d), resolution: "year_inferred", anchor: anchorName(ref) }
        }
      }
      const key = (m: number, d: number) => m * 100 + d
      let y = ref.y
      if (future) {
        // a future-tense sentence may still recall a day just gone: only a day over a month back moves a year on
        if (utc(ref.y, kind.m, Math.min(kind.d, daysIn(ref.y, kind.m))).getTime() < utc(ref.y, ref.m, refDay).getTime() - 31 * 86_400_000) y = ref.y + 1
      } else if (tense === "past") {
        if (key(kind.m, kind.d) > key(ref.m, refDay)) y = ref.y - 1
      } else {
        // no tense cue: the next such day when it is at most FORWARD_DAYS ahead, else the most recent on or before the
        // reference (news names days just ahead, and days of the past year, without a year)
        const t0 = utc(ref.y, ref.m, refDay).getTime()
        const nextY = key(kind.m, kind.d) > key(ref.m, refDay) ? ref.y : ref.y + 1
        const ahead = validDay(nextY, kind.m, kind.d) ? (utc(nextY, kind.m, kind.d).getTime() - t0) / 86_400_000 : Infinity
        y = ahead <= FORWARD_DAYS ? nextY : key(kind.m, kind.d) <= key(ref.m, refDay) ? ref.y : ref.y - 1
      }
      if (!validDay(y, kind.m, kind.d)) return { value: partial, resolution: "explicit", anchor: null }
      return { value: isoDay(y, kind.m, kind.d), resolution: "year_inferred", anchor: anchorName(ref) }
    }
    case "month": {
      if (!ref || ref.m === null) return none(kind.rel ? "relative" : "year_inferred")
      let y = ref.y
      if (kind.rel === "last") y = kind.m < ref.m - 1 ? ref.y : ref.y - 1 // "last February" said in March is a year back
      else if (kind.rel === "next") y = kind.m > ref.m ? ref.y : ref.y + 1
      else if (kind.rel === "this") y = ref.y
      else if (future) y = kind.m >= ref.m ? ref.y : ref.y + 1
      else if (tense === "past") y = kind.m <= ref.m ? ref.y : ref.y - 1
      // no tense cue: the next such month when it starts at most FORWARD_MONTHS ahead, else the most recent one
      else {
        const ahead = kind.m > ref.m ? kind.m - ref.m : kind.m + 12 - ref.m
        y = kind.m <= ref.m ? (ahead <= FORWARD_MONTHS && kind.m !== ref.m ? ref.y + 1 : ref.y) : ahead <= FORWARD_MONTHS ? ref.y : ref.y - 1
      }
      return { value: isoMonth(y, kind.m), resolution: kind.rel ? "relative" : "year_inferred", anchor: anchorName(ref) }
    }
    case "weekday": {
      if (!ref || ref.m === null || ref.d === null) return none("relative")
      const rwd = weekdayOf(ref.y, ref.m, ref.d)
      let delta: number
      const back = (rwd - kind.wd + 7) % 7 // days back to the most recent such day on or before the reference
      if (kind.rel === "last") delta = -(back === 0 ? 7 : back)
      else if (kind.rel === "next") delta = (kind.wd - rwd + 7) % 7 || 7
      else if (kind.rel === "this") delta = (kind.wd - rwd + 7) % 7 // the coming one in this week
      else if (future) delta = (kind.wd - rwd + 7) % 7
      // with no past verb in its clause, the weekday of the next day is tomorrow ("talks resume Tuesday", said on Monday)
      else if (back === 6) delta = 1
      else delta = -back
      const t = addDays(ref.y, ref.m, ref.d, delta)
      return { value: isoDay(t.y, t.m, t.d), resolution: "relative", anchor: anchorName(ref) }
    }
    case "days": {
      if (!ref || ref.m === null || ref.d === null) return none("relative")
      const t = addDays(ref.y, ref.m, ref.d, kind.n)
      return { value: isoDay(t.y, t.m, t.d), resolution: "relative", anchor: anchorName(ref) }
    }
    case "unit": {
      if (!ref) return none("relative")
      if (kind.unit === "year") return { value: pad(ref.y + kind.n, 4), resolution: "relative", anchor: anchorName(ref) }
      if (ref.m === null) return none("relative")
      if (kind.unit === "month") {
        const mm = ref.m - 1 + kind.n
        const y = ref.y + Math.floor(mm / 12)
        return { value: isoMonth(y, (((mm % 12) + 12) % 12) + 1), resolution: "relative", anchor: anchorName(ref) }
      }
      if (kind.unit === "quarter") {
        const q0 = Math.floor((ref.m - 1) / 3) + kind.n
        return { value: pad(ref.y + Math.floor(q0 / 4), 4), resolution: "relative", anchor: anchorName(ref) }
      }
      if (ref.d === null) return none("relative")
      // week (Monday to Sunday) or weekend (Saturday and Sunday) around the reference
      const rwd = (weekdayOf(ref.y, ref.m, ref.d) + 6) % 7 // 0 = Monday
      const monday = addDays(ref.y, ref.m, ref.d, -rwd + 7 * kind.n)
      const a = kind.unit === "weekend" ? addDays(monday.y, monday.m, monday.d, 5) : monday
      const b = addDays(monday.y, monday.m, monday.d, 6)
      return { value: spanValue(a, b), resolution: "relative", anchor: anchorName(ref) }
    }
    case "monthOfYear": {
      if (!ref) return none("relative")
      return { value: isoMonth(ref.y + kind.n, kind.m), resolution: "relative", anchor: anchorName(ref) }
    }
    case "latestQuarter": {
      if (!ref) return none("relative")
      if (ref.m === null) return { value: pad(ref.y + kind.yearBack, 4), resolution: "relative", anchor: anchorName(ref) }
      // the latest reported quarter is the one before the reference's own; the year-ago one is a year before that
      const q = Math.floor((ref.m - 1) / 3) - (kind.back ? 1 : 0)
      return { value: pad(ref.y + Math.floor(q / 4) + kind.yearBack, 4), resolution: "relative", anchor: anchorName(ref) }
    }
    case "holiday": {
      if (!ref || ref.m === null) return none("year_inferred")
      const refDay = ref.d ?? daysIn(ref.y, ref.m)
      const t0 = utc(ref.y, ref.m, refDay).getTime()
      const at = (y: number) => {
        const h = kind.day(y)
        return { y, ...h, t: utc(y, h.m, h.d).getTime() }
      }
      const cands = [at(ref.y - 1), at(ref.y), at(ref.y + 1)]
      const pick =
        tense === "future" ? cands.find((c) => c.t >= t0)! : tense === "past" ? [...cands].reverse().find((c) => c.t <= t0)! : cands.reduce((a, b) => (Math.abs(b.t - t0) < Math.abs(a.t - t0) ? b : a))
      return { value: isoDay(pick.y, pick.m, pick.d), resolution: "year_inferred", anchor: anchorName(ref) }
    }
    case "quarter": {
      if (kind.y !== null) return { value: pad(kind.y, 4), resolution: "explicit", anchor: null }
      if (!ref) return none("year_inferred")
      if (kind.shift !== 0) return { value: pad(ref.y + kind.shift, 4), resolution: "relative", anchor: anchorName(ref) }
      return { value: pad(quarterYear(kind.q, ref), 4), resolution: "year_inferred", anchor: anchorName(ref) }
    }
    case "season": {
      if (kind.y !== null) return { value: pad(kind.y, 4), resolution: "explicit", anchor: null }
      if (!ref) return none("relative")
      const start = kind.season === "spring" ? 3 : kind.season === "summer" ? 6 : kind.season === "winter" ? 12 : 9
      const began = ref.m === null || start <= ref.m
      const y =
        kind.rel === "last" ? (began && ref.m !== null && ref.m > start + 2 ? ref.y : ref.y - 1) : kind.rel === "next" ? (began ? ref.y + 1 : ref.y) : ref.y
      return { value: pad(y, 4), resolution: kind.rel ? "relative" : "year_inferred", anchor: anchorName(ref) }
    }
  }
}

const precisionOrNull = (v: string | null): DatePrecision | null => (v === null ? null : precisionOf(v))

// ---------------------------------------------------------------------------------------------------------------
// Offsets, paragraphs, sentences

const HIGH_SURROGATE = /[\uD800-\uDBFF]/
const identity = (i: number) => i
/** Maps UTF-16 indices of `s` to Unicode code point offsets. */
const codePointMap = (s: string): ((i: number) => number) => {
  if (!HIGH_SURROGATE.test(s)) return identity
  // counted forward from the last index asked (mentions come in text order), from the start when asked backwards
  let at = 0
  let cp = 0
  return (target) => {
    if (target < at) {
      at = 0
      cp = 0
    }
    while (at < target) {
      const c = s.charCodeAt(at)
      if (c >= 0xd800 && c <= 0xdbff && at + 1 < s.length) {
        const n = s.charCodeAt(at + 1)
        // the low half of a pair has the code point offset of its high half
        if (n >= 0xdc00 && n <= 0xdfff) {
          if (at + 1 === target) return cp
          at++
        }
      }
      at++
      cp++
    }
    return cp
  }
}

const MAX_PARAGRAPH = 4000
const paragraphs = (body: string): Array<{ s: number; text: string }> => {
  const out: Array<{ s: number; text: string }> = []
  for (let from = 0; from < body.length; ) {
    let nl = body.indexOf("\n", from)
    if (nl < 0) nl = body.length
    if (nl === from) {
      from++
      continue
    }
    // a paragraph of a page that lost its line breaks is cut at sentence ends, so chrono never sees a whole document
    let s = from
    let text = body.slice(from, nl)
    from = nl + 1
    while (text.length > MAX_PARAGRAPH) {
      const cut = text.lastIndexOf(". ", MAX_PARAGRAPH)
      const at = cut > MAX_PARAGRAPH / 2 ? cut + 2 : text.indexOf(" ", MAX_PARAGRAPH) + 1 || text.length
      out.push({ s, text: text.slice(0, at) })
      s += at
      text = text.slice(at)
    }
    if (text) out.push({ s, text })
  }
  return out
}

/** the clause of a mention: from the previous comma, semicolon or sentence end to the next */
const clauseAround = (p: string, s: number, e: number) => {
  let a = s
  while (a > 0 && !/[,;:(]/.test(p[a - 1]!) && !/[.!?]\s/.test(p.slice(a - 2, a))) a--
  let b = e
  while (b < p.length && !/[,;:)]/.test(p[b]!) && !/[.!?](?:\s|$)/.test(p.slice(b, b + 2))) b++
  return p.slice(a, b)
}

/**
 * Tense of the reporting around a mention: future when the sentence has a future cue; for a weekday, past when its
 * clause has a past cue; for a yearless day or month, past only when a past-tense verb governs it closely; unknown
 * otherwise (the nearest such day or month is taken; a weekday falls back to the past, except tomorrow's).
 */
const tenseAt = (p: string, s: number, e: number, kind: string): Tense => {
  // a completed event stated right before the date ("the year ended March 31") is past whatever else the sentence says
  if (kind !== "weekday" && ENDED_BEFORE.test(p.slice(Math.max(0, s - 20), s))) return "past"
  const sentence = sentenceAround(p, s, e)
  if (FUTURE_CUE.test(sentence)) return "future"
  if (kind === "weekday") return PAST_CUE.test(clauseAround(p, s, e)) ? "past" : "unknown"
  // past only when a past-tense verb governs the date closely ("was signed on", "died Dec. 3")
  const before = p.slice(Math.max(0, s - 40), s)
  // "extended to Nov. 20", "postponed until March": a past verb sets a deadline or target, which may lie ahead
  if (FORWARD_PREP_BEFORE.test(before)) return "unknown"
  return PAST_VERB_BEFORE.test(before) && PAST_CUE.test(clauseAround(p, s, e)) ? "past" : "unknown"
}
const ENDED_BEFORE = /\b(?:ended|began|started|died|founded|born)\s+(?:on\s+|in\s+)?$/i
const FORWARD_PREP_BEFORE = /\b(?:to|until|till|through|by)\s+$/i
const PAST_VERB_BEFORE = /\b(?:was|were|had|did|[a-z]{3,}ed|began|met|came|went|took|fell|rose|left|won|lost|died|sent|held|made|gave|told|said|struck|hit|broke|found|saw)\s+(?:[a-z]+\s+){0,2}(?:on\s+|in\s+|since\s+)?$/

const sentenceAround = (p: string, s: number, e: number) => {
  let a = s
  while (a > 0 && !/[.!?]\s/.test(p.slice(a - 2, a))) a--
  let b = e
  while (b < p.length && !/[.!?](?:\s|$)/.test(p.slice(b, b + 2))) b++
  return p.slice(a, b + 1)
}

// ---------------------------------------------------------------------------------------------------------------
// Dateline and page date lines

const DATELINE = new RegExp(
  `^\\s*((?:[A-Z][A-Za-z'’.\\-]+|[A-Z]{2,})(?:[ \\-](?:[A-Z][A-Za-z'’.\\-]+|[A-Z]{2,}|de|al|el)){0,3}(?:,\\s*(?:[A-Z][A-Za-z'’.]+)(?:\\s[A-Z][A-Za-z'’.]+){0,2})?)` +
    `\\s*(?:\\((?:AP|AFP|Reuters|UPI|CNN|IANS|PTI|dpa|Xinhua|TASS|Interfax|RIA Novosti|BBC)\\)\\s*)?,?\\s+` +
    `((?:${WEEKDAY},?\\s+)?(?:${MONTH}\\s+${DAYNUM}(?:,?\\s+${YEAR})?|${DAYNUM}\\s+${MONTH}(?:\\s+${YEAR})?))` +
    `\\s*(?:\\((?:AP|AFP|Reuters|UPI|IANS|PTI|dpa|Xinhua|TASS|Interfax|IPS)\\)\\s*)?(?:[.:]?\\s*/[A-Za-z\\- ]+/\\s*\\.?|[-–—_:]|\\.\\s|\\s*\\(|,\\s)`
)
const DATELINE_PLACE_ONLY = /^\s*([A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?\s*(?:\((?:AP|AFP|Reuters|UPI|IANS|PTI|dpa|Xinhua|TASS|Interfax)\)\s*)?[-–—_:]\s/

/** t.split(/\s+/).length without the array */
function wordCount(t: string): number {
  let n = 1
  let inSpace = false
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    const sp = c > 32 && c < 127 ? false : isSpace(c)
    if (sp && !inSpace) n++
    inSpace = sp
  }
  return n
}
const PROSE_END = /[.!?]["”’)]?(?:\s|$)/
/** a sentence paragraph: at least 20 words and a sentence end */
function isProse(t: string): boolean {
  if (t.length < 37) return false
  // stop counting at 20 words
  let n = 1
  let inSpace = false
  for (let i = 0; i < t.length && n < 20; i++) {
    const sp = isSpace(t.charCodeAt(i))
    if (sp && !inSpace) n++
    inSpace = sp
  }
  return n >= 20 && PROSE_END.test(t)
}

interface PageDate {
  readonly s: number
  readonly e: number
  readonly text: string
  readonly y: number
  readonly m: number
  readonly d: number
  readonly updated: boolean
}

const CHROME_NEAR = /\b(?:joined|member since|registered|join date|reg(?:istration)? date|likes received|messages|posts|reputation|trophy points|location|copyright|©|expires?|expiry|valid until|deadline|birthday|born)\b/i

/**
 * Finds a page date line in a body that still holds its page furniture: a short line that is only a written day (with
 * a label, a byline, a reading time or a share link around it), standing just above the main run of prose (the
 * longest stretch of sentence paragraphs) or just after the title. Join dates and other chrome are skipped.
 */
const pageDateInBody = (
  paras: Array<{ s: number; text: string }>,
  title: string | null,
  config: DatesConfig,
  /** paragraphs where pass 1 found a written day with its year (short paragraphs are read whole there) */
  withDay: ReadonlySet<number>
): PageDate | null => {
  // no short line holds a written day: nothing to find, and no need to measure the prose
  let any = false
  for (const i of withDay) if (paras[i]!.text.length <= 110) any = true
  if (!any) return null
  // the main run of prose: consecutive prose paragraphs (gaps of up to two short lines allowed), most words wins
  const proseWords = new Int32Array(paras.length) // the word count of a prose paragraph, 0 for any other
  for (let i = 0; i < paras.length; i++) proseWords[i] = isProse(paras[i]!.text) ? wordCount(paras[i]!.text) : 0
  let best = { start: -1, words: 0 }
  let cur = { start: -1, words: 0, gap: 0 }
  paras.forEach((_, i) => {
    if (proseWords[i]) {
      if (cur.start < 0) cur = { start: i, words: 0, gap: 0 }
      cur.words += proseWords[i]!
      cur.gap = 0
      if (cur.words > best.words) best = { start: cur.start, words: cur.words }
    } else if (cur.start >= 0 && ++cur.gap > 2) cur = { start: -1, words: 0, gap: 0 }
  })
  const titleIdx = title ? paras.findIndex((p) => p.text.trim() === title.trim()) : -1
  const firstProse = proseWords.findIndex((w) => w > 0)
  const starts = [best.start, firstProse].filter((x) => x >= 0)
  const near = (i: number) => starts.some((st) => i >= st - 15 && i <= st + 2) || (titleIdx >= 0 && i > titleIdx && i <= titleIdx + 6)
  const found: Array<PageDate & { idx: number; dist: number }> = []
  for (let i = 0; i < paras.length; i++) {
    if (!near(i)) continue
    const p = paras[i]!
    const t = p.text
    if (t.length > 110 || !/\d/.test(t)) continue
    if (CHROME_NEAR.test(`${paras[i - 1]?.text ?? ""} ${t} ${paras[i + 1]?.text ?? ""}`)) continue
    if (/\b(?:repl(?:y|ies)|wrote|said|says|asked|answered|quote|comment\s*[•·|]|last (?:checked|reviewed|verified|accessed)|accessed|retrieved|effective|valid|event date|starts?|ends?|from|to|until|through)\b|\b\d{1,2}:\d\d\s*[-–]\s*\d|\d\s*[-–]\s*\d{4}-\d\d/i.test(t)) continue
    if (proseWords[i] || /[a-z]{3,}\.\s+[A-Z]/.test(t)) continue
    const line = unglue(t)
    if (line !== t) continue // offsets would not hold after ungluing: leave glued lines to the clean stage's hint
    const days = windowCandidates(line, config).filter(
      (c) => c.kind.k === "full" && c.kind.d !== null && c.kind.m !== null && !/[-_/\w]$/.test(line.slice(0, c.s)) && !/^[-_/]\w/.test(line.slice(c.e))
    )
    if (days.length === 0 || days.length > 2) continue
    // what is around the date must be furniture, not a sentence: few words besides it
    const rest = days.reduce((acc, c) => acc.replace(line.slice(c.s, c.e), " "), line)
    if (wordCount(rest.trim()) > 9) continue
    const withLabel = days.map((c) => ({ c, updated: UPDATED_LABEL.test(line.slice(Math.max(0, c.s - 30), c.s)) }))
    const pick = withLabel.find((x) => !x.updated) ?? withLabel[0]!
    const k = pick.c.kind as { y: number; m: number; d: number }
    const dist = starts.length > 0 ? Math.min(...starts.map((st) => Math.abs(st - i))) : titleIdx >= 0 ? i - titleIdx : i
    found.push({ s: p.s + pick.c.s, e: p.s + pick.c.e, text: t, y: k.y, m: k.m, d: k.d, updated: pick.updated, idx: i, dist })
  }
  if (found.length === 0) return null
  // nearest the main text, a publication before an update
  found.sort((a, b) => Number(a.updated) - Number(b.updated) || a.dist - b.dist || a.idx - b.idx)
  return found[0]!
}

/** The date of a short text (a hint line or a comment's posted_text): written parts only, relative forms need a reference. */
const dateOfLine = (text: string, config: DatesConfig, ref: Ref | null): { value: string; s: number; e: number; updated: boolean } | null => {
  const cands = windowCandidates(text, config).filter((c) => c.kind.k !== "vague" && c.kind.k !== "event" && c.kind.k !== "month")
  const resolved = cands
    .map((c) => ({ c, r: resolve(c.kind, ref, "past"), updated: UPDATED_LABEL.test(text.slice(Math.max(0, c.s - 30), c.s)) }))
    .filter((x) => x.r.value !== null)
  // the most specific first; among equals a publication before an update, then the first written
  resolved.sort((a, b) => b.r.value!.length - a.r.value!.length || Number(a.updated) - Number(b.updated) || a.c.s - b.c.s)
  const best = resolved[0]
  return best ? { value: best.r.value!, s: best.c.s, e: best.c.e, updated: best.updated } : null
}
/** screen captures glue a year to what follows it ("June 29, 2020November 12, 2021", "October 17, 20236:01 PM") */
const GLUED_YEAR = new RegExp(`((?:${MONTH})\\s+${DAYNUM},?\\s+|${DAYNUM}\\s+(?:${MONTH}),?\\s+)((?:1[6-9]|20)\\d\\d)(?=[A-Za-z]|\\d)`, "g")
const unglue = (text: string) => text.replace(GLUED_YEAR, "$1$2 ")
const UPDATED_LABEL = /\b(?:updated|modified|edited|revised|last post|last reply|last activity)\b[^0-9]{0,20}$/i

// ---------------------------------------------------------------------------------------------------------------
// The stage

export const resolveDates = (input: DatesInput, config: DatesConfig): DatesResult => {
  const body = input.cleaned.body
  const cp = codePointMap(body)
  const paras = paragraphs(body)

  // pass 1: candidates per paragraph (gated by a cheap test), dateline, page date
  const cands: Array<Cand & { para: number }> = []
  const windows = triggerWindows(body, paras, config)
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!
    for (const w of windows[i]!) {
      const off = p.s + w.s
      for (const c of windowCandidates(w.s === 0 && w.e === p.text.length ? p.text : p.text.slice(w.s, w.e), config))
        cands.push({ s: c.s + off, e: c.e + off, kind: c.kind, modifier: c.modifier, prio: c.prio, para: i })
    }
  }

  // dateline: a place and a date opening one of the first paragraphs of the body
  let dateline: { place: string; s: number; e: number; kind: Kind } | null = null
  let datelinePlaceOnly: string | null = null
  for (let i = 0; i < Math.min(paras.length, 6) && !dateline; i++) {
    const p = paras[i]!
    const m = DATELINE.exec(p.text)
    if (m) {
      const place = m[1]!.trim().replace(/,$/, "")
      if (MONTH_INDEX[place.toLowerCase()] !== undefined || weekdayNo(place) >= 0 || /^(?:On|In|By|As|At|Since|Until|From|Last|This|Next|Posted|Published|Updated)\b/.test(place)) continue
      const ds = p.s + m.index + m[0].indexOf(m[2]!, m[1]!.length)
      const de = ds + m[2]!.length
      const hit = cands.find((c) => c.s < de && ds < c.e && (c.kind.k === "full" || c.kind.k === "yearless"))
      if (hit) dateline = { place, s: hit.s, e: hit.e, kind: hit.kind }
    } else if (i === 0 || !datelinePlaceOnly) {
      const po = DATELINE_PLACE_ONLY.exec(p.text)
      if (po && p.text.length > 60) datelinePlaceOnly = po[1]!
    }
  }

  // the reference date: stated metadata > the clean stage's hint > a dateline with a year > a page date line
  let published: { value: string; s: number; e: number; text: string; source: string } | null = null
  const stated = parseIso(input.statedPublished, "published")
  if (input.statedPublished && stated) {
    // metadata may carry a time ("2022-02-17T10:00:00Z"): the value keeps the date at its precision
    published = { value: refIso(stated), s: -1, e: -1, text: input.statedPublished, source: "metadata" }
  }
  const hint = input.cleaned.publishedHint
  if (!published && hint) {
    const d = dateOfLine(unglue(hint.text), config, null)
    // a page date states a day: a month alone ("March 2019") is an archive link more often than a publication date
    if (d && precisionOf(d.value) === "day") published = { value: d.value, s: -1, e: -1, text: hint.text.slice(d.s, d.e), source: hint.source }
  }
  if (!published && dateline && dateline.kind.k === "full" && dateline.kind.d !== null) {
    const v = resolve(dateline.kind, null, "past").value
    if (v) published = { value: v, s: dateline.s, e: dateline.e, text: body.slice(dateline.s, dateline.e), source: "dateline" }
  }
  let pageDate: PageDate | null = null
  if (!published) {
    const withDay = new Set<number>()
    for (const c of cands) if (c.kind.k === "full" && c.kind.d !== null && c.kind.m !== null) withDay.add(c.para)
    pageDate = pageDateInBody(paras, input.cleaned.title, config, withDay)
    if (pageDate) published = { value: isoDay(pageDate.y, pageDate.m, pageDate.d), s: pageDate.s, e: pageDate.e, text: body.slice(pageDate.s, pageDate.e), source: "page_date" }
  }
  const ref: Ref | null = published ? parseIso(published.value, "published") : parseIso(input.referenceDate, "reference")

  // pass 2: resolve every candidate against the reference
  const mentions: Array<DateMention> = []
  if (published) {
    mentions.push({
      text: published.text,
      start: published.s < 0 ? -1 : cp(published.s),
      end: published.e < 0 ? -1 : cp(published.e),
      value: published.value,
      precision: precisionOf(published.value),
      modifier: null,
      role: "published",
      resolution: "explicit",
      anchor: null
    })
  }
  let datelineValue: string | null = null
  let previous: string | null = null // the value of the last date written before, for "that year"
  for (const c of cands) {
    if (published && published.source === "page_date" && c.s < published.e && published.s < c.e) continue // the page date line itself
    // "that day" with no day written before it says no more than a vague reference: reported only with `vague`
    if (c.kind.k === "anaphor" && !config.vague && resolve(c.kind, ref, "past", previous).value === null) continue
    const p = paras[c.para]!
    const isDateline = dateline !== null && c.s === dateline.s
    const tense: Tense = isDateline
      ? "past"
      : c.kind.k === "yearless" || c.kind.k === "weekday" || c.kind.k === "month" || c.kind.k === "holiday"
        ? tenseAt(p.text, c.s - p.s, c.e - p.s, c.kind.k)
        : "past"
    const r = resolve(c.kind, ref, tense, previous)
    if (r.value !== null && c.kind.k !== "anaphor") previous = r.value
    if (isDateline) datelineValue = r.value
    mentions.push({
      text: body.slice(c.s, c.e),
      start: cp(c.s),
      end: cp(c.e),
      value: r.value,
      precision: precisionOrNull(r.value),
      modifier: c.modifier,
      role: isDateline ? "dateline" : "mentioned",
      resolution: r.resolution,
      anchor: r.anchor
    })
  }

  const commentDates = input.cleaned.comments.map((c) => (c.posted_text ? dateOfLine(unglue(c.posted_text), config, null)?.value ?? null : null))

  return {
    published: published ? { value: published.value, precision: precisionOf(published.value) } : null,
    dateline: dateline ? { place: dateline.place, value: datelineValue } : datelinePlaceOnly ? { place: datelinePlaceOnly, value: null } : null,
    mentions,
    commentDates
  }
}
