/**
 * The authors, as the byline gives them. A byline is a line in the head of the page (around the headline and the
 * start of the text) in one of the forms pages use:
 *  - a cue and the names: "By X and Y", "Written by: X", "Posted on <date> by X", "Author: X", «Автор: X», a rule's
 *    capture; the names end at a date, a role, "on", "in", "|" or a reading time;
 *  - a name alone, a name and a date ("X · March 3, 2021", "<date>X"), a name and a role ("X | Staff writer",
 *    "X, Senior Reporter"), an avatar or a portrait of the name ("X's avatar", "Headshot of X");
 *  - a surname in capitals first ("ALEXANDROVA Lyudmila").
 * Post-nominal letters stay with the name ("X, MS, RD"); roles, places and news agencies after a person's name do not;
 * an agency alone is the author ("By Reuters"). Without a cue, a name must be capitalised words that the page does not
 * also write in lower case ("Primary Menu", "Our Blogs" are no names), and a name alone on its line needs evidence: a
 * date, an avatar, a role or a cue beside it, the same name repeated beside it, the line right under the headline,
 * or the page naming it again in an author box ("About X", "X is a writer ..."). A stronger form nearer the
 * headline wins. When the head has none, a "Written by X" line after the text counts. Pure.
 */
import type { CleanContext } from "./context.js"
import { DATE_RE, DATE_WORDS, STOPWORDS, type Line } from "./lines.js"
import { foldSpace as fold, normaliseAuthor } from "../text.js"

const NAME_TOKEN_RE = /^(?:[\p{Lu}][\p{L}\p{M}'’.-]*|de|da|van|von|der|den|del|la|le|bin|al|el|du|di|y|dos|das|ibn|ter|ten)$/u
const PARTICLES = new Set(["de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "el", "du", "di", "y", "dos", "das", "ibn", "ter", "ten", "los", "las", "des"])

export const looksLikeName = (s: string): boolean => {
  const parts = fold(s).split(" ")
  if (parts.length < 1 || parts.length > 5) return false
  if (!parts.every((p) => NAME_TOKEN_RE.test(p))) return false
  return parts.some((p) => /^\p{Lu}/u.test(p))
}

/** a surname in capitals before the given name: "ALEXANDROVA Lyudmila", "VAN DIJK Pieter" (not an acronym: "ASU Online") */
const SURNAME_FIRST_RE = /^((?:\p{Lu}{2,}\s)?\p{Lu}{4,}(?:[-'’]\p{Lu}+)?)\s+(\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)?)$/u

/** a line that opens with an author cue (kept for the title finder, which never takes a byline for the headline) */
export const BYLINE_RE = /^(?:by|written by|posted by|words by|story by|report(?:ed)? by|author|authors|von|par|por|автор|авторы)\s*:?\s+(.{2,160})$/iu

/**
 * An author cue and what follows it: at the start of the line, after a date ("<date> by X"), or as "Written by",
 * "Posted by", a capitalised "By" anywhere. w3m glues words of adjacent elements: "ByJane Doe", "Written byJANE".
 */
const CUE_AT_START_RE =
  /^(?:(?:(?:written|posted|words|story|text|reported|reporting|compiled|published|created|submitted)\s+)?by(?:\s*:\s*|\s+|(?=\p{Lu}))|(?:authors?|contributors?|автор(?:ы)?|текст)(?:\s*:\s*|\s+)|(?:von|par|por)\s+)(?=\S)/iu
const CUE_INSIDE_RE =
  /(?:^|[\s.,;:|·•(\]])(?<!(?:[Rr]eviewed|REVIEWED|[Ee]dited|[Cc]hecked|[Pp]hotos?|[Ii]llustrations?|[Dd]esigned|[Pp]roduced|[Ss]ponsored|[Pp]owered|[Hh]osted|[Pp]resented|[Ss]upported|[Cc]ourtesy|[Ii]mage|[Vv]ideo)\s)(?:(?:[Ww]ritten|[Pp]osted|[Ww]ords|[Ss]tory|[Rr]eported)\s+by|By)(?=[\s:]|\p{Lu})\s*:?\s*/u
const LOWER_BY_RE = /\s+by\s+/u
/** "Recipe by X", "Essay by X": a kind of piece and its author, on a short line */
const NOUN_BY_RE =
  /^(?:recipe|article|post|story|guide|review|essay|column|interview|report|analysis|feature|poem|text|piece|commentary|opinion|editorial|letter|newsletter|episode|tutorial|lesson)\s+by\s+(?=\p{Lu})/iu

/** where the names after a cue end (w3m glues the next element: "Jane DoeUpdated", "Jane DoeMarch 3, 2021") */
const NAMES_END_RE =
  /\s+(?:[Oo]n|[Ii]n|[Aa]t|[Ff]or|[Ff]rom|[Vv]ia|[Uu]pdated|UPDATED|[Pp]ublished|PUBLISHED|[Pp]osted|[Ll]ast|[Rr]eviewed|[Ff]act[- ][Cc]hecked|[Ee]dited|[Rr]ead|min|ago)\b|\s+\d|\s?[–—]|\s-\s|[|·•(]|(?<=\p{Ll})(?=(?:Published|Updated|Posted|Last|Reviewed|Edited|Fact|In|On)\b|\p{Lu}\p{Ll}{2,8}\.?\s\d)/u
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
  /\b(?:executive|senior|junior|associate|assistant|deputy|managing|contributing|principal|editor|writer|reporter|correspondent|contributor|columnist|staff|author|journalist|analyst|founder|co-founder|ceo|cto|coo|president|director|manager|expert|specialist|producer|blogger|photographer|dietitian|nutritionist|professor|lecturer|researcher|lawyer|attorney|doctor|physician|nurse|engineer|consultant|strategist|designer|developer|officer|chief|head|lead|intern|fellow|student|member|owner|partner|host|anchor|team|desk|редактор|корреспондент|обозреватель|журналист|автор)s?\b/iu
/** what an avatar or a portrait line adds around the name */
const PORTRAIT_RE = /^(?:(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image)) of\s+)?(.+?)(?:'s|’s)?(?:\s+(?:avatar|photo|headshot|portrait|profile (?:picture|photo|image)|offline|online|verified))?$/iu
const LEADING_BRACKETS_RE = /^(?:\[[^\]]{0,80}\]\s*)+/u
const PORTRAIT_OF_RE = /^(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image)) of\s/iu
const USERNAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,39}$/u
/** what makes a lower-case word a handle rather than a word: a digit, "_", ".", "-", or a capital after its start */
const HANDLE_RE = /[\p{N}_.-]|.\p{Lu}/u
/** the author box after the text: "About X", "More from X", "X is a writer ..." */
const AUTHOR_BOX_RE = /^(?:about(?: the author)?|more (?:from|by|articles by|posts by|stories by)|recently by|all posts by|view all posts by|meet)\s*:?\s+(.{2,60})$/iu
const BIO_RE = /^((?:\p{Lu}[\p{L}\p{M}'’.-]*\s){1,3}\p{Lu}[\p{L}\p{M}'’.-]*)\s(?:is|was|has been|writes|covers)\b/u

/** how far around the headline and the start of the text a byline may stand */
const ABOVE_TITLE = 4
const CUE_ABOVE_TITLE = 8
const BELOW_TITLE = 14
const AROUND_START = 4

/** A repeated name glued or spaced ("Jane DoeJane Doe", "Jane Doe Jane Doe") is the name once. */
const undouble = (s: string): string => {
  if (s.length > 120) return s
  const m = /^(.{3,60}?)\s?\1+$/u.exec(s)
  return m ? m[1]!.trim() : s
}

/**
 * Words the page writes in lower case: in a name they show a phrase ("Primary Menu"), not a person. `common(w)`: the
 * word is a stopword, a date word or written in lower case somewhere; `lowerCount(w)`: how often it is written so.
 */
const makeCommonWordTest = (lines: ReadonlyArray<Line>) => {
  let text: string | null = null
  const cache = new Map<string, number>()
  const lowerCount = (word: string): number => {
    const w = word.toLowerCase()
    const hit = cache.get(w)
    if (hit !== undefined) return hit
    text ??= lines.map((l) => l.core).join("\n")
    let found = 0
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      // a word of its own, not part of an address ("hello@site.com") or of a longer word
      const before = at === 0 ? " " : text[at - 1]!
      const after = text[at + w.length] ?? " "
      const next = text[at + w.length + 1] ?? " "
      if (/[\s("“‘]/u.test(before) && (/[\s,;:!?)"”’]/u.test(after) || (after === "." && !/[\p{L}\p{N}]/u.test(next)))) found++
    }
    cache.set(w, found)
    return found
  }
  const common = (word: string): boolean => {
    const w = word.toLowerCase()
    return STOPWORDS.has(w) || DATE_WORDS.test(w) || lowerCount(w) > 0
  }
  return { common, lowerCount }
}
type CommonWord = (word: string) => boolean

/** a team or a desk as written: "The Investopedia Team", "Podium Staff", "News Desk" */
const TEAM_RE =
  /^(?:[Tt]he\s)?((?:[\p{Lu}\p{N}][\p{L}\p{N}&'’.-]*\s){0,4})(?:[Tt]eam|[Ss]taff|[Dd]esk|[Ee]ditors|[Nn]ewsroom)$|^Team\s((?:[\p{Lu}\p{N}][\p{L}\p{N}&'’.-]*\s?){1,3})$/u
const ACRONYM_RE = /^\p{Lu}{2,}$/u
const DATES_RE = new RegExp(DATE_RE.source, "giu")

/** Capitalised words (and particles) at the head of a piece, up to five; an acronym or a role word after a name ends it. */
const leadingName = (piece: string): string => {
  const out: Array<string> = []
  for (const w of piece.split(" ")) {
    if (!NAME_TOKEN_RE.test(w) || out.length === 5) break
    if (out.length >= 1 && ((ACRONYM_RE.test(w) && !ACRONYM_RE.test(out[0]!)) || ROLE_RE.test(w))) break
    out.push(w)
  }
  while (out.length > 0 && PARTICLES.has(out[out.length - 1]!)) out.pop()
  return out.join(" ")
}

/**
 * How sure a name without a cue must be: "strict", no word of it is one the page writes in lower case; "lenient" (with
 * evidence beside it), not every word.
 */
type Plausibility = "strict" | "lenient"
const plausibleName = (name: string, common: CommonWord, how: Plausibility): boolean => {
  // particles and initials say nothing, nor does a surname that is also a particle ("Mahua Das", "Anna Le")
  const words = name
    .split(" ")
    .filter((p, k) => !PARTICLES.has(p) && !/^\p{Lu}\.$/u.test(p) && !(k > 0 && PARTICLES.has(p.toLowerCase())))
  if (words.length === 0) return false
  const isCommon = (p: string) => common(p.replace(/[.'’-]+$/u, ""))
  return how === "strict" ? !words.some(isCommon) : !words.every(isCommon)
}

/** a run of words that ends the names when it follows them: a role, or an organisation in capitals */
const isRoleOrOrganisation = (s: string): boolean => ROLE_RE.test(s) || /^(?:\p{Lu}{2,}[\s,&]*)+$/u.test(s)

/**
 * The names a byline text gives ("Jane Doe, MS, RD and John Roe, Staff writer"). `open`: the names end where a date, a
 * role, "on", "in", "|" or a reading time starts (after a cue, a date or a portrait); `cue`: a user name in lower case
 * is a name too. Otherwise the whole text must be names (two to four words each, or one with `oneWord`), post-nominal
 * letters, roles and organisations.
 */
const namesIn = (
  text: string,
  opts: {
    readonly open: boolean
    readonly cue: boolean
    readonly oneWord: boolean
    readonly how: Plausibility
    readonly lowerCount?: (word: string) => number
  },
  common: CommonWord
): Array<string> => {
  let t = fold(text.replace(/\[[^\]]{0,80}\]/gu, " "))
  if (opts.open) {
    // "Author: Posted by X": the second cue
    for (let m = CUE_AT_START_RE.exec(t); m; m = CUE_AT_START_RE.exec(t)) t = t.slice(m[0].length)
    const date = DATE_RE.exec(t)
    if (date) t = t.slice(0, date.index)
    const end = NAMES_END_RE.exec(t)
    if (end) t = t.slice(0, end.index)
  }
  // a sentence's full stop goes, an abbreviation's stays ("Ph.D.")
  t = t.replace(/[\s,;:]+$/u, "").replace(/(?<=[^.\s]\p{L}{2,})\.$/u, "")
  const pieces = t
    .split(/\s*(?:,|;|\s&\s|\sand\s|\sи\s)\s*/u)
    .map((p) => p.replace(/^(?:and|и)\s+/u, "").trim())
    .filter((p) => p !== "")
  const names: Array<string> = []
  for (const raw of pieces) {
    const piece = undouble(raw)
    if (names.length > 0 && POST_NOMINAL_RE.test(piece)) {
      names[names.length - 1] = `${names[names.length - 1]}, ${piece}`
      continue
    }
    if (AGENCIES.has(piece.toLowerCase())) {
      if (names.length === 0) names.push(piece)
      break
    }
    const team = TEAM_RE.exec(piece)
    const teamName = team ? (team[1] ?? team[2] ?? "").trim() : ""
    if (team && (opts.cue || (teamName !== "" && plausibleName(teamName, common, opts.how)))) {
      names.push(piece)
      continue
    }
    if (names.length > 0 && isRoleOrOrganisation(piece)) break
    if (SURNAME_FIRST_RE.test(piece) && (opts.cue || plausibleName(piece, common, opts.how))) {
      names.push(normaliseAuthor(piece))
      continue
    }
    // a user name after a cue, alone: a handle (a digit, "_", ".", "-" or a capital inside it), not an address, and
    // written in lower case nowhere but on the byline itself
    if (
      opts.cue &&
      names.length === 0 &&
      pieces.length === 1 &&
      USERNAME_RE.test(piece) &&
      HANDLE_RE.test(piece) &&
      !piece.includes("@") &&
      !(STOPWORDS.has(piece.toLowerCase()) || DATE_WORDS.test(piece) || (opts.lowerCount?.(piece) ?? 0) > 1)
    ) {
      names.push(piece)
      continue
    }
    const nm = undouble(leadingName(piece))
    const size = nm === "" ? 0 : nm.split(" ").length
    const rest = piece.slice(nm.length).trim()
    if (opts.open) {
      // after a cue a name may hold common words ("Madison Green"), not only common words ("Recent Posts")
      const how = opts.cue ? "lenient" : opts.how
      if (size === 0 || (!opts.cue && size === 1 && !opts.oneWord) || !plausibleName(nm, common, how)) break
      names.push(nm)
      if (rest !== "") break
      continue
    }
    // a closed text: names, then at most a role or an organisation
    if (size === 0 || size > 4 || (size === 1 && !opts.oneWord) || !plausibleName(nm, common, opts.how)) return []
    if (rest !== "" && !isRoleOrOrganisation(rest)) return []
    names.push(nm)
    if (rest !== "") break
  }
  return names
}

/** "Byline profile imageWritten by X": a cue glued to the word before it */
const GLUED_CUE_RE = /(?<=\p{Ll})(?:Written by|Posted by|By)\s*:?\s*(?=\p{Lu})/u
/** a line that is only a cue: the names are on the next line */
const CUE_ONLY_RE = /^(?:(?:written|posted|words|story|text|reported)\s+by|by|authors?|contributors?|автор(?:ы)?)\s*:?$/iu
/** a line that is only a role ("Content Editor", "VP - Technology") */
const ROLE_LINE_RE = /^[\p{L}\s&/,.()–-]{2,60}$/u

/** The form a byline takes: a cue, a date or a portrait with the name, names with a role, a name alone. */
type Form = "cue" | "dated" | "portrait" | "named" | "alone"
const STRENGTH: Record<Form, number> = { cue: 3, dated: 2, portrait: 2, named: 2, alone: 1 }

interface Byline {
  readonly names: ReadonlyArray<string>
  readonly form: Form
  readonly dated: boolean
}

/** what stands beside a line: evidence that a name on it is a byline */
interface Beside {
  /** a date, an avatar, a reading time, a cue or a role within two lines */
  readonly metadata: boolean
  /** a date line right above or below */
  readonly date: boolean
  /** the same line right above or below (an image's alt text and the name) */
  readonly repeated: boolean
}

const besideOf = (lines: ReadonlyArray<Line>, i: number): Beside => {
  let metadata = false
  for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 2) && !metadata; k++) {
    if (k === i) continue
    const l = lines[k]!
    metadata =
      l.dateLine ||
      (l.rule !== null && METADATA_RULES.has(l.rule.id)) ||
      CUE_ONLY_RE.test(l.core) ||
      (l.words <= 5 && !l.sentenceEnd && ROLE_LINE_RE.test(l.core) && ROLE_RE.test(l.core))
  }
  const same = (k: number) => k >= 0 && k < lines.length && lines[k]!.core === lines[i]!.core
  const dateAt = (k: number) => k >= 0 && k < lines.length && lines[k]!.dateLine
  return { metadata, date: dateAt(i - 1) || dateAt(i + 1), repeated: same(i - 1) || same(i + 1) }
}

const METADATA_RULES = new Set(["reading-time", "avatar-line", "date-label", "byline", "byline-lower"])

/** The cue's tail on a line, if it has a cue: at its start, after a sentence, glued, or "<date> by X". */
const cueTail = (l: Line, text: string, next: Line | null): string | null => {
  if (l.rule?.action === "byline") {
    const m = l.rule.re.exec(l.core)
    if (m && m[1] !== undefined) return m[1]
  }
  if (CUE_ONLY_RE.test(text)) return next && next.words <= 12 ? next.core : null
  const start = CUE_AT_START_RE.exec(text)
  if (start) return text.slice(start[0].length)
  // "Recipe by X", "Essay by X" on a short line
  const nounBy = l.words <= 6 ? NOUN_BY_RE.exec(text) : null
  if (nounBy) return text.slice(nounBy[0].length)
  const inside = CUE_INSIDE_RE.exec(text) ?? GLUED_CUE_RE.exec(text)
  // inside a longer line only after a sentence: "... the U.S. and Canada. By Jane Doe on Dec. 1"
  if (inside) return l.words <= 24 || /[.!?…]\s*$/u.test(text.slice(0, inside.index + 1)) ? text.slice(inside.index + inside[0].length) : null
  if (l.words > 24) return null
  const d = DATE_RE.exec(text)
  const by = d ? LOWER_BY_RE.exec(text.slice(d.index + d[0].length)) : null
  return d && by && by.index <= 2 ? text.slice(d.index + d[0].length + by.index + by[0].length) : null
}

/** The byline a line states, if any; `cueOnly`: far from the headline only a cue counts. */
const bylineOf = (
  l: Line,
  next: Line | null,
  beside: Beside,
  words: { readonly common: CommonWord; readonly lowerCount: (word: string) => number },
  cueOnly: boolean
): Byline | null => {
  const { common, lowerCount } = words
  if (l.words === 0 || l.words > 40) return null
  const text = l.core.replace(LEADING_BRACKETS_RE, "")
  const dated = DATE_RE.test(text)
  const tail = cueTail(l, text, next)
  if (tail !== null) {
    const names = namesIn(tail, { open: true, cue: true, oneWord: true, how: "lenient", lowerCount }, common)
    return names.length > 0 ? { names, form: "cue", dated } : null
  }
  // page furniture a rule names (menus, share buttons, footers) is no byline without a cue
  if (cueOnly || (l.rule !== null && !METADATA_RULES.has(l.rule.id) && l.rule.action !== "post_date")) return null
  // a portrait's alt text may run on ("Headshot of X, a lawyer at Y ..."); other bylines are short
  if (l.words > 14 && !PORTRAIT_OF_RE.test(text)) return null
  // a name of several words beside its own copy may use common words ("Madison Green"); a single word needs a date or
  // its copy beside it, and must never be a common word
  const how: Plausibility = beside.repeated ? "lenient" : "strict"
  const oneWord = beside.date || beside.repeated
  // a portrait or an avatar of the name: "Headshot of X, a lawyer at Y", "X's avatar"
  const portrait = PORTRAIT_RE.exec(text)
  if (portrait && portrait[1]!.trim() !== text) {
    const names = namesIn(portrait[1]!.trim(), { open: true, cue: false, oneWord, how }, common)
    return names.length > 0 ? { names, form: "portrait", dated: false } : null
  }
  // a name with a date: "X · March 3, 2021", "<date>X", "<date> • Section • X"
  if (dated) {
    const segments = text
      .replace(DATES_RE, " | ")
      .split(/\s*[|·•]\s*|\s[–—-]\s/u)
      .map((s) => s.replace(/^(?:on|at)\s|\b\d{1,2}:\d\d(?:\s?[ap]m)?\b|\b\d+\s+comments?\b/giu, " ").trim())
      .filter((s) => s !== "")
    for (const s of segments) {
      const names = namesIn(s, { open: true, cue: false, oneWord: true, how: "strict" }, common)
      if (names.length > 0) return { names, form: "dated", dated }
    }
    return null
  }
  const names = namesIn(text, { open: false, cue: false, oneWord, how }, common)
  if (names.length === 0) return null
  const alone = names.length === 1 && fold(text) === names[0]
  return { names, form: alone ? "alone" : "named", dated: false }
}

/** how the page elsewhere confirms a name as its author's: an author box, a bio */
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
  const { common, lowerCount } = makeCommonWordTest(lines)
  const zone = new Set<number>()
  if (titleIdx >= 0) for (let i = Math.max(0, titleIdx - CUE_ABOVE_TITLE); i <= Math.min(n - 1, titleIdx + BELOW_TITLE); i++) zone.add(i)
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
    // without a cue a byline stands between the headline and the text, or just above the headline
    const inHead = titleIdx >= 0 ? i > titleIdx && i <= Math.max(start, titleIdx + 6) + 1 : i < start && i >= start - 6
    const justAbove = titleIdx >= 0 && below < 0 && below >= -ABOVE_TITLE
    const beside = besideOf(lines, i)
    const b = bylineOf(l, i + 1 < n ? lines[i + 1]! : null, beside, { common, lowerCount }, !inHead && !justAbove)
    if (!b) continue
    // well inside the text only a cue or a name with a date is a byline (a listicle's item may be a name alone)
    if (decisions[i]!.keep && i > Math.max(start, titleIdx) + 1 && STRENGTH[b.form] < 2) continue
    confirmed ??= confirmedNames(lines, Math.min(start + 1, n))
    const isConfirmed = b.names.some((nm) => confirmed!.has(nm.toLowerCase()))
    if (b.form === "alone") {
      // above the headline only a name repeated beside itself (an avatar's alt text and the name)
      const underHeadline = inHead && below <= 1
      if (!(inHead || beside.repeated) || !(underHeadline || isConfirmed || beside.metadata || beside.repeated)) continue
    }
    // below the headline beats above it; nearer beats farther
    const score = STRENGTH[b.form] * 2 + (isConfirmed ? 3 : 0) - (below > 0 ? below * 0.15 : 1 + -below * 0.3)
    if (!best || score > best.score) best = { i, b, score }
  }
  if (best) {
    for (const nm of best.b.names) if (!authors.includes(nm)) authors.push(nm)
    ctx.bylineIdx = best.i
    const l = lines[best.i]!
    // the audit trail names the byline: its rule, else "byline"
    decisions[best.i] = { keep: false, reason: l.rule?.action === "byline" ? l.rule.id : l.rule !== null && !decisions[best.i]!.keep ? decisions[best.i]!.reason : "byline" }
    if (best.b.dated && best.b.form === "cue" && !ctx.publishedHint) ctx.publishedHint = { text: l.core, source: "byline" }
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
  const none: Beside = { metadata: false, date: false, repeated: false }
  for (let i = lastKept + 1; i < Math.min(n, lastKept + 40); i++) {
    const l = lines[i]!
    if (!CUE_AT_START_RE.test(l.core.replace(LEADING_BRACKETS_RE, "")) || l.words > 12) continue
    const b = bylineOf(l, i + 1 < n ? lines[i + 1]! : null, none, { common, lowerCount }, true)
    if (b) {
      for (const nm of b.names) if (!authors.includes(nm)) authors.push(nm)
      return
    }
  }
}
