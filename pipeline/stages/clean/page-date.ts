/**
 * The line that states when the page was published, for the dates stage to read: a short line holding a full date near
 * the headline or the top of the text, a dated byline, a thread's first post's own date. Pure.
 */
import type { CleanContext, Decision, PublishedHint } from "./context.js"
import { JOIN_LABEL_RE } from "./forum.js"
import { MONTH, type Line } from "./lines.js"

/** a date with day, month and year: "March 12, 2021", "12 Mar 2021", "2021-03-12", "12/03/2021" */
const FULL_DATE_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}_-])(?:${MONTH}\\s{0,3}\\d{1,2}(?:st|nd|rd|th)?[.,]?\\s{1,3}(?:19|20)\\d\\d` +
    `|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s{1,3}(?:of\\s{1,3})?${MONTH},?\\s{1,3}(?:19|20)\\d\\d` +
    "|(?:19|20)\\d\\d-\\d\\d-\\d\\d|\\d{1,2}[./]\\d{1,2}[./](?:19|20)\\d\\d)(?![-_])",
  "iu"
)
/** how many lines above the headline (or the first kept line) and below the first kept line a page date may stand */
const HINT_BEFORE = 40
const HINT_AFTER = 6
const COMMENTS_HEADING_RE = /^(?:\d+\s+)?(?:comments?|replies|responses|discussion|reader comments)\b/i
const UPDATED_RE = /\b(?:updated|modified|edited|revised|last (?:post|reply|activity))\b/i
const PUBLISHED_RE = /\b(?:published|posted|written|created|released|date|dated|on|by)\b/i
/** dates that do not say when the page was published */
const NOT_PAGE_DATE_RE =
  /\b(?:joined|member since|registered|since|copyright|expires?|expiry|deadline|event|starts?|ends?|valid|until|reviewed|fact[- ]checked|born|died|birthday|release date|comments?|replied|reply|wrote|said|last active|effective|founded|filter)\b|©|[<>=]/i

/**
 * The line that states when the page was published: a short line holding a full date near the headline or the top
 * of the text (a date line, "Published: ...", "Name · date · 5 min read"), else a "Published/Updated ..." line just
 * after the text. A publication date beats an update; join dates, copyright years and comment dates never count.
 */
const pageDateHint = (
  present: ReadonlyArray<Line>,
  decisions: ReadonlyArray<Decision>,
  titleIdx: number,
  firstKept: number
): PublishedHint | null => {
  const n = present.length
  if (n === 0) return null
  let lastKept = -1
  for (let i = n - 1; i >= 0; i--)
    if (decisions[i]!.keep) {
      lastKept = i
      break
    }
  const anchor = titleIdx >= 0 ? titleIdx : firstKept >= 0 ? firstKept : 0
  const from = Math.max(0, Math.min(anchor, firstKept < 0 ? anchor : firstKept) - HINT_BEFORE)
  // a comment section or a related list dates other texts
  let endZone = n
  for (let i = Math.max(0, firstKept) + 1; i < n; i++)
    if (present[i]!.rule?.action === "end_content" || (present[i]!.words <= 4 && COMMENTS_HEADING_RE.test(present[i]!.core))) {
      endZone = i
      break
    }
  const to = Math.min(n - 1, endZone - 1, Math.max(anchor, firstKept) + HINT_AFTER)
  let best: { i: number; score: number; updated: boolean } | null = null
  const consider = (i: number, bottom: boolean) => {
    const l = present[i]!
    if (l.words === 0 || l.words > 22) return
    // kept lines are body text; only a short labelled or date-only line among them is a page date
    if (decisions[i]!.keep && !l.dateLine && !(l.words <= 12 && PUBLISHED_RE.test(l.core))) return
    if (!FULL_DATE_RE.test(l.core)) return
    if (NOT_PAGE_DATE_RE.test(l.core)) return
    const prev = i > 0 ? present[i - 1]! : null
    if (prev && JOIN_LABEL_RE.test(prev.core) && prev.words <= 3) return
    if (l.rule && (l.rule.family === "comments" || l.rule.family === "forum_profile" || l.rule.family === "copyright")) return
    const updated = UPDATED_RE.test(l.core)
    const labelled = PUBLISHED_RE.test(l.core)
    if (bottom && !labelled && !updated) return
    let score = -Math.abs(i - anchor) * 0.1
    if (labelled) score += 2
    if (l.dateLine) score += 1
    if (updated && !labelled) score -= 3
    if (bottom) score -= 2
    if (!best || score > best.score) best = { i, score, updated }
  }
  for (let i = from; i <= to; i++) consider(i, false)
  // a "Published/Updated ..." line right after the text
  if (lastKept >= 0) for (let i = lastKept + 1; i < Math.min(endZone, lastKept + 8); i++) consider(i, true)
  const b = best as { i: number; score: number; updated: boolean } | null
  return b ? { text: present[b.i]!.core, source: "page_date" } : null
}

/** The published hint: a dated byline stays unless it is an update; a thread's first post's date; the page date line. */
export const findPublishedHint = (ctx: CleanContext): void => {
  const { lines: present, decisions, forum, titleIdx, firstKept } = ctx
  const n = present.length
  let publishedHint = ctx.publishedHint
  if (forum && !publishedHint) {
    // a thread without a start line: the first post's own date ("asked ...", "#1 · date", a date under the
    // starter's name), never an edit, a comment or a join date
    for (let i = 0; i < n && !publishedHint; i++) {
      const l = present[i]!
      if (l.words > 14 || !(l.rule?.action === "post_date" || (l.dateLine && !decisions[i]!.keep))) continue
      if (!FULL_DATE_RE.test(l.core) || UPDATED_RE.test(l.core) || NOT_PAGE_DATE_RE.test(l.core) || /^(?:answered|commented)\b/i.test(l.core)) continue
      const prev = i > 0 ? present[i - 1]! : null
      if (prev && JOIN_LABEL_RE.test(prev.core) && prev.words <= 3) continue
      publishedHint = { text: l.core, source: "thread_start" }
    }
  }
  if (!forum && (!publishedHint || UPDATED_RE.test(publishedHint.text))) {
    const h = pageDateHint(present, decisions, titleIdx, firstKept)
    if (h && (!publishedHint || !UPDATED_RE.test(h.text))) publishedHint = h
  }
  ctx.publishedHint = publishedHint
}
