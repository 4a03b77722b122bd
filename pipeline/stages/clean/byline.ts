/**
 * The authors, as the byline gives them. A byline is a line in the head of the page (around the headline and the
 * start of the text) in one of the forms pages use:
 *  - a cue and the names: "By X and Y", "Written by: X", "Posted on <date> by X", "Author: X", «Автор: X», a rule's
 *    capture; the names end at a date, a role, "on", "in", "|" or a reading time;
 *  - a name alone, a name and a date ("X · March 3, 2021", "<date>X"), a name and a role ("X | Staff writer",
 *    "X, Senior Reporter"), an avatar or a portrait of the name ("X's avatar", "Headshot of X");
 *  - a surname in capitals first ("ALEXANDROVA Lyudmila").
 * Post-nominal letters stay with the name ("X, MS, RD"); roles, places and news agencies after a person's name do not;
 * an agency alone is the author ("By Reuters"). Without a cue, a name must be capitalised words that the page never
 * writes in lower case (so "Primary Menu" or "Key Takeaways" are no names). A byline nearer the headline wins; a name
 * the page repeats in an author box ("About X", "X is a writer ...") is preferred. When the head has none, a
 * "Written by X" line after the text counts. Pure.
 */
import type { CleanContext } from "./context.js"
import { DATE_RE, DATE_WORDS, STOPWORDS, type Line } from "./lines.js"
import { foldSpace as fold, normaliseAuthor } from "../text.js"

const NAME_TOKEN_RE = /^(?:[\p{Lu}][\p{L}\p{M}'’.-]*|de|da|van|von|der|den|del|la|le|bin|al|el|du|di|y|dos|das|ibn|ter|ten)$/u
const PARTICLES = new Set(["de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "el", "du", "di", "y", "dos", "das", "ibn", "ter", "ten"])

export const looksLikeName = (s: string): boolean => {
  const parts = fold(s).split(" ")
  if (parts.length < 1 || parts.length > 5) return false
  if (!parts.every((p) => NAME_TOKEN_RE.test(p))) return false
  return parts.some((p) => /^\p{Lu}/u.test(p))
}

const SURNAME_FIRST_RE = /^(\p{Lu}{2,}(?:[-'’]\p{Lu}+)?(?:\s\p{Lu}{2,})?)\s+(\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)?)$/u

/** a line that opens with an author cue (kept for the title finder, which never takes a byline for the headline) */
export const BYLINE_RE = /^(?:by|written by|posted by|words by|story by|report(?:ed)? by|author|authors|von|par|por|автор|авторы)\s*:?\s+(.{2,160})$/iu

/**
 * An author cue and what follows it: at the start of the line, after a date ("<date> by X"), or as "Written by",
 * "Posted by", a capitalised "By" anywhere. w3m glues words of adjacent elements: "ByJane Doe", "Written byJANE".
 */
const CUE_AT_START_RE =
  /^(?:(?:(?:written|posted|words|story|text|reported|reporting|compiled|published|created|submitted)\s+)?by(?:\s*:\s*|\s+|(?=\p{Lu}))|(?:authors?|contributors?|автор(?:ы)?|текст)(?:\s*:\s*|\s+)|(?:von|par|por)\s+)(?=\S)/iu
const CUE_INSIDE_RE = /(?:^|[\s.,;:|·•(\]])(?:(?:[Ww]ritten|[Pp]osted|[Ww]ords|[Ss]tory|[Rr]eported)\s+by|By)(?=[\s:]|\p{Lu})\s*:?\s*/u
const LOWER_BY_RE = /\s+by\s+/u

/** where the names after a cue end (w3m glues the next element: "Jane DoeUpdated", "Jane DoeMarch 3, 2021") */
const NAMES_END_RE =
  /\s+(?:[Oo]n|[Ii]n|[Aa]t|[Ff]or|[Ff]rom|[Vv]ia|[Uu]pdated|UPDATED|[Pp]ublished|PUBLISHED|[Pp]osted|[Ll]ast|[Rr]eviewed|[Ff]act[- ][Cc]hecked|[Ee]dited|[Rr]ead|min|[Mm]inutes?|[Hh]ours?|[Dd]ays?|ago)\b|\s+\d|\s[–—]\s?|\s-\s|[|·•(]|(?<=\p{Ll})(?=(?:Published|Updated|Posted|Last|Reviewed|Edited|Fact|In|On)\b|\p{Lu}\p{Ll}{2,8}\.?\s\d)/u
/** post-nominal letters: MS, RD, Ph.D., M.D., CFP®, E-RYT 200, Jr. */
const POST_NOMINAL_RE = /^(?:\p{Lu}{2,6}[®™]?|(?:\p{Lu}\.){1,3}|Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?|II|III|IV|\p{Lu}{1,4}-\p{Lu}{2,5}(?: \d{1,4})?|\p{Lu}{2,6} \p{Lu}{2,6})$/u
const AGENCIES = new Set([
  "reuters",
  "associated press",
  "ap",
  "afp",
  "agence france-presse",
  "bloomberg",
  "tass",
  "ria novosti",
  "interfax",
  "upi",
  "dpa",
  "pa",
  "pa media",
  "ani",
  "pti",
  "xinhua",
  "efe",
  "ansa",
  "kyodo",
  "yonhap",
  "anadolu",
  "тасс",
  "риа новости",
  "интерфакс"
])
/** words of a role, a job title or a desk after a name: "X, Senior Reporter", "X | Staff writer" */
const ROLE_RE =
  /\b(?:editor|writer|reporter|correspondent|contributor|columnist|staff|author|journalist|analyst|founder|co-founder|ceo|cto|coo|president|director|manager|expert|specialist|producer|blogger|photographer|dietitian|nutritionist|professor|lecturer|researcher|lawyer|attorney|doctor|physician|nurse|engineer|consultant|strategist|designer|developer|officer|chief|head|lead|intern|fellow|student|member|owner|partner|host|anchor|team|desk|редактор|корреспондент|обозреватель|журналист|автор)s?\b/iu
/** what an avatar or a portrait line adds around the name */
const PORTRAIT_RE = /^(?:(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image)) of\s+)?(.+?)(?:'s|’s)?(?:\s+(?:avatar|photo|headshot|portrait|profile (?:picture|photo|image)|offline|online|verified))?$/iu
const LEADING_BRACKETS_RE = /^(?:\[[^\]]{0,80}\]\s*)+/u
const USERNAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,39}$/u
/** the author box after the text: "About X", "More from X", "X is a writer ..." */
const AUTHOR_BOX_RE = /^(?:about(?: the author)?|more (?:from|by|articles by|posts by|stories by)|recently by|all posts by|view all posts by|meet)\s*:?\s+(.{2,60})$/iu
const BIO_RE = /^((?:\p{Lu}[\p{L}\p{M}'’.-]*\s){1,3}\p{Lu}[\p{L}\p{M}'’.-]*)\s(?:is|was|has been|writes|covers)\b/u

/** how far around the headline and the start of the text a byline may stand */
const ABOVE_TITLE = 4
const BELOW_TITLE = 14
const AROUND_START = 4

/** A repeated name glued or spaced ("Jane DoeJane Doe", "Jane Doe Jane Doe") is the name once. */
const undouble = (s: string): string => {
  if (s.length > 120) return s
  const m = /^(.{3,60}?)\s?\1+$/u.exec(s)
  return m ? m[1]!.trim() : s
}

/** Words the page writes in lower case somewhere: in a name they show a phrase ("Primary Menu"), not a person. */
const makeCommonWordTest = (lines: ReadonlyArray<Line>) => {
  let text: string | null = null
  const cache = new Map<string, boolean>()
  return (word: string): boolean => {
    const w = word.toLowerCase()
    if (STOPWORDS.has(w) || DATE_WORDS.test(w)) return true
    const hit = cache.get(w)
    if (hit !== undefined) return hit
    text ??= lines.map((l) => l.core).join("\n")
    let found = false
    for (let at = text.indexOf(w); at >= 0 && !found; at = text.indexOf(w, at + 1)) {
      const before = at === 0 ? "" : text[at - 1]!
      const after = text[at + w.length] ?? ""
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) found = true
    }
    cache.set(w, found)
    return found
  }
}
type CommonWord = (word: string) => boolean

/** a person's or an organisation's name without a cue: capitalised words the page does not use as common words */
const isBareName = (s: string, common: CommonWord, allowOneWord: boolean): boolean => {
  if (!looksLikeName(s)) return false
  const parts = s.split(" ")
  if (parts.length === 1 && !allowOneWord) return false
  const words = parts.filter((p) => !PARTICLES.has(p) && !/^\p{Lu}\.$/u.test(p))
  if (words.length === 0 || words.some((p) => common(p.replace(/[.'’-]+$/u, "")))) return false
  return true
}

/** The names of a byline's tail ("Jane Doe, MS, RD and John Roe, Staff writer"), cut where the names end. */
const namesOfTail = (tail: string, common: CommonWord): Array<string> => {
  const date = DATE_RE.exec(tail)
  const names0 = date ? tail.slice(0, date.index) : tail
  const end = NAMES_END_RE.exec(names0)
  const part = (end ? names0.slice(0, end.index) : names0).replace(/[\s,;:]+$/u, "")
  const pieces = part.split(/\s*(?:,|;|\s&\s|\sand\s|\sи\s)\s*/u).map((p) => p.trim()).filter((p) => p !== "")
  const names: Array<string> = []
  for (const raw of pieces) {
    const piece = undouble(raw.replace(/^(?:and|the)\s+(?=\p{Lu})/u, (m) => (m.startsWith("the") ? m : "")))
    if (names.length > 0 && POST_NOMINAL_RE.test(piece)) {
      names[names.length - 1] = `${names[names.length - 1]}, ${piece}`
      continue
    }
    if (SURNAME_FIRST_RE.test(piece)) {
      names.push(normaliseAuthor(piece))
      continue
    }
    if (AGENCIES.has(piece.toLowerCase())) {
      if (names.length === 0) names.push(piece)
      break
    }
    if (ROLE_RE.test(piece) && names.length > 0) break
    const words = piece.split(" ")
    const isName =
      looksLikeName(piece) ||
      (words.length === 1 && USERNAME_RE.test(piece) && !common(piece)) ||
      // a desk or a team as written: "the Lavazza Team", "News Desk"
      (words.length <= 5 && /^(?:the\s)?\p{Lu}/u.test(piece) && ROLE_RE.test(piece))
    if (!isName) break
    names.push(piece)
  }
  return names
}

interface Byline {
  readonly names: ReadonlyArray<string>
  /** cue > portrait or name with role/date > bare name */
  readonly strength: number
  readonly dated: boolean
}

/**
 * The byline a line states, if any. A name without a cue counts only `withoutCue` (between the headline and the text,
 * right under the headline or beside other metadata); a single word without a cue only beside a date on its line.
 */
const bylineOf = (l: Line, common: CommonWord, withoutCue: boolean): Byline | null => {
  if (l.words === 0 || l.words > 30) return null
  const text = l.core.replace(LEADING_BRACKETS_RE, "")
  const dated = DATE_RE.test(text)
  // a cue and the names after it
  const rule = l.rule?.action === "byline" ? l.rule : null
  let tail: string | null = null
  if (rule) {
    const m = rule.re.exec(l.core)
    if (m && m[1] !== undefined) tail = m[1]
  }
  if (tail === null) {
    const m = CUE_AT_START_RE.exec(text)
    if (m) tail = text.slice(m[0].length)
  }
  if (tail === null && l.words <= 24) {
    const m = CUE_INSIDE_RE.exec(text)
    if (m) tail = text.slice(m.index + m[0].length)
    else {
      // "<date> by X"
      const d = DATE_RE.exec(text)
      const by = d ? LOWER_BY_RE.exec(text.slice(d.index + d[0].length)) : null
      if (d && by && by.index <= 2) tail = text.slice(d.index + d[0].length + by.index + by[0].length)
    }
  }
  if (tail !== null) {
    const names = namesOfTail(tail, common)
    return names.length > 0 ? { names, strength: 3, dated } : null
  }
  if (l.words > 12 || !withoutCue) return null
  // a name with a date: "X · March 3, 2021", "<date>X", "X on March 3, 2021"
  if (dated) {
    const rest = fold(text.replace(DATE_RE, " ").replace(/\b(?:on|at|\d{1,2}:\d\d(?:\s?[ap]m)?|[ap]m)\b/giu, " ").replace(/[·•|,–—-]+/gu, " "))
    if (rest !== "" && isBareName(undouble(rest), common, true)) return { names: [undouble(rest)], strength: 2, dated }
    return null
  }
  // a surname first in capitals
  if (SURNAME_FIRST_RE.test(text) && isBareName(text, common, false)) return { names: [normaliseAuthor(text)], strength: 2, dated: false }
  // a portrait, an avatar or a name alone
  const portrait = PORTRAIT_RE.exec(text)
  const bare = undouble(portrait ? portrait[1]!.trim() : text)
  if (isBareName(bare, common, false)) return { names: [bare], strength: bare === text ? 1 : 2, dated: false }
  // several names: "A, B and C"
  const list = text.split(/\s*(?:,|;|\s&\s|\sand\s)\s*/u)
  if (list.length >= 2 && list.every((p) => isBareName(p, common, false))) return { names: list, strength: 2, dated: false }
  // a name and a role: "X, Senior Reporter", "X | Staff writer", "X – Cyber Security", "X USA TODAY"
  const split = /^(.{3,60}?)(?:\s*[,|]\s*|\s[–—-]\s|\s(?=\p{Lu}{2,}(?:\s\p{Lu}{2,})*$))(.{2,80})$/u.exec(text)
  if (split && isBareName(split[1]!, common, false) && (ROLE_RE.test(split[2]!) || /^\p{Lu}{2,}(?:\s\p{Lu}{2,})*$/u.test(split[2]!)))
    return { names: [split[1]!], strength: 2, dated: false }
  return null
}

const METADATA_RULES = new Set(["reading-time", "avatar-line", "date-label", "byline", "byline-lower"])

/** a date, an avatar, a reading time or a cue within two lines: the page's metadata block */
const metadataAround = (lines: ReadonlyArray<Line>, i: number): boolean => {
  for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 2); k++) {
    if (k === i) continue
    const l = lines[k]!
    if (l.dateLine || (l.rule !== null && METADATA_RULES.has(l.rule.id)) || (l.words <= 3 && CUE_AT_START_RE.test(l.core + " X"))) return true
  }
  return false
}

/** how the page elsewhere confirms a name as its author's: an author box, a bio, a second byline */
const confirmedNames = (lines: ReadonlyArray<Line>, from: number): Set<string> => {
  const out = new Set<string>()
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!
    if (l.words > 40) continue
    const box = AUTHOR_BOX_RE.exec(l.core)
    if (box) out.add(fold(box[1]!).toLowerCase())
    const bio = BIO_RE.exec(l.core)
    if (bio && (l.rule?.id === "author-bio" || ROLE_RE.test(l.core))) out.add(fold(bio[1]!).toLowerCase())
  }
  return out
}

/** Bylines in the head of the page give the authors (a dated byline also gives the published hint). */
export const findBylines = (ctx: CleanContext): void => {
  const { lines, decisions, firstKept, titleIdx, authors } = ctx
  const n = lines.length
  if (n === 0) return
  const start = firstKept < 0 ? 0 : firstKept
  const common = makeCommonWordTest(lines)
  const zone = new Set<number>()
  if (titleIdx >= 0) for (let i = Math.max(0, titleIdx - ABOVE_TITLE); i <= Math.min(n - 1, titleIdx + BELOW_TITLE); i++) zone.add(i)
  for (let i = Math.max(0, start - (titleIdx >= 0 ? AROUND_START : 3 * AROUND_START)); i <= Math.min(n - 1, start + AROUND_START); i++) zone.add(i)
  zone.delete(titleIdx)
  const anchor = titleIdx >= 0 ? titleIdx : start
  let confirmed: Set<string> | null = null
  let best: { i: number; b: Byline; score: number } | null = null
  for (const i of [...zone].sort((a, b) => a - b)) {
    const l = lines[i]!
    // body prose is no byline; a kept short line may be (a name between the headline and the text)
    if (decisions[i]!.keep && l.words > 12 && l.rule?.action !== "byline") continue
    if (l.rule && l.rule.action !== "byline" && l.rule.action !== "drop" && l.rule.action !== "post_date" && l.rule.action !== "post_header") continue
    const below = i - anchor
    // a byline without a cue stands between the headline and the text
    const inHead = titleIdx >= 0 ? i > titleIdx && i <= start + 1 : i < start && i >= start - 6
    const besideMetadata = inHead && metadataAround(lines, i)
    const b = bylineOf(l, common, inHead && (besideMetadata || below <= 3))
    // inside the text only a cue or a name with a date is a byline (a listicle's item may be a name alone)
    if (!b || (decisions[i]!.keep && i >= start && b.strength < 2)) continue
    confirmed ??= confirmedNames(lines, Math.min(start + 1, n))
    const isConfirmed = b.names.some((nm) => confirmed!.has(nm.toLowerCase()))
    // below the headline beats above it; nearer beats farther
    const score = b.strength * 2 + (isConfirmed ? 3 : 0) - (below > 0 ? below * 0.15 : 1 + -below * 0.3)
    if (!best || score > best.score) best = { i, b, score }
  }
  if (best) {
    for (const nm of best.b.names) if (!authors.includes(nm)) authors.push(nm)
    const l = lines[best.i]!
    if (decisions[best.i]!.keep) decisions[best.i] = { keep: false, reason: "byline" }
    else if (l.rule?.action === "byline") decisions[best.i] = { keep: false, reason: l.rule.id }
    if (best.b.dated && best.b.strength === 3 && !ctx.publishedHint) ctx.publishedHint = { text: l.core, source: "byline" }
    return
  }
  // no byline in the head: a "Written by X" line after the text
  let lastKept = -1
  for (let i = n - 1; i >= 0; i--)
    if (decisions[i]!.keep) {
      lastKept = i
      break
    }
  if (lastKept < 0) return
  for (let i = lastKept + 1; i < Math.min(n, lastKept + 40); i++) {
    const l = lines[i]!
    if (!CUE_AT_START_RE.test(l.core.replace(LEADING_BRACKETS_RE, "")) || l.words > 12) continue
    const b = bylineOf(l, common, false)
    if (b && b.strength === 3) {
      for (const nm of b.names) if (!authors.includes(nm)) authors.push(nm)
      return
    }
  }
}
