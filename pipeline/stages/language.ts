/**
 * Language stage: the BCP 47 tag of one document's text, detected from its letters. Pure.
 *
 * ELD (the Efficient Language Detector, `eld` on npm) scores n-grams of the text against 60 languages and gives an
 * ISO 639-1 code, which is a valid BCP 47 primary tag. Two things are added around it:
 * - Tajik: ELD has no model for it and reads Tajik Cyrillic as Russian. Tajik writes six letters Russian does not
 *   (ғ ӣ қ ӯ ҳ ҷ); a Cyrillic text in which they are frequent is Tajik. The corpus this pipeline was built for is
 *   about Tajikistan, so its Tajik sources must not be labelled Russian.
 * - Honesty: a text too short to judge, or one ELD cannot tell apart from its neighbours, gets no tag (null), never a
 *   guess. Only a sample of the text is read (the beginning, the middle and the end), so the cost does not grow with
 *   the document.
 */
import { eld } from "eld/medium"

/** Letters below this count give no tag: a caption or a one-line post says too little about its language. */
const MIN_LETTERS = 40
/** Characters read from each of the three places sampled. */
const SAMPLE_CHARS = 1500
const TAJIK_LETTERS = /[ғӣқӯҳҷҒӢҚӮҲҶ]/gu
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu
/** Share of Cyrillic letters that are Tajik-only above which a text is Tajik (they are about 5-8% of Tajik prose). */
const TAJIK_SHARE = 0.025
const LETTER = /\p{L}/gu

const count = (text: string, re: RegExp): number => {
  let n = 0
  re.lastIndex = 0
  while (re.exec(text) !== null) n++
  return n
}

const sampleOf = (text: string): string => {
  if (text.length <= SAMPLE_CHARS * 3) return text
  const mid = Math.floor(text.length / 2 - SAMPLE_CHARS / 2)
  return [text.slice(0, SAMPLE_CHARS), text.slice(mid, mid + SAMPLE_CHARS), text.slice(-SAMPLE_CHARS)].join("\n")
}

/** The language of a text as a BCP 47 tag ("en", "ru", "tg", ...), or null when the text does not say clearly. */
export const detectLanguage = (text: string): string | null => {
  const sample = sampleOf(text)
  if (count(sample, LETTER) < MIN_LETTERS) return null
  const cyrillic = count(sample, CYRILLIC_LETTERS)
  if (cyrillic >= MIN_LETTERS && count(sample, TAJIK_LETTERS) / cyrillic >= TAJIK_SHARE) return "tg"
  const result = eld.detect(sample)
  return result.language !== "" && result.isReliable() ? result.language : null
}
