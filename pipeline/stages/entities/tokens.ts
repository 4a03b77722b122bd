/**
 * Tokens: the body cut into words and marks in one linear scan. Words keep internal '-', '.', apostrophes;
 * "Putin's" becomes "Putin" with a possessive flag; a word's trailing '.' is kept only for abbreviations such as
 * "U.S." or "Mr.". Ordinary lower-case words are shared stand-ins (they only break runs of capitalised words).
 * Title-case and all-capital lines are marked, since capitals there prove nothing.
 */
import { CONNECTORS } from "./lexicon.js"
import { detach } from "./memo.js"
import { tokenKey } from "./translit.js"


/** a token of the body; s/e are UTF-16 offsets of the word without a possessive suffix or sentence-final '.' */
export interface Token {
  readonly s: number
  readonly e: number
  /** the word as written, without possessive suffix / sentence-final dot */
  readonly text: string
  /** lower-cased matching key (dots removed; the nominative of an inflected name word); for punctuation the character itself */
  key: string
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
  /** set by the morphology step for an inflected word: its nominative, capitalised as written ("Обамы" → "Обама") */
  norm?: string | undefined
  /** set by the morphology step: the language's dictionary knows the word only as a common word */
  common?: boolean | undefined
  /** set by the morphology step: what the dictionary says a proper name is (see ProperKind in morph.ts) */
  proper?: number | undefined
  /** set by the morphology step when `proper` is the suffix model's guess for a word the dictionary lacks */
  properGuessed?: boolean | undefined
  /** set by the morphology step for a lower-case Cyrillic word kept as a token: the dictionary's reading of it */
  lower?: { readonly pos: string; readonly forms: ReadonlyArray<{ readonly case: string | undefined }> } | undefined
}

/** The word as a name word: its nominative when the morphology step set one, else as written (dots removed). */
export const normOf = (t: Token): string => t.norm ?? t.exact

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "sen", "rep", "gov",
  "rev", "mt", "ft", "no", "vs", "co", "corp", "inc", "ltd", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul",
  "aug", "sep", "sept", "oct", "nov", "dec", "messrs", "fr", "sr"
])
const PARTICLES = new Set(["al", "el", "ul", "ad", "as", "ash", "ar", "at", "az", "an", "bin", "ibn", "abu", "bint", "ben", "de", "da", "du", "van", "von", "d", "o", "mc", "mac"])
export const SENTENCE_END = new Set([".", "!", "?", "…"])
const TRANSPARENT = new Set(['"', "“", "”", "‘", "'", "’", "(", "[", "«", "»", "-", "–", "—", "*", "•", "|"])
/** what a mark does to the next word's sentence start, by code unit: starts a sentence, leaves it as it was, or ends it */
const MARK_STARTS = 1
const MARK_TRANSPARENT = 2
const MARK_EFFECT = new Uint8Array(65536)
for (const m of [...SENTENCE_END, ":", ";"]) MARK_EFFECT[m.charCodeAt(0)] = MARK_STARTS
for (const m of TRANSPARENT) MARK_EFFECT[m.charCodeAt(0)] = MARK_TRANSPARENT

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
/** one-character strings, shared (punctuation is most of a scraped page's tokens; curly quotes and dashes included) */
const CHAR_STRINGS: Array<string | undefined> = new Array<string | undefined>(65536).fill(undefined)
const charString = (c: number): string => {
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
const isWordAt = (body: string, codes: Uint16Array, i: number): boolean => {
  const c = codes[i]!
  return (c < 128 ? ASCII_WORD[c]! : wordUnits(body, i, c)) > 0
}
export const isUpperChar = (c: string): boolean => {
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
export interface LowerCache {
  /** lower-case words the matcher needs to see (connectors, prepositions, words inside aliases), by hash */
  readonly special: WordsByHash
  /** this document's lower-case words, as a set of hashes (open addressing; 0 is empty) */
  seen: Int32Array
  mask: number
  /** words of lower-case non-Latin letters stood in for by shared tokens; their keys join the lower-case set when asked */
  readonly pending: Array<string>
  /** no listed lower-case word has a non-Latin letter, so such words can be stood in for */
  readonly nonLatinFast: boolean
}

/**
 * Words by the hash of their spelling (hashLower, never 0), looked up once per lower-case word of every document:
 * open addressing over an Int32Array, cheaper than a Map keyed by numbers beyond the small-integer range.
 */
export class WordsByHash {
  private readonly hashes: Int32Array
  private readonly words: Array<string | undefined>
  private readonly mask: number
  constructor(entries: ReadonlyMap<number, string>) {
    let size = 16
    while (size < entries.size * 4) size *= 2
    this.hashes = new Int32Array(size)
    this.words = new Array<string | undefined>(size).fill(undefined)
    this.mask = size - 1
    for (const [h, w] of entries) {
      let k = h & this.mask
      while (this.hashes[k] !== 0 && this.hashes[k] !== h) k = (k + 1) & this.mask
      this.hashes[k] = h
      this.words[k] = w
    }
  }
  get(h: number): string | undefined {
    const hashes = this.hashes
    let k = h & this.mask
    for (let v = hashes[k]!; v !== 0; v = hashes[k]!) {
      if (v === h) return this.words[k]
      k = (k + 1) & this.mask
    }
    return undefined
  }
}

const FNV_OFFSET = 2166136261 | 0
/** the hash of a lower-case ASCII word, as computed while scanning */
export const hashLower = (w: string): number => {
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
export const seenHas = (cache: LowerCache, h: number): boolean => {
  const t = cache.seen
  let k = h & cache.mask
  while (t[k] !== 0) {
    if (t[k] === h) return true
    k = (k + 1) & cache.mask
  }
  return false
}
/** shared stand-ins for ordinary lower-case words: they only break runs (short and long ones, for headline detection) */
const LOWER_SHORT: Token = { s: -1, e: -1, text: "", key: "", exact: "", word: true, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined }
const LOWER_LONG: Token = { s: -1, e: -1, text: "~~~~", key: "~~~~", exact: "~~~~", word: true, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined }
export const ONLY_LOWER = /^[a-z]+$/

/** the body's UTF-16 code units, read once into a reused buffer: the scan then reads one array type, whatever the string's representation */
let CODE_UNITS = new Uint16Array(1 << 16)
/** documents longer than this get a buffer of their own, not kept */
const KEPT_BUFFER = 1 << 20
const codeUnits = (body: string): Uint16Array => {
  const len = body.length
  if (CODE_UNITS.length < len) {
    if (len > KEPT_BUFFER) return fillCodeUnits(body, new Uint16Array(len))
    let size = CODE_UNITS.length
    while (size < len) size *= 2
    CODE_UNITS = new Uint16Array(size)
  }
  return fillCodeUnits(body, CODE_UNITS)
}
const fillCodeUnits = (body: string, codes: Uint16Array): Uint16Array => {
  const len = body.length
  for (let i = 0; i < len; i++) codes[i] = body.charCodeAt(i)
  return codes
}

/**
 * What a word's spelling alone decides: its text without a possessive or a sentence's full stop, its keys, whether it
 * is capitalised, in capitals, possessive; whether it is one word, split at its hyphens, or initials glued to a name.
 */
interface Spelling {
  readonly raw: string
  readonly kind: number
  readonly text: string
  readonly exact: string
  readonly key: string
  readonly cap: boolean
  readonly upper: boolean
  readonly poss: boolean
  /** the spelling's last character is a full stop that ends the sentence, not an abbreviation's */
  readonly endsSentence: boolean
}
const WORD = 0
const HYPHENATED = 1
const GLUED = 2

/** The spelling of one word as written (`plainLetters`: its key is its lower case, nothing to fold). */
const spell = (raw0: string, plainLetters: boolean, allowSentenceEnd: boolean, kind = WORD): Spelling => {
  let raw = raw0
  let endsSentence = false
  if (allowSentenceEnd && raw.charCodeAt(raw.length - 1) === 46 /* . */) {
    const inner = raw.slice(0, -1)
    const abbrev = inner.includes(".") || inner.length === 1 || ABBREVIATIONS.has(inner.toLowerCase())
    if (!abbrev) {
      raw = inner
      endsSentence = true
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
  const key = plainLetters ? exact.toLowerCase() : tokenKey(exact)
  if (!cap && f0 >= 97 && f0 <= 122 && text.indexOf("-") > 0) {
    const h = text.indexOf("-")
    if (h > 0 && PARTICLES.has(text.slice(0, h).toLowerCase()) && isUpperChar(text[h + 1] ?? "")) cap = true
  }
  // "I’m", "We’ve", "Don’t": contractions are not names
  if (cap && n > 2 && (text.indexOf("'") > 0 || text.indexOf("’") > 0) && CONTRACTION.test(text)) cap = false
  const upper = cap && exact.length >= 2 && isAllUpper(exact)
  return { raw: raw0, kind, text, exact, key, cap, upper, poss, endsSentence }
}

/** A word as the scan cut it (a final full stop included): one word, or one to split at its hyphens or initials. */
const spellingOf = (raw: string, plainLetters: boolean): Spelling => {
  const c = raw.charCodeAt(0)
  // only capitalised words are ever split at hyphens
  const capitalised = !(c < 128 && (c < 65 || c > 90))
  if (capitalised && raw.indexOf("-") > 0 && shouldSplitHyphenated(raw)) return spell(raw, plainLetters, true, HYPHENATED)
  if (raw.indexOf(".") > 0 && GLUED_INITIALS.test(raw)) return spell(raw, plainLetters, true, GLUED)
  return spell(raw, plainLetters, true)
}

/**
 * The spellings met so far, by a hash of their code units, across documents: the same word is cut, cased and keyed
 * once, and its tokens share the strings (so their hashes too, in every set and map they are looked up in). Bounded:
 * the table starts over when half full. Its strings are detached from the documents (memo.ts).
 */
class SpellingTable {
  private readonly hashes = new Int32Array(SPELLING_SLOTS)
  private readonly entries: Array<Spelling | undefined> = new Array<Spelling | undefined>(SPELLING_SLOTS).fill(undefined)
  private count = 0
  find(h: number, body: string, s: number, e: number): Spelling | undefined {
    const hashes = this.hashes
    let k = h & (SPELLING_SLOTS - 1)
    for (let v = hashes[k]!; v !== 0; v = hashes[k]!) {
      if (v === h) {
        const sp = this.entries[k]!
        if (sp.raw.length === e - s && body.startsWith(sp.raw, s)) return sp
      }
      k = (k + 1) & (SPELLING_SLOTS - 1)
    }
    return undefined
  }
  add(h: number, sp: Spelling): void {
    if (this.count >= SPELLING_SLOTS / 2) {
      this.hashes.fill(0)
      this.entries.fill(undefined)
      this.count = 0
    }
    let k = h & (SPELLING_SLOTS - 1)
    while (this.hashes[k] !== 0) k = (k + 1) & (SPELLING_SLOTS - 1)
    this.hashes[k] = h
    this.entries[k] = sp
    this.count++
  }
}
const SPELLING_SLOTS = 1 << 18
const SPELLINGS = new SpellingTable()

export const tokenize = (body: string, lowerSeen: Set<string>, cache?: LowerCache): Array<Token> => {
  const tokens: Array<Token> = []
  let pendingStart = true
  /**
   * Lower-case words after a capitalised word that are still kept as tokens of their own, for names that continue in
   * lower case ("Министерство иностранных дел", "Следственный комитет"); elsewhere such words are stand-ins.
   */
  let chainLeft = 0
  /** one word token of a spelling at `start`, with the full stop after it when the spelling ends a sentence */
  const emit = (sp: Spelling, start: number, nlBefore: boolean): void => {
    if (!sp.cap) lowerSeen.add(sp.key)
    tokens.push({ s: start, e: start + sp.text.length, text: sp.text, key: sp.key, exact: sp.exact, word: true, cap: sp.cap, upper: sp.upper, poss: sp.poss, sentStart: pendingStart, nlBefore, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
    pendingStart = sp.endsSentence
    chainLeft = sp.cap ? LOWER_CHAIN : chainLeft > 0 && !sp.endsSentence ? chainLeft - 1 : 0
    if (sp.endsSentence) {
      const ds = start + sp.raw.length - 1
      tokens.push({ s: ds, e: ds + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
    }
  }
  const len = body.length
  const codes = codeUnits(body)
  let i = 0
  let nl = false
  while (i < len) {
    const c = codes[i]!
    if (c <= 32 || c === 160 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029) {
      if (c === 10 || c === 0x2028 || c === 0x2029) nl = true
      i++
      continue
    }
    const nlBefore = nl
    nl = false
    if (nlBefore) pendingStart = true
    const s = i
    let w = c < 128 ? ASCII_WORD[c]! : wordUnits(body, i, c)
    if (w === 0) {
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < len ? 2 : 1
      const raw = width === 1 ? charString(c) : body.slice(i, i + width)
      i += width
      // a rule of repeated marks ("-----", "═════", "***"): one token, as each mark alone does the same
      if (width === 1 && (c < 128 ? REPEATABLE[c] !== 0 : c !== 0x2018 && c !== 0x2019)) while (i < len && codes[i]! === c) i++
      tokens.push({ s, e: i, text: raw, key: raw, exact: raw, word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
      if (c !== 45 /* - */) chainLeft = 0
      // a mark of one code unit: its effect by table; a pair of surrogates (an emoji) starts nothing and is no mark of the tables
      const effect = width === 1 ? MARK_EFFECT[c]! : 0
      if (effect === MARK_STARTS) pendingStart = true
      else if (effect !== MARK_TRANSPARENT) pendingStart = false
      continue
    }
    i += w
    let plain = c >= 97 && c <= 122
    // lower-case letters of a non-Latin script (with ASCII letters or digits after the first): "слово", "λόγος"
    let nonLatin = w === 1 && c >= 0x370 && (charClass(c) & CC_NONLATIN) !== 0
    let lowerOrNonLatin = nonLatin
    let h = Math.imul(FNV_OFFSET ^ c, 16777619)
    /** every letter basic Latin or basic Cyrillic (А–я), no curly apostrophe: the word's key is its lower case */
    let plainLetters = c < 128 || (c >= 0x410 && c <= 0x44f)
    while (i < len) {
      const d = codes[i]!
      if (d >= 97 && d <= 122) {
        h = Math.imul(h ^ d, 16777619)
        i++
        continue
      }
      w = d < 128 ? ASCII_WORD[d]! : wordUnits(body, i, d)
      if (w > 0) {
        plain = false
        h = Math.imul(h ^ d, 16777619)
        if (d >= 128) {
          if (d < 0x410 || d > 0x44f) plainLetters = false
          if (w === 1 && d >= 0x370 && (charClass(d) & CC_NONLATIN) !== 0) nonLatin = true
          else lowerOrNonLatin = false
        }
        i += w
        continue
      }
      if ((d === 45 || d === 46 || d === 39 || d === 8217) && i + 1 < len && isWordAt(body, codes, i + 1)) {
        plain = false
        lowerOrNonLatin = false
        h = Math.imul(h ^ d, 16777619)
        if (d === 8217) plainLetters = false
        i++
        continue
      }
      break
    }
    if (lowerOrNonLatin && nonLatin && cache !== undefined && cache.nonLatinFast && !nlBefore && !pendingStart && i - s > 1 && chainLeft === 0) {
      // never a name, never a listed word: a shared stand-in, its key computed only if the document asks
      cache.pending.push(body.slice(s, i))
      tokens.push(i - s > 3 ? LOWER_LONG : LOWER_SHORT)
      if (i < len && codes[i]! === 46) {
        tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
        i++
        pendingStart = true
      }
      continue
    }
    if (plain && cache !== undefined && !nlBefore) {
      const hp = h | 1
      seenAdd(cache, hp)
      const wl = i - s
      const dot = i < len && codes[i]! === 46
      const special = cache.special.get(hp)
      if (special !== undefined && special.length === wl && body.startsWith(special, s)) {
        // a word the matcher must see: a real token (without copying the text)
        if (!(dot && ABBREVIATIONS.has(special))) {
          tokens.push({ s, e: i, text: special, key: special, exact: special, word: true, cap: false, upper: false, poss: false, sentStart: pendingStart, nlBefore, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
          pendingStart = false
          if (dot) {
            tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
            i++
            pendingStart = true
          }
          continue
        }
      } else if (!pendingStart) {
        tokens.push(wl > 3 ? LOWER_LONG : LOWER_SHORT)
        if (dot) {
          tokens.push({ s: i, e: i + 1, text: ".", key: ".", exact: ".", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: false, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
          i++
          pendingStart = true
        }
        continue
      }
    }
    if (i < len && codes[i]! === 46) {
      h = Math.imul(h ^ 46, 16777619)
      i++
    }
    h |= 1
    let sp = SPELLINGS.find(h, body, s, i)
    if (sp === undefined) SPELLINGS.add(h, (sp = spellingOf(detach(body.slice(s, i)), plainLetters)))
    if (sp.kind === WORD) {
      emit(sp, s, nlBefore)
      continue
    }
    const raw = sp.raw
    if (sp.kind === HYPHENATED) {
      const parts = raw.split("-")
      let off = s
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!
        if (k > 0) {
          tokens.push({ s: off - 1, e: off, text: "-", key: "-", exact: "-", word: false, cap: false, upper: false, poss: false, sentStart: false, nlBefore: false, joiner: true, headline: false, norm: undefined, common: undefined, proper: undefined, properGuessed: undefined, lower: undefined })
          emit(spell(p, plainLetters, k === parts.length - 1), off, false)
        } else emit(spell(p, plainLetters, false), off, nlBefore)
        off += p.length + 1
      }
      continue
    }
    // initials written against the surname ("Б.Обама", "Дж.Коми"): each initial a word of its own, like "Б. Обама"
    let off = s
    for (const part of GLUED_INITIALS.exec(raw)![1]!.match(/\p{Lu}\p{Ll}?\./gu)!) {
      emit(spell(part, plainLetters, false), off, off === s && nlBefore)
      off += part.length
    }
    emit(spell(raw.slice(off - s), plainLetters, true), off, false)
  }
  return tokens
}

const GLUED_INITIALS = /^((?:\p{Lu}\p{Ll}?\.)+)\p{Lu}\p{Ll}+/u

/** how many lower-case words of a non-Latin script after a capitalised word are kept as tokens (see chainLeft) */
const LOWER_CHAIN = 5

/** Marks every word of a title-case line (a headline) as sentence-initial: capitals there prove nothing. */
export const markHeadlines = (tokens: Array<Token>, capsLine: Uint8Array): void => {
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
      // a shared lower-case stand-in: a long one is a content word in lower case
      if (t.s < 0) {
        if (t === LOWER_LONG) content++
        continue
      }
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

const MULTI_SPACE = /\s{2,}|[\t\n\r\u00a0]/
export const joinText = (body: string, toks: ReadonlyArray<Token>): string => {
  const text = body.slice(toks[0]!.s, toks[toks.length - 1]!.e)
  return MULTI_SPACE.test(text) ? text.replace(/\s+/g, " ") : text
}


// Offsets

const hasSurrogates = /[\uD800-\uDFFF]/

export const makeCodePointMap = (body: string): ((i: number) => number) => {
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
