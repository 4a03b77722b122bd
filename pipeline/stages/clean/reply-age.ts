/**
 * A reply that shows only its age ("3 years ago", "2 hours ago", "yesterday") was posted that long before the page was
 * captured: with the capture time the source states (a sidecar's `retrieved_at`), the age gives a date, at the
 * precision the age states (years: the year, months: the month, weeks and days: the day). Hours, minutes and seconds
 * give the day only when the capture time says on which side of midnight they fall; otherwise the month or the year
 * both ends share. Without a capture time there is no date: never the build's clock. Pure.
 */

const AGE_RE =
  /\b(?:(\d{1,4}|an?|one)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|mo|years?|yrs?|y)\.?\s+ago|(yesterday)|(today|just now))\b/iu

type Unit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year"
const unitOf = (u: string): Unit => {
  const s = u.toLowerCase()
  if (s.startsWith("mo")) return "month"
  if (s.startsWith("s")) return "second"
  if (s.startsWith("m")) return "minute"
  if (s.startsWith("h")) return "hour"
  if (s.startsWith("d")) return "day"
  if (s.startsWith("w")) return "week"
  return "year"
}

/** the capture time: a calendar date, with its instant when a time of day is stated */
interface Capture {
  readonly y: number
  readonly m: number | null
  readonly d: number | null
  /** milliseconds since the epoch, when the time of day is stated */
  readonly at: number | null
}

const STATED_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/u

const readCapture = (s: string): Capture | null => {
  const m = STATED_RE.exec(s.trim())
  if (!m) return null
  const at = m[4] !== undefined ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${m[7] ?? "Z"}`) : null
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : null, d: m[3] ? Number(m[3]) : null, at: at !== null && Number.isFinite(at) ? at : null }
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0")
const dayOf = (t: number): string => {
  const x = new Date(t)
  return `${pad(x.getUTCFullYear(), 4)}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`
}
/** the finest of day, month and year that both instants share, or null */
const shared = (a: number, b: number): string | null => {
  const [da, db] = [dayOf(a), dayOf(b)]
  if (da === db) return da
  if (da.slice(0, 7) === db.slice(0, 7)) return da.slice(0, 7)
  if (da.slice(0, 4) === db.slice(0, 4)) return da.slice(0, 4)
  return null
}

const MS: Record<"second" | "minute" | "hour" | "day", number> = { second: 1e3, minute: 6e4, hour: 36e5, day: 864e5 }

/** The date a reply's age points to, counted back from the capture time (ISO 8601 at its precision), or null. */
export const dateFromAge = (posted: string | null, retrievedAt: string | null): string | null => {
  if (posted === null || retrievedAt === null) return null
  const age = AGE_RE.exec(posted)
  const cap = readCapture(retrievedAt)
  if (!age || !cap) return null
  const n = age[3] ? 1 : age[4] ? 0 : /^\d/u.test(age[1]!) ? Number(age[1]) : 1
  const unit: Unit = age[3] || age[4] ? "day" : unitOf(age[2]!)
  if (unit === "year") return pad(cap.y - n, 4)
  if (cap.m === null) return null
  if (unit === "month") {
    const k = cap.y * 12 + (cap.m - 1) - n
    return `${pad(Math.floor(k / 12), 4)}-${pad((k % 12) + 1)}`
  }
  if (cap.d === null) return null
  const midnight = Date.UTC(cap.y, cap.m - 1, cap.d)
  if (unit === "day" || unit === "week") return dayOf(midnight - n * (unit === "week" ? 7 : 1) * MS.day)
  const back = n * MS[unit]
  // without the time of day the capture may be any moment of its day
  return cap.at !== null ? dayOf(cap.at - back) : shared(midnight - back, midnight + MS.day - 1 - back)
}
