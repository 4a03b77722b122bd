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
import { forEachWordRun, MONTH, STOPWORDS, type Line } from "./lines.js"

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
  // every word of the line written in the host name: the site's name ("Harbour Gazette" on harbourgazette.example)
  siteName: -2.5,
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
/** a list item's number or bullet: a breadcrumb written as a list ("1. Home" ... "5. The thread's title") */
const LIST_ITEM_RE = /^(?:\d{1,2}\.|[•·›»>])\s+/u
/** how far above a candidate a breadcrumb written as a list may end */
const LIST_BREADCRUMB_REACH = 20

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
  // some forum engines put the path in the query ("index.php?/topic/123-the-thread-title/")
  const path = u.search.startsWith("?/") ? u.pathname + u.search.slice(1).split("&")[0] : u.pathname
  const segments = path.split("/").filter((s) => s !== "")
  const last = segments.length > 0 ? segments[segments.length - 1]! : ""
  return { hostName: u.hostname.toLowerCase(), host: new Set(words(u.hostname)), path: new Set(words(path)), slug: words(decodeURIComponentSafe(last)).filter((w) => !/^\d+$/.test(w)) }
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

/** a bare web address, or an avatar's text ("Avatar for X"): never the headline */
const ADDRESS_OR_AVATAR_RE = /^(?:(?:https?:\/\/|www\.)\S+|avatar\b.*)$/iu
/** an image's text that names a logo ("Harbour Gazette logo", "Logo") */
const LOGO_RE = /(?:^|\s)logo$/iu
/** letters outside square brackets (w3m writes form fields and image names in brackets) */
const LETTERS_OUTSIDE_BRACKETS_RE = /(?:^|\])[^[]*\p{L}/u

/**
 * `named`: the page's address names the line word for word, so a full stop after it is the headline's own, and a line
 * that reads as text may still be it (a thread's title above its first post, kept with the text before it)
 */
const isCandidate = (ctx: CleanContext, i: number, start: number, named = false): boolean => {
  const l = ctx.lines[i]!
  if (l.words < 1 || l.words > 30 || l.dateLine || l.bullet) return false
  if (l.rule && l.rule.action !== "drop") return false
  if (BYLINE_RE.test(l.core) || !LETTERS_OUTSIDE_BRACKETS_RE.test(l.core) || LOGO_RE.test(l.core) || ADDRESS_OR_AVATAR_RE.test(l.core)) return false
  if (i >= start && ctx.decisions[i]!.keep && ctx.klass[i]!.klass === "good" && !named) return false
  return !(named ? /[:;,]$/u : /[.:;,]$/u).test(l.core)
}

/** a word's hash as `usedWords` computes it while it reads a line, over its lower-cased code units */
const hashOf = (w: string): number => {
  let h = 0
  for (let k = 0; k < w.length; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0
  return h
}

const isAsciiLetterOrDigit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)

/**
 * The words of `wanted` (lower case, at most `longest` code units) that the kept lines use as words: runs of letters
 * and digits of three units or more, lower-cased. Every body line is read, so an ASCII line (most of them) is read
 * without copying it: its words are hashed as they are read, and only a word whose hash is wanted is cut out and looked
 * up. A line with another character is lower-cased whole first (lower-casing may change its length).
 */
const usedWords = (
  lines: ReadonlyArray<Line>,
  decisions: ReadonlyArray<{ readonly keep: boolean }>,
  wanted: ReadonlySet<string>,
  longest: number
): Set<string> => {
  const found = new Set<string>()
  const hashes = new Set<number>()
  for (const w of wanted) hashes.add(hashOf(w))
  const lookUp = (lower: string): void =>
    forEachWordRun(lower, (s, e) => {
      if (e - s >= 3 && e - s <= longest) {
        const w = lower.slice(s, e)
        if (wanted.has(w)) found.add(w)
      }
    })
  // nothing left to look up once every wanted word was found
  for (let i = 0; i < lines.length && found.size < wanted.size; i++) {
    if (!decisions[i]!.keep) continue
    const s = lines[i]!.core
    const n = s.length
    let k = 0
    let ascii = true
    while (k < n) {
      let c = s.charCodeAt(k)
      if (c >= 128) {
        ascii = false
        break
      }
      if (!isAsciiLetterOrDigit(c)) {
        k++
        continue
      }
      const a = k
      let h = 0
      for (;;) {
        if (c >= 65 && c <= 90) c += 32
        h = (Math.imul(h, 31) + c) | 0
        k++
        if (k >= n) break
        c = s.charCodeAt(k)
        if (!isAsciiLetterOrDigit(c)) break
      }
      // a run that goes on into another character is no ASCII word: the line is read the other way
      if (k < n && c >= 128) {
        ascii = false
        break
      }
      if (k - a >= 3 && k - a <= longest && hashes.has(h)) {
        const w = s.slice(a, k).toLowerCase()
        if (wanted.has(w)) found.add(w)
      }
    }
    if (!ascii) lookUp(s.toLowerCase())
  }
  return found
}

/** The headline among the lines around the start of the content, or -1. */
const headlineIndex = (ctx: CleanContext): number => {
  const { lines, decisions, klass } = ctx
  const n = lines.length
  const { start, from, to } = windowOf(ctx)
  const address = addressWords(ctx.url)
  // a line that holds four in five of the slug's words holds one of its longest few (one more than may be missing):
  // lines without any of them are passed over without reading their words
  const slugByLength = [...address.slug].sort((a, b) => b.length - a.length)
  const probe =
    address.slug.length >= 3
      ? new RegExp(slugByLength.slice(0, address.slug.length - Math.ceil(0.8 * address.slug.length) + 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "iu")
      : null
  /** the page's address names the line word for word (its slug's words, four in five at least) */
  const namedByAddress = (i: number): boolean => {
    if (probe === null || lines[i]!.words > 30 || !probe.test(lines[i]!.core)) return false
    const words = contentWords(lines[i]!.core)
    return address.slug.filter((w) => words.includes(w)).length / address.slug.length >= 0.8
  }
  const candidates: Array<number> = []
  for (let i = from; i <= to; i++) if (isCandidate(ctx, i, start) || (namedByAddress(i) && isCandidate(ctx, i, start, true))) candidates.push(i)
  // anywhere outside the window, a line that the page's address names word for word (a question under the site's
  // chrome, a thread's title far from the text the segmenter chose); the distance still counts against it
  if (address.slug.length >= 3) {
    const above: Array<number> = []
    for (let i = 0; i < from; i++) if (namedByAddress(i) && isCandidate(ctx, i, start, true)) above.push(i)
    candidates.unshift(...above)
    for (let i = to + 1; i < n; i++) if (namedByAddress(i) && isCandidate(ctx, i, start, true)) candidates.push(i)
  }
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
  const bodyWords = usedWords(lines, decisions, wanted, longest)
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
  // the lines by their last characters, lower-cased: a breadcrumb that ends with a candidate shares them. Only the
  // candidates' endings are looked up, so a line whose last character (ASCII, lower-cased) ends none of them is passed
  // over without cutting out its ending
  const candidateEnds = new Set<number>()
  for (const i of candidates) {
    const t = folded(i)
    if (t.length >= BREADCRUMB_SUFFIX) candidateEnds.add(t.charCodeAt(t.length - 1))
  }
  const bySuffix = new Map<string, Array<number>>()
  for (let k = 0; k < n; k++) {
    const core = lines[k]!.core
    if (core.length <= BREADCRUMB_SUFFIX) continue
    const last = core.charCodeAt(core.length - 1)
    if (last < 128 && !candidateEnds.has(last >= 65 && last <= 90 ? last + 32 : last)) continue
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
    // the last item of a breadcrumb written as a list above it
    if (!breadcrumb)
      for (let k = Math.max(0, i - LIST_BREADCRUMB_REACH); k < i && !breadcrumb; k++) {
        const o = folded(k)
        const item = LIST_ITEM_RE.exec(o)
        if (item !== null && o.length - item[0].length === t.length && o.endsWith(t) && (k + 1 >= n || !LIST_ITEM_RE.test(folded(k + 1)))) breadcrumb = true
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
      siteName: words.length > 0 && address.hostName !== "" && words.every((w) => address.hostName.includes(w)) ? 1 : 0,
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
  // a label before it ("Title:", "PROJECT: ...") and what the page writes after it on the same line: a date, the
  // address's domain and a count ("(example.com) 87")
  const label = LABEL_RE.exec(t)
  if (label && t.length - label[0].length >= 8) t = t.slice(label[0].length)
  const tail = TRAILING_DATE_RE.exec(t) ?? TRAILING_DOMAIN_RE.exec(t)
  if (tail && t.slice(0, tail.index).trim().split(" ").length >= 3) t = t.slice(0, tail.index)
  return t.trim()
}

/** a label that introduces the headline: "Title:", a word in capitals and a colon (case-sensitive: "Yoga: ..." stays) */
const LABEL_RE = /^(?:[Tt]itle\s*:\s*|\p{Lu}{3,}:\s+(?=\p{Lu}))/u
/**
 * a date that ends the headline's line, as another element of the page: a day, its month and its year ("... September
 * 9, 2021"), or a month and year after a slash or a bar ("... / Dec 2025"); a month and year alone belong to many
 * headlines ("The best typefaces for December 2025")
 */
const TRAILING_DATE_RE = new RegExp(
  `\\s+(?:${MONTH}\\s\\d{1,2},?\\s\\d{4}|\\d{1,2}\\s${MONTH},?\\s\\d{4})$|\\s[/|]\\s+${MONTH}\\s\\d{4}$`,
  "iu"
)
/** a domain in brackets after the headline, and a count (a link aggregator's line) */
const TRAILING_DOMAIN_RE = /\s\((?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\)(?:\s+\d+)?$/u

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
