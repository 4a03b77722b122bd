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
import { DATE_RE, DATE_WORDS, MONTH, STOPWORDS, type Line } from "./lines.js"
import { foldSpace as fold, normaliseAuthor } from "../text.js"
import { FIRST_NAMES } from "../given-names.js"

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
 * (A glued name is told by its capital, checked apart: under the `i` flag `\p{Lu}` matches any letter, "Byline" too.)
 */
const CUE_WORDS = "written|posted|words|story|text|reported|reporting|compiled|published|created|submitted"
const CUE_SPACED_RE = new RegExp(
  `^(?:(?:(?:${CUE_WORDS})\\s+)?by(?:\\s*:\\s*|\\s+)|(?:authors?|contributors?|автор(?:ы)?|текст)(?:\\s*:\\s*|\\s+)|(?:von|par|por)\\s+)(?=\\S)`,
  "iu"
)
const CUE_GLUED_RE = new RegExp(`^(?:(?:${CUE_WORDS})\\s+)?by(?=\\S)`, "iu")
const isUpperAt = (s: string, i: number): boolean => {
  const c = s.charAt(i)
  return c !== "" && c !== c.toLowerCase() && c === c.toUpperCase()
}
/** the cue that opens a text, if any ("By X", "Written by: X", "Author X", "ByJane Doe") */
const cueAtStart = (t: string): RegExpExecArray | null => {
  const spaced = CUE_SPACED_RE.exec(t)
  if (spaced) return spaced
  const glued = CUE_GLUED_RE.exec(t)
  return glued && isUpperAt(t, glued[0].length) ? glued : null
}
const CUE_INSIDE_RE =
  /(?:^|[\s.,;:|·•(\]])(?<!(?:[Rr]eviewed|REVIEWED|[Ee]dited|[Cc]hecked|[Pp]hotos?|[Ii]llustrations?|[Dd]esigned|[Pp]roduced|[Ss]ponsored|[Pp]owered|[Hh]osted|[Pp]resented|[Ss]upported|[Cc]ourtesy|[Ii]mage|[Vv]ideo)\s)(?:(?:[Ww]ritten|[Pp]osted|[Ww]ords|[Ss]tory|[Rr]eported)\s+by|By)(?=[\s:]|\p{Lu})\s*:?\s*/u
const LOWER_BY_RE = /\s+by\s+/u
/** "Recipe by X", "Essay by X": a kind of piece and its author, on a short line */
const NOUN_BY_RE =
  /^(?:recipe|article|post|story|guide|review|essay|column|interview|report|analysis|feature|poem|text|piece|commentary|opinion|editorial|letter|newsletter|episode|tutorial|lesson)\s+by\s+(?=\S)/iu

/** where the names after a cue end (w3m glues the next element: "Jane DoeUpdated", "Jane DoeMarch 3, 2021") */
const NAMES_END_RE =
  /\s+(?:[Oo]n|[Ii]n|[Aa]t|[Ff]or|[Ff]rom|[Vv]ia|[Uu]pdated|UPDATED|[Pp]ublished|PUBLISHED|[Pp]osted|[Ll]ast|[Rr]eviewed|[Ff]act[- ][Cc]hecked|[Ee]dited|[Rr]ead|min|ago)(?:\b|(?=\p{Lu}\p{Ll}))|\s+\d|\s?[–—]|\s-\s|[|·•(]|(?<=\p{Ll})(?=(?:Published|Updated|Posted|Last|Reviewed|Edited|Fact|In|On)\b|\p{Lu}\p{Ll}{2,8}\.?\s\d)/u
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
const ROLE_WORDS =
  "executive|senior|junior|associate|assistant|deputy|managing|contributing|principal|editor|writer|reporter|correspondent|contributor|columnist|staff|author|journalist|analyst|founder|co-founder|ceo|cto|coo|president|director|manager|expert|specialist|producer|blogger|photographer|dietitian|nutritionist|professor|lecturer|researcher|lawyer|attorney|doctor|physician|nurse|engineer|consultant|strategist|designer|developer|officer|chief|head|lead|intern|fellow|student|member|owner|partner|host|anchor|team|desk|редактор|корреспондент|обозреватель|журналист|автор"
const ROLE_RE = new RegExp(`\\b(?:${ROLE_WORDS})s?\\b`, "iu")
/** what an avatar or a portrait line adds around the name */
const PORTRAIT_RE = /^(?:(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image)) of\s+)?(.+?)(?:'s|’s)?(?:\s+(?:avatar|photo|headshot|portrait|profile (?:picture|photo|image)|offline|online|verified))?$/iu
const LEADING_BRACKETS_RE = /^(?:\[[^\]]{0,80}\]\s*)+/u
/** a capital glued to a year before it */
const DIGIT_GLUED_RE = /(?<=(?:19|20)\d\d)(?=\p{Lu}\p{Ll})/gu
/** "Avatar photo by X": the author's picture and name, not a photo credit */
const AVATAR_PHOTO_RE = /^avatar photo\s+(?=by\s)/iu
const PORTRAIT_OF_RE = /^(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image)) of\s/iu
const USERNAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,39}$/u
/** what makes a lower-case word a handle rather than a word: a digit, "_", ".", "-", or a capital after its start */
const HANDLE_RE = /[\p{N}_.-]|.\p{Lu}/u
/** account names that name a role, not a person: "by admin", "Posted by editor" */
const ACCOUNT_WORDS = new Set(["admin", "administrator", "editor", "editors", "staff", "guest", "user", "webmaster", "author", "team", "moderator", "root", "system", "anonymous", "unknown", "default", "support", "info", "contact", "manager", "owner", "publisher", "writer"])
/** the author box after the text: "About X", "More from X", "X is a writer ..." */
const AUTHOR_BOX_RE = /^(?:about(?: the author)?|more (?:from|by|articles by|posts by|stories by)|recently by|all posts by|view all posts by|meet)\s*:?\s+(.{2,60})$/iu
const ABOUT_THE_AUTHOR_RE = /^about the author\s*:?\s*/iu
/** two to four capitalised words, captured */
const NAME_WORDS = "((?:\\p{Lu}[\\p{L}\\p{M}'’.-]*\\s){1,3}\\p{Lu}[\\p{L}\\p{M}'’.-]*)"
const BIO_RE = new RegExp(`^${NAME_WORDS}\\s(?:is|was|has been|writes|covers)\\b`, "u")
const isAsciiCapital = (c: number): boolean => c >= 65 && c <= 90
/** ASCII characters of a name's word (as [\p{L}\p{M}'’.-] has them) */
const isAsciiNameChar = (c: number): boolean => (c >= 97 && c <= 122) || isAsciiCapital(c) || c === 39 || c === 46 || c === 45
/**
 * Whether a line may open with two capitalised words, as NAME_WORDS wants: false when its first character or the one
 * after its first word is ASCII and no capital, or its first word holds an ASCII character no name's word has. Most
 * lines of text fail here ("The company said ...") and are not read with the long pattern.
 */
const mayOpenWithName = (s: string): boolean => {
  const first = s.charCodeAt(0)
  if (!(first >= 128 || isAsciiCapital(first))) return false
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128) return true
    if (isAsciiNameChar(c)) continue
    // the first word ends at white space (NAME_WORDS' \s), before a capital or a character outside ASCII
    if (c === 32 || (c >= 9 && c <= 13)) {
      const next = s.charCodeAt(i + 1)
      return next >= 128 || isAsciiCapital(next)
    }
    return false
  }
  return false
}
/** the first characters (lower case) the author box's and the heading's patterns may start with */
const AUTHOR_BOX_FIRST = new Set([..."amrvAMRV"].map((c) => c.charCodeAt(0)))

/** a long line that still opens as a byline: a cue, "Posted on <date> by", a portrait's alt text */
const BYLINE_LEAD_RE =
  /^(?:(?:written|posted|words|story|reported)\s+by\b|(?:posted|published)\s+(?:on\s+)?\S+\s+\d{1,2},?\s+\d{4}\s+by\s|(?:headshot|picture|photo|portrait) of\s)/iu
const BY_NAME_LEAD_RE = /^(?:[Bb]y|BY)\s+\p{Lu}/u
const opensAsByline = (core: string): boolean => BYLINE_LEAD_RE.test(core) || BY_NAME_LEAD_RE.test(core)
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
  const cache = new Map<string, { all: number; afterBy: number }>()
  /** how often the word is written in lower case, and how often of those right after "by" (a byline's user name) */
  const counts = (word: string): { all: number; afterBy: number } => {
    const w = word.toLowerCase()
    const hit = cache.get(w)
    if (hit !== undefined) return hit
    text ??= lines.map((l) => l.core).join("\n")
    let all = 0
    let afterBy = 0
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      // a word of its own, not part of an address ("hello@site.com") or of a longer word
      const before = at === 0 ? " " : text[at - 1]!
      const after = text[at + w.length] ?? " "
      const next = text[at + w.length + 1] ?? " "
      if (/[\s("“‘]/u.test(before) && (/[\s,;:!?)"”’]/u.test(after) || (after === "." && !/[\p{L}\p{N}]/u.test(next)))) {
        all++
        if (at >= 3 && /^by\s$/iu.test(text.slice(at - 3, at))) afterBy++
      }
    }
    const c = { all, afterBy }
    cache.set(w, c)
    return c
  }
  const lowerCount = (word: string): number => counts(word).all
  /** written in lower case only right after "by" */
  const onlyAfterBy = (word: string): boolean => counts(word).all === counts(word).afterBy
  const common = (word: string): boolean => {
    const w = word.toLowerCase()
    return STOPWORDS.has(w) || DATE_WORDS.test(w) || lowerCount(w) > 0
  }
  return { common, lowerCount, onlyAfterBy }
}
type CommonWord = (word: string) => boolean

/** a team or a desk as written: "The Example Daily Team", "Podium Staff", "News Desk" */
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
  // a given name the page does not use as a word, then a surname that may be one ("Madison Green", "Rebecca Lake")
  if (how === "strict" && words.length === 2 && startsWithGivenName(name, common)) return true
  return how === "strict" ? !words.some(isCommon) : !words.every(isCommon)
}

/** courtesy titles before a given name */
const TITLE_BEFORE_NAME_RE = /^(?:dr|prof|mr|mrs|ms|sir|dame)\.?$/iu
/** The name starts with a given name (after a courtesy title) that the page does not write as a word ("Will", "May"). */
const startsWithGivenName = (name: string, common: CommonWord): boolean => {
  const parts = name.split(" ")
  const first = parts.length > 1 && TITLE_BEFORE_NAME_RE.test(parts[0]!) ? parts[1]! : parts[0]!
  const rest = parts.slice(parts.indexOf(first) + 1)
  // a given name and a surname (with its particles), a middle initial between them at most ("Harbor Tech Resources"
  // names no one)
  const surname = rest.filter((w, k) => !PARTICLES.has(w.toLowerCase()) && !(k === 0 && /^\p{Lu}\.$/u.test(w)))
  return (
    parts.length >= 2 &&
    surname.length <= 1 &&
    FIRST_NAMES.has(first.toLowerCase()) &&
    /^\p{Lu}\p{Ll}/u.test(first) &&
    !common(first) &&
    // a surname is no stopword, date word or role ("Read Now", "Mark Updated", "Grace Editor")
    !rest.some((w) => STOPWORDS.has(w.toLowerCase()) || DATE_WORDS.test(w) || ROLE_RE.test(w))
  )
}

/** a piece that opens with capitalised words that are no role ("Jane Doe | Staff writer"), not a role alone */
const startsWithName = (piece: string): boolean => {
  const nm = leadingName(piece)
  return nm.includes(" ") && !ROLE_RE.test(nm) && !/^(?:\p{Lu}{2,}[\s,&]*)+$/u.test(nm)
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
    /** the cue was "by": a user name after it may be a plain lower-case word the page writes only after "by" */
    readonly byCue?: boolean
    readonly onlyAfterBy?: (word: string) => boolean
  },
  common: CommonWord
): Array<string> => {
  let t = fold(text.replace(/\[[^\]]{0,80}\]/gu, " "))
  if (opts.open) {
    // "Author: Posted by X": the second cue
    for (let m = cueAtStart(t); m; m = cueAtStart(t)) t = t.slice(m[0].length)
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
    // a role or an organisation after the names ends them ("X, Senior Reporter"); a name with its role after it does not
    // ("X and Y | Guest Columnists")
    if (names.length > 0 && isRoleOrOrganisation(piece) && !startsWithName(piece)) break
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
      !piece.includes("@") &&
      !(STOPWORDS.has(piece.toLowerCase()) || DATE_WORDS.test(piece)) &&
      ((HANDLE_RE.test(piece) && (opts.lowerCount?.(piece) ?? 0) <= 1) ||
        (opts.byCue === true && /^\p{Ll}+$/u.test(piece) && piece.length >= 3 && !ACCOUNT_WORDS.has(piece) && (opts.onlyAfterBy?.(piece) ?? false)))
    ) {
      names.push(piece)
      continue
    }
    let nm = undouble(leadingName(piece))
    // a role is no name ("Co-Founder & Sales Director")
    if (nm !== "" && nm.split(" ").every((w) => ROLE_RE.test(w))) nm = ""
    const size = nm === "" ? 0 : nm.split(" ").length
    const rest = piece.slice(nm.length).trim()
    if (opts.open) {
      // after a cue a name may hold common words ("Madison Green"), not only common words ("Recent Posts")
      const how = opts.cue ? "lenient" : opts.how
      if (size === 0 || (!opts.cue && size === 1 && !opts.oneWord) || !plausibleName(nm, common, how)) break
      // after a name, a piece that runs on past its capitalised words is a phrase ("X, Candidate Representative to the
      // Board"), not another name; a name with its paper or role after it is one ("X and Y USA TODAY")
      if (names.length > 0 && rest !== "" && !/^[\p{P}\p{S}]/u.test(rest) && !isRoleOrOrganisation(rest)) break
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
/** a capital right after five small letters: two words glued ("RecipesFresh") */
const GLUED_WORDS_RE = /\p{Ll}{5}\p{Lu}/u
/** a capital right after seven small letters: words glued, not a brand's inner capital ("ServiceTitan" stays) */
const LONG_GLUE_RE = /\p{Ll}{7}\p{Lu}/u
/** a line that is only a cue: the names are on the next line */
const CUE_ONLY_RE =
  /^(?:(?:written|posted|words|story|text|reported|recipe|article|post|guide|review|essay|column|interview|report|analysis|feature|piece|commentary|opinion|editorial|newsletter|tutorial)\s+by|by|authors?|author\(s\)|contributors?|contributor\(s\)|автор(?:ы)?)\s*:?$/iu
/** a line that is only a role ("Senior Editor", "VP - Sales") */
const ROLE_LINE_RE = /^[\p{L}\s&/,.()–-]{2,60}$/u

/** how many lines after a cue alone on its line may hold its names: w3m puts each name of a list on its own line */
const AFTER_CUE = 8
/** a line between listed names: ",", ", and", "&" */
const LIST_SEPARATOR_RE = /^[,;&]?\s*(?:and|&|и)?$/iu
/**
 * The names listed one a line after the first ("By" / X / "," / Y / ", and" / Z): each line only names (a role after
 * them at most), after a separator or starting with a given name, up to the first line that is something else.
 */
const namesListedAfter = (lines: ReadonlyArray<Line>, common: CommonWord): Array<string> => {
  const out: Array<string> = []
  let separated = false
  for (const l of lines) {
    if (LIST_SEPARATOR_RE.test(l.core)) {
      separated = true
      continue
    }
    if (l.words > 6) break
    const names = namesIn(l.core, { open: false, cue: true, oneWord: false, how: "strict" }, common)
    // without a separator before it, a line of a person's names (a given name first), not a button ("Share Article")
    if (names.length === 0 || !(separated || names.every((nm) => startsWithGivenName(nm, common)))) break
    out.push(...names)
    separated = false
  }
  return out
}

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
      (l.words <= 5 && !l.sentenceEnd && ROLE_LINE_RE.test(l.core) && ROLE_RE.test(l.core)) ||
      READING_TIME_RE.test(l.core) ||
      DAY_MONTH_RE.test(l.core)
  }
  const same = (k: number) => k >= 0 && k < lines.length && lines[k]!.core === lines[i]!.core
  // a date line, or a day and month alone ("Jan 23", "23 Jan") as a post of this year shows it
  const dateAt = (k: number) => k >= 0 && k < lines.length && (lines[k]!.dateLine || DAY_MONTH_RE.test(lines[k]!.core))
  // the next line either way, past a line without words (a separator, an icon)
  const wordless = (k: number) => k >= 0 && k < lines.length && lines[k]!.words === 0
  const date = dateAt(i - 1) || dateAt(i + 1) || (wordless(i - 1) && dateAt(i - 2)) || (wordless(i + 1) && dateAt(i + 2))
  return { metadata, date, repeated: same(i - 1) || same(i + 1) }
}

/** a reading time alone: "5 min read", "11 minute read" */
const READING_TIME_RE = /^\d{1,3}\s?(?:min(?:ute)?s?)\.?\s+read$/iu
/** a day and a month alone, without the year: "Jan 23", "23 January", "Jun 9" */
const DAY_MONTH_RE = new RegExp(`^(?:${MONTH}\\.?\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}${MONTH}\\.?)$`, "iu")

const METADATA_RULES = new Set(["reading-time", "avatar-line", "date-label", "byline", "byline-lower"])

/** The cue's tail on a line, if it has a cue: at its start, after a sentence, glued, or "<date> by X". */
const cueTail = (l: Line, text: string): string | null => {
  if (l.rule?.action === "byline") {
    const m = l.rule.re.exec(l.core)
    if (m && m[1] !== undefined) return m[1]
  }
  const start = cueAtStart(text)
  if (start) return text.slice(start[0].length)
  // "Recipe by X", "Essay by X" on a short line
  const nounBy = l.words <= 6 ? NOUN_BY_RE.exec(text) : null
  if (nounBy && !isUpperAt(text, nounBy[0].length)) return null
  if (nounBy) return text.slice(nounBy[0].length)
  const inside = CUE_INSIDE_RE.exec(text) ?? GLUED_CUE_RE.exec(text)
  // inside a longer line only after a sentence: "... the U.S. and Canada. By Jane Doe on Dec. 1"
  if (inside) return l.words <= 24 || /[.!?…]\s*$/u.test(text.slice(0, inside.index + 1)) ? text.slice(inside.index + inside[0].length) : null
  if (l.words > 30) return null
  // "<date> by X", after any of the line's dates ("Published: <date> · Modified: <date> by X")
  if (!DATE_RE.test(text)) return null
  for (const d of text.matchAll(DATES_RE)) {
    const after = text.slice(d.index + d[0].length)
    const by = LOWER_BY_RE.exec(after)
    if (by && by.index <= 2) return after.slice(by.index + by[0].length)
  }
  return null
}

/** The byline a line states, if any; `cueOnly`: far from the headline only a cue counts. */
const bylineOf = (
  l: Line,
  /** the lines after it, for a cue alone on its line */
  after: ReadonlyArray<Line>,
  beside: Beside,
  words: { readonly common: CommonWord; readonly lowerCount: (word: string) => number; readonly onlyAfterBy: (word: string) => boolean },
  cueOnly: boolean
): Byline | null => {
  const { common, lowerCount, onlyAfterBy } = words
  if (l.words === 0 || l.words > 40) return null
  // w3m glues a date to the next element: "September 8, 2016Jane Doe"
  const text = l.core.replace(LEADING_BRACKETS_RE, "").replace(AVATAR_PHOTO_RE, "").replace(DIGIT_GLUED_RE, " ")
  const dated = DATE_RE.test(text)
  // a cue alone on its line: the names are on one of the next lines; tags may stand between, words glued together
  // ("RecipesFresh Picks"), which a line of names is less likely to show than a brand's inner capital
  if (CUE_ONLY_RE.test(text)) {
    const first = after.slice(0, 3)
    const long = first.findIndex((x) => x.words > 12)
    const near = long < 0 ? first : first.slice(0, long)
    for (const glued of [false, true])
      for (const next of near) {
        if (GLUED_WORDS_RE.test(next.core) !== glued) continue
        const names = namesIn(next.core, { open: true, cue: true, oneWord: true, how: "lenient", lowerCount, onlyAfterBy }, common)
        if (names.length > 0) return { names: [...names, ...namesListedAfter(after.slice(after.indexOf(next) + 1), common)], form: "cue", dated }
      }
    return null
  }
  const tail = cueTail(l, text)
  if (tail !== null) {
    const byCue = /\bby\s*:?\s*$/iu.test(text.slice(0, text.length - tail.length))
    const names = namesIn(tail, { open: true, cue: true, oneWord: true, how: "lenient", lowerCount, byCue, onlyAfterBy }, common)
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
      .map((s) => undouble(s.replace(/^(?:on|at)\s|\b\d{1,2}:\d\d(?:\s?[ap]m)?\b|\b\d+\s+comments?\b/giu, " ").trim().replace(PORTRAIT_OF_RE, "")))
      .filter((s) => s !== "")
    for (const s of segments) {
      const names = namesIn(s, { open: true, cue: false, oneWord: true, how: "strict" }, common)
      if (names.length > 0) return { names, form: "dated", dated }
    }
    return null
  }
  const names = namesIn(text, { open: false, cue: false, oneWord, how }, common)
  if (names.length === 0) return null
  // a name doubled on its line ("X X", "XX") stands alone too
  const alone = names.length === 1 && undouble(fold(text)) === names[0]
  return { names, form: alone ? "alone" : "named", dated: false }
}

/** words that say a sentence is about a person: a pronoun, a trade that people have */
const PERSON_WORDS_RE =
  /\b(?:he|she|his|her|him|writer|editor|journalist|reporter|correspondent|columnist|contributor|author|blogger|photographer|founder|co-founder|professor|lecturer|researcher|dietitian|nutritionist|lawyer|attorney|physician|doctor|nurse|consultant|strategist|specialist|analyst|engineer|designer|developer)\b/iu
/** two to four capitalised words, none a stopword or an acronym (particles and initials aside): "Jane van Doe" */
const isPersonShaped = (name: string): boolean => {
  const parts = name.split(" ")
  if (parts.length < 2 || parts.length > 4 || !looksLikeName(name) || undouble(name) !== name) return false
  return parts.every((p) => PARTICLES.has(p) || /^\p{Lu}\.$/u.test(p) || (/^\p{Lu}\p{Ll}/u.test(p) && !STOPWORDS.has(p.toLowerCase())))
}
/** "X is a senior reporter", "X has been a writer": a person's trade right after the name */
const PERSON_BIO_RE = new RegExp(`^${NAME_WORDS}\\s(?:is|was|has been)\\s(?:a|an|the|our)\\s(?:[\\p{L}-]+\\s){0,4}?(?:${ROLE_WORDS})s?\\b`, "u")
/** a sentence about a person that opens with their name: "X is a writer ...", "X has covered ..." */
const ABOUT_PERSON_RE = /^(.{2,60}?)\s(?:is|was|has|writes|covers|holds|joined|brings|leads|works)\b/u

/**
 * How the page elsewhere confirms a name as its author's: an author box ("About the author X", "More from X"), a bio
 * ("X is a writer ..."), a name alone with a sentence about it right below ("X" / "X is a finance writer ..."). The
 * names in the order the page gives them (lower-cased), with the form as written.
 */
const confirmedNames = (
  lines: ReadonlyArray<Line>,
  from: number,
  common: CommonWord,
  to: number = lines.length
): { all: Set<string>; people: Map<string, string> } => {
  const all = new Set<string>()
  const people = new Map<string, string>()
  /** `person`: the page says it is a person (a bio, "About the author"), or it starts with a given name */
  const add = (nm: string, person: boolean) => {
    const f = fold(nm)
    all.add(f.toLowerCase())
    if ((person || startsWithGivenName(f, common)) && isPersonShaped(f) && !people.has(f.toLowerCase())) people.set(f.toLowerCase(), f)
  }
  for (let i = from; i < to; i++) {
    const l = lines[i]!
    if (l.words > 40) continue
    const opensAsBox = AUTHOR_BOX_FIRST.has(l.core.charCodeAt(0))
    const box = opensAsBox ? AUTHOR_BOX_RE.exec(l.core) : null
    if (box) add(box[1]!, /^about the author/iu.test(l.core))
    // "About the Author X is a writer ...": the heading glued to the bio
    const core = opensAsBox ? l.core.replace(ABOUT_THE_AUTHOR_RE, "") : l.core
    const bio = mayOpenWithName(core) ? BIO_RE.exec(core) : null
    // a bio names a person when it gives a trade right after the name ("X is a reporter ..."), not when it speaks of a
    // thing ("X is one of the largest conferences")
    if (bio && (l.rule?.id === "author-bio" || ROLE_RE.test(core) || core !== l.core)) add(bio[1]!, PERSON_BIO_RE.test(core) || core !== l.core)
    // a name alone, then within two lines a sentence about it that opens with it or with its first word ("X Y" /
    // "X is a growth analyst ...")
    if (l.words >= 2 && l.words <= 4 && !l.sentenceEnd && looksLikeName(l.core))
      for (let k = i + 1; k <= Math.min(lines.length - 1, i + 2); k++) {
        const about = ABOUT_PERSON_RE.exec(lines[k]!.core)
        if (about && (about[1] === l.core || (about[1] === l.core.split(" ")[0] && startsWithGivenName(l.core, common))))
          add(l.core, PERSON_WORDS_RE.test(lines[k]!.core))
      }
  }
  return { all, people }
}

/** what every cue holds (a quick test before reading a line as a byline): "by", "author", "von", "par", "por", «автор», «текст» */
const MAY_HOLD_CUE_RE = /by|author|contributor|von\s|par\s|por\s|автор|текст/iu

const personOrAgency = (name: string, common: CommonWord): boolean => {
  const nm = name.split(",")[0]!.trim()
  if (AGENCIES.has(nm.toLowerCase())) return true
  return nm.includes(" ") && (plausibleName(nm, common, "strict") || startsWithGivenName(nm, common))
}

/**
 * A byline with a cue ("By X", "Written by X", "<date> by X") outside the headline's neighbourhood, from the page's
 * start to `last`: taken when every cue there names the same authors, since a list of teasers gives each its own.
 */
const cueAboveText = (
  lines: ReadonlyArray<Line>,
  decisions: ReadonlyArray<{ readonly keep: boolean }>,
  skip: ReadonlySet<number>,
  last: number,
  words: { readonly common: CommonWord; readonly lowerCount: (word: string) => number; readonly onlyAfterBy: (word: string) => boolean }
): { i: number; b: Byline } | null => {
  let found: { i: number; b: Byline; key: string } | null = null
  const none: Beside = { metadata: false, date: false, repeated: false }
  for (let i = 0; i <= last; i++) {
    if (skip.has(i)) continue
    const l = lines[i]!
    if (l.words === 0 || l.words > 24 || !MAY_HOLD_CUE_RE.test(l.core) || (decisions[i]!.keep && l.words > 12 && !opensAsByline(l.core))) continue
    if (l.rule && l.rule.action !== "byline" && l.rule.action !== "drop" && l.rule.action !== "post_date") continue
    const b = bylineOf(l, lines.slice(i + 1, i + 1 + AFTER_CUE), none, words, true)
    // far from the headline a menu's "By State" or "Sort by Company Size" reads as a cue: the names must be a person's
    // (two words or more the page never writes in lower case, or a given name first) or an agency's
    if (!b || b.form !== "cue" || !b.names.every((nm) => personOrAgency(nm, words.common))) continue
    const key = b.names.map((nm) => nm.toLowerCase()).join("|")
    if (found && found.key !== key) return null
    found ??= { i, b, key }
  }
  return found
}

/** a portrait or an avatar that names its person: "X's avatar", "X's user avatar", "Picture of X", "An avatar representing X" */
const NAMED_PORTRAIT_RE =
  /^(?:(?:an?\s+)?(?:headshot|picture|photo|image|portrait|avatar|profile (?:picture|photo|image))\s+(?:of|representing)\s+(.{2,60}?)|(.{2,60}?)(?:'s|’s)?\s+(?:user\s+)?(?:avatar|headshot|portrait|profile (?:picture|photo|image))(?:\s+image)?)$/iu
/** what every portrait line holds (a quick test before the patterns) */
const MAY_BE_PORTRAIT_RE = /avatar|headshot|picture|photo|image|portrait/iu
/** a portrait that names no one: the name is on the next line ("Photo of author", "Author image") */
const AUTHOR_PORTRAIT_RE = /^(?:(?:headshot|picture|photo|image|portrait|avatar) of (?:the )?author|author(?:'s)? (?:headshot|picture|photo|image|portrait|avatar))$/iu

/**
 * The person a portrait and the name under it show ("X's avatar" / "X", "Photo of author" / "X"): a page's author box
 * or its byline, wherever the headline is. The name under the portrait must be the portrait's own (a user name may be
 * in lower case), or, under a portrait of "the author", a person's name.
 */
const portraitPair = (lines: ReadonlyArray<Line>, i: number, common: CommonWord): string | null => {
  const l = lines[i]!
  const next = lines[i + 1]
  if (l.words > 10 || next === undefined || next.words === 0 || next.words > 5 || !MAY_BE_PORTRAIT_RE.test(l.core)) return null
  const under = undouble(fold(next.core.replace(/^by\s+/iu, "")))
  if (AUTHOR_PORTRAIT_RE.test(l.core)) return looksLikeName(under) && under.includes(" ") && plausibleName(under, common, "lenient") ? under : null
  const m = NAMED_PORTRAIT_RE.exec(l.core)
  const named = m ? fold(m[1] ?? m[2] ?? "") : ""
  if (named === "" || named.toLowerCase() !== under.toLowerCase()) return null
  const w = under.toLowerCase()
  if (ACCOUNT_WORDS.has(w) || STOPWORDS.has(w) || (!looksLikeName(under) && !USERNAME_RE.test(under.replace(/ /gu, "_")))) return null
  return under
}

/** The one person the portraits between `from` and `to` show (a comment section's show several: none). */
const portraitAuthor = (lines: ReadonlyArray<Line>, from: number, to: number, common: CommonWord): { i: number; name: string } | null => {
  let found: { i: number; name: string } | null = null
  for (let i = Math.max(0, from); i <= Math.min(lines.length - 2, to); i++) {
    const name = portraitPair(lines, i, common)
    if (name === null) continue
    if (found && found.name.toLowerCase() !== name.toLowerCase()) return null
    found ??= { i, name }
  }
  return found
}

/**
 * A user name in lower case alone on its line ("harbourfan"), right under the headline with a date beside it: a word
 * of four letters or more that the page writes nowhere else, no stopword, date word or role account.
 */
const userNameAlone = (core: string, lowerCount: (word: string) => number): Byline | null => {
  if (!/^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]{3,39}$/u.test(core) || !/\p{Ll}/u.test(core)) return null
  if (STOPWORDS.has(core) || DATE_WORDS.test(core) || ACCOUNT_WORDS.has(core) || lowerCount(core) > 1) return null
  return { names: [core], form: "alone", dated: false }
}

/**
 * The person whose site the page is on: the page's first line is a person's name (a given name and a surname, neither a
 * word the page writes in lower case), and another line names that person again (a copyright, an about box).
 */
const siteOwner = (lines: ReadonlyArray<Line>, common: CommonWord): string | null => {
  const first = lines.find((l) => l.words > 0)
  if (!first || first.words > 3) return null
  const nm = fold(first.core)
  if (!isPersonShaped(nm) || !startsWithGivenName(nm, common) || !plausibleName(nm, common, "strict")) return null
  let again = 0
  for (const l of lines) if (l !== first && l.core.includes(nm)) again++
  return again >= 1 ? nm : null
}

/** a Q&A site's signature under a question: "asked Mar 3, 2021 at 11:38", "asked 3 years ago" */
const ASKED_RE = new RegExp(`^asked\\s+(?:${MONTH}\\s+\\d{1,2}\\b|\\d{1,2}\\s+${MONTH}|\\d+\\s+\\p{L}+\\s+ago$|(?:19|20)\\d\\d-\\d\\d-\\d\\d)`, "iu")

/** a link aggregator's post header names the community first, then the poster: "r/harbours •", "r/harbours • 3 yr. ago" */
const COMMUNITY_RE = /^r\/[\p{L}\p{N}_]{2,30}\s*[•·](?:\s*\d+\s*\p{L}+\.?\s+ago)?$/u

/**
 * The user the first "asked <date>" signature or community line ("r/harbours •") names on one of the next lines (past
 * the avatar's alt text).
 */
const questionAsker = (lines: ReadonlyArray<Line>, common: CommonWord): string | null => {
  const at = lines.findIndex((l) => l.words <= 8 && (ASKED_RE.test(l.core) || COMMUNITY_RE.test(l.core)))
  if (at < 0) return null
  for (let k = at + 1; k <= Math.min(lines.length - 1, at + 3); k++) {
    const core = lines[k]!.core
    if (/(?:'s|’s)\s+(?:user\s+)?avatar$/iu.test(core) || lines[k]!.words === 0) continue
    const w = core.toLowerCase()
    if (ACCOUNT_WORDS.has(w) || STOPWORDS.has(w)) return null
    if (USERNAME_RE.test(core) || (looksLikeName(core) && plausibleName(core, common, "lenient"))) return core
    return null
  }
  return null
}

/** Bylines in the head of the page give the authors (a dated byline also gives the published hint). */
export const findBylines = (ctx: CleanContext): void => {
  const { lines, decisions, firstKept, titleIdx, authors } = ctx
  const n = lines.length
  if (n === 0) return
  const start = firstKept < 0 ? 0 : firstKept
  const { common, lowerCount, onlyAfterBy } = makeCommonWordTest(lines)
  const zone = new Set<number>()
  if (titleIdx >= 0) for (let i = Math.max(0, titleIdx - CUE_ABOVE_TITLE); i <= Math.min(n - 1, titleIdx + BELOW_TITLE); i++) zone.add(i)
  for (let i = Math.max(0, start - (titleIdx >= 0 ? AROUND_START : 3 * AROUND_START)); i <= Math.min(n - 1, start + AROUND_START); i++) zone.add(i)
  zone.delete(titleIdx)
  const anchor = titleIdx >= 0 ? titleIdx : start
  let confirmed: { all: Set<string>; people: Map<string, string> } | null = null
  let best: { i: number; b: Byline; score: number } | null = null
  for (const i of [...zone].sort((a, b) => a - b)) {
    const l = lines[i]!
    // body prose is no byline; a kept short line may be (a name between the headline and the text)
    if (decisions[i]!.keep && l.words > 12 && l.rule?.action !== "byline" && !(l.words <= 40 && opensAsByline(l.core))) continue
    if (l.rule && l.rule.action !== "byline" && l.rule.action !== "drop" && l.rule.action !== "post_date" && l.rule.action !== "post_header") continue
    const below = i - anchor
    // without a cue a byline stands between the headline and the text, or just above the headline
    const inHead = titleIdx >= 0 ? i > titleIdx && i <= Math.max(start, titleIdx + 6) + 1 : i < start && i >= start - 6
    const justAbove = titleIdx >= 0 && below < 0 && below >= -ABOVE_TITLE
    const beside = besideOf(lines, i)
    // right under the headline, past lines without words (a bullet, an icon)
    const underHeadline = inHead && (below <= 1 || lines.slice(anchor + 1, i).every((x) => x.words === 0))
    const b =
      bylineOf(l, lines.slice(i + 1, i + 1 + AFTER_CUE), beside, { common, lowerCount, onlyAfterBy }, !inHead && !justAbove) ??
      (underHeadline && beside.date ? userNameAlone(l.core, lowerCount) : null)
    if (!b) continue
    // well inside the text only a cue or a name with a date is a byline (a listicle's item may be a name alone); a
    // person's name alone on its line with a date line beside it is one
    const person = b.form === "alone" && startsWithGivenName(b.names[0]!, common)
    if (decisions[i]!.keep && i > Math.max(start, titleIdx) + 1 && STRENGTH[b.form] < 2 && !(person && beside.date)) continue
    confirmed ??= confirmedNames(lines, Math.min(start + 1, n), common)
    const isConfirmed = b.names.some((nm) => confirmed!.all.has(nm.toLowerCase()))
    if (b.form === "alone") {
      // above the headline only a name repeated beside itself (an avatar's alt text and the name), or a person's name
      // with a date beside it
      // a line doubled (an image's alt text and its caption) is a menu's as often as an author's: a person's name, or
      // a date, an avatar or a role beside it, makes it one
      const doubled = beside.repeated && (person || isConfirmed || (inHead && beside.metadata))
      if (!(inHead || doubled || (justAbove && person && beside.date)) || !(underHeadline || isConfirmed || beside.metadata || doubled || person)) continue
    }
    // without a cue, words glued together ("GuidesVideos") are a menu's
    if (b.form !== "cue" && b.names.some((nm) => LONG_GLUE_RE.test(nm))) continue
    // below the headline beats above it; nearer beats farther
    const score = STRENGTH[b.form] * 2 + (isConfirmed ? 3 : 0) - (below > 0 ? below * 0.15 : 1 + -below * 0.3)
    if (!best || score > best.score) best = { i, b, score }
  }
  const headLast = Math.min(n - 1, Math.max(start, titleIdx) + AROUND_START)
  const words = { common, lowerCount, onlyAfterBy }
  // a name without a cue near the headline that nothing else on the page names yields to a cue above the text whose
  // names an author box or a bio confirms (the headline found was a subheading; the name beside it, a menu's)
  if (best && best.b.form !== "cue") {
    // the author box may stand anywhere, the text found having started late
    confirmed ??= confirmedNames(lines, Math.min(start + 1, n), common)
    const known = new Set([...confirmed.all, ...confirmedNames(lines, 0, common, Math.min(start + 1, n)).all])
    if (!best.b.names.some((nm) => known.has(nm.toLowerCase()))) {
      const cue = cueAboveText(lines, decisions, zone, headLast, words)
      if (cue && cue.b.form === "cue" && cue.b.names.every((nm) => known.has(nm.toLowerCase()))) best = { i: cue.i, b: cue.b, score: best.score }
    }
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
  // none around the headline (the headline found may be a subheading, or a long lede may push the byline down): a cue
  // anywhere from the page's start to twice as far below the headline, when the cues there name one author (teasers
  // name several)
  let lastKept = n - 1
  while (lastKept >= 0 && !decisions[lastKept]!.keep) lastKept--
  // (not past the text's end, where teasers stand)
  const headCue = cueAboveText(lines, decisions, zone, Math.max(headLast, Math.min(lastKept - 1, Math.max(start, titleIdx) + 2 * BELOW_TITLE)), words)
  if (headCue) {
    for (const nm of headCue.b.names) if (!authors.includes(nm)) authors.push(nm)
    ctx.bylineIdx = headCue.i
    if (!decisions[headCue.i]!.keep || lines[headCue.i]!.words <= 12) decisions[headCue.i] = { keep: false, reason: "byline" }
    return
  }
  // nor a cue: the person a portrait and the name under it show above the text
  const headPortrait = portraitAuthor(lines, 0, headLast, common)
  if (headPortrait) {
    authors.push(headPortrait.name)
    ctx.bylineIdx = headPortrait.i + 1
    return
  }
  // a question-and-answer page signs its question below it: "asked <date>", the asker's avatar and name; a link
  // aggregator heads a post with its community and its poster
  const asker = questionAsker(lines, common)
  if (asker !== null) {
    authors.push(asker)
    return
  }
  // no byline in the head: a "Written by X" line after the text
  if (lastKept < 0) return
  const none: Beside = { metadata: false, date: false, repeated: false }
  for (let i = lastKept + 1; i < Math.min(n, lastKept + 40); i++) {
    const l = lines[i]!
    const lead = l.core.replace(LEADING_BRACKETS_RE, "")
    if ((cueAtStart(lead) === null && !CUE_ONLY_RE.test(lead)) || l.words > 12) continue
    const b = bylineOf(l, lines.slice(i + 1, i + 1 + AFTER_CUE), none, { common, lowerCount, onlyAfterBy }, true)
    if (b) {
      for (const nm of b.names) if (!authors.includes(nm)) authors.push(nm)
      return
    }
  }
  // a cue inside a line ("This post was written by X", "Last updated <date> by X"), when one line alone has one (a
  // list of teasers, "<date> by X | Section", repeats it) and it names a person or an agency
  const inner = lines.slice(lastKept + 1, lastKept + 40).filter((l) => l.words <= 16 && cueTail(l, l.core) !== null)
  if (inner.length === 1) {
    const l = inner[0]!
    const b = bylineOf(l, [], none, { common, lowerCount, onlyAfterBy }, true)
    if (b && b.form === "cue" && b.names.every((nm) => personOrAgency(nm, common))) {
      for (const nm of b.names) if (!authors.includes(nm)) authors.push(nm)
      return
    }
  }
  // nor a "Written by" line: the one person an author box or a bio after the text names
  if (ctx.forum) return
  const boxPortrait = portraitAuthor(lines, lastKept + 1, lastKept + 40, common)
  if (boxPortrait) {
    authors.push(boxPortrait.name)
    return
  }
  confirmed ??= confirmedNames(lines, Math.min(start + 1, n), common)
  if (confirmed.people.size === 1) {
    authors.push([...confirmed.people.values()][0]!)
    return
  }
  // nor an author box: a person's own site, whose name heads the page and is named again on it
  const owner = siteOwner(lines, common)
  if (owner !== null) authors.push(owner)
}
