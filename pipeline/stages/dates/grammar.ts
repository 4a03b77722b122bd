/**
 * The grammar: what chrono leaves to the caller (month + year, bare years after a preposition, "last <month>",
 * quarters, seasons, holidays, decades, spelled-out years, relative words, modifiers such as "the end of" / "mid-" /
 * "early", named events from config), applied to the windows the trigger scan found; overlapping candidates keep the
 * longest.
 */
import type { DateModifier } from "../../model.js"
import { type PartOfDay, type Season, validDay } from "./calendar.js"
import { chronoCandidates, chronoLanguage, NUMERIC_DATE } from "./chrono.js"
import { russianCandidates, russianModifier } from "./grammar-ru.js"
import { anyEvent, DAYNUM, eventRegexes, HOLIDAYS, MONTH, MONTH_TREE, monthNo, NUM, NUMBER_WORDS, ORDINAL_Q, SEASON, WEEKDAY, WEEKDAY_TREE, weekdayNo, YEAR } from "./lexicon.js"
import { findAll, isSpace } from "./text.js"
import { T, type Triggers, triggersOf, triggerWindows } from "./triggers.js"
import { type Rule, runRules } from "./rules.js"
import type { Add, Anaphoric, BodyCand, Cand, DatesConfig, DocContext, Kind } from "./types.js"

const rx = (src: string, flags = "g") => new RegExp(src, flags)
/** an expression tried at a trigger token (rules.ts `at`) */
const sticky = (src: string) => new RegExp(src, "y")
const relOf = (w: string | undefined): "last" | "next" | "this" | null => {
  const l = (w ?? "").toLowerCase()
  return l === "last" || l === "past" || l === "previous" || l === "this past" ? "last" : l === "next" || l === "coming" || l === "this coming" || l === "following" ? "next" : l === "this" ? "this" : null
}

// grammar (applied per paragraph); offsets of the date proper are computed from named groups where a lead word is context
const RE_MONTH_DAY_YEAR_CUSTOM = sticky(`\\b(${MONTH_TREE})\\s+(${DAYNUM})(?:\\s*,\\s*|\\s+)(${YEAR})\\b`)
const RE_MONTH_YEAR = sticky(`\\b(${MONTH_TREE})(?:\\s*,\\s*|\\s+(?:of\\s+)?)(${YEAR})\\b(?!\\s*[-/.]\\d)`)
const RE_MONTH_DAY = sticky(`\\b(${MONTH_TREE})\\s+(${DAYNUM})\\b(?![:.]?\\d)(?!\\s*(?:%|percent|people|troops|votes?|years?|days?|miles?|km|points?|cents?|million|billion))`)
/** "5 March 1998", "5th of March": the day before the month (`DAY_BEFORE`), the month and a year after it */
const DAY_BEFORE = new RegExp(`\\b(${DAYNUM})\\s+(?:of\\s+)?$`)
const RE_DAY_MONTH = sticky(`(${MONTH_TREE})(?:\\s*,?\\s*(${YEAR}))?\\b`)
/** "last March", "the following May": the relative word before the month (`REL_BEFORE`) */
const REL_BEFORE = /\b(last|next|this|this past|this coming|(?:the\s+)?previous|(?:the\s+)?following)\s+$/
const RE_REL_MONTH = sticky(`(${MONTH_TREE})(?![a-z])(?!\\.?\\s+\\d)`)
const bothCases = (words: ReadonlyArray<string>) => words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]).join("|")
/** a month alone, and the word that may lead it ("in", "since", "early", ...: `MONTH_LEAD_BEFORE`) */
const MONTH_LEAD_BEFORE = new RegExp(
  `\\b(?:(${bothCases(["in", "of", "since", "until", "till", "by", "from", "to", "through", "during", "early", "late", "mid-?", "before", "after", "last", "this", "next", "and", "or", "between", "for", "on", "that", "each", "every"])})\\s+(?:early\\s+|late\\s+|mid-?)?)$`
)
const RE_MONTH_ALONE = sticky(`(${MONTH_TREE})\\b(?!\\s+\\d)`)
const RE_MONTH_REL_YEAR = sticky(`\\b(${MONTH_TREE})\\s+(?:of\\s+)?(this|last|next|the following|the previous|the same)\\s+year\\b`)
/** "the latest quarter", "the comparable year-ago period"; a unit word goes no further into a compound ("year-ago") */
const RE_PERIOD = /\b(?:the\s+)?(latest|current|past|previous|same|comparable|year-ago|year-earlier|recent|prior|recent|fiscal|latest fiscal|current fiscal|most recent|comparable year-ago|comparable year-earlier|year-before)\s+(quarter|period|year|fiscal year)\b(?!-)/gi
/** "that year", "later that day", "the same month": the period of the date written just before */
const RE_ANAPHOR = /\b(?:(?:earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(day|month|year)\b(?!['’-])/gi
/** the second day of "April 24 and 25" (the first is read by the other rules) */
const RE_DAY_CONJ = sticky(`\\b(${MONTH_TREE})\\s+${DAYNUM}\\s*,?\\s+(?:and|or|&)\\s+(${DAYNUM})\\b(?![:.]?\\d)(?!\\s*(?:%|percent|people|years?|days?|million|billion))(?:\\s*,?\\s*(${YEAR})\\b)?`)
const RE_YEAR_END = /\b(?:the\s+)?(?:year-end|year end|year's end|year’s end|end of the year|turn of the year)\b/gi
const RE_YEAR_AGO = /\b(year-earlier|year-ago|a year earlier|a year ago)\b/gi
const RE_WEEKEND = /\b(?:the|this|last|next|this past|over the)\s+weekend\b/gi
/** a weekday, tried at its token, and a relative word that may lead it (`WEEKDAY_LEAD_BEFORE`) */
const WEEKDAY_LEAD_BEFORE = /\b(?:(last|next|this|this past|this coming|past|coming|the previous|the preceding|the following)\s+)$/i
const RE_WEEKDAY = sticky(`(${WEEKDAY_TREE})(?:'s)?\\b(?:\\s+(morning|afternoon|evening|night))?`)
const RE_CASUAL = /\b(today|tonight|yesterday|tomorrow|(?:this|last|tomorrow|yesterday)(?=\s+(?:morning|afternoon|evening|night)))\b(?:\s+(morning|afternoon|evening|night))?/gi
const podOf = (w: string | undefined): PartOfDay | undefined => {
  const l = (w ?? "").toLowerCase()
  return l === "morning" ? "MO" : l === "afternoon" ? "AF" : l === "evening" ? "EV" : l === "night" || l === "tonight" ? "NI" : undefined
}
/**
 * The rules of calendar units, tried at the unit's token (rules.ts `at`) with the words before it:
 * "last week", "the following year", "this century" (REL_UNIT); "three days ago", "a year earlier" (AGO); "earlier this month"
 * (EARLIER_THIS); "in the year", "for the whole quarter" (THE_UNIT)
 */
const REL_UNIT_BEFORE = /\b(last|next|this|this past|this coming|past|coming|previous|current|the previous|the current|the past|the coming|the following|the same)\s+$/i
const RE_REL_UNIT = /(week|weekend|month|year|quarter|decade|century)\b(?!\s*(?:'s|’s)?\s*(?:-long|old))/iy
/** "before" followed by what it is before (a word), not by a comma or the end of the sentence */
const BEFORE_AN_EVENT = /^\s+[\p{L}\d]/u
const AGO_BEFORE = new RegExp(`\\b(${NUM})\\s+$`, "i")
const RE_AGO = /(day|week|month|year|decade)s?\s+(ago|earlier|before|later|from now|hence)\b/iy
const EARLIER_THIS_BEFORE = /\b(earlier|later)\s+(this|last|next)\s+$/i
const RE_EARLIER_THIS = /(week|month|year)\b/iy
/** "the night of March 5", "the morning of Tuesday": the part of the day of the date written next */
const PART_OF_DAY_OF = /\bthe\s+(morning|afternoon|evening|night)\s+of\s+$/i
/** "of" and white space right before index i */
const afterOf = (p: string, i: number): boolean => {
  let k = i
  while (k > 0 && isSpace(p.charCodeAt(k - 1))) k--
  return k < i && k >= 2 && (p.charCodeAt(k - 1) | 32) === 102 && (p.charCodeAt(k - 2) | 32) === 111
}
/** "the week of May 12": the ISO week of the day */
const RE_WEEK_OF = rx(`\\bthe\\s+week\\s+of\\s+(?=(?:${MONTH})\\s+${DAYNUM}|${DAYNUM}\\s+(?:${MONTH}))`, "g")
/** "the 1988 quarter", "the 1989 period": the quarter the report is about, in that year */
const RE_YEAR_QUARTER = rx(`\\bthe\\s+(${YEAR})\\s+(?:quarter|period)\\b`, "gi")
const THE_UNIT_BEFORE = /\b(?:(?:earlier|later)\s+in|for|during|of|throughout|in)\s+the\s+(?:(?:full|whole|entire)\s+)?$/i
const RE_THE_UNIT = /(year|month|week|quarter)\b(?![-’']|\s+(?:ago|before|earlier|later|of|to|two|2\d\d\d|before|after))/iy
const RE_QUARTER = rx(`\\b(?:(?:the|its|a|their|our)\\s+)?(?:(?:comparable\\s+)?(year-ago|year-earlier|last year['’]s|next year['’]s|this year['’]s)\\s+)?(?:(${YEAR})\\s+)?(?:fiscal\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?:quarter|period)\\b(?:\\s+(?:of\\s+)?(?:fiscal\\s+)?(${YEAR})\\b)?`, "gi")
/** "the second half of 1998", "the last half of 1989" (the latter one); not "the first half-hour" */
const RE_HALF = rx(`\\b(?:the\\s+)?(?:(${YEAR})\\s+)?(first|second|last|latter|1st|2nd)[- ]half\\b(?![-‐]\\w)(?:\\s+(?:of\\s+)?(${YEAR})\\b)?`, "gi")
/** "the first two quarters of 1990": a half of a year written as its quarters (a year is needed: alone it is a duration) */
const RE_TWO_QUARTERS = rx(`\\b(?:the\\s+)?(first|last|second|final)\\s+two\\s+quarters\\s+of\\s+(?:fiscal\\s+)?(${YEAR})\\b`, "gi")
const RE_FISCAL = rx(`\\b(?:fiscal|financial|FY|calendar|model|tax)[- ]?(?:year\\s+)?(${YEAR})\\b`, "gi")
const RE_SEASON = rx(`\\b(?:(last|next|this|this past|this coming|past|coming)\\s+)?(${SEASON})(?:\\s+(?:of\\s+)?(${YEAR}))?\\b`, "gi")
/** a year: not after a digit, a decimal or thousands separator, a currency sign, a slash, a colon or a dash */
const RE_YEAR = sticky(
  `\\b(${YEAR})(?:(?:'s|’s)|s)?\\b(?![,.]?\\d)(?![-/:]\\d)(?!\\s*(?:%|percent|per cent|km|kilometers?|kilometres?|miles?|meters?|metres?|feet|ft|people|persons|troops|soldiers|men|women|students|votes|cars|units|tons|tonnes|dollars|euros|yuan|rubles|roubles|shares|jobs|employees|workers|members|hours|pm|am|GMT|UTC|[A-Z]{2,}\\b))`
)
const NOT_BEFORE_YEAR = "0123456789,.$£€#/:-"
const YEAR_LEFT = /(?:\b(?:in|since|until|till|of|by|from|to|before|after|during|through|throughout|between|and|or|early|late|mid|around|circa|c\.|year|years|fiscal|the|its|for|on|at|than|spring|summer|autumn|fall|winter|season|end|beginning|start|middle|as|both|either|over|within|about|till|last|past|a|an|that|this|his|her|their|our|due|into|predicting|unsuccessful|successful|whole|entire)\s*[-–]?|['’]s|[(\[]|[-–]|,)\s*$/i
const DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
const RE_DECADE_WORDS = /\b(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:nineteen-?)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/gi
const SEASON_CODE: Readonly<Record<string, Season>> = { spring: "SP", summer: "SU", fall: "FA", autumn: "FA", winter: "WI" }
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
/** "the 20th century", "the late 19th century" */
const RE_CENTURY = /\b(?:the\s+)?(?:(early|mid|late)[- ])?([1-9]|1\d|2[01])(?:st|nd|rd|th)[- ]century\b/gi
/** a century written in words: "the nineteenth century", "the early twenty-first century" */
const CENTURY_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
const RE_CENTURY_WORDS = new RegExp(`\\b(?:the\\s+)?(?:(early|mid|late)[- ])?(twenty[- ]first|${CENTURY_ORDINALS.join("|")})[- ]century\\b`, "gi")
const centuryOrdinal = (w: string) => (/^twenty[- ]first$/i.test(w) ? 21 : CENTURY_ORDINALS.indexOf(w.toLowerCase()) + 1)
const RE_DECADE = /\b(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:(1[5-9]\d0|20\d0)|'(\d0))s\b/gi
/** vague references to the present, the past and the future (reported with `vague: true`) */
const RE_VAGUE =
  /\b(?:(now|currently|current|nowadays|at present|these days|the present|at the moment|right now)|(recently|recent(?!\s+(?:months|weeks|days)\b)|lately|formerly|the past(?!\s+(?:[\w-]+\s+){0,2}(?:years?|months?|weeks?|days?|decades?|quarters?|centur(?:y|ies)|hours?|summers?|winters?|springs?|falls?|autumns?|seasons?)\b)|recent (?:years|times))|(the future|future|the near future|the near term|the long term|in the coming (?:years|months|weeks|days)))\b/gi

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

const DIGIT = /\d/
/** a numeric date with its three parts: chrono reads "12/5/98", "2015-10-17" */
const NUMERIC_SHAPE = new RegExp(NUMERIC_DATE)

/**
 * Candidates of one window (or short line), selected. `triggers`: the trigger tokens of the text, when the trigger scan
 * has read them. (A cache of short windows, for repeated page furniture, cost more to hash than it saved once the rules
 * ran only at their tokens: measured on wcxb-dev, tempeval3-dev and aeb.)
 */
export const windowCandidates = (text: string, config: DatesConfig, lang = "en", triggers?: Triggers): ReadonlyArray<Cand> =>
  selectCands(paragraphCandidates(text, config, lang, triggers ?? triggersOf(text, config, lang)))

const num = (w: string) => (/^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w.toLowerCase()] ?? 1)

/** a year right after a holiday's name */
const YEAR_AFTER = new RegExp(`^,?\\s+(${YEAR})\\b`)

const RULES: ReadonlyArray<Rule> = [
  {
    re: RE_MONTH_DAY_YEAR_CUSTOM,
    at: T.MONTH,
    when: [T.MONTH],
    read: (m, p, add) => {
      const mo = monthNo(m[1]!)
      const d = parseInt(m[2]!, 10)
      const y = Number(m[3])
      if (validDay(y, mo, d)) add(m.index, m.index + m[0].length, { k: "full", y, m: mo, d }, 2)
    }
  },
  {
    re: RE_MONTH_YEAR,
    at: T.MONTH,
    when: [T.MONTH],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "full", y: Number(m[2]), m: monthNo(m[1]!), d: null }, 2)
  },
  {
    re: RE_MONTH_DAY,
    at: T.MONTH,
    when: [T.MONTH],
    read: (m, p, add) => {
      const mo = monthNo(m[1]!)
      const d = parseInt(m[2]!, 10)
      if (validDay(2000, mo, d)) add(m.index, m.index + m[0].length, { k: "yearless", m: mo, d }, 3)
    }
  },
  {
    re: RE_DAY_CONJ,
    at: T.MONTH,
    when: [T.MONTH],
    read: (m, p, add) => {
      const mo = monthNo(m[1]!)
      const d = parseInt(m[2]!, 10)
      const y = m[3] ? Number(m[3]) : null
      if (!validDay(y ?? 2000, mo, d)) return
      const s = m.index + m[0].lastIndexOf(m[2]!, m[3] ? m[0].length - m[3].length - 1 : m[0].length)
      add(s, s + m[2]!.length, y !== null ? { k: "full", y, m: mo, d } : { k: "yearless", m: mo, d }, 3)
    }
  },
  {
    re: RE_DAY_MONTH,
    at: T.MONTH,
    before: DAY_BEFORE,
    beforeRequired: true,
    when: [T.MONTH],
    read: (m, p, add) => {
      const mo = monthNo(m[2]!)
      const d = parseInt(m[1]!, 10)
      if (!validDay(m[3] ? Number(m[3]) : 2000, mo, d)) return
      add(m.index, m.index + m[0].length, m[3] ? { k: "full", y: Number(m[3]), m: mo, d } : { k: "yearless", m: mo, d }, 3)
    }
  },
  {
    re: RE_REL_MONTH,
    at: T.MONTH,
    before: REL_BEFORE,
    beforeRequired: true,
    when: [T.MONTH],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "month", m: monthNo(m[2]!), rel: relOf(m[1]!.replace(/^the\s+/i, "")) }, 2)
  },
  {
    re: RE_MONTH_REL_YEAR,
    at: T.MONTH,
    when: [T.MONTH, T.YEAR_WORD],
    read: (m, p, add) => {
      const w = m[2]!.toLowerCase()
      add(m.index, m.index + m[0].length, { k: "monthOfYear", m: monthNo(m[1]!), n: w === "last" || w === "the previous" ? -1 : w === "next" || w === "the following" ? 1 : 0 }, 1)
    }
  },
  {
    re: RE_PERIOD,
    when: [T.QUARTER | T.PERIOD | T.YEAR_WORD],
    read: (m, p, add) => {
      const w = m[1]!.toLowerCase()
      const unit = m[2]!.toLowerCase()
      const yearBack = /year-|prior|previous|year-before/.test(w) ? -1 : 0
      if (unit.includes("year")) add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: yearBack !== 0 || w === "past" ? -1 : 0 }, 2)
      else {
        const current = w === "current" || w === "fiscal" || w === "current fiscal"
        add(m.index, m.index + m[0].length, { k: "latestQuarter", back: !current, yearBack, discussed: !current }, 2)
      }
    }
  },
  {
    re: RE_ANAPHOR,
    when: [T.SAME_DAY | T.MONTH_WORD | T.YEAR_WORD],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "anaphor", unit: m[1]!.toLowerCase() as "day" }, 3)
  },
  {
    re: RE_YEAR_END,
    when: [T.YEAR_WORD],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "unit", unit: "year", n: 0 }, 3, "end")
  },
  {
    re: RE_YEAR_AGO,
    when: [T.YEAR_WORD],
    // "a year earlier" counts from the date just named when no period is under discussion; "a year ago" from the reference
    read: (m, p, add) =>
      add(m.index, m.index + m[0].length, /^a year earlier$/i.test(m[0]) ? { k: "yearAgo", n: -1, anaphoric: { fallback: "reference" } } : { k: "yearAgo", n: -1 }, 3)
  },
  {
    re: RE_WEEKEND,
    when: [T.WEEK],
    read: (m, p, add) => {
      const w = m[0].toLowerCase()
      // "the weekend", "over the weekend": the one before or after the reference, by tense
      if (/^(?:the|over the|this)\s/.test(w)) return add(m.index, m.index + m[0].length, { k: "weekend", coming: w.startsWith("this") }, 3)
      add(m.index, m.index + m[0].length, { k: "unit", unit: "weekend", n: /last|past/.test(w) ? -1 : /next/.test(w) ? 1 : 0 }, 3)
    }
  },
  // holidays: each name its own rule
  ...HOLIDAYS.map((h): Rule => ({
    re: h.re,
    when: [T.HOLIDAY],
    read: (m, p, add) => {
      const after = p.slice(m.index + m[0].length, m.index + m[0].length + 20)
      // "Christmas 2025": that year's; "a Christmas movie", "Thanksgiving table": a kind of thing, no date
      const y = YEAR_AFTER.exec(after)
      if (y) return add(m.index, m.index + m[0].length + y[0].length, { k: "full", y: Number(y[1]), ...h.day(Number(y[1])) }, 1)
      if (HOLIDAY_THING.test(after)) return
      add(m.index, m.index + m[0].length, { k: "holiday", name: h.name, day: h.day }, 1)
    }
  })),
  {
    re: RE_MONTH_ALONE,
    at: T.MONTH,
    before: MONTH_LEAD_BEFORE,
    when: [T.MONTH],
    read: (m, p, add) => {
      const word = m[2]!
      // "May" and "March" alone are too often verbs/names; ask for a lead word; abbreviations alone are not dates
      const lead = m[1]
      if (/^(?:May|MAY|March|MARCH)$/.test(word) && !lead && !monthModifier(p, m.index + m[0].length - word.length, m.index + m[0].length)) return
      if (word.length <= 4 && !/^(?:June|July|May|JUNE|JULY|MAY)$/.test(word)) return
      if (/\.$/.test(word)) return
      const s = m.index + m[0].length - word.length
      add(s, s + word.length, { k: "month", m: monthNo(word), rel: null }, 5)
    }
  },
  {
    re: RE_WEEKDAY,
    at: T.WEEKDAY,
    before: WEEKDAY_LEAD_BEFORE,
    when: [T.WEEKDAY],
    read: (m, p, add) => {
      if (!isWeekdayDate(p, m.index, m.index + m[0].length, m[2]!)) return
      const pod = podOf(m[3])
      // "the previous Friday", "the following Monday": counted from the day the text has just named
      const lead = (m[1] ?? "").toLowerCase()
      const fromFocus = lead === "the previous" || lead === "the preceding" ? { fromFocus: "before" as const } : lead === "the following" ? { fromFocus: "after" as const } : {}
      const rel = fromFocus.fromFocus ? (fromFocus.fromFocus === "before" ? "last" : "next") : relOf(m[1])
      add(m.index, m.index + m[0].length, { k: "weekday", wd: weekdayNo(m[2]!), rel, ...(pod ? { pod } : {}), ...fromFocus }, 4)
    }
  },
  {
    re: RE_CASUAL,
    when: [T.CASUAL],
    read: (m, p, add) => {
      const w = m[1]!.toLowerCase()
      // "today's world", "in today's dollars", "the people of tomorrow": the present or future age, not a day
      if (GENERIC_AFTER.test(p.slice(m.index + m[0].length, m.index + m[0].length + 24))) return
      if (w !== "yesterday" && GENERIC_OF.test(p.slice(Math.max(0, m.index - 30), m.index))) return
      const pod = podOf(m[2]) ?? podOf(w)
      // "last night" is yesterday's; "this morning" today's
      const n = w === "yesterday" || (w === "last" && pod === "NI") ? -1 : w === "tomorrow" ? 1 : 0
      if (w === "last" && pod !== "NI") return // "last evening" is rare; "last morning" is not a date
      add(m.index, m.index + m[0].length, pod ? { k: "days", n, pod } : { k: "days", n }, 4)
    }
  },
  {
    re: RE_REL_UNIT,
    at: T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.QUARTER | T.DECADE | T.CENTURY,
    before: REL_UNIT_BEFORE,
    beforeRequired: true,
    when: [T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.QUARTER | T.DECADE | T.CENTURY],
    read: (m, p, add) => {
      const w = m[1]!.toLowerCase().replace(/^the\s+/, "")
      if (w === "past" && !/^the\s/i.test(m[1]!)) {
        // "past year" without "the" is mostly a duration ("in the past year" is caught with the article)
      }
      if (w === "same") return
      if (w === "past" || w === "coming") return // "the past week", "the coming year": durations
      const n = w === "last" || w === "previous" || w === "this past" ? -1 : w === "next" || w === "following" || w === "this coming" ? 1 : 0
      // "the following year", "the previous month": from the date the text has just named (else the reference)
      const unit = m[2]!.toLowerCase() as "week"
      add(m.index, m.index + m[0].length, w === "following" || w === "previous" ? { k: "unit", unit, n, anaphoric: { fallback: "reference" } } : { k: "unit", unit, n }, 3)
    }
  },
  {
    re: RE_AGO,
    at: T.DAYS_REL | T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.DECADE,
    before: AGO_BEFORE,
    beforeRequired: true,
    when: [T.DAYS_REL | T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.DECADE],
    read: (m, p, add) => {
      const n = num(m[1]!)
      const word = m[3]!.toLowerCase()
      const dir = word === "ago" || word === "earlier" || word === "before" ? -1 : 1
      const unit = m[2]!.toLowerCase()
      // "ago", "from now": from the reference; "earlier", "later", "before": from the date the text has just named
      // (with none named, "earlier" counts from the reference, "later" and "before" stay without a value)
      // "ten days before the vote" counts from the vote, which has no date here: no value
      if (word === "before" && BEFORE_AN_EVENT.test(p.slice(m.index + m[0].length, m.index + m[0].length + 3))) return add(m.index, m.index + m[0].length, { k: "vague", ref: null }, 3)
      const anaphoric: Anaphoric | undefined = word === "earlier" ? { fallback: "reference" } : word === "later" || word === "before" ? { fallback: "none" } : undefined
      // "a year ago" / "a year earlier" name the period under discussion a year back (the year-ago quarter of a report)
      if (unit === "year" && n === 1 && dir < 0) return add(m.index, m.index + m[0].length, anaphoric ? { k: "yearAgo", n: -1, anaphoric } : { k: "yearAgo", n: -1 }, 3)
      const base = unit === "day" ? { k: "days" as const, n: n * dir } : { k: "unit" as const, unit: unit as "month", n: n * dir }
      add(m.index, m.index + m[0].length, anaphoric ? { ...base, anaphoric } : base, 3)
    }
  },
  {
    re: RE_EARLIER_THIS,
    at: T.WEEK | T.MONTH_WORD | T.YEAR_WORD,
    before: EARLIER_THIS_BEFORE,
    beforeRequired: true,
    when: [T.WEEK | T.MONTH_WORD | T.YEAR_WORD],
    read: (m, p, add) => {
      const n = m[2]!.toLowerCase() === "last" ? -1 : m[2]!.toLowerCase() === "next" ? 1 : 0
      add(m.index, m.index + m[0].length, { k: "unit", unit: m[3]!.toLowerCase() as "week", n }, 2, m[1]!.toLowerCase() === "earlier" ? null : null)
    }
  },
  {
    re: RE_YEAR_QUARTER,
    when: [T.QUARTER | T.PERIOD, T.YEAR],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "latestQuarter", back: true, yearBack: 0, discussed: true, year: Number(m[1]) }, 1)
  },
  {
    re: RE_THE_UNIT,
    at: T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.QUARTER,
    before: THE_UNIT_BEFORE,
    beforeWords: 4,
    beforeRequired: true,
    when: [T.WEEK | T.MONTH_WORD | T.YEAR_WORD | T.QUARTER],
    read: (m, p, add) => {
      const s = m.index + m[0].search(/the\s/)
      const unit = m[1]!.toLowerCase() as "year" | "month" | "week" | "quarter"
      // "in the quarter": the quarter a report is about, the latest one when the text has named none
      if (unit === "quarter") return add(s, m.index + m[0].length, { k: "latestQuarter", back: true, yearBack: 0, discussed: true }, 6)
      add(s, m.index + m[0].length, { k: "unit", unit, n: 0 }, 6)
    }
  },
  {
    re: RE_QUARTER,
    when: [T.QUARTER | T.PERIOD],
    read: (m, p, add) => {
      const y = m[2] ?? m[4]
      const shift = m[1] ? (/^(?:year-|last)/i.test(m[1]) ? -1 : /^next/i.test(m[1]) ? 1 : 0) : 0
      add(m.index, m.index + m[0].length, { k: "quarter", q: ORDINAL_Q[m[3]!.toLowerCase()] ?? 1, y: y ? Number(y) : null, shift }, 2)
    }
  },
  {
    re: RE_HALF,
    when: [T.HALF],
    read: (m, p, add) => {
      const y = m[1] ?? m[3]
      // "the last half" alone is as often a match's or a film's as a year's
      if (!y && /^(?:last|latter)$/i.test(m[2]!)) return
      add(m.index, m.index + m[0].length, { k: "half", h: /^(?:first|1st)$/i.test(m[2]!) ? 1 : 2, y: y ? Number(y) : null, shift: 0 }, 3)
    }
  },
  {
    re: RE_TWO_QUARTERS,
    when: [T.QUARTER],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "half", h: /^first$/i.test(m[1]!) ? 1 : 2, y: Number(m[2]), shift: 0 }, 2)
  },
  {
    re: RE_FISCAL,
    when: [T.YEAR],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "full", y: Number(m[1]), m: null, d: null }, 2)
  },
  {
    re: RE_SEASON,
    when: [T.SEASON],
    read: (m, p, add) => {
      const rel = relOf(m[1])
      if (!m[3] && !m[1]) {
        // a bare season word needs an article or preposition before it ("in the summer", "this fall" handled above)
        const before = p.slice(Math.max(0, m.index - 12), m.index)
        if (!/\b(?:in|during|the|this|last|next|over|until|by|since|early|late|mid-?)\s+(?:the\s+)?$/i.test(before)) return
        if (/^fall$/i.test(m[2]!) && !/\b(?:the|this|last|next)\s+$/i.test(before)) return
      }
      add(m.index, m.index + m[0].length, { k: "season", season: SEASON_CODE[m[2]!.toLowerCase()]!, y: m[3] ? Number(m[3]) : null, rel }, 3)
    }
  },
  {
    re: RE_YEAR,
    at: T.YEAR,
    when: [T.YEAR],
    rejectAfter: (p, i) => i > 0 && NOT_BEFORE_YEAR.includes(p[i - 1]!),
    read: (m, p, add) => {
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
    }
  },
  {
    re: RE_DECADE,
    when: [T.YEAR | T.APOS_DECADE],
    read: (m, p, add) => {
      const mm = /^(?:the\s+)?(early|mid|late)/i.exec(m[0])
      const kind: Kind = m[1] ? { k: "decade", first: Number(m[1]), century: true } : { k: "decade", first: 1900 + Number(m[2]), century: false }
      add(m.index, m.index + m[0].length, kind, 4, mm ? modifierFor(mm[1]!) : null)
    }
  },
  {
    re: RE_CENTURY,
    when: [T.CENTURY],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "century", hundreds: Number(m[2]) - 1 }, 4, m[1] ? modifierFor(m[1]) : null)
  },
  {
    re: RE_CENTURY_WORDS,
    when: [T.CENTURY],
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "century", hundreds: centuryOrdinal(m[2]!) - 1 }, 4, m[1] ? modifierFor(m[1]) : null)
  },
  {
    re: RE_DECADE_WORDS,
    when: [T.DECADE_WORD],
    read: (m, p, add) => {
      const mm = /^(?:the\s+)?(early|mid|late)/i.exec(m[0])
      const tens = DECADE_WORDS.indexOf(m[1]!.toLowerCase()) + 2
      add(m.index, m.index + m[0].length, { k: "decade", first: 1900 + 10 * tens, century: /nineteen/i.test(m[0]) }, 4, mm ? modifierFor(mm[1]!) : null)
    }
  },
  {
    re: RE_PREFIXED_YEAR,
    when: [T.YEAR],
    read: (m, p, add) => {
      const w = m[1]!.toLowerCase()
      add(m.index, m.index + m[0].length, { k: "full", y: Number(m[2]), m: null, d: null }, 2, w === "mid" ? "mid" : w === "early" ? "start" : w === "late" ? "end" : null)
    }
  },
  {
    re: RE_SPELLED_YEAR,
    when: [T.SPELLED],
    read: (m, p, add) => {
      const y = spelledYear(m[0])
      // "two thousand" is a count unless it is introduced as a year
      if (/^two/i.test(m[0]) && !/\b(?:in|by|since|until|till|of|from|to|before|after)\s+$/i.test(p.slice(Math.max(0, m.index - 10), m.index))) return
      if (/\s+(?:people|troops|men|women|dollars|pounds|years|miles|members|soldiers|workers)\b/i.test(p.slice(m.index + m[0].length, m.index + m[0].length + 12))) return
      if (y !== null) add(m.index, m.index + m[0].length, { k: "full", y, m: null, d: null }, 2)
    }
  },
  {
    re: RE_VAGUE,
    when: [T.VAGUE],
    vague: true,
    read: (m, p, add) => add(m.index, m.index + m[0].length, { k: "vague", ref: m[1] ? "PRESENT_REF" : m[2] ? "PAST_REF" : "FUTURE_REF" }, 7)
  }
]

/** All date candidates of one paragraph or window (offsets relative to it), `classes` the trigger classes it holds. */
const paragraphCandidates = (p: string, config: DatesConfig, lang: string, triggers: Triggers): Array<Cand> => {
  const classes = triggers.classes
  const out: Array<Cand> = []
  const add: Add = (s, e, kind, prio, modifier = null) => {
    out.push({ s, e, kind, modifier, prio })
  }

  if (classes & T.EVENT) {
    const anyEv = anyEvent(config.events)
    if (anyEv && ((anyEv.lastIndex = 0), anyEv.test(p)))
      for (const ev of eventRegexes(config.events)) findAll(ev.re, p, (m) => add(m.index, m.index + m[0].length, { k: "event", value: ev.value, name: ev.name }, 0))
  }

  // written calendar dates (chrono, strict grammar: no casual or relative readings; only certain components kept)
  if ((classes & T.MONTH && DIGIT.test(p)) || NUMERIC_SHAPE.test(p)) chronoCandidates(p, add)

  runRules(RULES, p, triggers, config.vague === true, add)

  // the document's own language: Russian by its grammar (with chrono's ru locale), others by chrono's locale
  if (lang === "ru") russianCandidates(p, add, config.vague === true, triggers)
  // (a Russian stretch starts at a month stem, a token of the trigger scan, or at a numeric date)
  if (chronoLanguage(lang) && DIGIT.test(p) && (lang !== "ru" || classes & T.RU_MONTH || NUMERIC_SHAPE.test(p))) chronoCandidates(p, add, lang)

  // "the week of May 12": the week of the day written after it (the day's candidate is widened to the week)
  if (classes & T.MONTH && classes & T.WEEK)
    findAll(RE_WEEK_OF, p, (m) => {
      const day = out.find((c) => c.s === m.index + m[0].length && (c.kind.k === "full" || c.kind.k === "yearless") && c.kind.d !== null)
      if (day) {
        day.s = m.index
        day.kind = { k: "weekOf", day: day.kind as Extract<Kind, { k: "full" | "yearless" }> }
      }
    })

  // "a year ago Tuesday", "ten years ago today": the day right after "N years ago" is the anniversary it counts back from
  if (classes & T.YEAR_WORD)
    for (const c of out) {
      const years = c.kind.k === "yearAgo" && !c.kind.anaphoric ? -c.kind.n : c.kind.k === "unit" && c.kind.unit === "year" && c.kind.n < 0 && !c.kind.anaphoric ? -c.kind.n : 0
      if (years <= 0 || !/ago$/i.test(p.slice(c.s, c.e))) continue
      const gap = /^[ \t]+/.exec(p.slice(c.e, c.e + 4))
      if (!gap) continue
      const at = c.e + gap[0].length
      const day = out.find(
        (d) => d.s === at && ((d.kind.k === "weekday" && d.kind.rel === null && !d.kind.pod) || (d.kind.k === "days" && !d.kind.anaphoric && Math.abs(d.kind.n) <= 1 && !d.kind.pod) || d.kind.k === "yearless")
      )
      if (!day) continue
      c.e = day.e
      c.kind = { k: "yearsBefore", years, day: day.kind as Extract<Kind, { k: "weekday" | "days" | "yearless" }> }
      out.splice(out.indexOf(day), 1)
    }

  // "the night of March 5", "on the morning of Oct. 3": that part of the day written after it (its candidate widened)
  if (classes & (T.MONTH | T.WEEKDAY))
    for (const c of out) {
      if (!(((c.kind.k === "full" || c.kind.k === "yearless") && c.kind.d !== null) || c.kind.k === "weekday") || ("pod" in c.kind && c.kind.pod)) continue
      if (!afterOf(p, c.s)) continue
      const m = PART_OF_DAY_OF.exec(p.slice(Math.max(0, c.s - 40), c.s))
      if (!m) continue
      // the longest candidate that starts there takes the part of the day
      let day = c
      for (const d of out) if (d.s === c.s && d.e > day.e && (((d.kind.k === "full" || d.kind.k === "yearless") && d.kind.d !== null) || d.kind.k === "weekday")) day = d
      if (day !== c) continue
      day.s -= m[0].length
      day.kind = { ...day.kind, pod: podOf(m[1])! } as Kind
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
    if (lang === "ru" && c.kind.k !== "event" && c.kind.k !== "vague") {
      const ru = russianModifier(before, c.kind)
      if (ru) {
        c.modifier = ru.modifier
        c.s -= ru.length
        continue
      }
    }
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
 * "the March accession", "its May report": a capitalised May or March between a determiner and a lower-case noun is a
 * month qualifying the noun (the verb "march", the name "May" do not stand there)
 */
const DETERMINER_BEFORE = /\b(?:the|its|their|his|her|our|this|that|a|an)\s+$/i
const NOUN_AFTER = /^\s+(?!(?:is|was|are|were|will|would|has|had|have|can|could|may|might|must|should|shall|did|does|do|and|or|but|of|to|in|on|at|by|for|with|from|as|that|which|who|the|a|an|it|he|she|they|we|i|you|also|not|has|been)\b)[a-z]{3,}\b/
const monthModifier = (p: string, s: number, e: number): boolean =>
  /^[A-Z]/.test(p.slice(s, e)) && DETERMINER_BEFORE.test(p.slice(Math.max(0, s - 8), s)) && NOUN_AFTER.test(p.slice(e, e + 24))

/** a noun after a holiday's name that makes it a kind of thing ("a Christmas movie", "Thanksgiving tablescapes") */
const HOLIDAY_THING =
  /^\s+(?:list|lights?|movies?|films?|tables?|tablescapes?|dinners?|lunch|feasts?|decorations?|decor|trees?|cards?|gifts?|presents?|party|parties|shopping|markets?|music|songs?|carols?|season|sales?|spirit|cheer|menus?|recipes?|cookies|cakes?|pudding|jumpers?|sweaters?|stockings?|ornaments?|wreaths?|turkeys?|traditions?|themed|specials?|episodes?|editions?|costumes?|candy|pumpkins?|parades?)\b/
/**
 * Whether a weekday name names a day: not a set ("every Thursday"), not a list or a calendar header ("Monday Tuesday
 * Wednesday", "Monday-Wednesday-Friday"), not a line of its own, not part of a name ("Black Friday", "NFL Sunday
 * Ticket", "Super Tuesday"). A capitalised word before it says nothing: news writes "President Clinton Saturday vowed".
 */
const WEEKDAY_BEFORE = new RegExp(`(?:${WEEKDAY})(?:'s)?\\s*[-–/]?\\s*$`)
const WEEKDAY_AFTER = new RegExp(`^\\s*[-–/]?\\s*(?:${WEEKDAY})\\b`)
const MONTH_OR_WEEKDAY_AFTER = new RegExp(`^\\s+(?:${MONTH}|${WEEKDAY})`)
const isWeekdayDate = (p: string, s: number, e: number, word: string): boolean => {
  const before = p.slice(Math.max(0, s - 24), s)
  const after = p.slice(e, e + 24)
  if (/\b(?:every|each|most|some|many|all|other)\s+$/i.test(before)) return false
  if (WEEKDAY_BEFORE.test(before) || WEEKDAY_AFTER.test(after)) return false
  if (p.trim() === word) return false
  if (/\b(?:black|cyber|good|super|bloody|ash|palm|holy|maundy|easter|shrove|giving)\s+$/i.test(before)) return false
  // a capitalised word after it that is no month or weekday: a name ("Sunday Ticket", "Saturday Kitchen")
  if (/^\s+\p{Lu}\p{Ll}/u.test(after) && !MONTH_OR_WEEKDAY_AFTER.test(after) && !/^\s+(?:I|The|A|An|He|She|It|They|We|You)\b/.test(after)) return false
  return true
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
  if (cands.length <= 1) return cands
  const sorted = [...cands].sort(longestFirst)
  const kept: Array<Cand> = []
  for (const c of sorted) if (!overlapsAny(kept, c)) kept.push(c)
  return kept.sort(byStart)
}
const longestFirst = (a: Cand, b: Cand) => b.e - b.s - (a.e - a.s) || a.prio - b.prio || a.s - b.s
const byStart = (a: Cand, b: Cand) => a.s - b.s
const overlapsAny = (kept: ReadonlyArray<Cand>, c: Cand): boolean => {
  for (const k of kept) if (c.s < k.e && k.s < c.e) return true
  return false
}

/** Step 1: the candidates of the body, from the windows around its trigger tokens (in body order). */
export const bodyCandidates = (doc: DocContext): Array<BodyCand> => {
  const { paras, config } = doc
  const cands: Array<BodyCand> = []
  const windows = triggerWindows(doc.body, paras, config, doc.lang)
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!
    for (const w of windows[i]!) {
      const off = p.s + w.s
      for (const c of windowCandidates(w.s === 0 && w.e === p.text.length ? p.text : p.text.slice(w.s, w.e), config, doc.lang, w))
        cands.push({ s: c.s + off, e: c.e + off, kind: c.kind, modifier: c.modifier, prio: c.prio, para: i })
    }
  }
  return cands
}
