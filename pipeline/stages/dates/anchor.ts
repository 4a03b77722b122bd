/**
 * Anchoring: the tense of the sentence around a mention, and the value of every candidate resolved against the
 * reference date (the publication date, else the caller's), recording what was inferred and from what.
 */
import type { DateResolution } from "../../model.js"
import { addDays, anchorName, daysIn, isoDay, isoMonth, pad, precisionOrNull, type Ref, spanValue, utc, validDay, weekdayOf } from "./calendar.js"
import { clauseAround, sentenceAround } from "./text.js"
import type { BodyCand, Dateline, DateMention, DocContext, Kind, Published } from "./types.js"

/** tense cues in the sentence of a mention: future wins over past; with neither, yearless days take the nearest year */
const FUTURE_CUE =
  /\b(?:will|won't|wo n't|'ll|shall|going to|(?:is|are|was|were) (?:scheduled|expected|due|set|slated|planned|supposed|likely) to|scheduled for|planning to|upcoming|is to|are to|to be held|next|payable|(?:plans?|intends?|expects?|aims?) to)\b/i
const PAST_CUE = /\b(?:was|were|had|did|said|says|told|announced|reported|ago|last|earlier|yesterday|since|[a-z]{3,}ed)\b/i
type Tense = "future" | "past" | "unknown"

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

export const resolve = (kind: Kind, ref: Ref | null, tense: Tense, previous: string | null = null): Resolved => {
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

/** Step 2: every candidate of the body resolved against the reference date, with its tense and the date written before it. */
export const resolveCandidates = (
  doc: DocContext,
  cands: ReadonlyArray<BodyCand>,
  at: { readonly dateline: Dateline | null; readonly published: Published | null; readonly ref: Ref | null }
): { mentions: Array<DateMention>; datelineValue: string | null } => {
  const { dateline, published, ref } = at
  const mentions: Array<DateMention> = []
  let datelineValue: string | null = null
  let previous: string | null = null // the value of the last date written before, for "that year"
  for (const c of cands) {
    if (published && published.source === "page_date" && c.s < published.e && published.s < c.e) continue // the page date line itself
    // "that day" with no day written before it says no more than a vague reference: reported only with `vague`
    if (c.kind.k === "anaphor" && !doc.config.vague && resolve(c.kind, ref, "past", previous).value === null) continue
    const p = doc.paras[c.para]!
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
      text: doc.body.slice(c.s, c.e),
      start: doc.cp(c.s),
      end: doc.cp(c.e),
      value: r.value,
      precision: precisionOrNull(r.value),
      modifier: c.modifier,
      role: isDateline ? "dateline" : "mentioned",
      resolution: r.resolution,
      anchor: r.anchor
    })
  }
  return { mentions, datelineValue }
}
