/**
 * The publication-date hint: the line that states when the page was published, for the dates stage to read (which
 * keeps a date the sidecar states first). Pure.
 *
 * - A date in the page's address (`/2019/11/18/`, `/20191118/`) is what the publisher's system wrote when it published
 *   the page: when the source gives one, it is the hint.
 * - A thread's start line or its first post's own date ("asked ...", "#1 · date"), never an edit, a comment or a join
 *   date.
 * - Otherwise every short line of the page that holds a full date (day, month and year) is a candidate, scored by what
 *   is around it: a "Published"/"Posted"/«Опубликовано» cue on it or alone on the line above (an "Updated" cue counts
 *   against it, so a publication date beats an update, which is only taken when no other date is shown), the headline
 *   or a byline beside it, its distance to the headline and to the start of the text, a date line of its own; dates in
 *   a run of dated lines (a list of other pages), after the text and in comment sections, copyright, join, event and
 *   review dates count against it or never count. When the address gives a year and a month, a candidate must agree.
 *   Below a minimum score the hint stays empty: no date rather than a guess.
 */
import type { CleanContext, PublishedHint } from "./context.js"
import { JOIN_LABEL_RE } from "./forum.js"
import { MONTH, readableDate, type Line } from "./lines.js"

const RU_MONTH = "(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
/** a date with day, month and year: "March 12, 2021", "12 Mar 2021", "2021-03-12", "12/03/2021", «12 марта 2021» */
const FULL_DATE_SOURCE =
  `(?:^|[^\\p{L}\\p{N}_-]|(?<=\\p{Ll})(?=\\p{Lu}))(?:${MONTH}\\s{0,3}\\d{1,2}(?:st|nd|rd|th)?[.,]?\\s{1,3}(?:19|20)\\d\\d` +
    `|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s{1,3}(?:of\\s{1,3})?${MONTH},?\\s{1,3}(?:19|20)\\d\\d` +
    `|\\d{1,2}\\s{1,3}${RU_MONTH}\\s{1,3}(?:19|20)\\d\\d` +
  "|(?:19|20)\\d\\d-\\d\\d-\\d\\d|\\d{1,2}[./]\\d{1,2}[./](?:19|20)\\d\\d)(?![-_])"
const FULL_DATE_RE = new RegExp(FULL_DATE_SOURCE, "iu")
/** every form of a full date writes its year with "19" or "20": a line without either is not read with the long pattern */
const hasFullDate = (s: string): boolean => (s.includes("20") || s.includes("19")) && FULL_DATE_RE.test(s)
const FULL_DATES_RE = new RegExp(FULL_DATE_SOURCE, "giu")
const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
const RU_MONTHS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]

/** the months (1-12) a line's full dates may be in, with their years: a day/month order that is unclear gives both */
const monthsIn = (core: string): Array<{ year: string; month: number }> => {
  const out: Array<{ year: string; month: number }> = []
  for (const m of core.matchAll(FULL_DATES_RE)) {
    const t = m[0].toLowerCase()
    const year = /(?:19|20)\d\d/.exec(t)?.[0]
    if (!year) continue
    const iso = /((?:19|20)\d\d)-(\d\d)-\d\d/.exec(t)
    const numeric = /(\d{1,2})[./](\d{1,2})[./](?:19|20)\d\d/.exec(t)
    if (iso) out.push({ year, month: Number(iso[2]) })
    else if (numeric) out.push({ year, month: Number(numeric[1]) }, { year, month: Number(numeric[2]) })
    else {
      const en = EN_MONTHS.findIndex((mo) => new RegExp(`(?:^|[^a-z])${mo}`).test(t))
      const ru = RU_MONTHS.findIndex((mo) => t.includes(mo))
      if (en >= 0) out.push({ year, month: en + 1 })
      else if (ru >= 0) out.push({ year, month: ru + 1 })
    }
  }
  return out
}
/** how many lines above the headline (or the first kept line) and below the first kept line the head reaches */
const HEAD_BEFORE = 40
const HEAD_AFTER = 10
/** how many lines after the text a "Published ..." line may stand */
const TAIL_AFTER = 8
/** how far (in lines) a date of the address's month counts as near */
const ADDRESS_REACH = 10
/** below this score no candidate is convincing */
const MIN_SCORE = -3
const COMMENTS_HEADING_RE = /^(?:\d+\s+)?(?:comments?|replies|responses|discussion|reader comments|комментари[иейя]+)\b/iu
const UPDATED_RE = /\b(?:updated|modified|edited|revised|last (?:post|reply|activity)|обновлено|изменено)\b|обновл[её]н/iu
const PUBLISHED_RE = /\b(?:published|posted|written|created|released|date|dated)\b|опубликовано|дата публикации|размещено/iu
/** a line that opens with a publication cue: "Posted on <date>", "Published: <date>" */
const PUBLISHED_CUE_START_RE = /^(?:published|posted|date published|publish date|опубликовано|дата публикации)\b(?!\s+by\b)/iu
/** a byline with its date: "By Jane Doe • 20 Dec 2025" */
const BYLINE_START_RE = /^(?:[Bb]y|BY|[Ww]ritten by|WRITTEN BY|[Pp]osted by|POSTED BY)\s*:?\s+\p{Lu}/u
/** weaker: "on <date>", "by <name>, <date>" */
const ON_BY_RE = /\b(?:on|by)\b/iu
/** a cue alone on the line above the date ("Published" / "March 3, 2021") */
const LABEL_ONLY_RE = /^(?:published|posted|publish(?:ed)? date|date(?: published)?|created|опубликовано|дата публикации|дата)\s*:?$/iu
const UPDATED_LABEL_ONLY_RE = /^(?:(?:last\s+)?updated|modified|reviewed|обновлено)\s*(?:on)?\s*:?$/iu
/** words before a date that say it is not when the page was published */
const NOT_PAGE_DATE_RE =
  /\b(?:joined|member since|registered|since|expires?|expiry|deadline|event|starts?|ends?|valid|until|reviewed|fact[- ]checked|born|died|birthday|release date|replied|reply|wrote|said|last active|effective|founded|filter)\b|(?<!\d\s?|[|·•]\s?)\bcomments?\b|[<>=]/iu
/** a copyright line dates the site, wherever its date stands */
const COPYRIGHT_RE = /©|\bcopyright\b/iu
/** a date that a cue before it or right after it ("(pre-registered)") marks as no publication date */
const notPageDate = (core: string): boolean => {
  if (COPYRIGHT_RE.test(core)) return true
  const m = FULL_DATE_RE.exec(core)
  return NOT_PAGE_DATE_RE.test(m ? core.slice(0, m.index + m[0].length + 20) : core)
}
/** a line that opens with a publication cue: "Posted on <date> by X in Y", "This article was originally published on" */
const CUE_FIRST_RE = /^(?:(?:this (?:article|post|story) was )?(?:originally )?(?:published|posted)|опубликовано)\b/iu
const BYLINE_CUE_RE = /(?:^|\s)(?:by|written by|posted by|author|автор)\b/iu

/** a date the page's address states: a day, or only a year and a month */
interface AddressDate {
  readonly iso: string | null
  readonly year: string
  readonly month: number
}

/** "/2019/11/18/", "/2019/1/5/", "/2019-11-18-title" (a slug's date is written with two digits: "2024-4-4" is a version) */
const URL_DAY_RE = /\/((?:19|20)\d\d)(?:\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)|-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=[/_.-]|$))/u
/** "/20191118/" as a path segment of its own */
const URL_COMPACT_DAY_RE = /\/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\/|$)/u
const URL_MONTH_RE = /\/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])(?=\/)/u

const isRealDay = (y: number, m: number, d: number): boolean => {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** The date in a page's address path, if it states one. */
export const addressDate = (url: string | null): AddressDate | null => {
  if (!url) return null
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const slashed = URL_DAY_RE.exec(path)
  const compact = slashed ? null : URL_COMPACT_DAY_RE.exec(path)
  const day = slashed ? [slashed[0], slashed[1], slashed[2] ?? slashed[4], slashed[3] ?? slashed[5]] : compact
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])]
    if (isRealDay(y, m, d)) return { iso: `${day[1]}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`, year: day[1]!, month: m }
  }
  const month = URL_MONTH_RE.exec(path)
  return month ? { iso: null, year: month[1]!, month: Number(month[2]) } : null
}

/** the kept lines' span, and where comment sections or related lists start after the text */
const textSpan = (ctx: CleanContext): { lastKept: number; endZone: number } => {
  const { lines, decisions, firstKept } = ctx
  const n = lines.length
  let lastKept = -1
  for (let i = n - 1; i >= 0; i--)
    if (decisions[i]!.keep) {
      lastKept = i
      break
    }
  let endZone = n
  for (let i = Math.max(0, firstKept) + 1; i < n; i++)
    if (lines[i]!.rule?.action === "end_content" || (lines[i]!.words <= 4 && COMMENTS_HEADING_RE.test(lines[i]!.core))) {
      endZone = i
      break
    }
  return { lastKept, endZone }
}

/** The page's publication line among its dated lines, scored by what is around each (see the module's comment). */
const pageDateHint = (ctx: CleanContext, bylineHint: PublishedHint | null, address: AddressDate | null): PublishedHint | null => {
  const { lines, decisions, titleIdx, firstKept } = ctx
  const n = lines.length
  if (n === 0) return null
  const { lastKept, endZone } = textSpan(ctx)
  const anchor = titleIdx >= 0 ? titleIdx : firstKept >= 0 ? firstKept : 0
  const headFrom = Math.max(0, Math.min(anchor, firstKept < 0 ? anchor : firstKept) - HEAD_BEFORE)
  // the head reaches down to the byline's neighbours too
  const headTo = Math.min(n - 1, endZone - 1, Math.max(anchor + HEAD_AFTER, firstKept + HEAD_AFTER, ctx.bylineIdx + 3))
  const tailTo = Math.min(n - 1, endZone - 1, (lastKept < 0 ? headTo : lastKept) + TAIL_AFTER)
  // the address's year and month: a dated line of that month anywhere above the end zone is a candidate
  const inAddressMonth = (core: string): boolean => address !== null && monthsIn(core).some((d) => d.year === address.year && d.month === address.month)
  // a full date has a year: a line without a word that starts with a digit has none
  const dated: Array<boolean> = lines.map((l) => l.digits > 0 && l.words <= 30 && hasFullDate(l.core))
  let best: { i: number; score: number } | null = null
  // outside the head and the tail, only a date of the address's month or one with a publication cue counts: the
  // headline or the start of the text may have been misplaced
  for (let i = 0; i < endZone; i++) {
    const l = lines[i]!
    const outside = i < headFrom || i > tailTo
    if (outside && !(dated[i] && ((address !== null && inAddressMonth(l.core)) || (address === null && (PUBLISHED_CUE_START_RE.test(l.core) || BYLINE_START_RE.test(l.core)))))) continue
    const isByline = bylineHint !== null && bylineHint.text === l.core
    if (!dated[i] || (l.words > 22 && !isByline && !(l.words <= 30 && CUE_FIRST_RE.test(l.core)))) continue
    // kept lines are body text; only a short labelled or date-only line, a line opening with a publication cue or
    // the byline among them is a page date
    if (decisions[i]!.keep && !l.dateLine && !isByline && !CUE_FIRST_RE.test(l.core) && !(l.words <= 12 && (PUBLISHED_RE.test(l.core) || ON_BY_RE.test(l.core)))) continue
    if (notPageDate(l.core)) continue
    const prev = i > 0 ? lines[i - 1]! : null
    if (prev && JOIN_LABEL_RE.test(prev.core) && prev.words <= 3) continue
    if (l.rule && (l.rule.family === "comments" || l.rule.family === "forum_profile")) continue
    const inHead = (i >= headFrom && i <= headTo) || (address !== null && outside)
    const labelAbove = prev !== null && LABEL_ONLY_RE.test(prev.core)
    const updatedAbove = prev !== null && UPDATED_LABEL_ONLY_RE.test(prev.core)
    // "Published <date> · Updated <date>": the publication cue must come before the update cue
    const updateAt = l.core.search(UPDATED_RE)
    const published = labelAbove || PUBLISHED_RE.test(updateAt < 0 ? l.core : l.core.slice(0, updateAt))
    const updated = updateAt >= 0 || updatedAbove
    const onBy = ON_BY_RE.test(l.core)
    // after the text only a labelled line says when the page was published
    if (!inHead && !published && !updated) continue
    const agrees = address !== null && inAddressMonth(l.core)
    if (address && !agrees) continue
    // the nearest of the headline, the start of the text and the byline
    const distance = Math.min(Math.abs(i - anchor), firstKept >= 0 ? Math.abs(i - firstKept) : Infinity, ctx.bylineIdx >= 0 ? Math.abs(i - ctx.bylineIdx) : Infinity)
    // a date of the address's month may stand anywhere: it is evidence enough
    let score = outside && address === null ? (BYLINE_START_RE.test(l.core) ? -1 : -2) - 1 : inHead ? -Math.min(distance, agrees ? ADDRESS_REACH : Infinity) * 0.1 : -2 - (i - Math.max(lastKept, 0)) * 0.1
    if (agrees) score += 2
    if (published) score += 2
    else if (onBy) score += 1
    if (labelAbove) score += 1
    if (l.dateLine) score += 1
    if (updated && !published) score -= 2
    if (isByline) score += 1
    // beside the headline or a byline
    for (let k = Math.max(0, i - 3); k <= Math.min(n - 1, i + 3); k++) {
      if (k === i) continue
      if (k === titleIdx) score += 0.5
      if (k === ctx.bylineIdx) score += 1
      else if (lines[k]!.rule?.action === "byline" || (lines[k]!.words <= 6 && BYLINE_CUE_RE.test(lines[k]!.core))) score += 0.5
    }
    // one of several dated lines close together: a list of other pages with their dates (the headline parts the page's
    // own date from a list above it)
    let crowd = 0
    for (let k = Math.max(0, i - 6); k <= Math.min(n - 1, i + 6); k++)
      if (k !== i && dated[k] && !(titleIdx >= 0 && Math.min(i, k) < titleIdx && titleIdx < Math.max(i, k))) crowd++
    if (crowd >= 2) score -= 1.5
    if (!best || score > best.score) best = { i, score }
  }
  const b = best as { i: number; score: number } | null
  if (!b || b.score < MIN_SCORE) return null
  return bylineHint !== null && bylineHint.text === lines[b.i]!.core ? bylineHint : { text: readableDate(lines[b.i]!.core), source: "page_date" }
}

/** a thread's first post's own date ("asked ...", "#1 · date", a date under the starter's name) */
const threadStartHint = (ctx: CleanContext): PublishedHint | null => {
  const { lines: present, decisions } = ctx
  for (let i = 0; i < present.length; i++) {
    const l = present[i]!
    if (l.words > 14 || !(l.rule?.action === "post_date" || (l.dateLine && !decisions[i]!.keep))) continue
    if (!hasFullDate(l.core) || UPDATED_RE.test(l.core) || notPageDate(l.core) || /^(?:answered|commented)\b/i.test(l.core)) continue
    const prev = i > 0 ? present[i - 1]! : null
    if (prev && JOIN_LABEL_RE.test(prev.core) && prev.words <= 3) continue
    return { text: readableDate(l.core), source: "thread_start" }
  }
  return null
}

/**
 * The published hint: the address's date; for a thread, its byline or its first post's date (a start line found
 * later, when the posts are split, wins); for a page, the best dated line.
 */
export const findPublishedHint = (ctx: CleanContext): void => {
  const address = addressDate(ctx.url)
  if (address?.iso) {
    ctx.publishedHint = { text: address.iso, source: "url" }
    return
  }
  const bylineHint = ctx.publishedHint
  if (ctx.forum) {
    ctx.publishedHint ??= threadStartHint(ctx)
    return
  }
  ctx.publishedHint = pageDateHint(ctx, bylineHint, address)
}
