/**
 * Keys of names: the matching key of a word; the romanisation of a name in another script (Cyrillic by the
 * Wikipedia scheme of iuliia, as English-language news writes Russian names; every other script by any-ascii); the
 * transliteration key that folds romanisation variants; and the id of a provisional entity. Pure string functions,
 * memoised across documents.
 */
import anyAscii from "any-ascii"
import iuliia from "iuliia"

const NON_ASCII = /[^\x00-\x7f]/
/** ASCII and the basic Cyrillic letters А–я (no ё, no marks): nothing to fold, and the common case of a Russian text */
const PLAIN_LETTERS = /^[\x00-\x7f\u0410-\u044f]*$/
const MARKS = /[\u0300-\u036f]/g

/** Pure string functions are memoised across documents (bounded: the cache is dropped when it grows large). */
const translitCache = new Map<string, string>()
const romanCache = new Map<string, string>()
const idCache = new Map<string, string>()
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
export const translitKey = (name: string): string => memo(translitCache, name, translitKeyRaw)
const translitKeyRaw = (name: string): string =>
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


const LATIN_OR_PLAIN = /^[\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]*$/
const CYRILLIC = /[\u0400-\u04ff]/
/** Letters of scripts whose romanisation merges different names that sound alike (Han homophones, kana, hangul). */
const LOSSY_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** The name in Latin letters: Cyrillic by the Wikipedia scheme ("Сергей Лавров" → "Sergey Lavrov"), other scripts by any-ascii. */
export const romanise = (name: string): string => (LATIN_OR_PLAIN.test(name) ? name : memo(romanCache, name, romaniseRaw))
const romaniseRaw = (name: string): string => {
  const cyr = CYRILLIC.test(name) ? iuliia.translate(name, iuliia.WIKIPEDIA) : name
  // what the Russian scheme leaves (Tajik, Kazakh, Ukrainian letters; other scripts) goes to any-ascii, word by word
  return LATIN_OR_PLAIN.test(cyr) ? cyr : cyr.replace(/[^\s]+/g, (w) => (LATIN_OR_PLAIN.test(w) ? w : anyAscii(w)))
}

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
export const provisionalId = (name: string): string => memo(idCache, name, provisionalIdRaw)
const provisionalIdRaw = (name: string): string => {
  const base = slug(romanise(name))
  if (base.length > 0 && !LOSSY_SCRIPT.test(name)) return "x-" + base
  const written = name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
  return "x-" + (base.length > 0 ? base + "-" : "") + shortHash(written.length > 0 ? written : name)
}
