/** Calendar helpers (proleptic Gregorian, UTC, never the clock): ISO values, days, weekdays, the reference date. */
import type { DatePrecision } from "../../model.js"

export const precisionOf = (iso: string): DatePrecision =>
  iso.startsWith("--") ? "day_of_year_unknown" : iso.length === 4 ? "year" : iso.length === 7 ? "month" : "day"

export interface Ref {
  readonly y: number
  readonly m: number | null
  readonly d: number | null
  /** what the anchor is called in the `anchor` column */
  readonly source: string
}

export const pad = (n: number, w = 2) => String(n).padStart(w, "0")
export const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`
export const isoMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))
const ymd = (t: Date) => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
export const addDays = (y: number, m: number, d: number, n: number) => ymd(new Date(utc(y, m, d).getTime() + n * 86_400_000))
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
export const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
export const weekdayOf = (y: number, m: number, d: number) => utc(y, m, d).getUTCDay() // 0 = Sunday

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

/** A span of consecutive days, reduced to the finest value of our model that contains all of it. */
export const spanValue = (a: { y: number; m: number; d: number }, b: { y: number; m: number; d: number }): string | null =>
  a.y === b.y && a.m === b.m && a.d === b.d ? isoDay(a.y, a.m, a.d) : a.y === b.y && a.m === b.m ? isoMonth(a.y, a.m) : a.y === b.y ? pad(a.y, 4) : null
/** the n-th (1-based; -1 = last) weekday wd (0 = Sunday) of a month */
export const nthWeekday = (y: number, m: number, wd: number, n: number) => {
  if (n > 0) return { m, d: 1 + ((wd - weekdayOf(y, m, 1) + 7) % 7) + 7 * (n - 1) }
  const last = daysIn(y, m)
  return { m, d: last - ((weekdayOf(y, m, last) - wd + 7) % 7) }
}

export const precisionOrNull = (v: string | null): DatePrecision | null => (v === null ? null : precisionOf(v))
