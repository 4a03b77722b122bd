/**
 * Calendar helpers (proleptic Gregorian, UTC, never the clock): the values the stage writes, in ISO 8601 with
 * TimeML's extensions, the days they cover, weekdays and ISO weeks, and the reference date.
 *
 * Values, by precision:
 *   century 19 (the years 1900-1999) · decade 199X · year 1998 · half 1998-H1 · quarter 1998-Q3 ·
 *   season 1998-SP/SU/FA/WI · month 1998-07 · week 1998-W08 (ISO week), 1998-W08-WE (its weekend) · day 1998-02-17 ·
 *   part_of_day 1998-02-17TMO/TAF/TEV/TNI · vague PRESENT_REF/PAST_REF/FUTURE_REF.
 * A day or month whose year is unknown is written --12-26 or --12 (ISO 8601's truncated forms; TimeML writes
 * XXXX-12-26): its precision is day or month, and it covers no known days.
 * Seasons are the meteorological seasons of the northern hemisphere: SP March-May, SU June-August, FA
 * September-November, and WI the winter whose January falls in the year (1998-WI: 1997-12-01 to 1998-02-28).
 */
import type { DatePrecision } from "../../model.js"

export interface Ref {
  readonly y: number
  readonly m: number | null
  readonly d: number | null
  /** what the anchor is called in the `anchor` column */
  readonly source: string
}

export interface Ymd {
  readonly y: number
  readonly m: number
  readonly d: number
}

export const pad = (n: number, w = 2) => String(n).padStart(w, "0")
export const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`
export const isoMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`
export const isoYear = (y: number) => pad(y, 4)
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))
const ymd = (t: Date): Ymd => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
export const addDays = (y: number, m: number, d: number, n: number): Ymd => ymd(new Date(utc(y, m, d).getTime() + n * 86_400_000))
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
export const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
export const weekdayOf = (y: number, m: number, d: number) => utc(y, m, d).getUTCDay() // 0 = Sunday
/** days from a to b (b - a) */

/** The ISO 8601 week of a day: the year it belongs to (near New Year it may differ from the day's) and its number. */
export const isoWeekOf = (y: number, m: number, d: number): { y: number; w: number } => {
  const wd = (weekdayOf(y, m, d) + 6) % 7 // 0 = Monday
  const thursday = addDays(y, m, d, 3 - wd) // the week belongs to the year of its Thursday
  const jan1 = utc(thursday.y, 1, 1).getTime()
  return { y: thursday.y, w: 1 + Math.floor((utc(thursday.y, thursday.m, thursday.d).getTime() - jan1) / (7 * 86_400_000)) }
}
/** The Monday of ISO week w of year y. */
export const isoWeekMonday = (y: number, w: number): Ymd => {
  const jan4wd = (weekdayOf(y, 1, 4) + 6) % 7
  return addDays(y, 1, 4, (w - 1) * 7 - jan4wd)
}
export const isoWeek = (y: number, w: number) => `${pad(y, 4)}-W${pad(w)}`
export const weekValueOf = (day: Ymd, weekend = false) => {
  const wk = isoWeekOf(day.y, day.m, day.d)
  return `${isoWeek(wk.y, wk.w)}${weekend ? "-WE" : ""}`
}
export const quarterValue = (y: number, q: number) => `${pad(y, 4)}-Q${q}`
export const halfValue = (y: number, h: number) => `${pad(y, 4)}-H${h}`
export type Season = "SP" | "SU" | "FA" | "WI"
export const seasonValue = (y: number, s: Season) => `${pad(y, 4)}-${s}`
/** the decade of a year: 1990-1999 -> 199X */
export const decadeValue = (firstYear: number) => `${pad(Math.floor(firstYear / 10), 3)}X`
/** the century of the years c00-c99: 19 -> the years 1900-1999 */
export const centuryValue = (hundreds: number) => pad(hundreds, 2)
export type PartOfDay = "MO" | "AF" | "EV" | "NI"
export const partOfDayValue = (day: string, pod: PartOfDay) => `${day}T${pod}`
export type VagueRef = "PRESENT_REF" | "PAST_REF" | "FUTURE_REF"

/** the first month of a season, and the year offset of that month (winter starts in the December before) */
export const seasonStart = (s: Season): { m: number; dy: number } =>
  s === "SP" ? { m: 3, dy: 0 } : s === "SU" ? { m: 6, dy: 0 } : s === "FA" ? { m: 9, dy: 0 } : { m: 12, dy: -1 }
/** the season a month lies in, and the year the season is named by */
export const seasonOfMonth = (y: number, m: number): { y: number; s: Season } =>
  m >= 3 && m <= 5 ? { y, s: "SP" } : m >= 6 && m <= 8 ? { y, s: "SU" } : m >= 9 && m <= 11 ? { y, s: "FA" } : { y: m === 12 ? y + 1 : y, s: "WI" }

const PRECISION_OF: ReadonlyArray<readonly [RegExp, DatePrecision]> = [
  [/^\d{4}-\d{2}-\d{2}$|^--\d{2}-\d{2}$/, "day"],
  [/^\d{4}-\d{2}$|^--\d{2}$/, "month"],
  [/^\d{4}$/, "year"],
  [/^\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI)$/, "part_of_day"],
  [/^\d{4}-Q[1-4]$/, "quarter"],
  [/^\d{4}-H[12]$/, "half"],
  [/^\d{4}-(?:SP|SU|FA|WI)$/, "season"],
  [/^\d{4}-W\d{2}(?:-WE)?$/, "week"],
  [/^\d{3}X$/, "decade"],
  [/^\d{2}$/, "century"],
  [/^(?:PRESENT|PAST|FUTURE)_REF$/, "vague"]
]
/** The precision of a value, read from its form; null for a form the stage does not write. */
export const precisionOf = (value: string): DatePrecision | null => {
  // the common forms by their length first
  const n = value.length
  if (n === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && value.charCodeAt(0) !== 45) return "day"
  if (n === 4 && value.charCodeAt(0) >= 48 && value.charCodeAt(0) <= 57 && /^\d{4}$/.test(value)) return "year"
  if (n === 7 && /^\d{4}-\d{2}$/.test(value)) return "month"
  for (const [re, p] of PRECISION_OF) if (re.test(value)) return p
  return null
}
export const precisionOrNull = (v: string | null): DatePrecision | null => (v === null ? null : precisionOf(v))

/**
 * The first and last calendar day a value covers (`1998-Q3` -> 1998-07-01 .. 1998-09-30, `199X` -> 1990-01-01 ..
 * 1999-12-31, a part of the day -> that day); null for a value without a known year (--12-26, PRESENT_REF).
 */
export const intervalOf = (value: string | null): { readonly earliest: string; readonly latest: string } | null => (value === null ? null : computeInterval(value))
const computeInterval = (value: string): { earliest: string; latest: string } | null => {
  const span = (a: Ymd, b: Ymd) => ({ earliest: isoDay(a.y, a.m, a.d), latest: isoDay(b.y, b.m, b.d) })
  const months = (y: number, m1: number, y2: number, m2: number) => span({ y, m: m1, d: 1 }, { y: y2, m: m2, d: daysIn(y2, m2) })
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:T[A-Z]{2})?$/.exec(value))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    return validDay(y, mo, d) ? span({ y, m: mo, d }, { y, m: mo, d }) : null
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const [y, mo] = [Number(m[1]), Number(m[2])]
    return mo >= 1 && mo <= 12 ? months(y, mo, y, mo) : null
  }
  if ((m = /^(\d{4})$/.exec(value))) return months(Number(m[1]), 1, Number(m[1]), 12)
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return months(Number(m[1]), Number(m[2]) * 3 - 2, Number(m[1]), Number(m[2]) * 3)
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return months(Number(m[1]), Number(m[2]) * 6 - 5, Number(m[1]), Number(m[2]) * 6)
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) {
    const y = Number(m[1])
    const { m: first, dy } = seasonStart(m[2] as Season)
    const lastMonth = first + 2 > 12 ? first + 2 - 12 : first + 2
    return months(y + dy, first, y, lastMonth)
  }
  if ((m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value))) {
    const monday = isoWeekMonday(Number(m[1]), Number(m[2]))
    const first = m[3] ? addDays(monday.y, monday.m, monday.d, 5) : monday
    return span(first, addDays(monday.y, monday.m, monday.d, 6))
  }
  if ((m = /^(\d{3})X$/.exec(value))) return months(Number(m[1]) * 10, 1, Number(m[1]) * 10 + 9, 12)
  if ((m = /^(\d{2})$/.exec(value))) return months(Number(m[1]) * 100, 1, Number(m[1]) * 100 + 99, 12)
  return null
}

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
export const refIso = (r: Ref) => (r.d !== null && r.m !== null ? isoDay(r.y, r.m, r.d) : r.m !== null ? isoMonth(r.y, r.m) : pad(r.y, 4))
export const anchorName = (r: Ref) => `${r.source} ${refIso(r)}`

/** the n-th (1-based; -1 = last) weekday wd (0 = Sunday) of a month */
export const nthWeekday = (y: number, m: number, wd: number, n: number) => {
  if (n > 0) return { m, d: 1 + ((wd - weekdayOf(y, m, 1) + 7) % 7) + 7 * (n - 1) }
  const last = daysIn(y, m)
  return { m, d: last - ((weekdayOf(y, m, last) - wd + 7) % 7) }
}
