/**
 * Keys of names: the matching key of a word; the romanisation of a name in another script (Cyrillic by the
 * Wikipedia scheme of iuliia, as English-language news writes Russian names; every other script by any-ascii); the
 * transliteration key that folds romanisation variants; and the id of a provisional entity. Pure string functions,
 * memoised across documents.
 */
import anyAscii from "any-ascii"
import iuliia from "iuliia"
import { detach, memoised } from "./memo.js"

const NON_ASCII = /[^\x00-\x7f]/
/** ASCII and the basic Cyrillic letters А–я (no ё, no marks): nothing to fold, and the common case of a Russian text */
const PLAIN_LETTERS = /^[\x00-\x7f\u0410-\u044f]*$/
const MARKS = /[\u0300-\u036f]/g

/** Folds diacritics and a few letters NFD does not decompose; "й" is a letter of its own, not "и" with a mark. */
export const foldDiacritics = (s: string): string =>
  NON_ASCII.test(s) && !PLAIN_LETTERS.test(s)
    ? keepShortI(s)
        .normalize("NFD")
        .replace(MARKS, "")
        .replace(/[ıİ]/g, "i")
        .replace(/[łŁ]/g, "l")
        .replace(/[øØ]/g, "o")
        .replace(/[đĐ]/g, "d")
        .replace(/ß/g, "ss")
        .replace(/[’‘`ʼ]/g, "'")
        .replace(/\uE000/g, "й")
        .replace(/\uE001/g, "Й")
    : s
const keepShortI = (s: string): string => (s.indexOf("й") >= 0 || s.indexOf("Й") >= 0 ? s.replace(/й/g, "\uE000").replace(/Й/g, "\uE001") : s)

/** The matching key of one word: dots dropped, curly apostrophes straightened, diacritics folded, lower case. */
export const tokenKey = (exact: string): string => foldDiacritics(exact).toLowerCase()

/**
 * Transliteration key: folds the spelling differences of romanised names (kh/h, e/i/y, doubled letters,
 * diacritics, hyphens, apostrophes), so "Emomali Rakhmon" and "Imomali Rahmon" share a key but "Markov"
 * and "Makarov" do not.
 */
export const translitKey = (name: string): string => (PLAIN_NAME.test(name) ? plainTranslitKey(name) : cachedTranslitKey(name))
/** The definition; `plainTranslitKey` computes the same for the commonest names without the regular expressions. */
export const translitKeyRaw = (name: string): string =>
  foldDiacritics(romanise(name))
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
const cachedTranslitKey = memoised(translitKeyRaw, detach)

/**
 * translitKeyRaw of a name of ASCII letters and digits in words separated by single spaces (PLAIN_NAME), in passes over
 * a buffer of its code units: nothing to fold, strip or trim; lower case, then each replacement in the order above.
 * Most names of an English text are such names, and the key is asked for several times per name.
 */
export const plainTranslitKey = (name: string): string => {
  const n = name.length
  if (n > KEY_BUFFER) return translitKeyRaw(name)
  let src = KEY_A
  let dst = KEY_B
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i)
    src[i] = c >= 65 && c <= 90 ? c + 32 : c
  }
  let len = n
  for (const [x, y, to] of PAIRS) {
    len = replacePair(src, len, dst, x, y, to)
    const t = src
    src = dst
    dst = t
  }
  // j → y, then e, i, y → i (what was j included), in place
  for (let i = 0; i < len; i++) {
    const c = src[i]!
    if (c === 106 || c === 101 || c === 121) src[i] = 105
  }
  // a run of one letter → the letter (digits and spaces stay)
  let out = ""
  for (let i = 0; i < len; i++) {
    const c = src[i]!
    if (i > 0 && c === src[i - 1] && c >= 97 && c <= 122) continue
    out += String.fromCharCode(c)
  }
  return out
}
const KEY_BUFFER = 256
const KEY_A = new Uint8Array(KEY_BUFFER)
const KEY_B = new Uint8Array(KEY_BUFFER)
/** kh → h, ph → f, ou → u, dz → z: the pairs of translitKeyRaw, in its order (j → y falls between ou and dz and touches neither) */
const PAIRS: ReadonlyArray<readonly [number, number, number]> = [
  [107, 104, 104],
  [112, 104, 102],
  [111, 117, 117],
  [100, 122, 122]
]
/** one left-to-right pass replacing the pair x y by `to`, as a global regular expression does */
const replacePair = (src: Uint8Array, len: number, dst: Uint8Array, x: number, y: number, to: number): number => {
  let o = 0
  for (let i = 0; i < len; i++) {
    const c = src[i]!
    if (c === x && i + 1 < len && src[i + 1] === y) {
      dst[o++] = to
      i++
    } else dst[o++] = c
  }
  return o
}

/** The slug of a provisional entity id. */
export const slug = (name: string): string => (PLAIN_NAME.test(name) ? plainSlug(name) : cachedSlug(name))
/** the slug of a name of ASCII letters and digits in words separated by single spaces, which is also its romanisation */
const plainSlug = (name: string): string => name.toLowerCase().replaceAll(" ", "-")
/** ASCII letters and digits in words separated by single spaces: the slug is the name in lower case, hyphenated */
const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/
const slugRaw = (name: string): string =>
  foldDiacritics(name)
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
const cachedSlug = memoised(slugRaw, detach)


const LATIN_OR_PLAIN = /^[\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]*$/
const CYRILLIC = /[\u0400-\u04ff]/
/** Letters of scripts whose romanisation merges different names that sound alike (Han homophones, kana, hangul). */
const LOSSY_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** The name in Latin letters: Cyrillic by the Wikipedia scheme ("Сергей Лавров" → "Sergey Lavrov"), other scripts by any-ascii. */
export const romanise = (name: string): string => (LATIN_OR_PLAIN.test(name) ? name : cachedRomanise(name))
const romaniseRaw = (name: string): string => {
  const cyr = CYRILLIC.test(name) ? iuliia.translate(name, iuliia.WIKIPEDIA) : name
  // what the Russian scheme leaves (Tajik, Kazakh, Ukrainian letters; other scripts) goes to any-ascii, word by word
  return LATIN_OR_PLAIN.test(cyr) ? cyr : cyr.replace(/[^\s]+/g, (w) => (LATIN_OR_PLAIN.test(w) ? w : anyAscii(w)))
}
const cachedRomanise = memoised(romaniseRaw, detach)

/** FNV-1a of the name's code units, as 7 base-36 digits: tells apart names whose romanisation is the same. */
const shortHash = (s: string): string => {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return (h >>> 0).toString(36).padStart(7, "0")
}

/**
 * The id of a provisional entity: "x-" and the slug of the romanised name ("Лавров" and "Lavrov" → "x-lavrov"). Never
 * empty and never shared by two names that differ beyond case, diacritics, punctuation and script: a name in a script
 * whose romanisation merges different names (Han, kana, hangul) adds a hash of the name as written, and so does a
 * name with nothing left to slug.
 */
export const provisionalId = (name: string): string => (PLAIN_NAME.test(name) ? "x-" + plainSlug(name) : cachedProvisionalId(name))
const provisionalIdRaw = (name: string): string => {
  const base = slug(romanise(name))
  if (base.length > 0 && !LOSSY_SCRIPT.test(name)) return "x-" + base
  const written = name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
  return "x-" + (base.length > 0 ? base + "-" : "") + shortHash(written.length > 0 ? written : name)
}
const cachedProvisionalId = memoised(provisionalIdRaw, detach)
