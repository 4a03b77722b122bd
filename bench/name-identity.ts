/**
 * The bench's own notion of "the same name", independent of the stage's keys: case, diacritics, apostrophes
 * ("De’Longhi" / "Delonghi"), other punctuation and spacing folded, and a name in Cyrillic, Greek, Armenian, Georgian, Arabic or Hebrew letters compared by its
 * romanisation (any-ascii), so "Лавров" and "Lavrov" are one name. Han, kana and hangul are kept as written:
 * romanising them merges different names that sound alike.
 */
import anyAscii from "any-ascii"

const KEEP = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

export const nameIdentity = (name: string): string => {
  const parts: Array<string> = []
  for (const ch of name.normalize("NFKC").toLowerCase()) parts.push(KEEP.test(ch) ? ch : anyAscii(ch))
  return parts
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’ʼ`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
}
