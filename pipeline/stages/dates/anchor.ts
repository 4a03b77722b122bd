/**
 * Anchoring: every candidate resolved against the reference date (the publication date, else the caller's) by the
 * reading of its sentence (tenseOf below, from the verb groups tense.ts finds), recording what was inferred and from
 * what.
 *
 * For a weekday, a yearless day or month, a season or a holiday:
 *   past      the most recent one on or before the reference ("met on Friday", "was signed on Oct. 3");
 *   future    the next one on or after it ("will meet on Friday", "is due in March", "payable Dec. 7");
 *   present   the nearer of the two within a season ahead: a schedule, a deadline or a limit ("reconvenes Jan. 24",
 *             "by Jan. 14", "the Nov. 1 deadline");
 *   unknown   a weekday: the most recent one, except the next day's, which is tomorrow (news writes six days back as
 *             "last Tuesday"); any other: the most recent one.
 * Relative words ("yesterday", "last week", "two years ago") count from the reference date, also in reported speech
 * (a quotation's "tomorrow" is the day after the document's date); "that day", "the same year" take the date written
 * before them; "a year earlier", "the quarter" the quarter the text reports on.
 */
import type { DateResolution } from "../../model.js"
import { type PartOfDay, addDays, anchorName, parseIso, centuryValue, daysIn, decadeValue, halfValue, intervalOf, isoDay, isoMonth, isoYear, partOfDayValue, precisionOrNull, quarterValue, type Ref, seasonOfMonth, seasonStart, seasonValue, utc, validDay, weekdayOf, weekValueOf } from "./calendar.js"
import { isHabitual, type MarkCache, type Tense, tenseCues } from "./tense.js"
import type { BodyCand, CalendarUnit, Dateline, DateMention, DocContext, Kind, Published } from "./types.js"

export interface Resolved {
  readonly value: string | null
  readonly resolution: DateResolution
  readonly anchor: string | null
}

/** What the resolution of one candidate may read besides the reference: its tense and the document so far. */
export interface Context {
  readonly tense: Tense
  /** the value of the last date written before, for "that year" */
  readonly previous: string | null
  /** the last quarter (or half) the text has talked about, for "a year earlier" and "the year-ago quarter" */
  readonly period: string | null
  /** report PRESENT_REF, PAST_REF and FUTURE_REF (config `vague`) */
  readonly vague: boolean
  /** the document's grammar language ("en", "ru", ...) */
  readonly lang?: string
}

/**
 * How far ahead a yearless day or month without tense cue may lie: news names days and months up to about a season
 * ahead (a deadline, a payment date, a summit) and those of the past year without a year; further ahead the past one is
 * meant more often. (Measured on the TempEval-3 dev set the choice is flat between three and five months.)
 */
const FORWARD_DAYS = 120
const FORWARD_MONTHS = 4
const DAY_MS = 86_400_000

/** "three days later": counted from the date just named, with no value when there is none */
const countsFromFocus = (kind: Kind) => (kind.k === "days" || kind.k === "unit" || kind.k === "yearAgo") && kind.anaphoric?.fallback === "none"
/** the date the text has just named (TimeML's temporal focus), as a reference to count from */
const focusOf = (cx: Context): Ref | null => (cx.previous ? parseIso(cx.previous, "earlier date") : null)
const fromFocus = (cx: Context, value: string): Resolved => ({ value, resolution: "relative", anchor: `earlier date ${cx.previous}` })
const withPartOfDay = (day: string, pod: PartOfDay | undefined) => (pod ? partOfDayValue(day, pod) : day)
const refDay = (ref: Ref) => ({ y: ref.y, m: ref.m!, d: ref.d ?? daysIn(ref.y, ref.m!) })
const dayValue = (t: { y: number; m: number; d: number }) => isoDay(t.y, t.m, t.d)
/** the quarter a month is in: 1-4 */
const quarterOf = (m: number) => Math.floor((m - 1) / 3) + 1
/** a quarter or half of a year, shifted by n quarters (halves) */
const shiftPeriod = (y: number, i: number, n: number, per: number) => {
  const k = y * per + (i - 1) + n
  return { y: Math.floor(k / per), i: (((k % per) + per) % per) + 1 }
}

const none = (resolution: DateResolution): Resolved => ({ value: null, resolution, anchor: null })
const relative = (ref: Ref | null, value: string | null): Resolved => (value === null ? none("relative") : { value, resolution: "relative", anchor: ref ? anchorName(ref) : null })
const inferred = (ref: Ref | null, value: string): Resolved => ({ value, resolution: "year_inferred", anchor: anchorName(ref!) })

export const resolve = (kind: Kind, ref: Ref | null, cx: Context): Resolved => {
  const { tense } = cx
  switch (kind.k) {
    case "event":
      return { value: kind.value, resolution: "explicit", anchor: `event ${kind.name}` }
    case "vague":
      return kind.ref && cx.vague ? { value: kind.ref, resolution: "relative", anchor: null } : none("relative")
    case "anaphor": {
      // the period of the date written just before, at the precision the words name
      const previous = cx.previous
      const need = kind.unit === "year" ? 4 : kind.unit === "month" ? 7 : 10
      if (!previous || !/^\d{4}/.test(previous) || previous.length < need || (need > 4 && !/^\d{4}-\d{2}/.test(previous))) return none("relative")
      return { value: previous.slice(0, need), resolution: "relative", anchor: `earlier date ${previous}` }
    }
    case "full": {
      const v = kind.m === null ? isoYear(kind.y) : kind.d === null ? isoMonth(kind.y, kind.m) : isoDay(kind.y, kind.m, kind.d)
      return { value: kind.pod && kind.d !== null ? partOfDayValue(v, kind.pod) : v, resolution: "explicit", anchor: null }
    }
    case "decade": {
      // "the nineties" names a decade of the century of the reference, or the one before when it would lie ahead
      let first = kind.first
      if (!kind.century && ref) {
        first = Math.floor(ref.y / 100) * 100 + (kind.first % 100)
        if (first > ref.y) first -= 100
      }
      return { value: decadeValue(first), resolution: kind.century || !ref ? "explicit" : "relative", anchor: kind.century || !ref ? null : anchorName(ref) }
    }
    case "century":
      return { value: centuryValue(kind.hundreds), resolution: "explicit", anchor: null }
    case "yearless": {
      const partial = `--${String(kind.m).padStart(2, "0")}-${String(kind.d).padStart(2, "0")}`
      if (!ref || ref.m === null) return { value: partial, resolution: "explicit", anchor: null }
      const r = refDay(ref)
      if (kind.wd !== undefined) {
        // a written weekday fixes the year: the nearest year around the reference where the day falls on it
        const t0 = utc(r.y, r.m, r.d).getTime()
        const fits = [ref.y - 1, ref.y, ref.y + 1].filter((yy) => validDay(yy, kind.m, kind.d) && weekdayOf(yy, kind.m, kind.d) === kind.wd)
        if (fits.length > 0) {
          const yy = fits.reduce((a, b) => (Math.abs(utc(b, kind.m, kind.d).getTime() - t0) < Math.abs(utc(a, kind.m, kind.d).getTime() - t0) ? b : a))
          return inferred(ref, withPartOfDay(isoDay(yy, kind.m, kind.d), kind.pod))
        }
      }
      const y = yearOfDay(kind.m, kind.d, r, tense)
      return validDay(y, kind.m, kind.d) ? inferred(ref, withPartOfDay(isoDay(y, kind.m, kind.d), kind.pod)) : { value: partial, resolution: "explicit", anchor: null }
    }
    case "month": {
      if (!ref || ref.m === null) return kind.rel ? none("relative") : { value: `--${String(kind.m).padStart(2, "0")}`, resolution: "explicit", anchor: null }
      let y = ref.y
      if (kind.rel === "last") y = kind.m < ref.m - 1 ? ref.y : ref.y - 1 // "last February" said in March is a year back
      else if (kind.rel === "next") y = kind.m > ref.m ? ref.y : ref.y + 1
      else if (kind.rel === "this") y = ref.y
      else if (tense === "future") y = kind.m >= ref.m ? ref.y : ref.y + 1
      else if (tense !== "present") y = kind.m <= ref.m ? ref.y : ref.y - 1
      // a present verb (a schedule: "the fair opens in March"): the next such month when it starts at most
      // FORWARD_MONTHS ahead, else the most recent one
      else {
        const ahead = kind.m > ref.m ? kind.m - ref.m : kind.m + 12 - ref.m
        y = kind.m <= ref.m ? (ahead <= FORWARD_MONTHS && kind.m !== ref.m ? ref.y + 1 : ref.y) : ahead <= FORWARD_MONTHS ? ref.y : ref.y - 1
      }
      const v = isoMonth(y, kind.m)
      return kind.rel ? relative(ref, v) : inferred(ref, v)
    }
    case "weekday": {
      const focus = kind.fromFocus ? focusOf(cx) : null
      if (focus && focus.m !== null && focus.d !== null) {
        // the nearest such weekday strictly before (after) the day just named
        const fwd = weekdayOf(focus.y, focus.m, focus.d)
        const delta = kind.fromFocus === "before" ? -((fwd - kind.wd + 7) % 7 || 7) : (kind.wd - fwd + 7) % 7 || 7
        const t = addDays(focus.y, focus.m, focus.d, delta)
        return fromFocus(cx, kind.pod ? partOfDayValue(dayValue(t), kind.pod) : dayValue(t))
      }
      if (!ref || ref.m === null || ref.d === null) return none("relative")
      const rwd = weekdayOf(ref.y, ref.m, ref.d)
      const back = (rwd - kind.wd + 7) % 7 // days back to the most recent such day on or before the reference
      const ahead = (kind.wd - rwd + 7) % 7 // days ahead to the next such day on or after it
      let delta: number
      if (kind.rel === "last") delta = -(back === 0 ? 7 : back)
      else if (kind.rel === "next") delta = ahead || 7
      else if (kind.rel === "this") delta = ahead // the coming one in this week
      else if (tense === "future") delta = ahead
      else if (tense === "past") delta = -back
      // with no tense of its own, the weekday of the next day is tomorrow: news writes six days back as "last Tuesday"
      // ("talks resume Tuesday", said on Monday)
      else if (back === 6) delta = 1
      else delta = -back
      const t = addDays(ref.y, ref.m, ref.d, delta)
      return relative(ref, kind.pod ? partOfDayValue(dayValue(t), kind.pod) : dayValue(t))
    }
    case "days": {
      if (kind.anaphoric) {
        const from = focusOf(cx)
        if (from && from.m !== null && from.d !== null) return fromFocus(cx, dayValue(addDays(from.y, from.m, from.d, kind.n)))
        if (kind.anaphoric.fallback === "none") return none("relative")
      }
      if (!ref || ref.m === null || ref.d === null) return none("relative")
      const t = addDays(ref.y, ref.m, ref.d, kind.n)
      return relative(ref, kind.pod ? partOfDayValue(dayValue(t), kind.pod) : dayValue(t))
    }
    case "unit": {
      if (kind.anaphoric) {
        const from = focusOf(cx)
        const v = from ? unitValue(kind.unit, kind.n, from) : null
        if (v) return fromFocus(cx, v)
        if (kind.anaphoric.fallback === "none") return none("relative")
      }
      return relative(ref, ref ? unitValue(kind.unit, kind.n, ref) : null)
    }
    case "yearsBefore": {
      // the anniversary day lies next to the reference whatever the tense of the event it recalls ("A year ago
      // Tuesday, the dam broke", written on a Monday: tomorrow, a year back)
      const r = resolve(kind.day, ref, { ...cx, tense: "unknown" })
      const m = r.value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.value) : null
      if (!m) return r
      const y = Number(m[1]) - kind.years
      const mo = Number(m[2])
      const d = Math.min(Number(m[3]), daysIn(y, mo))
      return { ...r, value: isoDay(y, mo, d) }
    }
    case "weekOf": {
      // the week of the day, once the day is resolved
      const r = resolve(kind.day, ref, cx)
      const m = r.value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.value) : null
      return m ? { ...r, value: weekValueOf({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }) } : r
    }
    case "weekend": {
      if (!ref || ref.m === null || ref.d === null) return none("relative")
      // a Saturday or Sunday reference is in its weekend; otherwise the past one is last week's, the next this week's
      const inWeekend = weekdayOf(ref.y, ref.m, ref.d) % 6 === 0
      // "this weekend" is the coming one unless the sentence is past; "the weekend" the last one unless it is future
      const ahead = tense === "future" || (kind.coming && tense !== "past")
      const t = addDays(ref.y, ref.m, ref.d, inWeekend || ahead ? 0 : -7)
      return relative(ref, weekValueOf(t, true))
    }
    case "monthOfYear":
      return relative(ref, ref ? isoMonth(ref.y + kind.n, kind.m) : null)
    case "latestQuarter": {
      // "the quarter", "the latest period": the quarter under discussion when the text has named one
      const discussed = kind.discussed && cx.period ? /^(\d{4})-Q(\d)$/.exec(cx.period) : null
      if (discussed) {
        const y = kind.year ?? Number(discussed[1]) + kind.yearBack
        return { value: quarterValue(y, Number(discussed[2])), resolution: kind.year ? "explicit" : "relative", anchor: `earlier date ${cx.period}` }
      }
      if (kind.year !== undefined) return { value: isoYear(kind.year), resolution: "explicit", anchor: null }
      if (!ref) return none("relative")
      if (ref.m === null) return relative(ref, isoYear(ref.y + kind.yearBack))
      // the latest reported quarter is the one before the reference's own; the year-ago one is a year before that
      const q = shiftPeriod(ref.y, quarterOf(ref.m), kind.back ? -1 : 0, 4)
      return relative(ref, quarterValue(q.y + kind.yearBack, q.i))
    }
    case "yearAgo": {
      // the period under discussion a year back: the year-ago quarter of a quarterly report, else the year before
      const p = cx.period ? /^(\d{4})-([QH])(\d)$/.exec(cx.period) : null
      if (p) return { value: `${isoYear(Number(p[1]) + kind.n)}-${p[2]}${p[3]}`, resolution: "relative", anchor: `earlier date ${cx.period}` }
      // "a year earlier" with no period under discussion: the year before the date just named
      const from = kind.anaphoric ? focusOf(cx) : null
      if (from) return fromFocus(cx, isoYear(from.y + kind.n))
      if (kind.anaphoric?.fallback === "none") return none("relative")
      return relative(ref, ref ? isoYear(ref.y + kind.n) : null)
    }
    case "holiday": {
      if (!ref || ref.m === null) return none("year_inferred")
      const r = refDay(ref)
      const t0 = utc(r.y, r.m, r.d).getTime()
      const at = (y: number) => {
        const h = kind.day(y)
        return { y, ...h, t: utc(y, h.m, h.d).getTime() }
      }
      const cands = [at(ref.y - 1), at(ref.y), at(ref.y + 1)]
      const pick =
        tense === "future"
          ? cands.find((c) => c.t >= t0)!
          : tense === "present"
            ? cands.reduce((a, b) => (Math.abs(b.t - t0) < Math.abs(a.t - t0) ? b : a))
            : [...cands].reverse().find((c) => c.t <= t0)!
      return inferred(ref, isoDay(pick.y, pick.m, pick.d))
    }
    case "quarter": {
      if (kind.y !== null) return { value: quarterValue(kind.y, kind.q), resolution: "explicit", anchor: null }
      if (!ref) return none("year_inferred")
      if (kind.shift !== 0) return relative(ref, quarterValue(ref.y + kind.shift, kind.q))
      // a quarter not yet begun at the reference is last year's ("the fourth quarter", said in March)
      return inferred(ref, quarterValue(ref.m !== null && (kind.q - 1) * 3 + 1 > ref.m ? ref.y - 1 : ref.y, kind.q))
    }
    case "half": {
      if (kind.y !== null) return { value: halfValue(kind.y, kind.h), resolution: "explicit", anchor: null }
      if (!ref) return none("year_inferred")
      if (kind.shift !== 0) return relative(ref, halfValue(ref.y + kind.shift, kind.h))
      return inferred(ref, halfValue(ref.m !== null && (kind.h - 1) * 6 + 1 > ref.m && tense !== "future" ? ref.y - 1 : ref.y, kind.h))
    }
    case "season": {
      if (kind.y !== null) return { value: seasonValue(kind.y, kind.season), resolution: "explicit", anchor: null }
      if (!ref) return none("relative")
      // the season the reference lies in; the latest such season begun on or before it; this year's
      const now = ref.m === null ? null : seasonOfMonth(ref.y, ref.m)
      const current = now !== null && now.s === kind.season
      const start = seasonStart(kind.season)
      const winter = kind.season === "WI"
      const latestBegun = ref.m === null ? ref.y : winter ? (ref.m === 12 ? ref.y + 1 : ref.y) : ref.m >= start.m ? ref.y : ref.y - 1
      const thisOne = ref.m === null || !winter ? ref.y : ref.m <= 2 ? ref.y : ref.y + 1
      let y: number
      if (kind.rel === "last") y = current ? latestBegun - 1 : latestBegun
      else if (kind.rel === "next") y = latestBegun + 1
      else if (kind.rel === "this") y = thisOne
      else if (tense === "future") y = current ? latestBegun : latestBegun + 1
      // a season with no future cue ("prices rise in winter") is the latest one begun
      else y = latestBegun
      const v = seasonValue(y, kind.season)
      return kind.rel ? relative(ref, v) : inferred(ref, v)
    }
  }
}

/** The year of a yearless day by tense: backward in the past, forward in the future, else the nearer within a season ahead. */
const yearOfDay = (m: number, d: number, r: { y: number; m: number; d: number }, tense: Tense): number => {
  const key = (mm: number, dd: number) => mm * 100 + dd
  const onOrBefore = key(m, d) <= key(r.m, r.d) ? r.y : r.y - 1
  if (tense === "past") return onOrBefore
  const onOrAfter = key(m, d) >= key(r.m, r.d) ? r.y : r.y + 1
  if (tense === "future") {
    // a future-tense sentence may still recall a day just gone: only a day over a month back moves a year on
    const back = (utc(r.y, r.m, r.d).getTime() - utc(r.y, m, Math.min(d, daysIn(r.y, m))).getTime()) / DAY_MS
    return back > 0 && back <= 31 ? r.y : onOrAfter
  }
  if (tense !== "present") return onOrBefore
  // a present verb (a schedule: "the museum reopens April 8"): the next such day when it is at most FORWARD_DAYS
  // ahead, else the most recent on or before
  const ahead = validDay(onOrAfter, m, d) ? (utc(onOrAfter, m, d).getTime() - utc(r.y, r.m, r.d).getTime()) / DAY_MS : Infinity
  return ahead <= FORWARD_DAYS ? onOrAfter : onOrBefore
}

/** A calendar unit n steps from the reference's own ("last week": week, -1). */
const unitValue = (unit: CalendarUnit, n: number, ref: Ref): string | null => {
  switch (unit) {
    case "year":
      return isoYear(ref.y + n)
    case "decade":
      return decadeValue(Math.floor(ref.y / 10) * 10 + 10 * n)
    case "century":
      return centuryValue(Math.floor(ref.y / 100) + n)
  }
  if (ref.m === null) return null
  switch (unit) {
    case "month": {
      const mm = ref.m - 1 + n
      return isoMonth(ref.y + Math.floor(mm / 12), (((mm % 12) + 12) % 12) + 1)
    }
    case "quarter": {
      const q = shiftPeriod(ref.y, quarterOf(ref.m), n, 4)
      return quarterValue(q.y, q.i)
    }
    case "half": {
      const h = shiftPeriod(ref.y, ref.m <= 6 ? 1 : 2, n, 2)
      return halfValue(h.y, h.i)
    }
  }
  if (ref.d === null) return null
  const t = addDays(ref.y, ref.m, ref.d, 7 * n)
  return weekValueOf(t, unit === "weekend")
}

/** Step 4: every candidate of the body resolved against the reference date, with its tense and the dates written before it. */
export const resolveCandidates = (
  doc: DocContext,
  cands: ReadonlyArray<BodyCand>,
  at: { readonly dateline: Dateline | null; readonly published: Published | null; readonly ref: Ref | null }
): { mentions: Array<DateMention>; datelineValue: string | null } => {
  const { dateline, published, ref } = at
  const vague = doc.config.vague === true
  const mentions: Array<DateMention> = []
  let datelineValue: string | null = null
  let previous: string | null = null
  let period: string | null = null
  for (const c of cands) {
    if (published && published.source === "page_date" && c.s < published.e && published.s < c.e) continue // the page date line itself
    const isDateline = dateline !== null && c.s === dateline.s
    const p = doc.paras[c.para]!
    const tense: Tense = isDateline ? "past" : needsTense(c.kind) ? tenseOf(c.kind, p.text, c.s - p.s, c.e - p.s, doc.memo.marks) : "unknown"
    // a month or a day named in a habitual sentence recurs every year: no year ("the river usually floods in March")
    const recurring = ((c.kind.k === "month" && c.kind.rel === null) || (c.kind.k === "yearless" && c.kind.wd === undefined)) && isHabitual(p.text, c.s - p.s, c.e - p.s)
    const r: Resolved = recurring ? yearlessOf(c.kind) : resolve(c.kind, ref, { tense, previous, period, vague, lang: doc.lang })
    // "that day" with no day written before it, "three days later": no calendar value, reported only with `vague`
    if (r.value === null && !vague && (c.kind.k === "anaphor" || c.kind.k === "vague" || countsFromFocus(c.kind))) continue
    if (r.value !== null && c.kind.k !== "anaphor" && /^\d{4}/.test(r.value)) previous = r.value
    if (r.value !== null && namesPeriod(c.kind) && (period === null || reportable(doc, r.value, ref) || CLOSED_ON.test(doc.body.slice(c.e, c.e + 24)))) period = r.value
    if (isDateline) datelineValue = r.value
    const interval = r.value === null ? null : memoInterval(doc, r.value)
    mentions.push({
      text: doc.body.slice(c.s, c.e),
      start: doc.cp(c.s),
      end: doc.cp(c.e),
      value: r.value,
      precision: precisionOrNull(r.value),
      earliest: interval?.earliest ?? null,
      latest: interval?.latest ?? null,
      modifier: c.modifier,
      role: isDateline ? "dateline" : "mentioned",
      resolution: r.resolution,
      anchor: r.anchor
    })
  }
  return { mentions, datelineValue }
}

const INTERVAL_CACHE_MAX = 10_000
/** the days of a value, kept per configuration: a document names its year, its days, PRESENT_REF many times */
const memoInterval = (doc: DocContext, value: string) => {
  const cache = doc.memo.intervals
  let hit = cache.get(value)
  if (hit === undefined) {
    hit = intervalOf(value)
    if (cache.size >= INTERVAL_CACHE_MAX) cache.clear()
    cache.set(value, hit)
  }
  return hit
}

/** a quarter or half the text is reporting on ("the third quarter", "the latest quarter"), not a year-ago one */
const namesPeriod = (kind: Kind) =>
  ((kind.k === "quarter" || kind.k === "half") && kind.shift === 0) || (kind.k === "latestQuarter" && kind.yearBack === 0 && kind.year === undefined)

/**
 * Whether a quarter or half can be the period a text reports on: one that has ended by the reference date (results are
 * reported for a closed period). A quarter still running or ahead ("expects a weak fourth quarter") is named in passing,
 * so "the year-ago period" and "a year ago" keep counting from the closed one. Without a day of reference, any. A
 * quarter followed by the day it closed ("the fourth quarter ended June 30", a fiscal one) is closed whatever its label.
 */
const CLOSED_ON = /^\s*,?\s*(?:(?:which|that)\s+)?(?:ended|ending|closed)\b/i
const reportable = (doc: DocContext, value: string, ref: Ref | null): boolean => {
  if (!ref || ref.m === null || ref.d === null) return true
  const latest = memoInterval(doc, value)?.latest
  return latest === undefined || latest < isoDay(ref.y, ref.m, ref.d)
}

/** the value of a month or a day without its year ("--03", "--03-14") */
const yearlessOf = (kind: Kind): Resolved => {
  if (kind.k !== "month" && kind.k !== "yearless") return none("explicit")
  const mm = String(kind.m).padStart(2, "0")
  return { value: kind.k === "yearless" ? `--${mm}-${String(kind.d).padStart(2, "0")}` : `--${mm}`, resolution: "explicit", anchor: null }
}

const needsTense = (kind: Kind): boolean =>
  (kind.k === "weekOf" && needsTense(kind.day)) ||
  kind.k === "weekend" ||
  kind.k === "yearless" || kind.k === "weekday" || kind.k === "month" || kind.k === "holiday" || kind.k === "season" || kind.k === "half"

/**
 * The reading that decides the year of a date: "past" (the latest such date on or before the reference), "future" (the
 * next on or after it) or "present" (the nearer of the two within a season ahead: a schedule, a deadline).
 * - A weekday: the verb group of its clause ("said Friday", "Obama on Thursday dropped", "will meet on Friday").
 * - A yearless day, month, season or holiday: a completed event stated right before it ("the year ended March 31") is
 *   past; a date a payment, a rule or a deadline takes effect on ("payable Dec. 7", "effective June 1") lies ahead; a
 *   deadline or a limit ("by Jan. 14", "extended to Nov. 20", "until March"), or a date that qualifies a noun ("the Nov.
 *   1 deadline", "November transactions"), is the nearer one; otherwise the verb group right next to it ("was signed on
 *   Oct. 3"), else a future cue in the sentence, else the finite verb of its clause or sentence (an infinitive or a
 *   gerund heading its clause hides it). With no verb at all the date is the latest one: nothing is placed after the
 *   publication date unless something in the sentence points there.
 */
const tenseOf = (kind: Kind, p: string, s: number, e: number, marks: MarkCache): Tense => {
  const before = p.slice(Math.max(0, s - 24), s)
  if (TAKES_EFFECT_BEFORE.test(before)) return "future"
  const cues = tenseCues(p, s, e, marks)
  // a weekday: its clause's verb; under an infinitive ("planned to leave on Thursday") or a present, the nearest reading
  if (kind.k === "weekday" || kind.k === "weekend") return cues.infinitive || cues.clause === "present" ? "unknown" : cues.clause
  if (ENDED_BEFORE.test(before)) return "past"
  // a figure compared with that of a month or a day ("down from the March high", "compared with the May 3 close") is
  // one already measured
  if (COMPARED_BEFORE.test(before) && QUALIFIES_NOUN.test(p.slice(e, e + 16))) return "past"
  const limit = FORWARD_PREP_BEFORE.test(before) || QUALIFIES_NOUN.test(p.slice(e, e + 16)) || cues.infinitive
  if (cues.near === "future") return "future"
  if (cues.near === "past") return limit ? "present" : "past"
  if (cues.near === "present") return "present"
  // the finite verb of its clause, to the left, or after an opening phrase ("In January, the firm hired ...")
  const verb = cues.clauseLeft !== "unknown" ? cues.clauseLeft : cues.opening ? cues.governing : "unknown"
  if (verb === "future" || (verb === "unknown" && cues.futureCue)) return "future"
  if (verb === "past") return limit ? "present" : "past"
  const fallback = verb !== "unknown" ? verb : cues.governing
  if (fallback === "future") return "future"
  if (limit || fallback === "present") return "present"
  return "past"
}
/** a lower-case noun right after a date: the date qualifies it ("the Jan. 14 deadline", "November transactions") */
const QUALIFIES_NOUN = /^\s+(?!and\b|or\b|to\b|through\b|until\b|by\b|in\b|on\b|at\b|of\b|for\b|from\b|with\b|after\b|before\b|when\b|as\b|the\b|a\b|an\b|is\b|was\b|are\b|were\b|will\b|would\b|that\b|this\b|it\b|he\b|she\b|they\b|we\b|i\b|but\b)[a-z]{3,}/
const COMPARED_BEFORE = /\b(?:from|since|than|over|compared (?:with|to)|versus|vs\.?)\s+(?:the|its|their|a)\s+$/i
const ENDED_BEFORE = /\b(?:ended|began|started|died|founded|born|since)\s+(?:on\s+|in\s+)?(?:early\s+|late\s+|mid-?)?$/i
const TAKES_EFFECT_BEFORE = /\b(?:payable|effective|takes? effect|due|expires?|deadline(?:\s+(?:of|is))?|of record|redeemable|starting|beginning|as soon as)\s+(?:on\s+|in\s+|as\s+of\s+)?$/i
const FORWARD_PREP_BEFORE = /\b(?:to|until|till|through|by|for|from)\s+(?:early\s+|late\s+|mid-?)?$/i
