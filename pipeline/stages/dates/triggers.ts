/**
 * The trigger scan: one linear pass over the body finds the tokens every date expression holds, and cuts the windows
 * of text around them that the grammar and chrono read (never a whole document).
 */
import { chronoLanguage } from "./chrono.js"
import { eventRegexes, MONTH, WEEKDAY } from "./lexicon.js"
import { isSpace } from "./text.js"
import type { DatesConfig } from "./types.js"

/**
 * Trigger tokens: every expression of the grammar below (and every chrono result kept) contains one of them, so the
 * grammar and chrono only run on windows of text around a trigger. One linear scan per paragraph finds them.
 * Case-sensitive part: capitalised month and weekday names (as the grammar writes them), year-like numbers (also inside
 * "FY2019" or "2015-10-17"), numeric dates with a two-digit year, "'90s".
 */
const TRIGGER_CS = new RegExp(`\\b(?:${MONTH}|${WEEKDAY})(?![a-z])|(?:1[5-9]|20)\\d\\d|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d\\d|'\\d0s`, "g")
/** the trigger words of Russian dates: month, weekday and season stems, the words of years, centuries and relative dates */
const TRIGGER_RU =
  /(?<![\p{L}])(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр|янв\.|фев|апр\.|авг\.|сент?\.|окт\.|нояб?\.|дек\.|понедельник|вторник|сред[уы]|четверг|пятниц|суббот|воскресень|сегодня|вчера|завтра|позавчера|послезавтра|назад|через|год|гг|век|столети|квартал|половин|недел|месяц|весн|лет|осен|зим|сейчас|ныне|недавно|настоящее|будущ|прошл|ранее|прежде|вскоре|ближайшее)|\d0-[ехы]/giu
/** in the other languages chrono reads: any number (its written dates hold one) */
const TRIGGER_NUMBER = /\d{1,4}/g
/**
 * case-insensitive part: the head words of relative dates, periods, seasons, holidays, spelled-out years and decades;
 * "day" only where the grammar reads it ("three days ago", "that day", "Labor Day"), as it is a frequent word
 */
const TRIGGER_WORDS =
  "today|tonight|yesterday|tomorrow|ago|days?\\s+(?:ago|earlier|before|later|from|hence)|(?:that|same)\\s+day|(?:labor|memorial|election|victory|boxing)\\s+day|week|month|year|quarter|period|half|decade|century|spring|summer|fall|autumn|winter|nineteen|thousand|(?:twen|thir|for|fif|six|seven|eigh|nine)ties|christmas|new year|valentine|halloween|thanksgiving"
/** with `vague: true` the vague words are triggers too */
const TRIGGER_VAGUE_WORDS = "now|current|recent|nowadays|at present|these days|future|the past|the present|the near|the long term|soon|lately|formerly|in the coming|at the moment"
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
/** a paragraph this short (a date line, a byline) is read whole, as one window */
export const CAND_CACHE_TEXT = 240

/**
 * The windows of each paragraph that can hold a date: each trigger with WINDOW_MARGIN characters of context on either
 * side, widened to the nearest white space (so no word is cut and word boundaries read as in the paragraph), kept inside
 * its paragraph, merged when they touch. Linear in the body: two scans of the whole body with expressions free of
 * nested quantifiers, then one pass over the triggers in order.
 */
export const triggerWindows = (
  body: string,
  paras: ReadonlyArray<{ s: number; text: string }>,
  config: DatesConfig,
  lang = "en"
): Array<Array<{ s: number; e: number }>> => {
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
  // a document in another language: its own trigger words too, merged in text order
  const langTrigger = lang === "ru" ? TRIGGER_RU : chronoLanguage(lang) ? TRIGGER_NUMBER : null
  if (langTrigger) {
    const from = spans.length
    collectSpans(langTrigger, body, spans)
    for (let k = from; k < spans.length; k += 2) order.push(k)
    order.sort((a, b) => spans[a]! - spans[b]!)
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
