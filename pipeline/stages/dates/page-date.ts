/**
 * The document's own dates: its dateline, its publication date (stated metadata > the clean stage's hint > a dateline
 * with a year > a page date line above the main run of prose) and the posted dates of its comments.
 */
import { type Context, resolve } from "./anchor.js"
import { isoDay, parseIso, type Ref, refIso } from "./calendar.js"
import { windowCandidates } from "./grammar.js"
import { DAYNUM, MONTH, MONTH_INDEX, WEEKDAY, weekdayNo, YEAR } from "./lexicon.js"
import { isSpace, wordCount } from "./text.js"
import type { BodyCand, Dateline, DatesConfig, DocContext, Paragraph, Published } from "./types.js"

const DATELINE = new RegExp(
  `^\\s*((?:[A-Z][A-Za-z'’.\\-]+|[A-Z]{2,})(?:[ \\-](?:[A-Z][A-Za-z'’.\\-]+|[A-Z]{2,}|de|al|el)){0,3}(?:,\\s*(?:[A-Z][A-Za-z'’.]+)(?:\\s[A-Z][A-Za-z'’.]+){0,2})?)` +
    `\\s*(?:\\((?:AP|AFP|Reuters|UPI|CNN|IANS|PTI|dpa|Xinhua|TASS|Interfax|RIA Novosti|BBC)\\)\\s*)?,?\\s+` +
    `((?:${WEEKDAY},?\\s+)?(?:${MONTH}\\s+${DAYNUM}(?:,?\\s+${YEAR})?|${DAYNUM}\\s+${MONTH}(?:\\s+${YEAR})?))` +
    `\\s*(?:\\((?:AP|AFP|Reuters|UPI|IANS|PTI|dpa|Xinhua|TASS|Interfax|IPS)\\)\\s*)?(?:[.:]?\\s*/[A-Za-z\\- ]+/\\s*\\.?|[-–—_:]|\\.\\s|\\s*\\(|,\\s)`
)
const DATELINE_PLACE_ONLY = /^\s*([A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?\s*(?:\((?:AP|AFP|Reuters|UPI|IANS|PTI|dpa|Xinhua|TASS|Interfax)\)\s*)?[-–—_:]\s/

const PROSE_END = /[.!?]["”’)]?(?:\s|$)/
/** a sentence paragraph: at least 20 words and a sentence end */
function isProse(t: string): boolean {
  if (t.length < 37) return false
  // stop counting at 20 words
  let n = 1
  let inSpace = false
  for (let i = 0; i < t.length && n < 20; i++) {
    const sp = isSpace(t.charCodeAt(i))
    if (sp && !inSpace) n++
    inSpace = sp
  }
  return n >= 20 && PROSE_END.test(t)
}

interface PageDate {
  readonly s: number
  readonly e: number
  readonly text: string
  readonly y: number
  readonly m: number
  readonly d: number
  readonly updated: boolean
}

const CHROME_NEAR = /\b(?:joined|member since|registered|join date|reg(?:istration)? date|likes received|messages|posts|reputation|trophy points|location|copyright|©|expires?|expiry|valid until|deadline|birthday|born)\b/i

/**
 * Finds a page date line in a body that still holds its page furniture: a short line that is only a written day (with
 * a label, a byline, a reading time or a share link around it), standing just above the main run of prose (the
 * longest stretch of sentence paragraphs) or just after the title. Join dates and other chrome are skipped.
 */
const pageDateInBody = (
  paras: ReadonlyArray<Paragraph>,
  title: string | null,
  config: DatesConfig,
  /** paragraphs where pass 1 found a written day with its year (short paragraphs are read whole there) */
  withDay: ReadonlySet<number>,
  lang: string
): PageDate | null => {
  // no short line holds a written day: nothing to find, and no need to measure the prose
  let any = false
  for (const i of withDay) if (paras[i]!.text.length <= 110) any = true
  if (!any) return null
  // the main run of prose: consecutive prose paragraphs (gaps of up to two short lines allowed), most words wins
  const proseWords = new Int32Array(paras.length) // the word count of a prose paragraph, 0 for any other
  for (let i = 0; i < paras.length; i++) proseWords[i] = isProse(paras[i]!.text) ? wordCount(paras[i]!.text) : 0
  let best = { start: -1, words: 0 }
  let cur = { start: -1, words: 0, gap: 0 }
  paras.forEach((_, i) => {
    if (proseWords[i]) {
      if (cur.start < 0) cur = { start: i, words: 0, gap: 0 }
      cur.words += proseWords[i]!
      cur.gap = 0
      if (cur.words > best.words) best = { start: cur.start, words: cur.words }
    } else if (cur.start >= 0 && ++cur.gap > 2) cur = { start: -1, words: 0, gap: 0 }
  })
  const titleIdx = title ? paras.findIndex((p) => p.text.trim() === title.trim()) : -1
  const firstProse = proseWords.findIndex((w) => w > 0)
  const starts = [best.start, firstProse].filter((x) => x >= 0)
  const near = (i: number) => starts.some((st) => i >= st - 15 && i <= st + 2) || (titleIdx >= 0 && i > titleIdx && i <= titleIdx + 6)
  const found: Array<PageDate & { idx: number; dist: number }> = []
  for (let i = 0; i < paras.length; i++) {
    if (!near(i)) continue
    const p = paras[i]!
    const t = p.text
    if (t.length > 110 || !/\d/.test(t)) continue
    if (CHROME_NEAR.test(`${paras[i - 1]?.text ?? ""} ${t} ${paras[i + 1]?.text ?? ""}`)) continue
    if (/\b(?:repl(?:y|ies)|wrote|said|says|asked|answered|quote|comment\s*[•·|]|last (?:checked|reviewed|verified|accessed)|accessed|retrieved|effective|valid|event date|starts?|ends?|from|to|until|through)\b|\b\d{1,2}:\d\d\s*[-–]\s*\d/i.test(t) || DATE_RANGE.test(t)) continue
    if (proseWords[i] || /[a-z]{3,}\.\s+[A-Z]/.test(t)) continue
    const line = unglue(t)
    if (line !== t) continue // offsets would not hold after ungluing: leave glued lines to the clean stage's hint
    const days = windowCandidates(line, config, lang).filter(
      (c) => c.kind.k === "full" && c.kind.d !== null && c.kind.m !== null && !/[-_/\w]$/.test(line.slice(0, c.s)) && !/^[-_/]\w/.test(line.slice(c.e))
    )
    if (days.length === 0 || days.length > 2) continue
    // "Originally published in March 2022. Last updated on ...": the publication is stated, at a month's precision
    if (publishedCoarser(line, config, lang)) continue
    // what is around the date must be furniture, not a sentence: few words besides it
    const rest = days.reduce((acc, c) => acc.replace(line.slice(c.s, c.e), " "), line)
    if (wordCount(rest.trim()) > 9) continue
    const withLabel = days.map((c) => ({ c, updated: UPDATED_LABEL.test(line.slice(Math.max(0, c.s - 30), c.s)) }))
    const pick = withLabel.find((x) => !x.updated) ?? withLabel[0]!
    const k = pick.c.kind as { y: number; m: number; d: number }
    const dist = starts.length > 0 ? Math.min(...starts.map((st) => Math.abs(st - i))) : titleIdx >= 0 ? i - titleIdx : i
    found.push({ s: p.s + pick.c.s, e: p.s + pick.c.e, text: t, y: k.y, m: k.m, d: k.d, updated: pick.updated, idx: i, dist })
  }
  if (found.length === 0) return null
  // nearest the main text, a publication before an update
  found.sort((a, b) => Number(a.updated) - Number(b.updated) || a.dist - b.dist || a.idx - b.idx)
  return found[0]!
}

/** how a date line is read: the past, no earlier date, no vague words */
const PAST: Context = { tense: "past", previous: null, period: null, vague: false }

/** The date of a short text (a hint line or a comment's posted_text): written parts only, relative forms need a reference. */
const dateOfLine = (text: string, config: DatesConfig, ref: Ref | null, lang = "en"): { value: string; s: number; e: number; updated: boolean } | null => {
  const cands = windowCandidates(text, config, lang).filter((c) => c.kind.k !== "vague" && c.kind.k !== "event" && c.kind.k !== "month")
  const resolved = cands
    .map((c) => {
      const before = text.slice(Math.max(0, c.s - 30), c.s)
      return { c, r: resolve(c.kind, ref, PAST), updated: UPDATED_LABEL.test(before), published: PUBLISHED_LABEL.test(before) }
    })
    .filter((x) => x.r.value !== null)
  // the date a publication label names ("Originally published in March 2022. Last updated on ..."), at whatever
  // precision; else the most specific first; among equals a publication before an update, then the first written
  resolved.sort(
    (a, b) => Number(b.published) - Number(a.published) || b.r.value!.length - a.r.value!.length || Number(a.updated) - Number(b.updated) || a.c.s - b.c.s
  )
  const best = resolved[0]
  return best ? { value: best.r.value!, s: best.c.s, e: best.c.e, updated: best.updated } : null
}
const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/

/** the line's publication label names a date without a day ("Originally published in March 2022") */
const publishedCoarser = (line: string, config: DatesConfig, lang: string): boolean => {
  if (!/\b(?:published|posted)\b/i.test(line)) return false
  const d = dateOfLine(line, config, null, lang)
  return d !== null && !FULL_DAY.test(d.value)
}
/** screen captures glue a year to what follows it ("May 3, 2019April 8, 2020", "March 9, 20224:15 PM") */
const GLUED_YEAR = new RegExp(`((?:${MONTH})\\s+${DAYNUM},?\\s+|${DAYNUM}\\s+(?:${MONTH}),?\\s+)((?:1[6-9]|20)\\d\\d)(?=[A-Za-z]|\\d)`, "g")
const unglue = (text: string) => text.replace(GLUED_YEAR, "$1$2 ")
/** a label that names the publication itself, right before its date */
const PUBLISHED_LABEL = /\b(?:published|first published|originally published|posted|first posted)\b(?:\s+(?:on|in|at))?\s*:?\s*$/i
/** a line that holds a span of dates ("2024-05-06 - 2024-05-09", an event's days), not the day a page was published */
const DATE_RANGE = /\d\s*[-–]\s*\d{4}-\d\d/
const UPDATED_LABEL = /\b(?:updated|modified|edited|revised|last post|last reply|last activity)\b[^0-9]{0,20}$/i

/** The dateline: a place and a date opening one of the first paragraphs of the body (or a place alone). */
export const findDateline = (doc: DocContext, cands: ReadonlyArray<BodyCand>): { dateline: Dateline | null; placeOnly: string | null } => {
  const { paras } = doc
  let dateline: Dateline | null = null
  let placeOnly: string | null = null
  for (let i = 0; i < Math.min(paras.length, 6) && !dateline; i++) {
    const p = paras[i]!
    const m = DATELINE.exec(p.text)
    if (m) {
      const place = m[1]!.trim().replace(/,$/, "")
      if (MONTH_INDEX[place.toLowerCase()] !== undefined || weekdayNo(place) >= 0 || /^(?:On|In|By|As|At|Since|Until|From|Last|This|Next|Posted|Published|Updated)\b/.test(place)) continue
      const ds = p.s + m.index + m[0].indexOf(m[2]!, m[1]!.length)
      const de = ds + m[2]!.length
      const hit = cands.find((c) => c.s < de && ds < c.e && (c.kind.k === "full" || c.kind.k === "yearless"))
      if (hit) dateline = { place, s: hit.s, e: hit.e, kind: hit.kind }
    } else if (i === 0 || !placeOnly) {
      const po = DATELINE_PLACE_ONLY.exec(p.text)
      if (po && p.text.length > 60) placeOnly = po[1]!
    }
  }
  return { dateline, placeOnly }
}

/** The publication date: stated metadata > the clean stage's hint > a dateline with a year > a page date line. */
export const choosePublished = (doc: DocContext, cands: ReadonlyArray<BodyCand>, dateline: Dateline | null): Published | null => {
  const { input, config, body } = doc
  const stated = parseIso(input.statedPublished, "published")
  // metadata may carry a time ("2022-02-17T10:00:00Z"): the value keeps the date at its precision
  if (input.statedPublished && stated) return { value: refIso(stated), s: -1, e: -1, text: input.statedPublished, source: "metadata" }
  const hint = input.cleaned.publishedHint
  if (hint && !DATE_RANGE.test(hint.text)) {
    const d = dateOfLine(unglue(hint.text), config, null, doc.lang)
    // a page date states a day: a month alone ("March 2019") is an archive link more often than a publication date
    if (d && FULL_DAY.test(d.value)) return { value: d.value, s: -1, e: -1, text: hint.text.slice(d.s, d.e), source: hint.source }
  }
  if (dateline && dateline.kind.k === "full" && dateline.kind.d !== null) {
    const v = resolve(dateline.kind, null, PAST).value
    if (v) return { value: v, s: dateline.s, e: dateline.e, text: body.slice(dateline.s, dateline.e), source: "dateline" }
  }
  const withDay = new Set<number>()
  for (const c of cands) if (c.kind.k === "full" && c.kind.d !== null && c.kind.m !== null) withDay.add(c.para)
  const pageDate = pageDateInBody(doc.paras, input.cleaned.title, config, withDay, doc.lang)
  if (pageDate) return { value: isoDay(pageDate.y, pageDate.m, pageDate.d), s: pageDate.s, e: pageDate.e, text: body.slice(pageDate.s, pageDate.e), source: "page_date" }
  return null
}

/** The posted dates of the document's comments (written parts only), in their order. */
export const commentDates = (doc: DocContext): Array<string | null> =>
  doc.input.cleaned.comments.map((c) => (c.posted_text ? dateOfLine(unglue(c.posted_text), doc.config, null, doc.lang)?.value ?? null : null))
