/**
 * chrono-node glue: its strict parser runs only on short stretches around a month name or a numeric date shape, and
 * only the components it marks certain are kept (its implied parts are never read).
 */
import * as chrono from "chrono-node"
import { HAS_MONTH, MONTH, MONTH_OR_NUMERIC } from "./lexicon.js"
import { isSpace } from "./text.js"
import type { Add, Kind } from "./types.js"

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

/** chrono's written calendar dates of one paragraph (strict grammar: no casual or relative readings; only certain components kept). */
export const chronoCandidates = (p: string, add: Add): void => {
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
