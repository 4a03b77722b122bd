/**
 * Line features: a `w3m -dump` page puts one paragraph, list item or menu entry on a line, so every non-blank line is
 * a unit. Each gets features in the spirit of jusText/boilerpipe: word count, stopword density, capitalised share,
 * digits, sentence punctuation, bullets, whether it is only a date, repetition across the page and the size of its
 * block (the lines between blank lines). Pure; every regular expression here is linear.
 */
import { createRequire } from "node:module"
import type { CompiledRule } from "./rules.js"
import { foldSpace } from "../text.js"

export const STOPWORDS = new Set(
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

/**
 * The stopwords of languages written in other scripts than Latin (Russian, Ukrainian, Bulgarian, Greek, Arabic,
 * Persian, Hindi, ...; the lists of the `stopwords-iso` package, which are as broad as the English list above): their
 * words never meet the Latin list's, so each line is measured in its own language, and a Russian article inside an
 * English page's menus reads as prose. Languages written without spaces (Chinese, Japanese, Thai) are counted by
 * characters instead (see countWords).
 */
const OTHER_SCRIPTS = ["ru", "uk", "bg", "el", "ar", "fa", "ur", "ku", "he", "hy", "hi", "mr", "gu", "bn", "ko"]
const STOPWORD_LISTS = createRequire(import.meta.url)("stopwords-iso") as Readonly<Record<string, ReadonlyArray<string>>>
// single words of letters only (the lists also hold phrases, digits and punctuation), none of them ASCII
for (const code of OTHER_SCRIPTS) for (const w of STOPWORD_LISTS[code] ?? []) if (/^[\p{L}\p{M}]+$/u.test(w) && !/[\u0000-\u007f]/.test(w)) STOPWORDS.add(w.toLowerCase())
/**
 * Letters of languages the lists do not cover, written in a listed script: Tajik, Kazakh, Kyrgyz and Uzbek write
 * Cyrillic with letters Russian lacks (so Russian stopwords say nothing of their density); Georgian has no list.
 */
const UNLISTED_RE = /[ғӣқӯҳҷәңөұүһҒӢҚӮҲҶӘҢӨҰҮҺ\u10a0-\u10ff]/u

/** the longest stopword: a longer word is no stopword */
const STOPWORD_MAX = Math.max(...[...STOPWORDS].map((w) => w.length))

export const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
const BULLET_RE = /^(?:[•·◦▪▫■□☆★○●◆◇►▶‣⁃∙*+–—-]\s*)+/u
/** the marks BULLET_RE starts with, by code: a line that starts with none of them is not read with it */
const BULLET_CODES = new Set([..."•·◦▪▫■□☆★○●◆◇►▶‣⁃∙*+–—-"].map((c) => c.charCodeAt(0)))
/** what closes a sentence, and what may stand after its mark: /[.!?…。！？]["'”’»)\]]*$|[:;]$/ read from the end */
const SENTENCE_MARKS = new Set([..."!?.…。！？"])
const CLOSERS = new Set([..."\"'”’»)]"])
const endsSentence = (s: string): boolean => {
  let i = s.length - 1
  if (i < 0) return false
  if (s[i] === ":" || s[i] === ";") return true
  while (i >= 0 && CLOSERS.has(s[i]!)) i--
  return i >= 0 && SENTENCE_MARKS.has(s[i]!)
}
export const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
export const DATE_RE = new RegExp(
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
/** w3m glues a date to the element before it ("OpinionMarch 3, 2017", "ByJane DoeMar 5"): a space between them */
const GLUED_DATE_RE = new RegExp(`(?<=\\p{L})(?=(?:${MONTH}|published|updated|posted)\\s{0,3}\\d)`, "giu")
/** a day written with a full stop ("11. Sep 2024", "March 4. 2023") in the form the dates stage reads */
const DAY_STOP_BEFORE_MONTH_RE = new RegExp(`\\b(\\d{1,2})\\.\\s{1,3}(?=${MONTH}\\s{0,3}(?:19|20)\\d\\d)`, "giu")
const DAY_STOP_BEFORE_YEAR_RE = new RegExp(`(${MONTH}\\s{0,3}\\d{1,2})\\.\\s{1,3}(?=(?:19|20)\\d\\d)`, "giu")
export const readableDate = (core: string): string =>
  core.replace(GLUED_DATE_RE, " ").replace(DAY_STOP_BEFORE_MONTH_RE, "$1 ").replace(DAY_STOP_BEFORE_YEAR_RE, "$1, ")

export const DATE_WORDS = new RegExp(
  `^(?:${MONTH}|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|on|am|pm|a\\.m|p\\.m|of|the|st|nd|rd|th|utc|gmt|est|edt|pst|pdt|cet|bst|ist|et|pt|updated|published|posted|last|modified|date|created|written|yesterday|today|ago|minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?|\\d+(?:st|nd|rd|th)?)$`,
  "iu"
)

export interface Line {
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
  /** written in a language no stopword list covers (Tajik, Kazakh, Kyrgyz, Uzbek Cyrillic; Georgian): judged by shape */
  readonly unlisted: boolean
  rule: CompiledRule | null
}

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu

/** the stopwords as a tree of their characters' codes: a word is looked up without cutting it out of its line */
interface StopNode {
  readonly next: Map<number, StopNode>
  end: boolean
}
const STOP_TREE: StopNode = { next: new Map(), end: false }
for (const w of STOPWORDS) {
  let node = STOP_TREE
  for (let k = 0; k < w.length; k++) {
    const code = w.charCodeAt(k)
    let child = node.next.get(code)
    if (!child) {
      child = { next: new Map(), end: false }
      node.next.set(code, child)
    }
    node = child
  }
  node.end = true
}
/**
 * Whether s[start, end) is a stopword; `fold`: lower-case it first (as toLowerCase would; a letter whose lower case is
 * not one code unit is in no stopword).
 */
const isStopword = (s: string, start: number, end: number, fold: boolean): boolean => {
  let node: StopNode | undefined = STOP_TREE
  for (let k = start; k < end && node !== undefined; k++) {
    let code = s.charCodeAt(k)
    if (fold) {
      if (code >= 65 && code <= 90) code += 32
      else if (code > 127) {
        const lower = s[k]!.toLowerCase()
        if (lower.length !== 1) return false
        code = lower.charCodeAt(0)
      }
    }
    node = node.next.get(code)
  }
  return node !== undefined && node.end
}

/** character classes of the Basic Multilingual Plane, filled as met: 1 a letter, 2 a number, 3 neither */
const BMP_CLASS = new Uint8Array(65536)
const LETTER_RE = /\p{L}/u
const NUMBER_RE = /\p{N}/u
const LETTER = 1
const NUMBER = 2
const OTHER = 3
const classOf = (ch: string): number => (LETTER_RE.test(ch) ? LETTER : NUMBER_RE.test(ch) ? NUMBER : OTHER)
const ASCII_CLASS = new Uint8Array(128).map((_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? NUMBER : OTHER))
/** the class of the code point at i (plus 4 for a surrogate pair, two code units), as \p{L} and \p{N} see it */
const charClass = (s: string, i: number): number => {
  const c = s.charCodeAt(i)
  if (c < 128) return ASCII_CLASS[c]!
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) return classOf(s.slice(i, i + 2)) + 4
  }
  let k = BMP_CLASS[c]!
  if (k === 0) {
    k = classOf(s[i]!)
    BMP_CLASS[c] = k
  }
  return k
}
/** The index of the first letter or digit at or after i (s.length when none). */
const nextWordStart = (s: string, i: number): number => {
  const n = s.length
  while (i < n) {
    const k = charClass(s, i)
    if (k > 4) {
      if (k - 4 !== OTHER) return i
      i += 2
    } else {
      if (k !== OTHER) return i
      i += 1
    }
  }
  return n
}

/** The end of the run starting at i of letters and digits (`lettersOnly`: of letters). */
const runEnd = (s: string, i: number, lettersOnly: boolean): number => {
  const n = s.length
  while (i < n) {
    let k = charClass(s, i)
    const step = k > 4 ? 2 : 1
    if (k > 4) k -= 4
    if (k === OTHER || (lettersOnly && k !== LETTER)) break
    i += step
  }
  return i
}

const isLetterAt = (s: string, i: number): boolean => {
  const k = charClass(s, i)
  return (k > 4 ? k - 4 : k) === LETTER
}

/** Calls `visit` with the start and end of every run of letters and digits (as /[\p{L}\p{N}]+/gu finds them). */
export const forEachWordRun = (s: string, visit: (start: number, end: number) => void): void => {
  for (let i = nextWordStart(s, 0); i < s.length; ) {
    const end = runEnd(s, i, false)
    visit(i, end)
    i = nextWordStart(s, end)
  }
}

const APOSTROPHE = 39
const RIGHT_QUOTE = 0x2019
const isApostrophe = (q: number) => q === APOSTROPHE || q === RIGHT_QUOTE

/**
 * The ASCII stopwords as a flat table of their characters' codes (state × 128 → next state, 0 for none; a state's
 * last cell marks the end of a word): most lines are ASCII, and there a word is looked up with one array read per
 * character.
 */
const ASCII_STOP = (() => {
  const words = [...STOPWORDS].filter((w) => /^[\x20-\x7e]+$/u.test(w))
  let table = new Int32Array(128 * 256)
  let states = 1
  for (const w of words) {
    let st = 0
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k)
      let t = table[st * 128 + c]!
      if (t === 0) {
        if ((states + 1) * 128 > table.length) {
          const bigger = new Int32Array(table.length * 2)
          bigger.set(table)
          table = bigger
        }
        t = states++
        table[st * 128 + c] = t
      }
      st = t
    }
    // the end mark: DEL (127) never occurs in a word
    table[st * 128 + 127] = 1
  }
  return table.subarray(0, states * 128)
})()
/**
 * Words (as WORD_RE reads them: letters and digits, with apostrophe-joined letter parts), stopwords, capitalised
 * words and words that start with a digit, in one pass over the characters: ASCII characters are classed and their
 * words looked up in flat tables; a word with another character is looked up in the stopword tree.
 */
export const countWords = (s: string): { words: number; stop: number; caps: number; digits: number } => {
  const { words, stop, caps, digits } = measureWords(s)
  return { words, stop, caps, digits }
}

/** countWords, and whether every character of the line is ASCII (read on the way) */
export const measureWords = (s: string) => {
  let words = 0
  let stop = 0
  let caps = 0
  let digits = 0
  const n = s.length
  let ascii = true
  let i = 0
  while (i < n) {
    let c = s.charCodeAt(i)
    let k = c < 128 ? ASCII_CLASS[c]! : charClass(s, i)
    if (k === OTHER || k === OTHER + 4) {
      if (c >= 128) ascii = false
      i += k > 4 ? 2 : 1
      continue
    }
    const start = i
    const first = c
    // the stopword table's state while the word is ASCII (-1 once no stopword can match); -2 when the word holds
    // another character (looked up in the tree once it ends). As isStopword reads it: a word is lower-cased only when
    // it starts with a capital or a character outside ASCII.
    const fold = (first >= 65 && first <= 90) || first > 127
    let st = 0
    // letters and digits, then apostrophe-joined letter parts ("it's", "don’t"; a digit right after one starts a new word)
    let lettersOnly = false
    for (;;) {
      if (k > 4) {
        st = -2
        i += 2
      } else {
        if (c < 128) {
          if (st >= 0) st = ASCII_STOP[st * 128 + (fold && c >= 65 && c <= 90 ? c + 32 : c)]! || -1
        } else st = -2
        i += 1
      }
      if (i >= n) break
      c = s.charCodeAt(i)
      k = c < 128 ? ASCII_CLASS[c]! : charClass(s, i)
      const base = k > 4 ? k - 4 : k
      if (base === LETTER || (base === NUMBER && !lettersOnly)) continue
      if (base !== OTHER || !isApostrophe(c) || i + 1 >= n || !isLetterAt(s, i + 1)) break
      // the apostrophe, then letters only
      if (c < 128) {
        if (st >= 0) st = ASCII_STOP[st * 128 + c]! || -1
      } else st = -2
      i += 1
      c = s.charCodeAt(i)
      k = c < 128 ? ASCII_CLASS[c]! : charClass(s, i)
      lettersOnly = true
    }
    words++
    if (st === -2) {
      ascii = false
      if (i - start <= STOPWORD_MAX && isStopword(s, start, i, fold)) stop++
    } else if (st > 0 && ASCII_STOP[st * 128 + 127] === 1) stop++
    if (first >= 48 && first <= 57) digits++
    else if (first >= 65 && first <= 90) caps++
    else if (first > 127) {
      const f = s[start]!
      if (f !== f.toLowerCase()) caps++
    }
  }
  // Chinese and Japanese write no spaces: count about two characters as a word
  if (!ascii && s.length >= 8 && s.length > words * 12) {
    const c = s.match(CJK_RE)
    if (c !== null && c.length >= 4) words = Math.max(words, Math.round(c.length / 2))
  }
  return { words, stop, caps, digits, ascii }
}

/** a line that is only a date (with weekday, time, "Posted/Updated" labels and the like) */
const TODAY_RE = /yesterday|today/i
/** `digits`: words that start with a digit; a date without one says "today" or "yesterday" */
const isDateLine = (core: string, words: number, digits: number): boolean => {
  if (words === 0 || words > 14 || (digits === 0 && !TODAY_RE.test(core)) || !DATE_RE.test(core)) return false
  let other = 0
  for (const m of core.matchAll(WORD_RE)) if (!DATE_WORDS.test(m[0])) other++
  return other <= 1
}

/** how many white-space characters (as trimStart sees them) a line starts with */
const LEADING_SPACE_RE = /^\s*/u
const leadingSpace = (r: string): number => {
  const c = r.charCodeAt(0)
  // most lines start with a letter, a digit or a plain space
  if (c > 32 && c < 127) return 0
  return LEADING_SPACE_RE.exec(r)![0].length
}

const splitLines = (text: string): Array<Line | null> => {
  const raw = text.split("\n")
  const out: Array<Line | null> = []
  let block = 0
  let prevBlank = true
  const counts = new Map<string, number>()
  const folded = raw.map((r) => foldSpace(r))
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
    const indent = leadingSpace(r)
    const bm = BULLET_CODES.has(t.charCodeAt(0)) ? BULLET_RE.exec(t) : null
    const core = bm ? t.slice(bm[0].length) : t
    const { words, stop, caps, digits, ascii } = measureWords(core)
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
      sentenceEnd: endsSentence(core),
      dateLine: isDateLine(core, words, digits),
      repeated: (counts.get(t) ?? 0) > 1 && words > 0,
      // the letters UNLISTED_RE looks for are none of them ASCII
      unlisted: !ascii && UNLISTED_RE.test(core),
      rule: null
    })
  }
  return out
}

/** the non-blank lines of a page with their features */
export const measureLines = (text: string): Array<Line> => splitLines(text).filter((l): l is Line => l !== null)
