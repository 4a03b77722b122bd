/**
 * Keys of names: the matching key of a word, the transliteration key that folds romanisation variants, and the
 * slug of a provisional entity id. Pure string functions, memoised across documents.
 */

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
export const tokenKey = (exact: string): string => foldDiacritics(exact).toLowerCase()

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
