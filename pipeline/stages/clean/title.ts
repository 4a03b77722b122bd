/**
 * The title: the page's headline, as a reader would give it, not a time stamp, a site name, a breadcrumb, a caption
 * or the first sub-heading. Every headline-like line in the head of the page (up to 60 lines above the first kept
 * line, 3 below) is a candidate; a weighted sum of general features of its shape and place picks one:
 *  - shape: length in words, capitalised and stopword shares, a block of its own, no list number;
 *  - place: distance to the first kept line, above or below it, byline or date lines just below (the headline
 *    heads the article's metadata), other headlines just above it, prose right after it (a sub-heading);
 *  - repetition: a breadcrumb that ends with it, a copy of it within a few lines (image alt text and headline);
 *  - agreement: the share of its words that the body uses, and of the words of the page's address (when known)
 *    that it uses; words of the host name (the site's name) count against it.
 * The weights are those of a conditional logit model fitted on four fifths of the WCXB development pages and checked
 * on the fifth held out (`npm run bench:clean -- <wcxb folder> --split`); no feature names a site or a phrase.
 */
import type { CleanContext } from "./context.js"
import { BYLINE_RE, looksLikeName } from "./byline.js"
import { forEachWordRun, STOPWORDS, type Line } from "./lines.js"

/** how many lines above the first kept line and below it a headline may stand */
const TITLE_BEFORE = 60
const TITLE_AFTER = 3

const WEIGHTS = {
  oneWord: -0.8,
  twoWords: -0.68,
  headlineLength: 1.4,
  metadataJustBelow: 0.72,
  metadataBelow: 0.28,
  metadataAbove: 0.38,
  bodyWordShare: 2.3,
  addressWordShare: 1.38,
  addressSlugCovered: 1.92,
  hostWordShare: -0.11,
  ownBlock: 1.24,
  smallBlock: 0.85,
  listNumber: -0.48,
  capitalisedShare: 0.27,
  stopwordShare: 0.59,
  logDistance: -0.61,
  atOrBelowStart: -0.94,
  ruleMatched: -0.82,
  keptInBody: -1.1,
  proseLike: 0.57,
  headlinesBelow: 0.08,
  headlinesJustAbove: -0.4,
  proseRightAfter: -0.57,
  breadcrumbEndsWithIt: 1.31,
  copyNearby: 0.23
} as const

const CONTENT_WORD_RE = /[\p{L}\p{N}]+/gu
const LIST_NUMBER_RE = /^(?:\d+[.)]|#\d|step \d|tip #?\d)/iu
/** a breadcrumb's candidate is at least this long; lines are indexed by this many last characters */
const BREADCRUMB_SUFFIX = 6
const BREADCRUMB_SEPARATOR_RE = /[/>»›|:\-–—\d.]\s*$/u

const fold = (s: string): string => s.toLowerCase()

/** words of three letters or more that are not stopwords */
const contentWords = (s: string): Array<string> => {
  const out: Array<string> = []
  for (const m of fold(s).matchAll(CONTENT_WORD_RE)) if (m[0].length >= 3 && !STOPWORDS.has(m[0])) out.push(m[0])
  return out
}

const shareIn = (words: ReadonlyArray<string>, set: ReadonlySet<string>): number => {
  if (words.length === 0) return 0
  let k = 0
  for (const w of words) if (set.has(w)) k++
  return k / words.length
}

/** the words of a page address: its host, its path, and the last segment of its path (the slug) */
const addressWords = (url: string | null): { hostName: string; host: Set<string>; path: Set<string>; slug: Array<string> } => {
  const empty = { hostName: "", host: new Set<string>(), path: new Set<string>(), slug: [] }
  if (!url) return empty
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return empty
  }
  const words = (s: string) => contentWords(s.replace(/[-_/.+]/g, " "))
  const segments = u.pathname.split("/").filter((s) => s !== "")
  const last = segments.length > 0 ? segments[segments.length - 1]! : ""
  return { hostName: u.hostname.toLowerCase(), host: new Set(words(u.hostname)), path: new Set(words(u.pathname)), slug: words(decodeURIComponentSafe(last)).filter((w) => !/^\d+$/.test(w)) }
}

const decodeURIComponentSafe = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** a line of the article's metadata: a date, a byline, a reading time, an author's name */
const isMetadata = (l: Line): boolean =>
  l.dateLine ||
  l.rule?.action === "byline" ||
  l.rule?.action === "post_date" ||
  l.rule?.id === "reading-time" ||
  BYLINE_RE.test(l.core) ||
  (l.words >= 2 && l.words <= 4 && !l.sentenceEnd && looksLikeName(l.core))

/**
 * Where the text starts, and how far below it a headline may stand: the first kept line; in a thread, also the first
 * post's header (a thread's title heads its first post, while the first kept line may be chrome above it or a reply).
 */
const windowOf = (ctx: CleanContext): { start: number; from: number; to: number } => {
  const n = ctx.lines.length
  const start = ctx.firstKept < 0 ? 0 : ctx.firstKept
  const header = ctx.forum ? ctx.lines.findIndex((l) => l.rule?.action === "post_header" || l.rule?.action === "post_date") : -1
  const top = header >= 0 ? Math.min(header, start) : start
  const bottom = header >= 0 ? Math.max(header, start) : start
  return { start: top, from: Math.max(0, top - TITLE_BEFORE), to: Math.min(n - 1, bottom + TITLE_AFTER) }
}

/** letters outside square brackets (w3m writes form fields and image names in brackets) */
const LETTERS_OUTSIDE_BRACKETS_RE = /(?:^|\])[^[]*\p{L}/u

const isCandidate = (ctx: CleanContext, i: number, start: number): boolean => {
  const l = ctx.lines[i]!
  if (l.words < 1 || l.words > 30 || l.dateLine || l.bullet) return false
  if (l.rule && l.rule.action !== "drop") return false
  if (BYLINE_RE.test(l.core) || !LETTERS_OUTSIDE_BRACKETS_RE.test(l.core)) return false
  if (i >= start && ctx.decisions[i]!.keep && ctx.klass[i]!.klass === "good") return false
  return !(/[.:;,]$/u.test(l.core))
}

/** The headline among the lines around the start of the content, or -1. */
const headlineIndex = (ctx: CleanContext): number => {
  const { lines, decisions, klass } = ctx
  const n = lines.length
  const { start, from, to } = windowOf(ctx)
  const candidates: Array<number> = []
  for (let i = from; i <= to; i++) if (isCandidate(ctx, i, start)) candidates.push(i)
  if (candidates.length === 0) return -1
  // the candidates' words that the body uses (the body's words are read once, only to look these up)
  const wanted = new Set<string>()
  let longest = 0
  const wordsOf = new Map<number, Array<string>>(candidates.map((i) => [i, contentWords(lines[i]!.core)]))
  for (const i of candidates)
    for (const w of wordsOf.get(i)!) {
      wanted.add(w)
      longest = Math.max(longest, w.length)
    }
  const bodyWords = new Set<string>()
  decisions.forEach((d, i) => {
    // nothing left to look up once every wanted word was found
    if (!d.keep || bodyWords.size === wanted.size) return
    const lower = lines[i]!.core.toLowerCase()
    forEachWordRun(lower, (s, e) => {
      if (e - s >= 3 && e - s <= longest) {
        const w = lower.slice(s, e)
        if (wanted.has(w)) bodyWords.add(w)
      }
    })
  })
  const address = addressWords(ctx.url)
  // whether a line is the article's metadata, read once per line
  const metadataCache = new Map<number, boolean>()
  const metadataAt = (k: number): boolean => {
    let hit = metadataCache.get(k)
    if (hit === undefined) {
      hit = isMetadata(lines[k]!)
      metadataCache.set(k, hit)
    }
    return hit
  }
  // lines lower-cased as they are needed
  const foldedLines: Array<string | undefined> = new Array(n)
  const folded = (k: number): string => (foldedLines[k] ??= fold(lines[k]!.core))
  // the lines by their last characters, lower-cased: a breadcrumb that ends with a candidate shares them
  const bySuffix = new Map<string, Array<number>>()
  for (let k = 0; k < n; k++) {
    const core = lines[k]!.core
    if (core.length <= BREADCRUMB_SUFFIX) continue
    const key = core.slice(-BREADCRUMB_SUFFIX).toLowerCase()
    const list = bySuffix.get(key)
    if (list) list.push(k)
    else bySuffix.set(key, [k])
  }
  let best = -1
  let bestScore = -Infinity
  for (const i of candidates) {
    const l = lines[i]!
    const t = folded(i)
    const words = wordsOf.get(i)!
    let metadataBelow = 99
    for (let k = i + 1; k < Math.min(n, i + 7); k++)
      if (metadataAt(k)) {
        metadataBelow = k - i
        break
      }
    let metadataAbove = false
    for (let k = Math.max(0, i - 2); k < i; k++) if (metadataAt(k)) metadataAbove = true
    let headlinesBelow = 0
    let headlinesAbove = 0
    for (const j of candidates) {
      if (lines[j]!.words < 3) continue
      if (j > i) headlinesBelow++
      else if (j < i && j >= i - 8) headlinesAbove++
    }
    let breadcrumb = false
    if (t.length >= BREADCRUMB_SUFFIX && l.core.length === t.length)
      for (const k of bySuffix.get(t.slice(-BREADCRUMB_SUFFIX)) ?? []) {
        const o = folded(k)
        if (k !== i && o.length > t.length && o.endsWith(t) && BREADCRUMB_SEPARATOR_RE.test(o.slice(0, o.length - t.length))) breadcrumb = true
      }
    else if (t.length >= BREADCRUMB_SUFFIX)
      // lower-casing changed the candidate's length (a rare letter): read every line
      for (let k = 0; k < n && !breadcrumb; k++) {
        const o = folded(k)
        if (k !== i && o.length > t.length && o.endsWith(t) && BREADCRUMB_SEPARATOR_RE.test(o.slice(0, o.length - t.length))) breadcrumb = true
      }
    let copyNearby = false
    for (let k = Math.max(0, i - 3); k <= Math.min(n - 1, i + 3); k++) if (k !== i && folded(k) === t) copyNearby = true
    const next = i + 1 < n ? i + 1 : -1
    const distance = start - i
    const slugCovered = address.slug.length === 0 ? 0 : address.slug.filter((w) => words.includes(w)).length / address.slug.length
    const features: Record<keyof typeof WEIGHTS, number> = {
      oneWord: l.words === 1 ? 1 : 0,
      twoWords: l.words === 2 ? 1 : 0,
      headlineLength: l.words >= 3 && l.words <= 20 ? 1 : 0,
      metadataJustBelow: metadataBelow <= 2 ? 1 : 0,
      metadataBelow: metadataBelow >= 3 && metadataBelow <= 6 ? 1 : 0,
      metadataAbove: metadataAbove ? 1 : 0,
      bodyWordShare: shareIn(words, bodyWords),
      addressWordShare: shareIn(words, address.path),
      addressSlugCovered: slugCovered,
      hostWordShare: shareIn(words, address.host),
      ownBlock: l.blockSize === 1 ? 1 : 0,
      smallBlock: l.blockSize <= 2 ? 1 : 0,
      listNumber: LIST_NUMBER_RE.test(l.core) ? 1 : 0,
      capitalisedShare: l.words > 0 ? l.caps / l.words : 0,
      stopwordShare: l.words > 0 ? l.stop / l.words : 0,
      logDistance: Math.log1p(Math.abs(distance)),
      atOrBelowStart: distance <= 0 ? 1 : 0,
      ruleMatched: l.rule ? 1 : 0,
      keptInBody: decisions[i]!.keep ? 1 : 0,
      proseLike: klass[i]!.klass === "good" || klass[i]!.klass === "near" ? 1 : 0,
      headlinesBelow: Math.min(headlinesBelow, 5) / 5,
      headlinesJustAbove: Math.min(headlinesAbove, 3) / 3,
      proseRightAfter: next >= 0 && decisions[next]!.keep && klass[next]!.klass === "good" ? 1 : 0,
      breadcrumbEndsWithIt: breadcrumb ? 1 : 0,
      copyNearby: copyNearby ? 1 : 0
    }
    let score = 0
    for (const k in WEIGHTS) score += WEIGHTS[k as keyof typeof WEIGHTS] * features[k as keyof typeof WEIGHTS]
    if (score > bestScore) {
      bestScore = score
      best = i
    }
  }
  return best
}

const LEADING_BRACKETS_RE = /^(?:\[[^\]\p{L}]{0,40}\p{L}[^\]]{0,40}\]\s*)+(?=\S)/u
const PIPE_RE = /\s\|\s/u
const DASH_RE = /\s[-–]\s/u

/**
 * The headline as a reader gives it from its line: without an image name in brackets before it (w3m's [alt text]), without what a
 * ' | ' appends (a section, the site), and without a ' - Site' tail that names the page's host.
 */
const readerTitle = (core: string, hostName: string): string => {
  let t = core.replace(LEADING_BRACKETS_RE, "")
  const pipe = t.split(PIPE_RE)
  if (pipe.length > 1 && pipe[0]!.split(" ").length >= 3) t = pipe[0]!
  const dash = t.split(DASH_RE)
  if (dash.length > 1) {
    const tail = contentWords(dash[dash.length - 1]!)
    // the host writes the site's name without spaces: "Harbour Gazette" in harbourgazette.example
    if (tail.length > 0 && tail.every((w) => hostName.includes(w)) && dash[0]!.split(" ").length >= 2) t = dash[0]!
  }
  return t.trim()
}

/** The headline; it and its copies leave the body. */
export const findTitle = (ctx: CleanContext): void => {
  const { lines: present, decisions } = ctx
  const n = present.length
  const titleIdx = headlineIndex(ctx)
  // a title at the head of the main segment leaves the body
  if (titleIdx >= 0 && decisions[titleIdx]!.keep) decisions[titleIdx] = { keep: false, reason: "title" }
  else if (titleIdx >= 0 && !decisions[titleIdx]!.keep && decisions[titleIdx]!.reason !== present[titleIdx]!.rule?.id)
    decisions[titleIdx] = { keep: false, reason: "title" }
  const line = titleIdx >= 0 ? present[titleIdx]!.core : null
  // repeated copies of the title are not content either
  if (line) for (let i = 0; i < n; i++) if (decisions[i]!.keep && present[i]!.core === line) decisions[i] = { keep: false, reason: "title" }
  const title = line === null ? null : readerTitle(line, addressWords(ctx.url).hostName)
  ctx.titleIdx = titleIdx
  ctx.title = title
}
