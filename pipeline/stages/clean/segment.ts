/**
 * The main text: each line gets a content score (positive for running text, negative for chrome); the main content is
 * the span of lines with the highest total (a maximum-sum segment), so menus before and footers after fall away while
 * short headings and list items between paragraphs stay; neighbouring spans of clear prose are added when the gap
 * between them is small. End zones (after a comments or related heading, or a teaser list) count prose for less.
 * Then each line is kept or dropped, with the reason. Pure.
 */
import type { CleanContext, Decision, Klass, LineClass } from "./context.js"
import type { Line } from "./lines.js"
import { looksLikeName } from "./byline.js"

const URL_RE = /\bhttps?:\/\/|\bwww\.|\.(?:com|org|net|co\.uk)\b/i

/**
 * jusText-style class of one line. On a `foreign` page (a language the stopword lists do not cover), and on a line
 * written in such a language, long punctuated lines count as prose whatever their stopwords.
 */
const classify = (l: Line, foreign: boolean): LineClass => {
  if (l.words === 0) return { klass: "bad", signal: "no-words" }
  const sd = foreign || l.unlisted ? 0.3 : l.stop / l.words
  const len = l.core.length
  if (URL_RE.test(l.core) && l.words < 12) return { klass: "bad", signal: "link-text" }
  // a long line of capitalised words without sentence punctuation: a menu or a list of links run together
  if (l.words >= 8 && l.caps / l.words > 0.7 && !l.sentenceEnd && !/[,;]/.test(l.core)) return { klass: "bad", signal: "title-case-run" }
  if (l.words >= 12 && sd >= 0.22 && (l.sentenceEnd || l.words >= 25)) return { klass: "good", signal: "prose" }
  if (l.words >= 25 && sd >= 0.15) return { klass: "good", signal: "prose" }
  if (l.words >= 7 && sd >= 0.15 && l.sentenceEnd) return { klass: "near", signal: "sentence" }
  if (l.words >= 10 && sd >= 0.1) return { klass: "near", signal: "text" }
  if (len < 80) return { klass: "short", signal: "short" }
  return { klass: "bad", signal: "low-stopword-density" }
}

const lineScore = (l: Line, k: Klass, forum: boolean): number => {
  if (l.rule) {
    switch (l.rule.action) {
      case "end_content":
        return forum ? -4 : -60
      case "post_header":
      case "post_date":
        return forum ? -0.5 : -3
      default:
        return -6
    }
  }
  const capShare = l.words ? l.caps / l.words : 0
  switch (k) {
    case "good":
      return Math.min(l.words, 120) * (l.repeated ? 0.2 : 1) * (l.bullet ? 0.6 : 1)
    case "near":
      return (l.repeated ? 0.5 : 0.6) * Math.min(l.words, 40) - (l.bullet ? 2 : 0)
    case "short": {
      // text-like fragments (list items, table cells, headings with small words) cost little; menu-like entries
      // (one to three capitalised words, bullets, repeated across the page) cost more
      let s = l.words >= 4 && l.stop >= 1 ? -0.6 : l.words >= 4 ? -1.2 : -2
      if (l.bullet && l.words <= 3) s -= 1.5
      else if (l.bullet) s -= 0.4
      if (l.blockSize >= 4 && l.words <= 3) s -= 0.5
      if (capShare > 0.8 && !l.sentenceEnd && l.words <= 3) s -= 0.5
      if (l.repeated) s -= 2
      if (l.dateLine) s = forum ? -0.5 : -1
      if (l.sentenceEnd && l.words >= 3) s = 1
      return s
    }
    case "bad":
      return l.words === 0 ? -0.5 : -5
  }
}

const END_ZONE_WEIGHT = 0.5
const ISOLATED_WEIGHT = 0.5
const CAPTION_SPAN = 6
/** three teaser units (headline, name, blurb) within this many lines make a teaser list */
const TEASER_SPAN = 24
const TEASER_WEIGHT = 0
const LABEL_RE = /^[\p{L}\p{N} ]{1,24}:\s/u

/** maximum-sum contiguous segment over scores (Kadane); returns [start, end] inclusive indices into the array */
const bestSegment = (scores: ReadonlyArray<number>, from: number, to: number): [number, number, number] => {
  let best = -Infinity
  let bs = from
  let be = from - 1
  let cur = 0
  let cs = from
  for (let i = from; i <= to; i++) {
    const s = scores[i] ?? 0
    if (cur <= 0) {
      cur = s
      cs = i
    } else cur += s
    if (cur > best) {
      best = cur
      bs = cs
      be = i
    }
  }
  return [bs, be, best]
}

/** Classes and scores of the lines, with the end zones and teaser lists that lower the scores after the text. */
export const scoreLines = (ctx: CleanContext): void => {
  const { lines: present, forum } = ctx
  const n = present.length
  // pages in a language the stopword list does not cover: judge prose by length and punctuation alone
  let longWords = 0
  let longStop = 0
  for (const l of present)
    if (l.words >= 8) {
      longWords += l.words
      longStop += l.stop
    }
  const foreign = longWords >= 30 && longStop / longWords < 0.12
  const klass = present.map((l) => classify(l, foreign))
  const scores = present.map((l, i) => lineScore(l, klass[i]!.klass, forum))
  // isolated prose (a teaser's blurb between headlines, a caption) counts for less than prose among prose
  {
    const prose = (k: number) => k >= 0 && k < n && (klass[k]!.klass === "good" || klass[k]!.klass === "near")
    for (let i = 0; i < n; i++) if (scores[i]! > 0 && prose(i) && !prose(i - 1) && !prose(i + 1)) scores[i] = scores[i]! * ISOLATED_WEIGHT
  }
  // teaser lists without a heading: a headline, an author's name and a one-paragraph blurb, three times within a
  // few lines; the first such unit after running text starts an end zone like a "related" heading
  const teaserStart: Array<boolean> = new Array<boolean>(n).fill(false)
  if (!forum) {
    const units: Array<number> = []
    const shapes: Array<string> = []
    const meta = (l: Line) =>
      l.dateLine || (!l.rule && l.words >= 2 && l.words <= 5 && !l.sentenceEnd && looksLikeName(l.core.replace(/^by\s+/iu, "")))
    for (let i = 0; i + 2 < n; i++) {
      const h = present[i]!
      // a headline: a phrase with small words, not a label ("Details: ..."), a link or a name
      if (h.rule || h.dateLine || h.bullet || h.words < 4 || h.words > 25 || h.stop === 0 || (h.sentenceEnd && !h.core.endsWith("?"))) continue
      if (URL_RE.test(h.core) || LABEL_RE.test(h.core) || looksLikeName(h.core)) continue
      // the headline's byline and date, one or two lines
      let j = i + 1
      while (j < n && j <= i + 2 && meta(present[j]!)) j++
      if (j === i + 1 || j >= n) continue
      const k = klass[j]!.klass
      if (k !== "good" && k !== "near") continue
      if (j + 1 < n && klass[j + 1]!.klass === "good") continue
      units.push(i)
      shapes.push(present.slice(i + 1, j).map((m) => (m.dateLine ? "d" : "n")).join(""))
    }
    for (let u = 0; u + 2 < units.length; u++)
      if (units[u + 2]! - units[u]! <= TEASER_SPAN && shapes[u]!.includes("d") && shapes[u] === shapes[u + 1] && shapes[u] === shapes[u + 2]) {
        teaserStart[units[u]!] = true
        break
      }
  }
  // end zones: after a "related"/"comments"/"most read" heading, prose counts for less (teasers, comments)
  if (!forum) {
    // a zone ends where running text resumes: two consecutive prose paragraphs (an inline "related" box inside an
    // article); comments and teasers come one paragraph at a time between their headers
    let zone = false
    let weight = END_ZONE_WEIGHT
    let proseSoFar = 0
    for (let i = 0; i < n; i++) {
      const l = present[i]!
      if (klass[i]!.klass === "good") proseSoFar += l.words
      // only after some running text: a "Latest"/"Trending" box above the headline starts no end zone
      if (((l.rule?.action === "end_content" && !l.bullet) || teaserStart[i]) && proseSoFar >= 40) {
        zone = true
        // a teaser list is known by its shape, not by a heading: what it holds is no article text
        weight = teaserStart[i] ? TEASER_WEIGHT : END_ZONE_WEIGHT
      }
      else if (zone && scores[i]! > 0) {
        let run = 0
        let words = 0
        for (let k = i; k < Math.min(n, i + 3); k++) {
          if (klass[k]!.klass !== "good" || present[k]!.bullet || present[k]!.rule) break
          run++
          words += present[k]!.words
        }
        if (run >= 3 && words >= 90) zone = false
        else scores[i] = scores[i]! * weight
      }
    }
  }
  // context smoothing (jusText): a short run of non-prose lines (a heading, a label, a list of two) between prose
  // lines costs little; long runs (menus, link lists) keep their full cost
  {
    let i = 0
    while (i < n) {
      if (klass[i]!.klass === "good" || klass[i]!.klass === "near") {
        i++
        continue
      }
      let j = i
      while (j + 1 < n && klass[j + 1]!.klass !== "good" && klass[j + 1]!.klass !== "near") j++
      const prevGood = i > 0 && (klass[i - 1]!.klass === "good" || klass[i - 1]!.klass === "near")
      const nextGood = j + 1 < n
      const len = j - i + 1
      if (prevGood && nextGood && len <= 3) {
        for (let k = i; k <= j; k++) {
          const l = present[k]!
          if (!l.rule && scores[k]! < 0 && !l.repeated) scores[k] = Math.max(scores[k]!, -0.3)
        }
      }
      i = j + 1
    }
  }
  ctx.klass = klass
  ctx.scores = scores
  ctx.teaserStart = teaserStart
}

/** The maximum-sum segment of the scores, extended by nearby spans of clear prose. */
export const findMainText = (ctx: CleanContext): void => {
  const { lines: present, forum, klass, scores, teaserStart } = ctx
  const n = present.length
  const inMain: Array<boolean> = new Array<boolean>(n).fill(false)
  const [s0, e0, best] = bestSegment(scores, 0, n - 1)
  if (best > 0) {
    for (let i = s0; i <= e0; i++) inMain[i] = true
    // extend with further segments of clear prose when the gap is small relative to them
    const extend = (dir: 1 | -1) => {
      let edge = dir === 1 ? e0 : s0
      for (;;) {
        let gap = 0
        let acc = 0
        let i = edge + dir
        let bestEnd = -1
        let hardStop = false
        while (i >= 0 && i < n) {
          const l = present[i]!
          if (!forum && (l.rule?.action === "end_content" || teaserStart[i]) && dir === 1) {
            hardStop = true
            break
          }
          const s = scores[i]!
          if (s > 0) acc += s
          else if (acc > 0) break
          else gap += -s
          if (acc > 0 && klass[i]!.klass === "good") bestEnd = i
          i += dir
        }
        if (hardStop && bestEnd < 0) return
        if (bestEnd < 0 || acc < 30 || gap > acc * 0.8 || gap > 40) return
        const lo = Math.min(edge + dir, bestEnd)
        const hi = Math.max(edge + dir, bestEnd)
        for (let k = lo; k <= hi; k++) inMain[k] = true
        edge = bestEnd
      }
    }
    extend(1)
    extend(-1)
  }
  ctx.inMain = inMain
  ctx.main = { start: s0, end: e0, score: best }
}

/**
 * Each line kept or dropped with its reason: rule matches and lines outside the main text go, so do date lines,
 * repeated captions and doubled paragraphs; an article starts with its first paragraph and ends with its last.
 */
export const decideLines = (ctx: CleanContext): void => {
  const { lines: present, forum, klass, inMain } = ctx
  const n = present.length
  const firstAny = new Map<string, number>()
  present.forEach((l, i) => {
    if (!firstAny.has(l.text)) firstAny.set(l.text, i)
  })
  const nextCopyWithin = (i: number) => {
    // the first copy: is another copy close after it?
    for (let k = i + 1; k < Math.min(n, i + CAPTION_SPAN + 1); k++) if (present[k]!.text === present[i]!.text) return true
    return false
  }
  const firstSeen = new Map<string, number>()
  present.forEach((l, i) => {
    if (inMain[i] && !firstSeen.has(l.text)) firstSeen.set(l.text, i)
  })
  const decisions: Array<Decision> = present.map((l, i) => {
    if (l.rule) return { keep: false, reason: l.rule.id }
    const k = klass[i]!
    if (!inMain[i]) return { keep: false, reason: k.klass === "good" ? "outside-main-text" : k.signal === "short" ? "boilerplate-short" : k.signal }
    if (l.words === 0) return { keep: false, reason: "no-words" }
    if (l.dateLine) return { keep: false, reason: "date-line" }
    // a paragraph shown twice on a page on its own is a caption, a pull quote or a teaser, not running text; a run
    // of repeated paragraphs is content rendered twice (tabs, print views): its first copy stays
    if (!forum && l.repeated && l.words >= 8) {
      const runMate = (k: number) => {
        const m = present[k]
        return m !== undefined && m.repeated && m.words >= 8 && m.text !== l.text
      }
      // a caption is shown twice close together (image alt text and caption); a paragraph rendered twice far apart
      // is doubled content
      const near = (firstAny.get(l.text) ?? i) !== i ? i - firstAny.get(l.text)! <= CAPTION_SPAN : nextCopyWithin(i)
      if (!runMate(i - 1) && !runMate(i + 1) && near) return { keep: false, reason: "repeated-on-page" }
      if (firstSeen.get(l.text)! < i) return { keep: false, reason: "duplicate-of-earlier-line" }
    }
    if (k.klass === "bad" && k.signal === "link-text") return { keep: false, reason: "link-text" }
    return { keep: true, reason: "" }
  })

  // the text starts with its first paragraph and ends with its last: short lines before the first prose paragraph
  // (headline, standfirst labels, bylines, captions) and after the last one (author names, sign-up thanks) go
  if (!forum) {
    const isProse = (i: number) => klass[i]!.klass === "good" || (klass[i]!.klass === "near" && present[i]!.words >= 15)
    const firstProseKept = decisions.findIndex((d, i) => d.keep && isProse(i))
    let lastProseKept = -1
    for (let i = n - 1; i >= 0; i--)
      if (decisions[i]!.keep && isProse(i)) {
        lastProseKept = i
        break
      }
    if (firstProseKept >= 0) {
      for (let i = 0; i < firstProseKept; i++) if (decisions[i]!.keep) decisions[i] = { keep: false, reason: "before-first-paragraph" }
      for (let i = lastProseKept + 1; i < n; i++)
        if (decisions[i]!.keep && !(present[i]!.sentenceEnd && present[i]!.words >= 4))
          decisions[i] = { keep: false, reason: "after-last-paragraph" }
    }
  }
  ctx.decisions = decisions
  ctx.firstKept = decisions.findIndex((d) => d.keep)
}
