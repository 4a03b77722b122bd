/**
 * Entities stage: names found in one document's body, each pointed at one canonical entity. Pure.
 *
 * How it works (compiled once per build by `makeEntityFinder`, then one pass per document):
 * 1. The body is cut into tokens (words keep internal '-', '.', apostrophes; "Putin's" becomes "Putin" + a
 *    possessive flag; a word's trailing '.' is kept only for abbreviations such as "U.S." or "Mr.").
 * 2. Gazetteer aliases are compiled into a trie over token keys; matching is leftmost-longest in one pass.
 *    All-capital aliases ("IS", "CSTO", "US") match case-sensitively; other aliases match without case but a
 *    word capitalised in the alias must be capitalised in the text ("Moscow", "MOSCOW", never "moscow").
 * 3. Discovery: runs of capitalised words (joined by of, for, the, al-, bin, ...) around the gazetteer hits.
 *    Leading titles ("Tajik President", "Mr.") are cut from the name but kept in the mention's surface; a run
 *    with an organisation or place head word beyond the hits wins over the hits inside it ("X Institute for
 *    Political Research"); other runs are split at the hits. Sentence-initial common words, words the same
 *    document also writes in lower case, months, demonyms and stoplisted chrome phrases are not names.
 * 4. Types of discovered names come from head words, titles, given names, prepositions and suffixes. A
 *    discovered name links to a gazetteer entity only when its transliteration key (kh/h, e/i/y, doubled
 *    letters, diacritics folded) equals an alias's key with the same type and the same given name; otherwise
 *    it gets the provisional id "x-" + slug. Within one document a bare or titled surname links to the
 *    (earlier, else only) full name with that surname; an acronym links to the name it was introduced with.
 * 5. Offsets are converted from UTF-16 code units to Unicode code points.
 */
import type { EntityType } from "../model.js"
import type { Gazetteer, GazetteerEntity } from "./gazetteer.js"
import {
  COMMON_ACRONYMS,
  COMMON_WORDS,
  CONNECTORS,
  DEMONYMS,
  GIVEN_NAMES,
  FUNCTION_WORDS,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  ORG_WORDS,
  PERSON_TITLES,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  TITLE_WORDS
} from "./entities-lexicon.js"

export interface EntitiesInput {
  readonly body: string
  readonly authors: ReadonlyArray<string>
  /** the document's BCP 47 language tag, null when unknown */
  readonly language: string | null
}

export interface FoundEntity {
  /** gazetteer id, or "x-" + slug for a provisional (discovered) entity; the same name always gives the same id */
  readonly entity_id: string
  readonly name: string
  readonly type: EntityType
  readonly wikidata_id: string | null
  /** gazetteer aliases, or the spellings seen in this document for a provisional entity */
  readonly aliases: ReadonlyArray<string>
  readonly provisional: boolean
}

export interface EntityMention {
  readonly entity_id: string
  readonly surface: string
  /** offsets into body in Unicode code points */
  readonly start: number
  readonly end: number
}

export interface EntitiesResult {
  readonly entities: ReadonlyArray<FoundEntity>
  readonly mentions: ReadonlyArray<EntityMention>
}

// ---------------------------------------------------------------------------------------------------------
// Keys

const NON_ASCII = /[^\x00-\x7f]/
const MARKS = /[\u0300-\u036f]/g

/** Pure string functions are memoised across documents (bounded: the cache is dropped when it grows large). */
const translitCache = new Map<string, string>()
const slugCache = new Map<string, string>()
const memo = (cache: Map<string, string>, key: string, f: (s: string) => string): string => {
  let v = cache.get(key)
  if (v === undefined) {
    if (cache.size > 200_000) cache.clear()
    v = f(key)
    cache.set(key, v)
  }
  return v
}

/** Folds diacritics and a few letters NFD does not decompose. */
export const foldDiacritics = (s: string): string =>
  NON_ASCII.test(s)
    ? s
        .normalize("NFD")
        .replace(MARKS, "")
        .replace(/[ıİ]/g, "i")
        .replace(/[łŁ]/g, "l")
        .replace(/[øØ]/g, "o")
        .replace(/[đĐ]/g, "d")
        .replace(/ß/g, "ss")
        .replace(/[’‘`ʼ]/g, "'")
    : s

/** The matching key of one word: dots dropped, curly apostrophes straightened, diacritics folded, lower case. */
const tokenKey = (exact: string): string => foldDiacritics(exact).toLowerCase()

/**
 * Transliteration key: folds the spelling differences of romanised names (kh/h, e/i/y, doubled letters,
 * diacritics, hyphens, apostrophes), so "Emomali Rakhmon" and "Imomali Rahmon" share a key but "Markov"
 * and "Makarov" do not.
 */
export const translitKey = (name: string): string => memo(translitCache, name, translitKeyRaw)
const translitKeyRaw = (name: string): string =>
  foldDiacritics(name)
    .toLowerCase()
    .replace(/['’`-]/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/kh/g, "h")
    .replace(/ph/g, "f")
    .replace(/ou/g, "u")
    .replace(/j/g, "y")
    .replace(/dz/g, "z")
    .replace(/[eiy]/g, "i")
    .replace(/([a-z])\1+/g, "$1")
    .replace(/\s+/g, " ")
    .trim()

/** The slug of a provisional entity id. */
export const slug = (name: string): string => (PLAIN_NAME.test(name) ? name.toLowerCase().replaceAll(" ", "-") : memo(slugCache, name, slugRaw))
/** ASCII letters and digits in words separated by single spaces: the slug is the name in lower case, hyphenated */
const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/
const slugRaw = (name: string): string =>
  foldDiacritics(name)
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

// ---------------------------------------------------------------------------------------------------------
// Tokens

/** a token of the body; s/e are UTF-16 offsets of the word without a possessive suffix or sentence-final '.' */
interface Token {
  readonly s: number
  readonly e: number
  /** the word as written, without possessive suffix / sentence-final dot */
  readonly text: string
  /** lower-cased matching key (dots removed); for punctuation the character itself */
  readonly key: string
  /** dots removed, case kept */
  readonly exact: string
  readonly word: boolean
  /** first letter upper case (or a particle-prefixed capitalised word such as "al-Assad") */
  readonly cap: boolean
  /** every letter upper case, at least two letters */
  readonly upper: boolean
  readonly poss: boolean
  /** first word of a sentence, line or title-case headline */
  sentStart: boolean
  /** a line break lies between this token and the previous one */
  readonly nlBefore: boolean
  /** a hyphen inside a word ("Lyakin-Frolov", "US-led") */
  readonly joiner: boolean
  /** in a title-case headline line */
  headline: boolean
}

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "sen", "rep", "gov",
  "rev", "mt", "ft", "no", "vs", "co", "corp", "inc", "ltd", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul",
  "aug", "sep", "sept", "oct", "nov", "dec", "messrs", "fr", "sr"
])
const PARTICLES = new Set(["al", "el", "ul", "ad", "as", "ash", "ar", "at", "az", "an", "bin", "ibn", "abu", "bint", "ben", "de", "da", "du", "van", "von", "d", "o", "mc", "mac"])
const SENTENCE_END = new Set([".", "!", "?", "…"])
const TRANSPARENT = new Set(['"', "“", "”", "‘", "'", "’", "(", "[", "«", "»", "-", "–", "—", "*", "•", "|"])

/** every letter upper case (digits and marks allowed), at least one letter */
const isAllUpper = (w: string): boolean => {
  let letters = 0
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k)
    if (c >= 97 && c <= 122) return false
    if (c >= 65 && c <= 90) letters++
    else if (c >= 128) {
      const ch = w[k]!
      if (ch !== ch.toUpperCase()) return false
      if (ch !== ch.toLowerCase()) letters++
    }
  }
  return letters > 0
}
/** one-character strings, shared (punctuation is most of a scraped page's tokens) */
const CHAR_STRINGS: Array<string | undefined> = []
const charString = (c: number): string => {
  if (c >= 4096) return String.fromCharCode(c)
  let v = CHAR_STRINGS[c]
  if (v === undefined) CHAR_STRINGS[c] = v = String.fromCharCode(c)
  return v
}
/**
 * Marks whose repetition is collapsed into one token: every mark except those whose count or adjacency the
 * stage reads (",", "(", ")", quotes, "&", "."); beyond ASCII, every mark but the single curly quotes.
 */
const REPEATABLE = new Uint8Array(128)
for (const ch of "-_=*#~+|/\\<>[]{}!?:;^`@$%") REPEATABLE[ch.charCodeAt(0)] = 1
const CONTRACTION = /['’](m|ve|d|ll|re|t)$/i
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u
const ASCII_WORD = new Uint8Array(128)
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1
/**
 * Classes of the characters of the Basic Multilingual Plane, computed on first sight: CC_KNOWN, CC_WORD (a letter,
 * mark or digit), CC_NONLATIN (a letter of a script beyond Latin, not upper case, whose matching key is one
 * character outside ASCII: a word of such letters never starts a name and never folds to a listed word).
 */
const CHAR_CLASS = new Uint8Array(65536)
const CC_KNOWN = 1
const CC_WORD = 2
const CC_NONLATIN = 4
const charClass = (c: number): number => {
  let v = CHAR_CLASS[c]!
  if (v === 0) {
    const ch = String.fromCharCode(c)
    v = CC_KNOWN
    if (c < 0xd800 || c > 0xdfff) {
      if (WORD_CHAR.test(ch)) v |= CC_WORD
      if (v & CC_WORD && c >= 0x370 && !isUpperChar(ch)) {
        const key = tokenKey(ch)
        if (key.length === 1 && key.charCodeAt(0) >= 0x370) v |= CC_NONLATIN
      }
    }
    CHAR_CLASS[c] = v
  }
  return v
}
/** code units of the word character at i (1, or 2 for an astral letter), 0 when it is not a letter, mark or digit */
const wordUnits = (body: string, i: number, c: number): number => {
  if (c < 128) return ASCII_WORD[c]!
  if (c >= 0xd800 && c <= 0xdbff) {
    const pair = body.slice(i, i + 2)
    return WORD_CHAR.test(pair) ? 2 : 0
  }
  return charClass(c) & CC_WORD ? 1 : 0
}
const isUpperChar = (c: string): boolean => {
  const k = c.charCodeAt(0)
  if (k < 128) return k >= 65 && k <= 90
  return c !== c.toLowerCase() && c === c.toUpperCase()
}

/** Lower-case second parts that make a hyphenated word an adjective of the name before them ("US-led"). */
const ADJ_SUFFIXES = new Set([
  "led", "linked", "based", "backed", "style", "born", "made", "funded", "controlled", "allied", "owned", "run", "affiliated",
  "inspired", "related", "speaking", "driven", "powered", "enabled", "generated", "assisted", "critic", "critics", "free", "specific", "dependent", "only", "bashing", "dominated", "leaning", "friendly", "era", "type", "like", "sponsored", "supported",
  "bound", "wide", "centric", "focused", "oriented", "held", "occupied", "brokered", "mediated", "educated", "trained", "armed"
])

const shouldSplitHyphenated = (raw: string): boolean => {
  const parts = raw.split("-")
  if (parts.length < 2 || parts.some((p) => p.length === 0)) return false
  const last = parts[parts.length - 1]!.replace(/['’]s$/i, "").replace(/\.$/, "").toLowerCase()
  if (ADJ_SUFFIXES.has(last) && isUpperChar(raw[0] ?? "")) return true
  // "Afghanistan-Tajikistan", "Lyakin-Frolov": capitalised parts of three letters or more are separate words
  return parts.every((p) => p.length >= 3 && isUpperChar(p[0] ?? ""))
}

/**
 * Plain lower-case words ("the", "said") are the bulk of a text and never start a name: they are shared,
 * immutable token objects (one per spelling, across documents), stamped with the document generation so
 * that "this word is written in lower case in this document" needs no per-document set.
 */
interface LowerCache {
  /** lower-case words the matcher needs to see (connectors, prepositions, words inside aliases), by hash */
  readonly special: Map<number, string>
  /** this document's lower-case words, as a set of hashes (open addressing; 0 is empty) */
  seen: Int32Array
  mask: number
  /** words of lower-case non-Latin letters stood in for by shared tokens; their keys join the lower-case set when asked */
  readonly pending: Array<string>
  /** no listed lower-case word has a non-Latin letter, so such words can be stood in for */
  readonly nonLatinFast: boolean
}

const FNV_OFFSET = 2166136261 | 0
/** the hash of a lower-case ASCII word, as computed while scanning */
const hashLower = (w: string): number => {
  let h = FNV_OFFSET
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 16777619)
  return h | 1
}
const seenAdd = (cache: LowerCache, h: number): void => {
  const t = cache.seen
  let k = h & cache.mask
  while (t[k] !== 0) {
    if (t[k] === h) return
    k = (k + 1) & cache.mask
  }
  t[k] = h
}
const seenHas = (cache: LowerCache, h: number): boolean => {
  const t = cache.seen
  let k = h & cache.mask
  while (t[k] !== 0) {
    if (t[k] === h) return true
    k = (k + 1) & cache.mask
  }
  return false
}
/** shared stand-ins for ordinary lower-case words: they only break runs (short and long ones, for headline detection) */
const LOWER_SHORT: Token = { s: -1, e: -1, text: "", key: "", exact: "", word: true, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false }
const LOWER_LONG: Token = { s: -1, e: -1, text: "~~~~", key: "~~~~", exact: "~~~~", word: true, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false }
const ONLY_LOWER = /^[a-z]+$/

const tokenize = (body: string, lowerSeen: Set<string>, cache?: LowerCache): Array<Token> => {
  const tokens: Array<Token> = []
  let pendingStart = true
  let asciiWord = false
  const pushWord = (_unused: undefined, start: number, raw0: string, nlBefore: boolean, allowSentenceEnd: boolean): void => {
    let raw = raw0
    let sentenceEndAfter = false
    if (allowSentenceEnd && raw.charCodeAt(raw.length - 1) === 46 /* . */) {
      const inner = raw.slice(0, -1)
      const abbrev = inner.includes(".") || inner.length === 1 || ABBREVIATIONS.has(inner.toLowerCase())
      if (!abbrev) {
        raw = inner
        sentenceEndAfter = true
      }
    }
    let poss = false
    let text = raw
    const n = text.length
    if (n > 2) {
      const a = text.charCodeAt(n - 2)
      const last = text.charCodeAt(n - 1)
      if ((a === 39 || a === 8217) && (last === 115 || last === 83) && !(last === 83 && isUpperChar(text[n - 3] ?? ""))) {
        poss = true
        text = text.slice(0, n - 2)
      }
    }
    const exact = text.indexOf(".") >= 0 ? text.replace(/\./g, "") : text
    const f0 = text.charCodeAt(0)
    let cap = f0 < 128 ? f0 >= 65 && f0 <= 90 : isUpperChar(text[0]!)
    const key = asciiWord ? exact.toLowerCase() : tokenKey(exact)
    if (!cap && f0 >= 97 && f0 <= 122 && text.indexOf("-") > 0) {
      const h = text.indexOf("-")
      if (h > 0 && PARTICLES.has(text.slice(0, h).toLowerCase()) && isUpperChar(text[h + 1] ?? "")) cap = true
    }
    // "I’m", "We’ve", "Don’t": contractions are not names
    if (cap && n > 2 && (text.indexOf("'") > 0 || text.indexOf("’") > 0) && CONTRACTION.test(text)) cap = false
    const upper = cap && exact.length >= 2 && isAllUpper(exact)
    if (!cap) lowerSeen.add(key)
    tokens.push({ s: start, e: start + text.length, text, key, exact, word: true, cap, upper, poss, sentStart: pendingStart, nlBefore, joiner: false, headline: false })
    pendingStart = sentenceEndAfter
    if (sentenceEndAfter) {
      const ds = start + raw.length
      tokens.push({ s: ds, e: ds + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false })
    }
  }
  const len = body.length
  let i = 0
  let nl = false
  while (i < len) {
    const c = body.charCodeAt(i)
    if (c <= 32 || c === 160 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029) {
      if (c === 10 || c === 0x2028 || c === 0x2029) nl = true
      i++
      continue
    }
    const nlBefore = nl
    nl = false
    if (nlBefore) pendingStart = true
    const s = i
    let w = wordUnits(body, i, c)
    if (w === 0) {
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < len ? 2 : 1
      const raw = width === 1 ? charString(c) : body.slice(i, i + width)
      i += width
      // a rule of repeated marks ("-----", "═════", "***"): one token, as each mark alone does the same
      if (width === 1 && (c < 128 ? REPEATABLE[c] !== 0 : c !== 0x2018 && c !== 0x2019)) while (i < len && body.charCodeAt(i) === c) i++
      tokens.push({ s, e: i, text: raw, key: raw, exact: raw, word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore, joiner: false, headline: false })
      if (SENTENCE_END.has(raw) || raw === ":" || raw === ";") pendingStart = true
      else if (!TRANSPARENT.has(raw)) pendingStart = false
      continue
    }
    i += w
    let plain = c >= 97 && c <= 122
    let ascii = c < 128
    // lower-case letters of a non-Latin script (with ASCII letters or digits after the first): "слово", "λόγος"
    let nonLatin = w === 1 && c >= 0x370 && (charClass(c) & CC_NONLATIN) !== 0
    let lowerOrNonLatin = nonLatin
    let h = Math.imul(FNV_OFFSET ^ c, 16777619)
    while (i < len) {
      const d = body.charCodeAt(i)
      if (d >= 97 && d <= 122) {
        h = Math.imul(h ^ d, 16777619)
        i++
        continue
      }
      w = wordUnits(body, i, d)
      if (w > 0) {
        plain = false
        if (d >= 128) {
          ascii = false
          if (w === 1 && d >= 0x370 && (charClass(d) & CC_NONLATIN) !== 0) nonLatin = true
          else lowerOrNonLatin = false
        }
        i += w
        continue
      }
      if ((d === 45 || d === 46 || d === 39 || d === 8217) && i + 1 < len && wordUnits(body, i + 1, body.charCodeAt(i + 1)) > 0) {
        plain = false
        lowerOrNonLatin = false
        i++
        continue
      }
      break
    }
    if (lowerOrNonLatin && nonLatin && cache !== undefined && cache.nonLatinFast && !nlBefore && !pendingStart && i - s > 1) {
      // never a name, never a listed word: a shared stand-in, its key computed only if the document asks
      cache.pending.push(body.slice(s, i))
      tokens.push(i - s > 3 ? LOWER_LONG : LOWER_SHORT)
      if (i < len && body.charCodeAt(i) === 46) {
        tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false })
        i++
        pendingStart = true
      }
      continue
    }
    if (plain && cache !== undefined && !nlBefore) {
      h |= 1
      seenAdd(cache, h)
      const wl = i - s
      const dot = i < len && body.charCodeAt(i) === 46
      const special = cache.special.get(h)
      if (special !== undefined && special.length === wl && body.startsWith(special, s)) {
        // a word the matcher must see: a real token (without copying the text)
        if (!(dot && ABBREVIATIONS.has(special))) {
          tokens.push({ s, e: i, text: special, key: special, exact: special, word: true, cap: false, upper: false, poss: false, sentStart: pendingStart, nlBefore, joiner: false, headline: false })
          pendingStart = false
          if (dot) {
            tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false })
            i++
            pendingStart = true
          }
          continue
        }
      } else if (!pendingStart) {
        tokens.push(wl > 3 ? LOWER_LONG : LOWER_SHORT)
        if (dot) {
          tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false })
          i++
          pendingStart = true
        }
        continue
      }
    }
    if (i < len && body.charCodeAt(i) === 46) i++
    const raw = body.slice(s, i)
    asciiWord = ascii && raw.indexOf("’") < 0
    if (c < 128 && (c < 65 || c > 90)) {
      // only capitalised words are ever split at hyphens
    } else if (raw.indexOf("-") > 0 && shouldSplitHyphenated(raw)) {
      const parts = raw.split("-")
      let off = s
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!
        if (k > 0) {
          tokens.push({ s: off - 1, e: off, text: "-", key: "-", exact: "-", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: true, headline: false })
          pushWord(undefined, off, p, false, k === parts.length - 1)
        } else pushWord(undefined, off, p, nlBefore, false)
        off += p.length + 1
      }
      continue
    }
    pushWord(undefined, s, raw, nlBefore, true)
  }
  return tokens
}

/** Marks every word of a title-case line (a headline) as sentence-initial: capitals there prove nothing. */
const markHeadlines = (tokens: Array<Token>, capsLine: Uint8Array): void => {
  let i = 0
  while (i < tokens.length) {
    let j = i + 1
    while (j < tokens.length && !tokens[j]!.nlBefore) j++
    let words = 0
    let caps = 0
    let content = 0
    let uppers = 0
    for (let k = i; k < j; k++) {
      const t = tokens[k]!
      if (!t.word) continue
      words++
      if (t.upper) uppers++
      if (t.key.length > 3 && !CONNECTORS.has(t.key)) {
        content++
        if (t.cap) caps++
      }
    }
    // a line in capitals ("THE END", "LATEST NEWS"): capitals prove nothing there either
    if (words >= 2 && uppers === words) {
      for (let k = i; k < j; k++) {
        const t = tokens[k]!
        if (t.s < 0) continue
        capsLine[k] = 1
        t.sentStart = true
        t.headline = true
      }
      i = j
      continue
    }
    const endsSentence = j - 1 >= i && SENTENCE_END.has(tokens[j - 1]!.key)
    if (words >= 3 && content >= 2 && caps === content && !endsSentence) {
      for (let k = i; k < j; k++) {
        const t = tokens[k]!
        if (t.s < 0) continue // a shared lower-case token
        t.sentStart = true
        t.headline = true
      }
    }
    i = j
  }
}

// ---------------------------------------------------------------------------------------------------------
// The compiled gazetteer

interface Terminal {
  readonly entity: number
  /** per alias token: must the text word be capitalised */
  readonly capMask: ReadonlyArray<boolean>
  readonly kind: string
}

interface CompiledEntity {
  readonly g: GazetteerEntity
  readonly aliasNames: ReadonlyArray<string>
  readonly found: FoundEntity
}

const CS_PREFIX = "\u0001"
const POSS = "\u0002s"

class Trie {
  /** case-folded edges */
  readonly children: Array<Map<string, number>> = [new Map()]
  /** case-sensitive edges (all-capital aliases) */
  readonly exact: Array<Map<string, number>> = [new Map()]
  readonly terminals: Array<Terminal | undefined> = [undefined]
  /** keys of lower-case words that can start an alias ("al-Qaeda") */
  readonly lowerStarts = new Set<string>()
  /** every lower-case word inside an alias */
  readonly lowerWords = new Set<string>()
  add(keys: ReadonlyArray<string>, term: Terminal): void {
    let node = 0
    for (const k0 of keys) {
      const cs = k0.startsWith(CS_PREFIX)
      const k = cs ? k0.slice(CS_PREFIX.length) : k0
      const map = cs ? this.exact[node]! : this.children[node]!
      let next = map.get(k)
      if (next === undefined) {
        next = this.children.length
        this.children.push(new Map())
        this.exact.push(new Map())
        this.terminals.push(undefined)
        map.set(k, next)
      }
      node = next
    }
    if (this.terminals[node] === undefined) this.terminals[node] = term
  }
}

interface Hit {
  /** token range [a, b) */
  readonly a: number
  readonly b: number
  readonly entity: number
  readonly kind: string
}

const isAllCapsAlias = (name: string): boolean => {
  const letters = name.replace(/[^\p{L}]/gu, "")
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

// ---------------------------------------------------------------------------------------------------------
// Discovery helpers

type Guess = { type: EntityType; strength: number }

const DOMAIN = /\.(com|org|net|gov|edu|info|io|ru|uk|de|fr|tj|kz|uz|kg)$/i
/** verbs that follow a name at the start of a sentence */
const SUBJECT_VERBS = new Set(["has", "have", "had", "was", "is", "are", "were", "said", "says", "will", "would", "announced", "reported", "told", "added"])
const PLACE_PREFIX_WORDS = new Set(["north", "south", "east", "west", "new"])
const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"])
const COURTESY = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady"])

const PLACE_SUFFIX = /(stan|abad|grad|gorod|burg|bourg|polis|ville|shire|sk|skaya|kent|kand|shahr|land|...[^aeiou]ia)$/
/** words that start place names ("New South Wales", "Upper Volta"): kept at a sentence start when a name follows */
const NAME_PREFIXES = new Set(["new", "north", "south", "east", "west", "upper", "lower", "great", "saint", "st", "san", "santa", "los", "las", "port", "fort", "mount", "lake", "cape", "old"])

const COMMONISH = new Set([...COMMON_WORDS, ...MONTHS_AND_DAYS, ...DEMONYMS])
const isCommon = (t: Token): boolean => COMMONISH.has(t.key)

/** the type of a one-word name (the common case, kept cheap) */
const guessSingle = (first: Token, before: Token | undefined, before2: Token | undefined, titled: boolean): Guess => {
  if (titled) return { type: "person", strength: 3 }
  if (first.upper && first.exact.length <= 6) return { type: "organization", strength: 2 }
  if (GIVEN_NAMES.has(first.key)) return { type: "person", strength: 2 }
  if (first.key.endsWith("s") && (DEMONYMS.has(first.key.slice(0, -1)) || DEMONYMS.has(first.key.replace(/ies$/, "y")))) return { type: "person", strength: 2 }
  if (before !== undefined && before.word && PLACE_PREPOSITIONS.has(before.key)) return { type: "place", strength: 2 }
  if (before !== undefined && before.key === "of" && before2 !== undefined && !before2.cap && PLACE_WORDS.has(before2.key)) return { type: "place", strength: 2 }
  // "the country's capital, Zarvenna": a name set beside a place noun names that place
  if (before !== undefined && before.key === "," && before2 !== undefined && !before2.cap && (PLACE_WORDS.has(before2.key) || before2.key === "capital")) return { type: "place", strength: 2 }
  if (PLACE_SUFFIX.test(first.key)) return { type: "place", strength: 1 }
  return { type: "organization", strength: 0 }
}

const guessType = (
  name: ReadonlyArray<Token>,
  before: Token | undefined,
  titled: boolean,
  authorKeys: ReadonlySet<string>,
  before2?: Token
): Guess => {
  const words = name.length === 1 ? name : name.filter((t) => t.word)
  const last = words[words.length - 1]!
  const first = words[0]!
  // head noun: the last word, or the word before the first "of"/"for" ("University of Texas", "Bank of Russia")
  let headBeforeOf: Token | undefined
  for (let k = 1; k < words.length; k++) {
    if (words[k]!.key === "of" || words[k]!.key === "for") {
      headBeforeOf = words[k - 1]
      break
    }
  }
  if (ORG_WORDS.has(last.key)) return { type: "organization", strength: 3 }
  if (words.length === 1) return guessSingle(first, before, before2, titled)
  const orgAt = (t: Token | undefined) => t !== undefined && ORG_WORDS.has(t.key)
  const placeAt = (t: Token | undefined) => t !== undefined && PLACE_WORDS.has(t.key)
  // "Irving Independent School District": an organisation word anywhere beats a place head
  if (placeAt(last) && words.length > 1 && words.some((t) => t !== last && ORG_WORDS.has(t.key) && !PLACE_WORDS.has(t.key)))
    return { type: "organization", strength: 3 }
  if (placeAt(last) && words.length > 1) return { type: "place", strength: 3 }
  if (orgAt(headBeforeOf)) return { type: "organization", strength: 3 }
  if (placeAt(headBeforeOf) && words.length > 1) return { type: "place", strength: 3 }
  if (titled) return { type: "person", strength: 3 }
  if (words.some((t) => ORG_WORDS.has(t.key) && t !== first)) return { type: "organization", strength: 2 }
  if (authorKeys.size > 0 && authorKeys.has(words.map((t) => t.key).join(" "))) return { type: "person", strength: 3 }
  if (words.length >= 2 && GIVEN_NAMES.has(first.key)) return { type: "person", strength: 3 }
  // an agency byline: "ALEXANDROVA Lyudmila"
  if (words.length === 2 && first.upper && GIVEN_NAMES.has(foldDiacritics(last.key))) return { type: "person", strength: 3 }
  if (words.length >= 2 && words.some((t) => t.text.indexOf("-") > 0 && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(t.text))) return { type: "person", strength: 2 }
  if (words.length === 1 && first.upper && first.exact.length <= 6) return { type: "organization", strength: 2 }
  if (words.length === 1 && GIVEN_NAMES.has(first.key)) return { type: "person", strength: 2 }
  // a people named by the plural of its adjective: "Afghans", "Tajiks", "Bangladeshis"
  if (words.length === 1 && first.key.endsWith("s") && (DEMONYMS.has(first.key.slice(0, -1)) || DEMONYMS.has(first.key.replace(/ies$/, "y"))))
    return { type: "person", strength: 2 }
  if (before !== undefined && before.word && PLACE_PREPOSITIONS.has(before.key) && words.length <= 2) return { type: "place", strength: 2 }
  if (before !== undefined && before.key === "of" && before2 !== undefined && !before2.cap && PLACE_WORDS.has(before2.key)) return { type: "place", strength: 2 }
  if (words.length === 1 && PLACE_SUFFIX.test(first.key)) return { type: "place", strength: 1 }
  if (words.length >= 2 && NAME_PREFIXES.has(first.key) && first.key !== "old") return { type: "place", strength: 2 }
  // "Kowloon West", "East Timor", "New South Wales": a compass word makes a place
  if (words.length >= 2 && (words.some((t) => COMPASS.has(t.key)) || first.key === "new")) return { type: "place", strength: 2 }
  // two to four words that look like personal names (not acronyms, not common words): a person
  if (words.length >= 2 && words.length <= 4 && words.every((t) => t.cap && !t.upper && !COMMON_WORDS.has(t.key))) return { type: "person", strength: 1 }
  return { type: "organization", strength: 0 }
}

const MULTI_SPACE = /\s{2,}|[\t\n\r\u00a0]/
const joinText = (body: string, toks: ReadonlyArray<Token>): string => {
  const text = body.slice(toks[0]!.s, toks[toks.length - 1]!.e)
  return MULTI_SPACE.test(text) ? text.replace(/\s+/g, " ") : text
}

/** "ALEXANDROVA Lyudmila" → "Lyudmila Alexandrova"; "PAUL GOBLE" → "Paul Goble". */
export const normaliseAuthor = (author: string): string => {
  const parts = author.trim().replace(/^by\s+/i, "").split(/\s+/).filter((p) => p.length > 0)
  const isUpperWord = (p: string) => p.length > 1 && p === p.toUpperCase() && p !== p.toLowerCase()
  const title = (p: string) => p.split("-").map((x) => (x[0] ?? "").toUpperCase() + x.slice(1).toLowerCase()).join("-")
  if (parts.length === 2 && isUpperWord(parts[0]!) && !isUpperWord(parts[1]!)) return `${parts[1]} ${title(parts[0]!)}`
  if (parts.every(isUpperWord)) return parts.map(title).join(" ")
  return parts.join(" ")
}

// ---------------------------------------------------------------------------------------------------------
// Offsets

const hasSurrogates = /[\uD800-\uDFFF]/

const makeCodePointMap = (body: string): ((i: number) => number) => {
  if (!hasSurrogates.test(body)) return (i) => i
  const map = new Int32Array(body.length + 1)
  let cp = 0
  for (let i = 0; i < body.length; i++) {
    map[i] = cp
    const c = body.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < body.length) {
      const d = body.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp
        i++
      }
    }
    cp++
  }
  map[body.length] = cp
  return (i) => map[i]!
}

// ---------------------------------------------------------------------------------------------------------
// The finder

interface Candidate {
  /** token range of the whole mention, title included */
  readonly a: number
  readonly b: number
  /** token range of the name */
  readonly na: number
  readonly nb: number
  /** a gazetteer entity, or -1 */
  entity: number
  name: string
  type: EntityType
  strength: number
  titled: boolean
  /** set by linking: the id this mention points at */
  id?: string
  /** a title alone ("the President"): the title word, to be resolved to a titled person of the document */
  titleRef?: string | undefined
}


/** Builds the matcher once per build (compiling the gazetteer), then runs per document. */
export const makeEntityFinder = (gazetteer: Gazetteer) => {
  const trie = new Trie()
  const entities: Array<CompiledEntity> = []
  /** translit key of a full name (2+ words) → entity indices */
  const translitIndex = new Map<string, Array<number>>()
  const dummy = new Set<string>()

  for (const g of gazetteer.entities) {
    const idx = entities.length
    const aliasNames = (g.aliases ?? []).map((a) => a.name).filter((n) => n !== g.name)
    entities.push({
      g,
      aliasNames,
      found: { entity_id: g.id, name: g.name, type: g.type, wikidata_id: g.wikidata ?? null, aliases: aliasNames, provisional: false }
    })
    const spellings: Array<{ name: string; kind: string }> = [{ name: g.name, kind: "canonical" }, ...(g.aliases ?? [])]
    for (const sp of spellings) {
      const toks = tokenize(sp.name, dummy)
      if (toks.length === 0) continue
      const cs = isAllCapsAlias(sp.name) || sp.kind === "acronym"
      const keys = toks.map((t, k) => (cs && t.word ? CS_PREFIX + t.exact : t.key) + (t.poss && k < toks.length - 1 ? POSS : ""))
      const capMask = toks.map((t) => t.word && t.cap)
      trie.add(keys, { entity: idx, capMask, kind: sp.kind })
      if (!toks[0]!.cap) trie.lowerStarts.add(toks[0]!.key)
      for (const t of toks) if (t.word && !t.cap) trie.lowerWords.add(t.key)
      // possessive aliases are folded by the tokenizer, "Doctor's Without Borders" included
      const wordToks = toks.filter((t) => t.word)
      if (wordToks.length >= 2 && !cs) {
        const k = translitKey(wordToks.map((t) => t.exact).join(" "))
        const list = translitIndex.get(k) ?? []
        if (!list.includes(idx)) list.push(idx)
        translitIndex.set(k, list)
      }
    }
  }

  // stoplisted chrome phrases are matched by the same automaton and stop runs without becoming entities
  for (const phrase of gazetteer.stoplist ?? []) {
    const toks = tokenize(phrase, dummy)
    if (toks.length === 0) continue
    trie.add(
      toks.map((t, k) => t.key + (t.poss && k < toks.length - 1 ? POSS : "")),
      { entity: -1, capMask: toks.map((t) => t.word && t.cap), kind: "stop" }
    )
    for (const t of toks) if (t.word && !t.cap) trie.lowerWords.add(t.key)
  }

  // lower-case words the matcher must see as themselves; every other lower-case word is only a run break
  const special = new Map<number, string>()
  const addSpecial = (w: string) => {
    if (ONLY_LOWER.test(w)) special.set(hashLower(w), w)
  }
  for (const w of CONNECTORS) addSpecial(w)
  for (const w of PLACE_PREPOSITIONS) addSpecial(w)
  for (const w of trie.lowerWords) addSpecial(w)
  for (const w of SUBJECT_VERBS) addSpecial(w)
  addSpecial("s")
  addSpecial("and")
  addSpecial("or")
  for (const w of PLACE_WORDS) addSpecial(w)
  addSpecial("capital")
  // words of non-Latin letters can be stood in for unless some listed lower-case word has such a letter
  const NON_LATIN_LETTER = /[^\u0000-\u036f]/
  const nonLatinFast = ![...CONNECTORS, ...PLACE_PREPOSITIONS, ...trie.lowerWords, ...trie.lowerStarts, ...SUBJECT_VERBS, ...PLACE_WORDS].some((w) => NON_LATIN_LETTER.test(w))

  const matchGazetteer = (tokens: ReadonlyArray<Token>): Array<Hit> => {
    const hits: Array<Hit> = []
    const n = tokens.length
    let i = 0
    while (i < n) {
      const t0 = tokens[i]!
      if (!t0.word || (!t0.cap && (t0.s < 0 || !trie.lowerStarts.has(t0.key)))) {
        i++
        continue
      }
      let node = -1
      let best: Hit | undefined
      let j = i
      let cur = 0
      while (j < n) {
        const t = tokens[j]!
        if (j > i && t.nlBefore) break
        let next: number | undefined
        const kids = trie.children[cur]!
        let finalOnly = false
        if (t.word) {
          if (t.poss) {
            // "Doctor's Without Borders" continues through the possessive; "Putin's" can only end a match
            next = kids.get(t.key + POSS) ?? trie.exact[cur]!.get(t.exact + POSS)
            if (next === undefined) finalOnly = true
          }
          if (next === undefined) {
            next = kids.get(t.key)
            const cs = trie.exact[cur]!.get(t.exact)
            if (cs !== undefined) {
              // prefer the case-sensitive edge if it leads to a terminal now or later
              if (next === undefined || trie.terminals[cs] !== undefined) next = cs
            }
          }
        } else next = kids.get(t.key)
        if (next === undefined) break
        cur = next
        node = cur
        const term = trie.terminals[node]
        if (term !== undefined) {
          // capitalisation check
          let ok = true
          for (let k = 0; k < term.capMask.length; k++) {
            if (term.capMask[k] && !tokens[i + k]!.cap) {
              ok = false
              break
            }
          }
          if (ok) best = { a: i, b: j + 1, entity: term.entity, kind: term.kind }
        }
        if (finalOnly) break
        j++
      }
      if (best) {
        hits.push(best)
        i = best.b
      } else i++
    }
    return hits
  }

  return (input: EntitiesInput): EntitiesResult => {
    const body = input.body
    const lowerSet = new Set<string>()
    let size = 64
    while (size < body.length / 2) size *= 2
    const lowerCache: LowerCache = { special, seen: new Int32Array(size), mask: size - 1, pending: [], nonLatinFast }
    const tokens = tokenize(body, lowerSet, lowerCache)
    const lowerSeen = {
      has: (key: string): boolean => {
        if (lowerCache.pending.length > 0) {
          for (const raw of new Set(lowerCache.pending)) lowerSet.add(tokenKey(raw))
          lowerCache.pending.length = 0
        }
        return lowerSet.has(key) || (ONLY_LOWER.test(key) && seenHas(lowerCache, hashLower(key)))
      }
    }
    const capsLine = new Uint8Array(tokens.length)
    markHeadlines(tokens, capsLine)
    const n = tokens.length
    const stopped = new Uint8Array(n)
    const hits: Array<Hit> = []
    for (const h of matchGazetteer(tokens)) {
      if (h.entity >= 0) hits.push(h)
      else for (let k = h.a; k < h.b; k++) stopped[k] = 1
    }
    const hitAt = new Int32Array(n).fill(-1)
    hits.forEach((h, hi) => {
      for (let k = h.a; k < h.b; k++) hitAt[k] = hi
    })

    // Authors: people by definition; their names also type the same names in the body.
    const authorNames = input.authors.map(normaliseAuthor).filter((a) => a.length > 0)
    const authorKeys = new Set(authorNames.map((a) => tokenize(a, dummy).filter((t) => t.word).map((t) => t.key).join(" ")))

    // words capitalised in the middle of a sentence somewhere in this document
    // words capitalised in the middle of a sentence somewhere in this document (built when first asked)
    let capMidSet: Set<string> | undefined
    const capMid = {
      has: (key: string): boolean => {
        if (capMidSet === undefined) {
          capMidSet = new Set()
          for (const t of tokens) if (t.cap && !t.sentStart) capMidSet.add(t.key)
        }
        return capMidSet.has(key)
      }
    }

    const candidates: Array<Candidate> = []

    const nameAt = (k: number): boolean => {
      const t = tokens[k]!
      return t.word && (t.cap || t.upper) && stopped[k] === 0
    }

    // Walk the capitalised runs.
    let i = 0
    while (i < n) {
      const t = tokens[i]!
      if (!(nameAt(i) || hitAt[i]! >= 0)) {
        i++
        continue
      }
      // extend the run
      let j = i + 1
      if (!t.poss || hitAt[i]! >= 0) {
        while (j < n) {
          const u = tokens[j]!
          if (u.nlBefore) break
          const inHit = hitAt[j]! >= 0 && hitAt[j] === hitAt[j - 1]
          if (inHit) {
            if (u.poss) {
              j++
              break
            }
            j++
            continue
          }
          if (nameAt(j) || hitAt[j]! >= 0) {
            if (tokens[j - 1]!.poss && hitAt[j - 1]! < 0 && !possessiveInName(j - 1, j)) break
            // "the Refugee Council Enver Solomon": a head noun followed by a given name ends the organisation
            const prev = tokens[j - 1]!
            if ((ORG_WORDS.has(prev.key) || PLACE_WORDS.has(prev.key)) && GIVEN_NAMES.has(u.key) && hitAt[j]! < 0 && j + 1 < n && nameAt(j + 1)) break
            j++
            if (u.poss && !possessiveInName(j - 1, j)) break
            continue
          }
          // a possessive written apart ("People 's Army"), as tokenised corpora write it
          if ((u.key === "'" || u.key === "’") && tokens[j + 1]?.exact === "s" && !tokens[j + 1]!.nlBefore && possessiveInName(j - 1, j + 2)) {
            j += 2
            continue
          }
          // a hyphen inside a name: "Igor Lyakin-Frolov"
          if (u.joiner && j + 1 < n && nameAt(j + 1) && !tokens[j - 1]!.poss) {
            j++
            continue
          }
          // connectors between two name words: "Institute for Political Research", "Osama bin Laden"
          if (u.word && CONNECTORS.has(u.key) && !u.cap && (NAME_PARTICLES.has(u.key) || runHasHead(i, j))) {
            let k = j
            while (k < n && tokens[k]!.word && CONNECTORS.has(tokens[k]!.key) && !tokens[k]!.cap && !tokens[k]!.nlBefore && k - j < 2) k++
            const v = tokens[k]
            if (v && !v.nlBefore && (nameAt(k) || hitAt[k]! >= 0) && !tokens[j - 1]!.poss) {
              j = k
              continue
            }
          }
          break
        }
      } else j = i + 1
      processRun(i, j)
      i = j
    }

    /**
     * A possessive inside an organisation's name: a common noun owns the words after it and one of the next
     * three capitalised words is an organisation head ("People's Army", "Children's Trust"); "Putin's Party" is two names.
     */
    function possessiveInName(owner: number, k: number): boolean {
      const o = tokens[owner]!
      if (!o.word || hitAt[owner]! >= 0 || !isCommon(o) || o.upper) return false
      for (let m = k; m < n && m < k + 3; m++) {
        const t = tokens[m]!
        if (t.nlBefore || !nameAt(m) || hitAt[m]! >= 0) return false
        if (ORG_WORDS.has(t.key) && !TITLE_WORDS.has(t.key)) return true
        if (t.poss) return false
      }
      return false
    }

    /** "of", "for", "the" join only names with an organisation, place or title head: not "Nathan Law of Demosisto" */
    function runHasHead(a: number, b: number): boolean {
      for (let k = a; k < b; k++) {
        const t = tokens[k]!
        if (ORG_WORDS.has(t.key) || PLACE_WORDS.has(t.key) || (TITLE_WORDS.has(t.key) && PERSON_TITLES.has(t.key))) return true
        if (hitAt[k]! >= 0 && entities[hits[hitAt[k]!]!.entity]!.g.type !== "person" && k === b - 1 && tokens[b]?.key !== "of") return false
      }
      return false
    }

    /** a word at the start of a run that is not part of the name: "The", sentence-initial common words */
    function droppableLead(k: number): boolean {
      const t = tokens[k]!
      if (!t.word) return true
      if (!t.cap && CONNECTORS.has(t.key)) return true
      if (FUNCTION_WORDS.has(t.key)) return true
      if (GIVEN_NAMES.has(t.key) || TITLE_WORDS.has(t.key)) return false
      if (NAME_PREFIXES.has(t.key) && t.cap) {
        const next = tokens[k + 1]
        if (next !== undefined && next.cap && !next.nlBefore && !FUNCTION_WORDS.has(next.key)) return false
      }
      if (t.sentStart && ((isCommon(t) && !DEMONYMS.has(t.key)) || lowerSeen.has(t.key) || /[a-z](ing|ed|ly)$/.test(t.key))) return true
      return MONTHS_AND_DAYS.has(t.key)
    }

    function processRun(a: number, b: number): void {
      // drop leading words that are not part of a name: "The", sentence-initial common words
      while (a < b && hitAt[a]! < 0 && droppableLead(a)) a++
      while (b > a && ((CONNECTORS.has(tokens[b - 1]!.key) && !tokens[b - 1]!.cap) || !tokens[b - 1]!.word || MONTHS_AND_DAYS.has(tokens[b - 1]!.key)) && hitAt[b - 1]! < 0) b--
      if (a >= b) return

      // title prefix: titles, demonyms and gazetteer places before a person's name
      let p = a
      let sawPersonTitle = false
      while (p < b) {
        const t = tokens[p]!
        if (hitAt[p]! >= 0) {
          const h = hits[hitAt[p]!]!
          const e = entities[h.entity]!
          if (e.g.type === "place" && h.b < b && !sawPersonTitle) {
            p = h.b
            continue
          }
          break
        }
        if (TITLE_WORDS.has(t.key) || DEMONYMS.has(t.key) || (t.cap && t.key.length > 5 && t.key.endsWith("ist") && p + 1 < b) || (CONNECTORS.has(t.key) && !t.cap && p > a)) {
          if (PERSON_TITLES.has(t.key)) sawPersonTitle = true
          p++
          continue
        }
        break
      }
      // the title part ends with a title word, not a connector
      while (p > a && CONNECTORS.has(tokens[p - 1]!.key) && !tokens[p - 1]!.cap) p--
      let titled = false
      let na = a
      if (sawPersonTitle && p < b) {
        const rest = tokens.slice(p, b)
        const restHasHead = rest.some((t) => ORG_WORDS.has(t.key) || PLACE_WORDS.has(t.key))
        const courtesy = p > a && COURTESY.has(tokens[p - 1]!.key)
        const restNamey = rest.some((t) => t.word && (courtesy ? t.cap : !isCommon(t)) && !TITLE_WORDS.has(t.key))
        if (!restHasHead && restNamey) {
          titled = true
          na = p
          // "US President Barack Obama": the place in the title is a mention of its own
          while (a < na && hitAt[a]! >= 0) {
            const h = hits[hitAt[a]!]!
            if (h.b > na) break
            pushHit(h, h.a, false)
            a = h.b
          }
        }
      } else if (p > a && b - p >= 2 && b - p <= 4 && GIVEN_NAMES.has(tokens[p]!.key)) {
        // "Lutheran Anna Berg", "Scientologist Olaf Brandt": an adjective of belief or origin before a
        // given name and surname stays in the mention but is no part of the person's name
        let plainName = true
        for (let k = p; k < b; k++) {
          const t = tokens[k]!
          if (!t.word || !t.cap || t.upper || hitAt[k]! >= 0 || ORG_WORDS.has(t.key) || PLACE_WORDS.has(t.key) || TITLE_WORDS.has(t.key)) plainName = false
        }
        let adjectives = true
        for (let k = a; k < p; k++) if (hitAt[k]! >= 0 || !(DEMONYMS.has(tokens[k]!.key) || tokens[k]!.key.endsWith("ist"))) adjectives = false
        if (plainName && adjectives) {
          titled = true
          na = p
        }
      }
      if (!titled) {
        // a run of titles and demonyms alone ("Foreign Minister", "Russian") names nobody
        let k = a
        while (k < b && hitAt[k]! < 0 && (TITLE_WORDS.has(tokens[k]!.key) || DEMONYMS.has(tokens[k]!.key) || CONNECTORS.has(tokens[k]!.key) || isCommon(tokens[k]!))) k++
        // "the Border Force": common words with an organisation head still make a name
        let headed = false
        if (k >= b && b - a >= 2) {
          const lastKey = tokens[b - 1]!.key
          headed = ORG_WORDS.has(lastKey) && !TITLE_WORDS.has(lastKey) && !tokens[a]!.sentStart
        }
        if (k >= b && !headed) {
          // "the President", "the Home Secretary": points at the person this document gave that title
          const last = tokens[b - 1]!
          if (a > 0 && tokens[a - 1]!.key === "the" && PERSON_TITLES.has(last.key) && last.cap && !COURTESY.has(last.key))
            candidates.push({ a: a - 1, b, na: a, nb: b, entity: -1, name: "", type: "person", strength: 0, titled: true, titleRef: last.key })
          return
        }
      }

      // does the name have an organisation/place head outside the gazetteer hits? then it wins over them
      let hasHitInside = false
      let headOutside = false
      for (let k = na; k < b; k++) {
        if (hitAt[k]! >= 0) hasHitInside = true
        else if (!tokens[k]!.headline && (ORG_WORDS.has(tokens[k]!.key) || (PLACE_WORDS.has(tokens[k]!.key) && k > na))) headOutside = true
      }
      const wholeIsOneHit = hitAt[na]! >= 0 && hitAt[na] === hitAt[b - 1] && hits[hitAt[na]!]!.a === na && hits[hitAt[na]!]!.b === b
      if (wholeIsOneHit) {
        const h = hits[hitAt[na]!]!
        pushHit(h, a, titled)
        return
      }
      // "Imomaly Rakhmon": a spelling of a gazetteer name whose parts matched separately
      if (hasHitInside && b - na >= 2 && b - na <= 5) {
        const words: Array<string> = []
        for (let k = na; k < b; k++) if (tokens[k]!.word) words.push(tokens[k]!.exact)
        const list = words.length >= 2 ? translitIndex.get(translitKey(words.join(" "))) : undefined
        const given = translitKey(words[0] ?? "")
        const match = list?.find((ix) => {
          const e = entities[ix]!
          return e.g.type !== "person" || translitKey(e.g.name).split(" ")[0] === given || e.aliasNames.some((al) => translitKey(al).split(" ")[0] === given)
        })
        if (match !== undefined) {
          const e = entities[match]!
          candidates.push({ a, b, na, nb: b, entity: match, name: e.g.name, type: e.g.type, strength: 9, titled })
          return
        }
      }
      if (hasHitInside && headOutside && !titled && stripGeneric(na, b)) {
        discovered(a, na, b, titled)
        return
      }
      if (hasHitInside && headOutside && !titled) {
        discovered(a, na, b, titled)
        return
      }
      // split at the hits
      let segStart = na
      let first = true
      for (let k = na; k < b; ) {
        if (hitAt[k]! >= 0) {
          const h = hits[hitAt[k]!]!
          // "South Australia", "East Los Angeles": a compass word before a place names another place
          const prev = tokens[k - 1]
          if (k - 1 >= segStart && !titled && prev !== undefined && prev.cap && !prev.upper && PLACE_PREFIX_WORDS.has(prev.key) && entities[h.entity]!.g.type === "place") {
            if (k - 1 > segStart) discoveredSegment(first ? a : segStart, segStart, k - 1, first && titled)
            const nameToks = tokens.slice(k - 1, h.b)
            candidates.push({ a: k - 1, b: h.b, na: k - 1, nb: h.b, entity: -1, name: joinText(body, nameToks), type: "place", strength: 3, titled: false })
            first = false
            k = h.b
            segStart = k
            continue
          }
          if (k > segStart) discoveredSegment(first ? a : segStart, segStart, k, first && titled)
          pushHit(h, first && titled && k === na ? a : h.a, first && titled && k === na)
          first = false
          k = h.b
          segStart = k
        } else k++
      }
      if (segStart < b) discoveredSegment(first ? a : segStart, segStart, b, first && titled)
    }

    function splitAtKnownNames(): void {
      let alone: Map<string, Candidate> | undefined
      const count = candidates.length
      for (let ci = 0; ci < count; ci++) {
        const c = candidates[ci]!
        if (c.entity >= 0 || c.titled || c.nb - c.na < 3) continue
        // "Velm Council Trust" has a head of its own: one name
        const lastKey = tokens[c.nb - 1]!.key
        if (ORG_WORDS.has(lastKey) || PLACE_WORDS.has(lastKey)) continue
        if (alone === undefined) {
          alone = new Map()
          for (const d of candidates) if (d.entity < 0 && d.nb - d.na >= 2 && d.type !== "person") alone.set(d.name, d)
        }
        for (let k = c.nb - 1; k >= c.na + 2; k--) {
          const rest = tokens[k]!
          if (!rest.word || !rest.cap || hitAt[k]! >= 0) continue
          const last = tokens[k - 1]!
          if (!last.word || CONNECTORS.has(last.key)) continue
          const known = alone.get(joinText(body, tokens.slice(c.na, k)))
          if (known === undefined || known === c || known.nb - known.na !== k - c.na) continue
          candidates[ci] = { a: c.a, b: k, na: c.na, nb: k, entity: -1, name: known.name, type: known.type, strength: known.strength, titled: false }
          discovered(k, k, c.nb, false)
          break
        }
      }
    }

    function stripGeneric(_a: number, _b: number): boolean {
      return true
    }

    function pushHit(h: Hit, a: number, titled: boolean): void {
      const e = entities[h.entity]!
      candidates.push({ a, b: h.b, na: h.a, nb: h.b, entity: h.entity, name: e.g.name, type: e.g.type, strength: 9, titled })
    }

    function discoveredSegment(a: number, na: number, b: number, titled: boolean): void {
      // trim connectors and common words at the edges of a piece left between hits
      while (na < b && (titled ? !tokens[na]!.word || (!tokens[na]!.cap && CONNECTORS.has(tokens[na]!.key)) : droppableLead(na))) na++
      while (b > na && ((!tokens[b - 1]!.cap && CONNECTORS.has(tokens[b - 1]!.key)) || !tokens[b - 1]!.word || DEMONYMS.has(tokens[b - 1]!.key))) b--
      if (na >= b) return
      if (!titled) a = na
      discovered(a, na, b, titled)
    }

    /** a sentence-initial word that is a name by what follows: "Ubisoft, Microsoft and ...", "Tasmania was", "Demosisto's" */
    function namedByContext(k: number): boolean {
      const w = tokens[k]!
      if (isCommon(w) || w.key.length < 3 || /[a-z](ing|ed|ly|ally|ever)$/.test(w.key)) return false
      if (w.poss) return true
      if (w.key.endsWith("s")) return false // "Relatives have said": a plural noun
      const next = tokens[k + 1]
      // "Demosisto 's" in tokenised text
      if (next !== undefined && (next.key === "'" || next.key === "’") && tokens[k + 2]?.exact === "s") return true
      if (next === undefined || next.nlBefore) return false
      if (next.key === ",") {
        const after = tokens[k + 2]
        return after !== undefined && after.cap && !after.nlBefore && !isCommon(after)
      }
      return next.word && SUBJECT_VERBS.has(next.key)
    }

    function discovered(a: number, na: number, b: number, titled: boolean): void {
      if (b - na === 1 && !titled) {
        const w = tokens[na]!
        if (w.sentStart && (lowerSeen.has(w.key) || (!capMid.has(w.key) && !GIVEN_NAMES.has(w.key) && !w.upper && !PLACE_SUFFIX.test(w.key) && !namedByContext(na))))
          return
        if (w.text.indexOf(".") > 0 && DOMAIN.test(w.text)) return
      }
      const nameToks = tokens.slice(na, b)
      const words = nameToks.filter((t) => t.word)
      if (words.length === 0) return
      const name = joinText(body, nameToks)
      const before = na > 0 ? tokens[na - 1] : undefined
      const guess = guessType(nameToks, titled ? undefined : before, titled, authorKeys, na > 1 ? tokens[na - 2] : undefined)
      // evidence that a capitalised word is a name at all
      const allCommon = words.every((t) => isCommon(t) || CONNECTORS.has(t.key) || TITLE_WORDS.has(t.key))
      if (allCommon && guess.strength < 3) return
      if (words.length === 1) {
        const w = words[0]!
        if (w.exact.length < 2 && !w.upper) return
        const d0 = w.text.charCodeAt(0)
        if (d0 >= 48 && d0 <= 57) return
        // in a line of capitals an all-capital word proves nothing; in a title-case line it is still an acronym
        if (w.upper && w.headline && !titled && (capsLine[na] === 1 || w.sentStart && w.nlBefore)) return
        if (w.upper && (COMMON_WORDS.has(w.key) || COMMON_ACRONYMS.has(w.key) || w.exact.length > 6 || /^[IVXLC]+$/.test(w.exact))) {
          if (!titled) return
        }
        if (!titled && w.sentStart && !capMid.has(w.key) && guess.strength < 2 && !namedByContext(na)) return
        if (!titled && w.sentStart && lowerSeen.has(w.key)) return
        if (!titled && guess.strength === 0) {
          // menu items alone on a line ("Services", "Careers") and plural common nouns are not names on capitals alone
          const next = tokens[na + 1]
          if (w.nlBefore && (next === undefined || next.nlBefore)) return
          // plural and abstract nouns, participles, adverbs and "-ist" adjectives: "Services", "Tourism", "Leaving", "Buddhist"
          // (a possessive owner is a name: "Brightlation's members")
          const owner = w.poss || (next !== undefined && (next.key === "'" || next.key === "’") && tokens[na + 2]?.exact === "s")
          if (!owner && /(ies|ers|ions|ings|ents|ces|ves|ts|ism|tion|ment|ness|ity|ance|ence|ist|[^j]ing|ed|ly)$/.test(w.key)) return
        }
      } else if (!titled && words.every((t) => t.sentStart) && words.every((t) => lowerSeen.has(t.key) || isCommon(t)) && guess.strength < 3) return
      const canonical = words.length === 2 && words[0]!.upper && !words[1]!.upper && guess.type === "person" ? normaliseAuthor(name) : name
      candidates.push({ a, b, na, nb: b, entity: -1, name: canonical, type: guess.type, strength: guess.strength, titled })
    }

    // -------------------------------------------------------------------------------------------------
    // Linking and coreference

    // "the Velm Council Anna Berg": a long run that starts with a name this document also writes on its own
    // is that name followed by another one
    splitAtKnownNames()
    candidates.sort((x, y) => x.a - y.a)
    // "Taipei, Taiwan": a name followed by a comma and a country or region is a place
    for (let k = 0; k + 1 < candidates.length; k++) {
      const c = candidates[k]!
      const d = candidates[k + 1]!
      if (c.entity >= 0 || c.strength >= 3 || d.entity < 0 || d.a !== c.b + 1 || tokens[c.b]!.key !== ",") continue
      if (entities[d.entity]!.g.type !== "place") continue
      const after = tokens[d.b]
      if (after !== undefined && after.word && after.cap && !after.nlBefore) continue // a list: "Russia, China, Iran"
      c.type = "place"
      c.strength = 3
    }
    // "New South Wales, Victoria and Tasmania": an unknown name listed next to places is a place
    const isPlace = (c: Candidate) => (c.entity >= 0 ? entities[c.entity]!.g.type === "place" : c.type === "place" && c.strength >= 2)
    const listed = (x: Candidate, y: Candidate): boolean => {
      // y follows x, separated by "," or "and" or ", and" only
      let k = x.b
      let seps = 0
      while (k < y.a && seps < 3) {
        const t = tokens[k]!
        if (t.nlBefore || !(t.key === "," || t.key === "and" || t.key === "or" || t.key === "&")) return false
        k++
        seps++
      }
      return k === y.a && seps > 0
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < candidates.length; k++) {
        const c = candidates[k]!
        if (c.entity >= 0 || c.strength >= 2 || c.type === "place") continue
        const prev = candidates[k - 1]
        const next = candidates[k + 1]
        if ((prev !== undefined && isPlace(prev) && listed(prev, c)) || (next !== undefined && isPlace(next) && listed(c, next))) {
          c.type = "place"
          c.strength = 2
        }
      }
    }
    // "Irving, Texas": a place in a US state takes the state into its name, as Wikipedia titles it
    for (let k = 0; k + 1 < candidates.length; k++) {
      const c = candidates[k]!
      const d = candidates[k + 1]!
      if (c.entity >= 0 || c.type === "person" && c.strength >= 2 || c.type === "organization" && c.strength >= 3) continue
      if (d.entity < 0 || d.a !== c.b + 1 || tokens[c.b]!.key !== "," || d.a !== d.na) continue
      const state = entities[d.entity]!.g
      if (state.type !== "place" || state.within === undefined) continue
      candidates[k] = { ...c, b: d.b, nb: d.b, name: `${c.name}, ${state.name}`, type: "place", strength: 3 }
      candidates.splice(k + 1, 1)
    }
    // acronyms introduced in parentheses or brackets: "Collective Security Treaty Organization (CSTO)" / "FOO (Full Name)"
    const acronymOf = new Map<string, Candidate>()
    for (let k = 0; k + 1 < candidates.length; k++) {
      const c = candidates[k]!
      const d = candidates[k + 1]!
      const open = tokens[c.b]
      const close = open?.key === "(" ? ")" : open?.key === "[" ? "]" : undefined
      if (close !== undefined && d.a === c.b + 1 && tokens[d.b]?.key === close) {
        const dw = tokens.slice(d.na, d.nb)
        const cw = tokens.slice(c.na, c.nb)
        if (dw.length === 1 && dw[0]!.upper && d.entity < 0) acronymOf.set(dw[0]!.exact, c)
        else if (cw.length === 1 && cw[0]!.upper && c.entity < 0 && d.entity < 0) {
          // "FIRST (For Inspiration ...)": the acronym takes the full name
          c.name = d.name
          c.type = d.type
          c.strength = d.strength
          acronymOf.set(cw[0]!.exact, d)
        }
      }
    }

    const idOf = (c: Candidate): string => (c.entity >= 0 ? entities[c.entity]!.g.id : "x-" + slug(c.name))

    // people with a full name, by surname key, in order of appearance (gazetteer people included)
    const fullPeople: Array<{ surname: string; given: string; pos: number; cand: Candidate }> = []
    for (const c of candidates) {
      if (c.type !== "person") continue
      const words = tokens.slice(c.na, c.nb).filter((t) => t.word && !CONNECTORS.has(t.key))
      if (words.length < 2) continue
      fullPeople.push({ surname: translitKey(words[words.length - 1]!.exact), given: translitKey(words[0]!.exact), pos: c.a, cand: c })
    }
    const peopleBySurname = new Map<string, Array<(typeof fullPeople)[number]>>()
    for (const f of fullPeople) {
      const list = peopleBySurname.get(f.surname)
      if (list) list.push(f)
      else peopleBySurname.set(f.surname, [f])
    }
    const authorPeople = authorNames.map((name) => {
      const ws = name.split(/\s+/)
      return { name, surname: translitKey(ws[ws.length - 1] ?? ""), given: translitKey(ws[0] ?? "") }
    })

    // link discovered names to the gazetteer on transliteration evidence
    for (const c of candidates) {
      if (c.entity >= 0 || c.nb - c.na < 2) continue
      const words = tokens.slice(c.na, c.nb).filter((t) => t.word)
      if (words.length >= 2) {
        const key = translitKey(words.map((t) => t.exact).join(" "))
        const list = translitIndex.get(key)
        if (list) {
          const givenKey = translitKey(words[0]!.exact)
          const match = list.find((ix) => {
            const e = entities[ix]!
            if (e.g.type !== c.type && c.strength >= 2) return false
            const gw = translitKey(e.g.name).split(" ")
            return c.type !== "person" || gw[0] === givenKey || e.aliasNames.some((al) => translitKey(al).split(" ")[0] === givenKey)
          })
          if (match !== undefined) {
            c.entity = match
            c.type = entities[match]!.g.type
          }
        }
      }
    }

    // acronyms defined in the text
    for (const c of candidates) {
      if (c.entity >= 0 || c.nb - c.na !== 1) continue
      const w = tokens[c.na]!
      const full = acronymOf.get(w.exact)
      if (full && full !== c) {
        c.entity = full.entity
        c.name = full.name
        c.type = full.type
      }
    }

    // "the President" → the person this document calls President (the nearest before, else the only one)
    for (const c of candidates) {
      if (c.titleRef === undefined) continue
      let target: Candidate | undefined
      const later: Array<Candidate> = []
      for (const d of candidates) {
        if (!d.titled || d.titleRef !== undefined || d.na === d.a) continue
        let has = false
        for (let k = d.a; k < d.na; k++) if (tokens[k]!.key === c.titleRef) has = true
        if (!has) continue
        if (d.a < c.a) target = d
        else later.push(d)
      }
      if (!target && later.length > 0 && later.every((d) => idOf(d) === idOf(later[0]!))) target = later[0]
      if (target) {
        c.entity = target.entity
        c.name = target.name
        c.titleRef = undefined
      }
    }
    for (let k = candidates.length - 1; k >= 0; k--) if (candidates[k]!.titleRef !== undefined) candidates.splice(k, 1)

    // surnames (bare or titled) → the earlier full name, else the only full name in the document
    for (const c of candidates) {
      if (c.entity >= 0 && entities[c.entity]!.g.type !== "person") continue
      if (c.nb - c.na !== 1 || peopleBySurname.size === 0 && authorPeople.length === 0) continue
      const words = [tokens[c.na]!]
      if (c.entity < 0 && c.strength >= 3 && c.type !== "person") continue
      const key = translitKey(words[0]!.exact)
      const same = peopleBySurname.get(key) ?? []
      let target = same.filter((f) => f.pos < c.a).pop()?.cand
      if (!target) {
        const ids = new Set(same.map((f) => idOf(f.cand)))
        if (ids.size === 1) target = same[0]!.cand
      }
      if (target) {
        c.entity = target.entity
        c.name = target.name
        c.type = "person"
        continue
      }
      const author = authorPeople.find((ap) => ap.surname === key)
      if (author && c.entity < 0) {
        c.name = author.name
        c.type = "person"
      }
    }

    // a weakly typed single word that is part of a longer organisation/place name in this document
    // word key → the longer names containing it (as an edge word when it is a head noun)
    const multiByWord = new Map<string, Array<{ m: Candidate; edge: boolean }>>()
    for (const m of candidates) {
      if (!(m.entity < 0 && m.nb - m.na >= 2 && m.type !== "person" && m.strength >= 2)) continue
      for (let k = m.na; k < m.nb; k++) {
        const key = tokens[k]!.key
        const list = multiByWord.get(key)
        const item = { m, edge: k === m.na || k === m.nb - 1 }
        if (list) list.push(item)
        else multiByWord.set(key, [item])
      }
    }
    /** "Kowloon West", "Tarvik City", "Velm, Ostra": a part or neighbour of the place a single word names, not the same place */
    const subdivisionOf = (m: Candidate, key: string): boolean => {
      let extra = 0
      for (let k = m.na; k < m.nb; k++) {
        const t = tokens[k]!
        if (t.key === ",") return true
        if (t.key === key || !t.word) continue
        if (!(COMPASS.has(t.key) || t.key === "city")) return false
        extra++
      }
      return extra > 0
    }
    for (const c of candidates) {
      if (c.entity >= 0 || c.nb - c.na !== 1 || c.titled) continue
      const headWord = ORG_WORDS.has(tokens[c.na]!.key) || PLACE_WORDS.has(tokens[c.na]!.key)
      if (!headWord && (c.strength >= 3 || (c.strength >= 2 && c.type !== "place"))) continue
      const key = tokens[c.na]!.key
      const owners = new Set<string>()
      let owner: Candidate | undefined
      const isHead = ORG_WORDS.has(key) || PLACE_WORDS.has(key)
      for (const { m, edge } of multiByWord.get(key) ?? []) {
        if (m.a > c.a && isHead) continue
        // "Scientology" → "Church of Scientology"; "the Church" → the earlier "Church of Scientology"
        if ((!isHead || edge) && (c.strength < 2 || m.type === c.type || isHead) && !subdivisionOf(m, key)) {
          owners.add(m.name)
          owner = m
          if (owners.size > 1) break
        }
      }
      if (owner && owners.size === 1) {
        c.name = owner.name
        c.type = owner.type
      }
    }

    // -------------------------------------------------------------------------------------------------
    // Output

    // one type per provisional entity in a document: a vote of its mentions, weighted by confidence
    const votes = new Map<string, [number, number, number]>()
    const TYPE_INDEX = { person: 0, organization: 1, place: 2 } as const
    for (const c of candidates) {
      if (c.entity >= 0) continue
      const id = (c.id = idOf(c))
      let v = votes.get(id)
      if (!v) votes.set(id, (v = [0, 0, 0]))
      v[TYPE_INDEX[c.type]] += 1 + c.strength
    }
    for (const c of candidates) {
      if (c.entity >= 0) continue
      const v = votes.get(c.id!)!
      const own = v[TYPE_INDEX[c.type]]
      // ties keep the mention's own guess
      c.type = v[0] > own && v[0] >= v[1] && v[0] >= v[2] ? "person" : v[1] > own && v[1] >= v[2] ? "organization" : v[2] > own ? "place" : c.type
    }

    const cp = makeCodePointMap(body)
    const byId = new Map<string, { found: FoundEntity; spellings: Set<string> }>()
    const mentions: Array<EntityMention> = []
    for (const c of candidates) {
      const id = c.id ?? idOf(c)
      const start = tokens[c.a]!.s
      const end = tokens[c.b - 1]!.e
      const surface = body.slice(start, end)
      mentions.push({ entity_id: id, surface, start: cp(start), end: cp(end) })
      let rec = byId.get(id)
      if (!rec) {
        const found: FoundEntity =
          c.entity >= 0
            ? entities[c.entity]!.found
            : { entity_id: id, name: c.name, type: c.type, wikidata_id: null, aliases: [], provisional: true }
        rec = { found, spellings: new Set() }
        byId.set(id, rec)
      }
      if (rec.found.provisional) {
        const nameSurface = c.na === c.a ? (surface.indexOf("\n") >= 0 || surface.indexOf("  ") >= 0 ? surface.replace(/\s+/g, " ") : surface) : joinText(body, tokens.slice(c.na, c.nb))
        if (nameSurface !== rec.found.name) rec.spellings.add(nameSurface)
      }
    }
    // authors are people of the document even when the body does not name them
    for (const name of authorNames) {
      const key = translitKey(name)
      const list = translitIndex.get(key)
      const gz = list?.find((ix) => entities[ix]!.g.type === "person")
      const id = gz !== undefined ? entities[gz]!.g.id : "x-" + slug(name)
      if (!byId.has(id)) {
        byId.set(id, {
          found: gz !== undefined ? entities[gz]!.found : { entity_id: id, name, type: "person", wikidata_id: null, aliases: [], provisional: true },
          spellings: new Set()
        })
      }
    }
    const out: Array<FoundEntity> = []
    for (const { found, spellings } of byId.values()) {
      out.push(found.provisional ? { ...found, aliases: [...spellings] } : found)
    }
    return { entities: out, mentions }
  }
}
