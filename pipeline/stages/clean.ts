/**
 * Clean stage: one raw text in, its content and the audit trail of what was dropped out. Pure.
 *
 * How it decides (text only, no HTML):
 *  1. Every line is a unit (a `w3m -dump` page puts one paragraph, list item or menu entry on a line). Each line gets
 *     features in the spirit of jusText/boilerpipe: word count, stopword density, sentence punctuation, capitalised
 *     share, digits, link-like text, bullets, repetition across the page and the shape of its block.
 *  2. The chrome families of the rules file (data/clean-rules.yaml) mark lines as chrome, as the start of an end zone
 *     (comments, related lists, footers), as forum post headers, dates or bylines.
 *  3. Each line gets a content score (positive for running text, negative for chrome). The main content is the
 *     span of lines with the highest total (a maximum-sum segment), so menus before and footers after fall away,
 *     while short headings and list items between paragraphs stay; then neighbouring spans of clear prose are
 *     added when the gap between them is small.
 *  4. Forum threads (several post headers) keep every post: the first post is the body, the others become comments,
 *     their headers (user, rank, join date, counters) and signatures dropped.
 */
import type { DocKind } from "../model.js"
import { compileRules, type CleanRules, type CompiledRule } from "./rules.js"

export interface CleanedComment {
  /** position in the page, from 1 */
  readonly comment_no: number
  readonly author: string | null
  /** the date as written in the comment's header, for the dates stage to normalise */
  readonly posted_text: string | null
  readonly body: string
}

export interface RemovedLine {
  /** line number in the raw text, from 1 */
  readonly line_no: number
  readonly text: string
  /** the rule id or classifier signal that dropped it */
  readonly reason: string
}

/** A line outside the body that states when the page was published (a page date, a thread's start line, a dated byline). */
export interface PublishedHint {
  readonly text: string
  readonly source: "page_date" | "thread_start" | "byline"
}

export interface CleanResult {
  readonly title: string | null
  readonly authors: ReadonlyArray<string>
  readonly kind: DocKind
  /** content paragraphs separated by one blank line, inner white space folded */
  readonly body: string
  readonly comments: ReadonlyArray<CleanedComment>
  readonly removed: ReadonlyArray<RemovedLine>
  readonly publishedHint: PublishedHint | null
}

// ---------------------------------------------------------------------------------------------------------------
// lexical helpers (every regular expression here is linear: no nested or overlapping quantifiers)

const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself " +
    "his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves said says may might must shall one two its it's i'm don't didn't can't won't isn't there's " +
    "that's they're we're you're he's she's been many much even still however although though since yet whether per via " +
    "le la les de des du et un une est en que qui pour dans pas sur au der die das und ist nicht mit den ein eine zu von " +
    "el los las del y es por con para una se lo il di che non per e"
  ).split(" ")
)

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
const BULLET_RE = /^(?:[•·◦▪▫■□☆★○●◆◇►▶‣⁃∙*+–—-]\s*)+/u
const ENDS_SENTENCE_RE = /[.!?…。！？]["'”’»)\]]*$|[:;]$/u
const URL_RE = /\bhttps?:\/\/|\bwww\.|\.(?:com|org|net|co\.uk)\b/i
const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
const DATE_RE = new RegExp(
  "\\b(?:" +
    `${MONTH}\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,3}(?:'\\d{2}|\\d{4})` +
    `|\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?${MONTH},?\\s{1,3}\\d{4}` +
    `|${MONTH}\\s{1,3}\\d{4}` +
    "|\\d{4}-\\d{1,2}-\\d{1,2}" +
    "|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}" +
    "|(?:yesterday|today)(?:\\s{1,3}at\\s{1,3}\\d{1,2}[:.]\\d{2})?" +
    "|\\d{1,3}\\s{1,3}(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s{1,3}ago" +
    ")",
  "i"
)
const DATE_WORDS = new RegExp(
  `^(?:${MONTH}|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|on|am|pm|a\\.m|p\\.m|of|the|st|nd|rd|th|utc|gmt|est|edt|pst|pdt|cet|bst|ist|et|pt|updated|published|posted|last|modified|date|created|written|yesterday|today|ago|minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?|\\d+(?:st|nd|rd|th)?)$`,
  "iu"
)
const JOIN_LABEL_RE = /^(?:joined|join(?:ed)? date|member since|registered|registration date|since)\b/i
const COUNTER_LABEL_RE =
  /^(?:likes? received|likes?|messages|posts|reaction score|trophy points|reputation|rep(?:utation)? power|points|credits|thanks|thanked|karma|solutions|threads|total posts|post count|best answers|age|gender|location|country|occupation|website)\b\s*:?\s*[-+\d,.kK ]*$/i
const THREAD_START_RE = /\bstarted by\s+([^,]{1,60}?),\s*(.{4,60}?)\.?$/i
const THREAD_STARTER_RE = /^(?:thread starter|original poster|op)\s*:?\s+(.{1,60})$/i
const START_DATE_RE = /^(?:start date|started|date started)\s*:?\s+(.{3,60})$/i
const RANK_WORDS = new Set(
  (
    "member members senior junior regular new active well-known elite moderator moderators mod admin administrator staff " +
    "super global guest banned registered user veteran full premium supporting supporter contributor expert " +
    "platinum gold silver bronze vip retired legendary famous notable known established respected honored " +
    "distinguished addict enthusiast newbie rookie lurker poster starter discussion thread op original author"
  ).split(" ")
)

const MULTI_SPACE_RE = /\s\s|[^\S ]/
/** inner white space folded to one space, ends trimmed (most lines need only the trim) */
const fold = (s: string): string => {
  const t = s.trim()
  return MULTI_SPACE_RE.test(t) ? t.replace(/\s+/g, " ") : t
}

interface Line {
  readonly no: number
  /** folded text */
  readonly text: string
  /** folded text without leading bullet glyphs */
  readonly core: string
  readonly indent: number
  readonly bullet: boolean
  readonly block: number
  readonly blockSize: number
  readonly words: number
  readonly stop: number
  readonly caps: number
  readonly digits: number
  readonly sentenceEnd: boolean
  readonly dateLine: boolean
  readonly repeated: boolean
  rule: CompiledRule | null
}

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu

const countWords = (s: string) => {
  let words = 0
  let stop = 0
  let caps = 0
  let digits = 0
  WORD_RE.lastIndex = 0
  for (let m = WORD_RE.exec(s); m !== null; m = WORD_RE.exec(s)) {
    const w = m[0]
    words++
    // no stopword is longer than ten letters
    const c = w.charCodeAt(0)
    // the stopwords are lower case: only a capitalised word needs folding first
    if (w.length <= 10 && STOPWORDS.has(c >= 65 && c <= 90 ? w.toLowerCase() : c > 127 ? w.toLowerCase() : w)) stop++
    if (c >= 48 && c <= 57) digits++
    else if (c >= 65 && c <= 90) caps++
    else if (c > 127) {
      const first = w[0]!
      if (first !== first.toLowerCase()) caps++
    }
  }
  // Chinese and Japanese write no spaces: count about two characters as a word
  if (s.length >= 8 && s.length > words * 12) {
    const c = s.match(CJK_RE)
    if (c !== null && c.length >= 4) words = Math.max(words, Math.round(c.length / 2))
  }
  return { words, stop, caps, digits }
}

/** a line that is only a date (with weekday, time, "Posted/Updated" labels and the like) */
const isDateLine = (core: string, words: number): boolean => {
  if (words === 0 || words > 14 || !DATE_RE.test(core)) return false
  let other = 0
  for (const m of core.matchAll(WORD_RE)) if (!DATE_WORDS.test(m[0])) other++
  return other <= 1
}

const splitLines = (text: string): Array<Line | null> => {
  const raw = text.split("\n")
  const out: Array<Line | null> = []
  let block = 0
  let prevBlank = true
  const counts = new Map<string, number>()
  const folded = raw.map((r) => fold(r))
  for (const f of folded) if (f.length > 0) counts.set(f, (counts.get(f) ?? 0) + 1)
  // block sizes
  const blockOf: Array<number> = []
  const sizes: Array<number> = []
  for (let i = 0; i < raw.length; i++) {
    if (folded[i] === "") {
      prevBlank = true
      blockOf.push(-1)
      continue
    }
    if (prevBlank) {
      block++
      sizes[block] = 0
    }
    prevBlank = false
    blockOf.push(block)
    sizes[block] = (sizes[block] ?? 0) + 1
  }
  for (let i = 0; i < raw.length; i++) {
    const t = folded[i] ?? ""
    if (t === "") {
      out.push(null)
      continue
    }
    const r = raw[i] ?? ""
    const indent = r.length - r.trimStart().length
    const bm = BULLET_RE.exec(t)
    const core = bm ? t.slice(bm[0].length) : t
    const { words, stop, caps, digits } = countWords(core)
    const b = blockOf[i] ?? 0
    out.push({
      no: i + 1,
      text: t,
      core,
      indent,
      bullet: bm !== null,
      block: b,
      blockSize: sizes[b] ?? 1,
      words,
      stop,
      caps,
      digits,
      sentenceEnd: ENDS_SENTENCE_RE.test(core),
      dateLine: isDateLine(core, words),
      repeated: (counts.get(t) ?? 0) > 1 && words > 0,
      rule: null
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// line classification

type Klass = "good" | "near" | "short" | "bad"

/**
 * jusText-style class of one line. `stopScale` rescales stopword density on pages whose language the stopword list
 * does not cover (there long, punctuated lines count as prose whatever their stopwords).
 */
const classify = (l: Line, foreign: boolean): { klass: Klass; signal: string } => {
  if (l.words === 0) return { klass: "bad", signal: "no-words" }
  const sd = foreign ? 0.3 : l.stop / l.words
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
const FORUM_PROSE_RATIO = 1
/** post-header rules specific enough that two hits make a thread */
const STRONG_FORUM_RULES = new Set(["forum-user-date-line", "forum-number-date", "forum-posted-on", "forum-thread-start", "forum-vote-header"])

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

// ---------------------------------------------------------------------------------------------------------------
// bylines, titles and names

const NAME_TOKEN_RE = /^(?:[\p{Lu}][\p{L}'’.-]*|de|da|van|von|der|den|del|la|le|bin|al|el|du|di|y)$/u

/** "ALEXANDROVA Lyudmila" -> "Lyudmila Alexandrova"; other names as written */
export const normaliseAuthor = (name: string): string => {
  const n = fold(name.replace(/^[,;:|–—-]+|[,;:|–—-]+$/gu, ""))
  const parts = n.split(" ")
  if (parts.length >= 2) {
    const capsCount = parts.findIndex((p) => !(p.length >= 2 && p === p.toUpperCase() && /\p{Lu}/u.test(p)))
    if (capsCount > 0 && capsCount < parts.length) {
      const rest = parts.slice(capsCount)
      if (rest.every((p) => /^\p{Lu}\p{Ll}/u.test(p))) {
        const surname = parts.slice(0, capsCount).map((p) => p.charAt(0) + p.slice(1).toLowerCase().replace(/([-'’])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase()))
        return [...rest, ...surname].join(" ")
      }
    }
  }
  return n
}

const looksLikeName = (s: string): boolean => {
  const parts = fold(s).split(" ")
  if (parts.length < 1 || parts.length > 5) return false
  if (!parts.every((p) => NAME_TOKEN_RE.test(p))) return false
  return parts.some((p) => /^\p{Lu}/u.test(p))
}

const SURNAME_FIRST_RE = /^(\p{Lu}{2,}(?:[-'’]\p{Lu}+)?(?:\s\p{Lu}{2,})?)\s+(\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)?)$/u

const splitNames = (s: string): Array<string> =>
  s
    .split(/\s*(?:,|;|\band\b|&|\|)\s*/u)
    .map((x) => fold(x))
    .filter((x) => x.length > 1 && looksLikeName(x))

const BYLINE_RE = /^(?:by|written by|posted by|words by|story by|report(?:ed)? by|author|authors|von|par|por)\s*:?\s+(.{2,160})$/iu

/** names and date of a byline line, or null */
const parseByline = (l: Line, rule: CompiledRule | null): { names: Array<string>; dated: boolean } | null => {
  let tail: string | null = null
  if (rule) {
    const m = rule.re.exec(l.core)
    tail = m && m[1] !== undefined ? m[1] : null
  }
  if (tail === null) {
    const m = BYLINE_RE.exec(l.core)
    tail = m ? (m[1] ?? null) : null
  }
  if (tail === null) return null
  const dm = DATE_RE.exec(tail)
  const namePart = dm ? tail.slice(0, dm.index) : tail
  const cleaned = namePart.replace(/\b(?:on|published|posted|updated)\s*:?\s*$/iu, "").replace(/\s*[-–—|,•·]\s*$/u, "")
  const names = splitNames(cleaned.replace(/\s*[|–—]\s*.*$/u, ""))
  return { names, dated: dm !== null }
}

// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// the page's publication date

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
const COMMENTED_RE = /^commented\b/i
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

interface Decision {
  keep: boolean
  reason: string
}

export const cleanText = (text: string, rules: CleanRules): CleanResult => {
  const compiled = compileRules(rules)
  const lineRules = compiled.rules.filter((r) => r.appliesTo === "line")
  const blockRules = compiled.rules.filter((r) => r.appliesTo === "block")
  const anyRule = (s: string, words: number) => compiled.prefilterFor(words).some((re) => re.test(s))
  const lines = splitLines(text)
  const present: Array<Line> = lines.filter((l): l is Line => l !== null)
  const n = present.length

  // 1. rules
  for (const l of present) {
    if (!anyRule(l.core, l.words) && (l.core === l.text || !anyRule(l.text, l.words))) continue
    for (const r of lineRules) {
      if (l.words > r.maxWords) continue
      r.re.lastIndex = 0
      if (r.re.test(l.core) || (l.core !== l.text && r.re.test(l.text))) {
        l.rule = r
        break
      }
    }
  }
  if (blockRules.length > 0) {
    let i = 0
    while (i < n) {
      let j = i
      while (j + 1 < n && present[j + 1]!.block === present[i]!.block) j++
      const blockText = present
        .slice(i, j + 1)
        .map((l) => l.core)
        .join(" ")
      const words = present.slice(i, j + 1).reduce((s, l) => s + l.words, 0)
      for (const r of blockRules) {
        if (words > r.maxWords) continue
        if (r.re.test(blockText)) {
          for (let k = i; k <= j; k++) if (!present[k]!.rule) present[k]!.rule = r
          break
        }
      }
      i = j + 1
    }
  }

  // 2. kind: a forum when post headers recur and the first one comes before the first prose (a blog's comment
  // headers only follow its article)
  let threadStart: Line | null = null
  for (const l of present) {
    if (!threadStart && (THREAD_START_RE.test(l.core) || THREAD_STARTER_RE.test(l.core))) threadStart = l
  }
  // post headers that only forums have (join dates, counters, post numbers, "answered ... at"), of two kinds at least
  const headerIdx: Array<number> = []
  const headerKinds = new Set<string>()
  for (let i = 0; i < n; i++) {
    const r = present[i]!.rule
    if (r && r.family === "forum_header" && (r.action === "post_header" || r.action === "post_date")) {
      headerIdx.push(i)
      headerKinds.add(r.id)
    }
  }
  const firstProse = present.findIndex((l) => l.words >= 12 && !l.rule && l.stop / l.words >= 0.15 && l.sentenceEnd)
  let proseBefore = 0
  let proseAfter = 0
  if (headerIdx.length > 0)
    for (let i = 0; i < n; i++) {
      const l = present[i]!
      if (l.rule || l.words < 8 || l.stop / l.words < 0.15) continue
      if (i < headerIdx[0]!) proseBefore += l.words
      else proseAfter += l.words
    }
  // a user-and-date post line or a numbered dated post is specific enough on its own
  const strong = [...headerKinds].some((id) => STRONG_FORUM_RULES.has(id))
  const forum =
    threadStart !== null ||
    (headerIdx.length >= (strong ? 2 : 3) &&
      (strong || headerKinds.size >= 2 || headerIdx.length >= 6) &&
      headerIdx[headerIdx.length - 1]! > firstProse &&
      (headerIdx[0]! <= (firstProse < 0 ? n : firstProse) || proseBefore < FORUM_PROSE_RATIO * proseAfter))
  // 3. scores and main segment
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
  // forum threads: every post counts, short replies included; the thread runs from the first post header to the
  // thread footer (or the end of the text)
  if (forum) {
    let h1 = -1
    let hN = -1
    for (let i = 0; i < n; i++) {
      const a = present[i]!.rule?.action
      if (a === "post_header" || a === "post_date") {
        if (h1 < 0) h1 = i
        hN = i
      }
    }
    if (h1 >= 0) {
      // the thread ends at the first footer ("you must log in to reply", "similar threads") after a post header
      // that has a reply's text under it (a "similar threads" list has header-like lines of its own)
      let end = n
      let footer = -1
      for (let i = h1 + 1; i < n; i++) {
        const r = present[i]!.rule
        if (r && (r.family === "forum_footer" || (r.action === "end_content" && r.family === "related"))) {
          footer = i
          break
        }
      }
      if (footer >= 0) {
        let lastWithText = -1
        for (let i = footer - 1; i >= h1 && lastWithText < 0; i--) if (klass[i]!.klass === "good" || klass[i]!.klass === "near") lastWithText = i
        let laterPosts = false
        for (let i = footer + 1; i < n; i++) {
          const k = klass[i]!.klass
          if (k === "good" && present[i]!.words >= 25) laterPosts = true
        }
        if (lastWithText >= 0 && !laterPosts) hN = Math.min(hN, footer - 1)
      }
      for (let i = hN + 1; i < n; i++) {
        const r = present[i]!.rule
        if (r && (r.family === "forum_footer" || (r.action === "end_content" && r.family === "related"))) {
          end = i
          break
        }
      }
      // the last post ends where a long run without prose starts
      let lastProse = hN
      for (let i = hN + 1; i < end; i++) {
        const k = klass[i]!.klass
        if (k === "good" || k === "near" || (present[i]!.sentenceEnd && !present[i]!.rule)) lastProse = i
        else if (i - lastProse > 12) break
      }
      end = Math.min(end, lastProse + 1)
      // the thread starts where the densest text does (menus above may hold header-like words), or at the post
      // header just above it
      let start = h1
      if (best > 0 && s0 > h1) {
        let proseBetween = false
        for (let i = h1; i < s0; i++) if (klass[i]!.klass === "good" || klass[i]!.klass === "near") proseBetween = true
        if (!proseBetween) start = s0
      }
      for (let i = start - 1; i >= Math.max(0, start - 15); i--) {
        const a = present[i]!.rule?.action
        if (a === "post_header" || a === "post_date") start = i
      }
      for (let i = start; i < end; i++) inMain[i] = true
    }
  }

  // 4. decisions inside/outside the main segment
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
  const firstKept = decisions.findIndex((d) => d.keep)

  // 5. title: the headline-like line closest before the content
  let titleIdx = -1
  {
    const start = firstKept < 0 ? 0 : firstKept
    let bestScore = -Infinity
    for (let i = Math.max(0, start - 40); i <= Math.min(n - 1, start + 3); i++) {
      const l = present[i]!
      if (l.words < 2 || l.words > 30 || l.dateLine || l.bullet) continue
      if (l.rule && l.rule.action !== "drop") continue
      if (BYLINE_RE.test(l.core)) continue
      if (i >= start && decisions[i]!.keep && klass[i]!.klass === "good") continue
      if (/[.!?:;,]$/u.test(l.core) && !/\?$/u.test(l.core)) continue
      let s = -Math.abs(start - i) * 0.3
      if (l.words >= 4) s += 2
      if (l.words >= 6 && l.words <= 18) s += 1
      if (l.repeated) s += 1.5
      if (l.rule) s -= 3
      if (i >= start) s -= 1
      if (s > bestScore) {
        bestScore = s
        titleIdx = i
      }
    }
  }
  // a title at the head of the main segment leaves the body
  if (titleIdx >= 0 && decisions[titleIdx]!.keep) decisions[titleIdx] = { keep: false, reason: "title" }
  else if (titleIdx >= 0 && !decisions[titleIdx]!.keep && decisions[titleIdx]!.reason !== present[titleIdx]!.rule?.id)
    decisions[titleIdx] = { keep: false, reason: "title" }
  const title = titleIdx >= 0 ? present[titleIdx]!.core : null
  // repeated copies of the title are not content either
  if (title) for (let i = 0; i < n; i++) if (decisions[i]!.keep && present[i]!.core === title) decisions[i] = { keep: false, reason: "title" }

  // 6. bylines, page dates
  const authors: Array<string> = []
  let publishedHint: PublishedHint | null = null
  const headZoneEnd = firstKept < 0 ? Math.min(n - 1, 30) : Math.min(n - 1, firstKept + 3)
  const headZoneStart = Math.max(0, (titleIdx >= 0 ? titleIdx : firstKept < 0 ? 0 : firstKept) - 12)
  for (let i = headZoneStart; i <= headZoneEnd; i++) {
    const l = present[i]!
    if (decisions[i]!.keep && !(l.rule?.action === "byline")) {
      // a surname-first byline inside the head (ALEXANDROVA Lyudmila)
      if (i <= firstKept + 1 && SURNAME_FIRST_RE.test(l.core) && authors.length === 0) {
        authors.push(normaliseAuthor(l.core))
        decisions[i] = { keep: false, reason: "byline" }
      }
      continue
    }
    if (l.rule?.action === "byline" || (BYLINE_RE.test(l.core) && l.words <= 14)) {
      const b = parseByline(l, l.rule?.action === "byline" ? l.rule : null)
      if (b && b.names.length > 0) {
        for (const nm of b.names) {
          const a = normaliseAuthor(nm)
          if (!authors.includes(a)) authors.push(a)
        }
        decisions[i] = { keep: false, reason: l.rule?.id ?? "byline" }
        if (b.dated && !publishedHint) publishedHint = { text: l.core, source: "byline" }
      }
    } else if (
      authors.length === 0 &&
      titleIdx >= 0 &&
      i > titleIdx &&
      i <= titleIdx + 3 &&
      (firstKept < 0 || i < firstKept) &&
      !l.rule &&
      l.words >= 2 &&
      l.words <= 4 &&
      looksLikeName(l.core)
    ) {
      // a bare name between the headline and the text is the byline
      authors.push(normaliseAuthor(l.core))
      decisions[i] = { keep: false, reason: "byline" }
    } else if (SURNAME_FIRST_RE.test(l.core) && authors.length === 0 && Math.abs(i - (titleIdx >= 0 ? titleIdx : i)) <= 3) {
      authors.push(normaliseAuthor(l.core))
      if (decisions[i]!.keep) decisions[i] = { keep: false, reason: "byline" }
    }
  }
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

  // 7. forum threads: split posts
  const comments: Array<CleanedComment> = []
  let bodyIdx: Array<number> = []
  if (forum) {
    if (threadStart) {
      const m = THREAD_START_RE.exec(threadStart.core)
      if (m) {
        publishedHint = { text: threadStart.core, source: "thread_start" }
        const nm = fold(m[1] ?? "")
        if (nm) authors.splice(0, authors.length, nm)
      } else {
        const m2 = THREAD_STARTER_RE.exec(threadStart.core)
        if (m2) authors.splice(0, authors.length, fold(m2[1] ?? ""))
        const sd = present.find((l) => START_DATE_RE.test(l.core))
        if (sd) publishedHint = { text: sd.core, source: "thread_start" }
      }
    }
    // comments under a question or an answer (Q&A sites): the text, the commenter's name and a "Commented <date>"
    // line close under it; the thread's text is its posts, not these asides
    for (let i = 0; i < n; i++) {
      if (!COMMENTED_RE.test(present[i]!.core) || !DATE_RE.test(present[i]!.core)) continue
      let words = 0
      for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
        const l = present[k]!
        if (l.words === 0 || (l.rule && !l.dateLine) || COMMENTED_RE.test(l.core)) break
        words += l.words
        if (words > 150) break
        if (decisions[k]!.keep) decisions[k] = { keep: false, reason: "comment-on-post" }
      }
    }
    const posts = splitPosts(present, decisions, klass)
    posts.forEach((p, k) => {
      if (k === 0) {
        bodyIdx = p.lines
        if (authors.length === 0 && p.author) authors.push(p.author)
        if (!publishedHint && p.posted) publishedHint = { text: p.posted, source: "thread_start" }
      } else if (p.lines.length > 0) {
        comments.push({
          comment_no: comments.length + 1,
          author: p.author,
          posted_text: p.posted,
          body: p.lines.map((i) => present[i]!.text).join("\n\n")
        })
      }
    })
  } else {
    bodyIdx = decisions.flatMap((d, i) => (d.keep ? [i] : []))
  }

  const removed: Array<RemovedLine> = []
  decisions.forEach((d, i) => {
    if (!d.keep) removed.push({ line_no: present[i]!.no, text: present[i]!.text, reason: d.reason || "dropped" })
  })
  removed.sort((a, b) => a.line_no - b.line_no)

  const kind: DocKind = forum
    ? "forum_thread"
    : bodyIdx.length === 0
      ? "page"
      : decideKind(present, decisions)

  return {
    title,
    authors,
    kind,
    body: bodyIdx.map((i) => present[i]!.text).join("\n\n"),
    comments,
    removed,
    publishedHint
  }
}

const decideKind = (lines: ReadonlyArray<Line>, decisions: ReadonlyArray<Decision>): DocKind => {
  let words = 0
  let blogSignals = 0
  let newsSignals = 0
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (decisions[i]!.keep) words += l.words
    const r = l.rule
    if (r?.family === "comments" && /blog|comment/i.test(r.id)) blogSignals++
    if (/\b(?:blog|posted by|blogger|wordpress)\b/i.test(l.core) && l.words < 12) blogSignals++
    if (/^[\p{Lu}][\p{Lu} .,-]{2,40}\b.{0,40}\(?(?:AP|AFP|Reuters|TASS|UPI|dpa)\)?/u.test(l.core) || /\/[A-Z]{2,8}\/\.?/.test(l.core)) newsSignals++
  }
  if (words < 60) return "page"
  if (newsSignals > 0) return "news_article"
  if (blogSignals > 0) return "blog_post"
  return "news_article"
}

// ---------------------------------------------------------------------------------------------------------------
// forum posts

interface Post {
  lines: Array<number>
  author: string | null
  posted: string | null
}

const stripRank = (s: string): string => {
  const parts = fold(s.replace(/^\d{1,4}[.)]\s*/u, "")).split(" ")
  while (parts.length > 1 && RANK_WORDS.has(parts[parts.length - 1]!.toLowerCase())) parts.pop()
  return parts.join(" ")
}

/** The posts of a thread: a post starts at a run of dropped lines holding a post header. */
const splitPosts = (lines: ReadonlyArray<Line>, decisions: Array<Decision>, klass: ReadonlyArray<{ klass: Klass }>): Array<Post> => {
  const n = lines.length
  const isHeader = (i: number) => {
    const r = lines[i]!.rule
    return r !== null && (r.action === "post_header" || r.action === "post_date")
  }
  const headerish = (i: number) => {
    const l = lines[i]!
    if (isHeader(i)) return true
    if (l.rule) return l.rule.action !== "end_content"
    return l.words <= 6 && !(l.sentenceEnd && l.words >= 2) && klass[i]!.klass !== "good"
  }
  const posts: Array<Post> = []
  let cur: Post | null = null
  let i = 0
  const firstContent = decisions.findIndex((d) => d.keep)
  while (i < n) {
    if (isHeader(i) || (lines[i]!.rule === null && JOIN_LABEL_RE.test(lines[i]!.core) && lines[i]!.words <= 3)) {
      // expand the header run both ways over short header-like lines
      let a = i
      while (a - 1 >= 0 && headerish(a - 1) && !(cur && cur.lines.includes(a - 1) && klass[a - 1]!.klass !== "short")) a--
      if (cur) while (cur.lines.length > 0 && cur.lines[cur.lines.length - 1]! >= a) cur.lines.pop()
      let b = i
      while (b + 1 < n && headerish(b + 1)) b++
      // header contents: author, posted date
      let author: string | null = null
      let posted: string | null = null
      let lastLabel = -1
      for (let k = a; k <= b; k++) if (isHeader(k) && !lines[k]!.dateLine) lastLabel = k
      const cands: Array<number> = []
      for (let k = a; k <= b; k++) {
        const l = lines[k]!
        const prev = k > a ? lines[k - 1]! : null
        if (l.dateLine || (l.rule?.action === "post_date" && DATE_RE.test(l.core))) {
          const isJoin =
            (prev !== null && JOIN_LABEL_RE.test(prev.core)) ||
            JOIN_LABEL_RE.test(l.core) ||
            (k + 1 <= b && COUNTER_LABEL_RE.test(lines[k + 1]!.core))
          if (!isJoin && posted === null) posted = l.core.replace(/^(?:posted|updated|published)\s*(?:on)?\s*:?\s*/i, "")
          continue
        }
        if (!l.rule && l.words >= 1 && l.words <= 6 && k < (lastLabel < 0 ? b + 1 : lastLabel) && !/^#?\d+$/.test(l.core)) cands.push(k)
      }
      const pick = cands.length > 0 ? cands[cands.length - 1]! : -1
      if (pick >= 0) {
        let nm = stripRank(lines[pick]!.core)
        for (const c of cands) {
          const s = stripRank(lines[c]!.core)
          if (c < pick && s.length >= 2 && lines[pick]!.core.startsWith(s + " ") && s.length <= nm.length) {
            nm = s
            break
          }
        }
        if (nm.split(" ").length > 1 && !cands.some((c) => c < pick && lines[pick]!.core.startsWith(stripRank(lines[c]!.core) + " "))) {
          nm = nm.split(" ")[0] ?? nm
        }
        author = nm || null
      }
      for (let k = a; k <= b; k++) if (decisions[k]!.keep) decisions[k] = { keep: false, reason: lines[k]!.rule?.id ?? "forum-post-header" }
      cur = { lines: [], author, posted }
      posts.push(cur)
      i = b + 1
      continue
    }
    if (decisions[i]!.keep) {
      if (!cur) {
        cur = { lines: [], author: null, posted: null }
        posts.push(cur)
      }
      cur.lines.push(i)
    }
    i++
  }
  void firstContent
  // text above the first post header is the opening post only when it is substantial (a question shown above its
  // "asked ..." signature); a sponsor line or a notice is not
  const first = posts[0]
  if (first && first.author === null && first.posted === null && posts.length > 1) {
    const words = first.lines.reduce((s, i) => s + lines[i]!.words, 0)
    if (words < 30) {
      for (const i of first.lines) decisions[i] = { keep: false, reason: "before-first-post" }
      first.lines = []
    }
  }
  // posts whose header had no content before the next header merge away; drop empty ones
  const out = posts.filter((p) => p.lines.length > 0)
  return out
}
