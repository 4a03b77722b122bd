/**
 * The trigger scan: one linear pass over the body finds the tokens every date expression holds, and cuts the windows
 * of text around them that the grammar and chrono read (never a whole document).
 */
import { alternatives, wordTree } from "./alternation.js"
import { chronoLanguage } from "./chrono.js"
import { eventRegexes, MONTH_OR_WEEKDAY_TREE, monthNo } from "./lexicon.js"
import { letterBefore } from "./rules.js"
import { isSpace } from "./text.js"
import type { DatesConfig } from "./types.js"

/**
 * Trigger tokens: every expression of the grammar below (and every chrono result kept) contains one of them, so the
 * grammar and chrono only run on windows of text around a trigger. One linear scan per paragraph finds them.
 * Case-sensitive part: capitalised month and weekday names (as the grammar writes them), year-like numbers (also inside
 * "FY2019" or "2015-10-17"), numeric dates with a two-digit year, "'90s".
 */
const TRIGGER_CS = new RegExp(`\\b${MONTH_OR_WEEKDAY_TREE}(?![a-z])|(?:1[5-9]|20)\\d\\d|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d\\d|'\\d0s`, "g")
/**
 * the trigger words of Russian dates: month, weekday and season stems, the words of years, centuries and relative dates
 * (a stem with no letter before it: `letterBefore` rejects the others)
 */
const TRIGGER_RU_WORDS =
  String.raw`январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр|янв\.|фев|апр\.|авг\.|сент?\.|окт\.|нояб?\.|дек\.|понедельник|вторник|сред[уы]|четверг|пятниц|суббот|воскресень|сегодня|вчера|завтра|позавчера|послезавтра|назад|через|год|гг|век|столети|квартал|половин|недел|месяц|весн|лет|осен|зим|сейчас|ныне|недавно|настоящее|будущ|прошл|ранее|прежде|вскоре|ближайшее`
const TRIGGER_RU = new RegExp(`${wordTree(alternatives(TRIGGER_RU_WORDS))}|\\d0-[ехы]`, "giu")
/** in the other languages chrono reads: any number (its written dates hold one) */
const TRIGGER_NUMBER = /\d{1,4}/g
/**
 * case-insensitive part: the head words of relative dates, periods, seasons, holidays, spelled-out years and decades;
 * "day" only where the grammar reads it ("three days ago", "that day", "Labor Day"), as it is a frequent word
 */
const TRIGGER_WORDS =
  "today|tonight|yesterday|tomorrow|ago|days?\\s+(?:ago|earlier|before|later|from|hence)|(?:that|same)\\s+day|(?:labor|memorial|election|victory|boxing)\\s+day|week|month|year|quarter|period|half|decade|century|spring|summer|fall|autumn|winter|nineteen|thousand|(?:twen|thir|for|fif|six|seven|eigh|nine)ties|christmas|new year|valentine|halloween|thanksgiving|(?:this|last)\\s+(?:morning|afternoon|evening|night)"
/** with `vague: true` the vague words are triggers too */
const TRIGGER_VAGUE_WORDS = "now|current|recent|nowadays|at present|these days|future|the past|the present|the near|the long term|soon|lately|formerly|in the coming|at the moment"
/** the trigger words as prefix trees (alternation.ts: the same matches, read about twice as fast) */
const PLAIN_TREE = wordTree(alternatives(TRIGGER_WORDS))
const VAGUE_TREE = wordTree(alternatives(`${TRIGGER_WORDS}|${TRIGGER_VAGUE_WORDS}`))
/**
 * The classes of trigger tokens (bits). Every rule of the grammar names the classes one of which its matches always
 * contain, so a window runs only the rules whose tokens it holds (grammar.ts). A token's classes are read from its text,
 * generously: a class is set whenever the token could be, or could hide, a token of that class.
 */
export const T = {
  MONTH: 1 << 0, // a capitalised month name ("March", "Sept.")
  WEEKDAY: 1 << 1, // a capitalised weekday name
  YEAR: 1 << 2, // a year-like number (also inside "FY2019", "1990s", or a numeric date)
  NUMERIC: 1 << 3, // a numeric date with a two-digit year or more ("12/5/98")
  APOS_DECADE: 1 << 4, // "'90s"
  CASUAL: 1 << 5, // today, tonight, yesterday, tomorrow; this morning, last night
  AGO: 1 << 6, // ago
  DAYS_REL: 1 << 7, // "days ago", "day later", "days from"
  SAME_DAY: 1 << 8, // "that day", "same day"
  HOLIDAY: 1 << 9, // a holiday's name (and "July", of "Fourth of July")
  WEEK: 1 << 10, // week (weekend, weeks)
  MONTH_WORD: 1 << 11, // month (months)
  YEAR_WORD: 1 << 12, // year (years, year-end, "new year")
  QUARTER: 1 << 13,
  PERIOD: 1 << 14,
  HALF: 1 << 15,
  DECADE: 1 << 16, // decade (decades)
  CENTURY: 1 << 17,
  SEASON: 1 << 18, // spring, summer, fall, autumn, winter
  SPELLED: 1 << 19, // nineteen, thousand (spelled-out years)
  DECADE_WORD: 1 << 20, // twenties ... nineties
  VAGUE: 1 << 21, // now, current, recent, future, the past ... (only with `vague`)
  EVENT: 1 << 22, // a word of a configured event name
  OTHER_LANGUAGE: 1 << 23, // a trigger of the document's own language (any number, in the languages chrono reads)
  RU_MONTH: 1 << 24, // a Russian month stem ("январ", "мая", "сент.")
  RU_WEEKDAY: 1 << 25, // a Russian weekday stem
  RU_DAY: 1 << 26, // сегодня, вчера, завтра, позавчера, послезавтра
  RU_AGO: 1 << 27, // назад, через
  RU_UNIT: 1 << 28, // год, гг, век, столетие, квартал, половина, неделя, месяц
  RU_SEASON: 1 << 29, // весн-, лет-, осен-, зим- (and "лет", years)
  RU_OTHER: 1 << 30 // the vague and relative words (сейчас, недавно, прошл-, будущ-), decades written "90-х"
} as const

const RU_CLASSES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр|янв\.|фев|апр\.|авг\.|сент?\.|окт\.|нояб?\.|дек\.)$/, T.RU_MONTH],
  [/^(?:понедельник|вторник|сред[уы]|четверг|пятниц|суббот|воскресень)$/, T.RU_WEEKDAY],
  [/^(?:сегодня|вчера|завтра|позавчера|послезавтра)$/, T.RU_DAY],
  [/^(?:назад|через)$/, T.RU_AGO],
  [/^(?:год|гг|век|столети|квартал|половин|недел|месяц)$/, T.RU_UNIT],
  [/^(?:весн|лет|осен|зим)$/, T.RU_SEASON]
]
/** the classes of a Russian token (in lower case) */
const ruClasses = (t: string): number => {
  for (const [re, bit] of RU_CLASSES) if (re.test(t)) return bit
  return T.RU_OTHER
}
const ruCache = new Map<string, number>()

const LETTER_START = /^[A-Za-z]/
/** the classes of a case-sensitive token: a month or weekday name, a year-like number, a numeric date, "'90s" */
const csClasses = (t: string): number => {
  if (LETTER_START.test(t)) {
    const m = monthNo(t)
    return m === 0 ? T.WEEKDAY : m === 7 ? T.MONTH | T.HOLIDAY : T.MONTH
  }
  if (t.charCodeAt(0) === 39) return T.APOS_DECADE
  return t.length === 4 ? T.YEAR : T.NUMERIC | T.YEAR
}
const CI_CLASSES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:today|tonight|yesterday|tomorrow)$|^(?:this|last)\s/, T.CASUAL],
  [/^ago$/, T.AGO],
  [/^days?\s/, T.DAYS_REL],
  [/^(?:that|same)\s/, T.SAME_DAY],
  [/^(?:labor|memorial|election|victory|boxing)\s|^(?:christmas|new year|valentine|halloween|thanksgiving)$/, T.HOLIDAY],
  [/^week$/, T.WEEK],
  [/^month$/, T.MONTH_WORD],
  [/year$/, T.YEAR_WORD],
  [/^quarter$/, T.QUARTER],
  [/^period$/, T.PERIOD],
  [/^half$/, T.HALF],
  [/^decade$/, T.DECADE],
  [/^century$/, T.CENTURY],
  [/^(?:spring|summer|fall|autumn|winter)$/, T.SEASON],
  [/^(?:nineteen|thousand)$/, T.SPELLED],
  [/ties$/, T.DECADE_WORD]
]
/** the classes of a case-insensitive token (in lower case): the word classes above, else a vague word */
const ciClasses = (t: string): number => {
  let bits = 0
  for (const [re, bit] of CI_CLASSES) if (re.test(t)) bits |= bit
  return bits === 0 ? T.VAGUE : bits
}
const CLASS_CACHE_MAX = 2048
const cached = (map: Map<string, number>, key: string, classes: (t: string) => number): number => {
  let bits = map.get(key)
  if (bits === undefined) {
    bits = classes(key)
    if (map.size >= CLASS_CACHE_MAX) map.clear()
    map.set(key, bits)
  }
  return bits
}
const csCache = new Map<string, number>()

/**
 * The case-insensitive trigger of a configuration: the words above (and the vague words with `vague: true`), then the
 * longest word of each event name, captured (a word of the name sits at a word boundary wherever the name matches, so
 * this finds every event name). A trigger word may hide an event word that starts within it ("the near" in "the
 * nearest"): a token whose text from any of its word starts is the beginning of an event word has the EVENT class too.
 */
interface CaseInsensitiveTrigger {
  readonly re: RegExp
  readonly classes: (lowerText: string, isEvent: boolean) => number
}
const triggerCache = new WeakMap<DatesConfig["events"], { plain: CaseInsensitiveTrigger; vague: CaseInsensitiveTrigger }>()
const triggerCI = (config: DatesConfig): CaseInsensitiveTrigger => {
  let t = triggerCache.get(config.events)
  if (!t) {
    const evWords = [...new Set(eventRegexes(config.events).map((e) => (e.name.match(/\w+/g) ?? [e.name]).reduce((a, b) => (b.length > a.length ? b : a))))]
    const ev = evWords.length ? `|(${evWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})` : ""
    const lowerEv = evWords.map((w) => w.toLowerCase())
    const hidesEvent = (t: string) => {
      for (let i = 0; i < t.length; i++) {
        if (i > 0 && !/\W\w/.test(t.slice(i - 1, i + 1))) continue
        const tail = t.slice(i)
        if (lowerEv.some((w) => w.startsWith(tail) || tail.startsWith(w))) return true
      }
      return false
    }
    const cache = new Map<string, number>()
    const classes = (text: string, isEvent: boolean) => (isEvent ? T.EVENT : cached(cache, text, (x) => ciClasses(x) | (hidesEvent(x) ? T.EVENT : 0)))
    t = {
      plain: { re: new RegExp(`\\b(?:${PLAIN_TREE}${ev})`, "gi"), classes },
      vague: { re: new RegExp(`\\b(?:${VAGUE_TREE}${ev})`, "gi"), classes }
    }
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
/** a paragraph this short (a date line, a byline) is read whole, as one window */
const WHOLE_PARAGRAPH = 240

/**
 * A window of a paragraph (offsets in the paragraph), the classes of the trigger tokens it holds, and the tokens (start,
 * end, classes; offsets in the window).
 */
export interface Window {
  s: number
  e: number
  classes: number
  readonly tokens: Array<number>
}

/** The trigger tokens of a text, in text order: start, end and classes, three numbers each. */
const triggerTokens = (text: string, config: DatesConfig, lang: string): Array<number> => {
  const ci = triggerCI(config)
  const runs: Array<Array<number>> = [scan(TRIGGER_CS, text, (m) => cached(csCache, m[0], csClasses)), scan(ci.re, text, (m) => ci.classes(m[0].toLowerCase(), m[1] !== undefined))]
  // a document in another language: its own trigger words too
  if (lang === "ru") runs.push(scan(TRIGGER_RU, text, (m) => cached(ruCache, m[0].toLowerCase(), ruClasses), (p, i) => p.charCodeAt(i) > 0x40 && letterBefore(p, i)))
  else if (chronoLanguage(lang)) runs.push(scan(TRIGGER_NUMBER, text, () => T.OTHER_LANGUAGE))
  return mergeRuns(runs)
}

/** The trigger tokens a text holds and their classes. */
export interface Triggers {
  readonly classes: number
  /** start, end, classes of each token, in text order */
  readonly tokens: ReadonlyArray<number>
}
/** The triggers of a text read whole (a short line outside the body's windows). */
export const triggersOf = (text: string, config: DatesConfig, lang = "en"): Triggers => {
  const tokens = triggerTokens(text, config, lang)
  let classes = 0
  for (let k = 2; k < tokens.length; k += 3) classes |= tokens[k]!
  return { classes, tokens }
}

/**
 * The windows of each paragraph that can hold a date: each trigger with WINDOW_MARGIN characters of context on either
 * side, widened to the nearest white space (so no word is cut and word boundaries read as in the paragraph), kept inside
 * its paragraph, merged when they touch; each with the classes of the tokens in it. Linear in the body: a few scans of
 * the whole body with expressions free of nested quantifiers, then one pass over the triggers in order.
 */
export const triggerWindows = (
  body: string,
  paras: ReadonlyArray<{ s: number; text: string }>,
  config: DatesConfig,
  lang = "en"
): Array<Array<Window>> => {
  const tokens = triggerTokens(body, config, lang)
  const out: Array<Array<Window>> = paras.map(() => [])
  let pi = 0
  for (let k = 0; k < tokens.length; k += 3) {
    const ts = tokens[k]!
    while (pi < paras.length && paras[pi]!.s + paras[pi]!.text.length <= ts) pi++
    if (pi >= paras.length) break
    const para = paras[pi]!
    if (ts < para.s) continue // a trigger on a line break (none: triggers hold no line break)
    const classes = tokens[k + 2]!
    const p = para.text
    const n = p.length
    const list = out[pi]!
    // a short paragraph (a date line, a byline) is one window: its candidates are those of the whole line
    const t0 = ts - para.s
    const t1 = Math.min(n, tokens[k + 1]! - para.s)
    if (n <= WHOLE_PARAGRAPH) {
      if (list.length === 0) list.push({ s: 0, e: n, classes, tokens: [t0, t1, classes] })
      else {
        list[0]!.classes |= classes
        list[0]!.tokens.push(t0, t1, classes)
      }
      continue
    }
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
    const last = list[list.length - 1]
    if (last && ws <= last.e) {
      if (we > last.e) last.e = we
      last.classes |= classes
      last.tokens.push(t0 - last.s, t1 - last.s, classes)
    } else list.push({ s: ws, e: we, classes, tokens: [t0 - ws, t1 - ws, classes] })
  }
  return out
}

/** the tokens of one trigger expression: start, end, classes; `reject` a match as a look-behind would (rules.ts) */
function scan(re: RegExp, p: string, classes: (m: RegExpExecArray) => number, reject?: (p: string, i: number) => boolean): Array<number> {
  const out: Array<number> = []
  re.lastIndex = 0
  for (let m = re.exec(p); m; m = re.exec(p)) {
    if (reject && reject(p, m.index)) {
      re.lastIndex = m.index + 1
      continue
    }
    out.push(m.index, m.index + m[0].length, classes(m))
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

/** runs of tokens, each in text order, merged into one run in text order (ties keep the order of the runs) */
function mergeRuns(runs: ReadonlyArray<Array<number>>): Array<number> {
  const nonEmpty = runs.filter((r) => r.length > 0)
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? []
  const at = nonEmpty.map(() => 0)
  const out: Array<number> = []
  for (;;) {
    let best = -1
    for (let r = 0; r < nonEmpty.length; r++) if (at[r]! < nonEmpty[r]!.length && (best < 0 || nonEmpty[r]![at[r]!]! < nonEmpty[best]![at[best]!]!)) best = r
    if (best < 0) return out
    const run = nonEmpty[best]!
    const i = at[best]!
    out.push(run[i]!, run[i + 1]!, run[i + 2]!)
    at[best] = i + 3
  }
}
