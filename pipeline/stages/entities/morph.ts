/**
 * Morphology: Russian case endings folded to the nominative, for the matching key, the canonical name and the id
 * ("Обамы", "Обаме", "Обамой" → "Обама"; "Вашингтоне" → "Вашингтон"), with what the dictionary says of a word:
 * a given name, surname or patronymic, a place, an organisation, or a word it knows only as a common word (so a
 * capitalised "Президент" at a sentence start is not a name). The analyser is Az.js on the OpenCorpora dictionary,
 * loaded once by the shell (pipeline/entity-data.ts); here it is a pure function of the word, memoised.
 */
import type { AzMorphFn, AzParse } from "az"
import type { DocContext } from "./context.js"
import type { Token } from "./tokens.js"
import { detach, memoised } from "./memo.js"
import { tokenKey } from "./translit.js"

/** What a proper name is, by the dictionary's grammemes. */
export const PROPER = { none: 0, given: 1, surname: 2, patronymic: 3, place: 4, organization: 5 } as const

interface CaseForm {
  readonly case: string | undefined
  readonly score: number
  /** the word in the nominative, same gender and number, lower case */
  readonly nominative: string
}

export interface WordAnalysis {
  /** the nominative, lower case */
  readonly lemma: string
  /** the nominative capitalised as the word was written ("Обамы" → "Обама", "НЬЮ-ЙОРКА" → "Нью-Йорк") */
  readonly lemmaAsWritten: string
  readonly proper: number
  /** the dictionary knows the word, and only as a common word (or a function word) */
  readonly common: boolean
  /** the readings of the word, most probable first: its case and its nominative */
  readonly forms: ReadonlyArray<CaseForm>
  /** the part of speech of its most probable reading (OpenCorpora's: NOUN, ADJF, PRTF, VERB, PREP, ...) */
  readonly pos: string
  /** the proper-name reading is the suffix model's guess for a word the dictionary lacks, not the dictionary's */
  readonly properGuessed: boolean
}

export interface Morphology {
  readonly analyse: (word: string) => WordAnalysis
}

const FUNCTION_POS = new Set(["PREP", "CONJ", "PRCL", "NPRO", "PRED", "INTJ", "ADVB", "NUMR", "COMP"])
const properOf = (p: AzParse): number => {
  const t = p.tag
  if (t.Name) return PROPER.given
  if (t.Surn) return PROPER.surname
  if (t.Patr) return PROPER.patronymic
  if (t.Geox) return PROPER.place
  if (t.Orgn || t.Trad) return PROPER.organization
  return PROPER.none
}
const nominativeOf = (p: AzParse, written: string): string => {
  const v = nominativeRaw(p)
  return typeof v === "string" && v.length > 0 ? v : written
}
const nominativeRaw = (p: AzParse): string | undefined => {
  if (p.tag.CAse === "nomn" || p.tag.Fixd) return p.word
  // participles inflect oddly in the analyser ("Объединённых" → "объединившие"): keep them as written
  if (p.tag.POST === "PRTF") return p.word
  const same = p.inflect(["nomn", ...[p.tag.GNdr, p.tag.NMbr].filter((g): g is string => typeof g === "string")])
  if (same) return same.word
  const any = p.inflect(["nomn"])
  return any ? any.word : p.normalize()?.word
}

/** Wraps an initialised analyser; answers are memoised across documents (memo.ts). */
export const makeMorphology = (morph: AzMorphFn): Morphology => {
  const analyseRaw = (word: string): WordAnalysis => {
    const parses = morph(word)
    if (parses.length === 0) {
      const lemma = tokenKey(word)
      return { lemma, lemmaAsWritten: capitaliseAs(lemma, word), proper: PROPER.none, common: false, forms: [], pos: "", properGuessed: false }
    }
    const dictionary = parses.filter((p) => p.parser === "Dictionary")
    const properParse = parses.find((p, i) => properOf(p) !== PROPER.none && (p.parser === "Dictionary" || i === 0))
    const common = dictionary.length > 0 && (dictionary.every((p) => properOf(p) === PROPER.none && !p.tag.Abbr) || FUNCTION_POS.has(parses[0]!.tag.POST ?? ""))
    const chosen = properParse ?? parses[0]!
    const forms = parses
      .filter((p) => (properParse ? properOf(p) !== PROPER.none : true))
      .map((p) => ({ case: p.tag.CAse, score: p.score, nominative: tokenKey(nominativeOf(p, word)) }))
    const lemma = tokenKey(nominativeOf(chosen, word))
    return { lemma, lemmaAsWritten: capitaliseAs(lemma, word), proper: properParse ? properOf(properParse) : PROPER.none, common: common && !properParse, forms, pos: parses[0]!.tag.POST ?? "", properGuessed: properParse !== undefined && properParse.parser !== "Dictionary" }
  }
  // the memo outlives the document: what it keeps holds no slice of the text
  const keep = (a: WordAnalysis): WordAnalysis => ({
    ...a,
    lemma: detach(a.lemma),
    lemmaAsWritten: detach(a.lemmaAsWritten),
    forms: a.forms.map((f) => ({ ...f, nominative: detach(f.nominative) }))
  })
  return { analyse: memoised(analyseRaw, keep) }
}

const CYRILLIC = /[\u0400-\u04ff]/
/** Languages whose names the Russian dictionary inflects; other Cyrillic languages keep their words as written. */
const RUSSIAN_MORPHOLOGY = new Set(["ru"])

/** "нью-йорк" written like "Нью-Йорка": each hyphenated part capitalised as in the text. */
export const capitaliseAs = (lower: string, written: string): string => {
  const lp = lower.split("-")
  const wp = written.split("-")
  const cap = (s: string) => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s)
  if (lp.length !== wp.length) return wp[0] && wp[0][0] !== wp[0][0]!.toLowerCase() ? cap(lower) : lower
  return lp.map((p, i) => (wp[i]![0] !== undefined && wp[i]![0] !== wp[i]![0]!.toLowerCase() ? cap(p) : p)).join("-")
}

/**
 * Folds the case endings of capitalised Cyrillic words (a document's tokens, or a gazetteer spelling's); a lower-case
 * word kept as a token of its own (one that may continue a name, tokens.ts) gets its lemma as key and its reading.
 */
export const foldTokens = (tokens: ReadonlyArray<Token>, morph: Morphology): void => {
  for (const t of tokens) {
    if (!t.word || t.s < 0 || !CYRILLIC.test(t.exact)) continue
    if (!t.cap) {
      const a = morph.analyse(t.exact)
      t.key = a.lemma
      t.lower = a
      continue
    }
    const a = morph.analyse(t.exact)
    t.proper = a.proper
    if (a.properGuessed) t.properGuessed = true
    if (t.upper) continue // acronyms do not inflect
    t.common = a.common
    t.key = a.lemma
    t.norm = a.lemmaAsWritten
  }
}

/**
 * The morphology step: each capitalised Cyrillic word of a Russian (or undetected) text gets its nominative as
 * matching key and name form, and the dictionary's word on whether it is a name and of what.
 */
export const foldCaseEndings = (d: DocContext): void => {
  const { morph, language } = d
  if (morph === undefined || (language !== null && !RUSSIAN_MORPHOLOGY.has(language))) return
  foldTokens(d.tokens, morph)
}

/**
 * The nominative of a name of several words, in agreement: the case all its inflected words share (the most probable),
 * each word in that case turned to the nominative ("Барака Обамы" → "Барак Обама", "Национальной лиги" → "Национальная
 * лига"). Words with no reading in that case, and names already in the nominative, stay as written.
 */
export const nominativePhrase = (morph: Morphology, words: ReadonlyArray<PhraseWord>, head = words.length): ReadonlyArray<string> =>
  phrasesOf(morph)(phraseKey(words, head))

/** What nominativePhrase reads of a token. */
type PhraseWord = Pick<Token, "word" | "upper" | "exact">

/**
 * The same name comes back in every text that names it: the answers are memoised per analyser, keyed by what the
 * answer depends on (the head, and each word's flags and spelling; no token holds a NUL, whitespace ends words).
 */
const PHRASES = new WeakMap<Morphology, (key: string) => ReadonlyArray<string>>()
const phrasesOf = (morph: Morphology): ((key: string) => ReadonlyArray<string>) => {
  let memo = PHRASES.get(morph)
  if (memo === undefined) {
    memo = memoised(
      (key) => {
        const [head, ...words] = key.split("\0")
        return nominativePhraseOf(morph, words.map((w) => ({ word: (w.charCodeAt(0) & 1) !== 0, upper: (w.charCodeAt(0) & 2) !== 0, exact: w.slice(1) })), Number(head))
      },
      (forms) => forms.map(detach)
    )
    PHRASES.set(morph, memo)
  }
  return memo
}
const phraseKey = (words: ReadonlyArray<PhraseWord>, head: number): string => {
  let key = String(head)
  for (const t of words) key += "\0" + String.fromCharCode(48 + (t.word ? 1 : 0) + (t.upper ? 2 : 0)) + t.exact
  return key
}

const nominativePhraseOf = (morph: Morphology, words: ReadonlyArray<PhraseWord>, head: number): ReadonlyArray<string> => {
  // the words after the head noun depend on it and keep their case ("Министерства иностранных дел" → "Министерство иностранных дел")
  if (head < words.length) {
    // a head noun alone takes its most probable reading ("Министерства" is a genitive singular before its dependents)
    const lead = head === 0 && words[0]!.word && CYRILLIC.test(words[0]!.exact) && !words[0]!.upper
      ? [capitaliseAs(morph.analyse(words[0]!.exact).forms[0]?.nominative ?? morph.analyse(words[0]!.exact).lemma, words[0]!.exact)]
      : nominativePhraseOf(morph, words.slice(0, head + 1), head + 1)
    return [...lead, ...words.slice(head + 1).map((t) => t.exact)]
  }
  const inflected = words.filter((t) => t.word && !t.upper && CYRILLIC.test(t.exact))
  if (inflected.length === 0) return words.map((t) => t.exact)
  const analyses = inflected.map((t) => morph.analyse(t.exact))
  const score = new Map<string, number>()
  for (const a of analyses) {
    const seen = new Set<string>()
    for (const f of a.forms) if (f.case !== undefined && !seen.has(f.case)) seen.add(f.case), score.set(f.case, (score.get(f.case) ?? 0) + 1 + f.score)
  }
  const shared = [...score].filter(([c]) => analyses.every((a) => a.forms.length === 0 || a.forms.some((f) => f.case === c)))
  if (shared.some(([c]) => c === "nomn")) return words.map((t) => t.exact)
  shared.sort((x, y) => y[1] - x[1])
  const chosen = shared[0]?.[0]
  return words.map((t) => {
    const k = inflected.indexOf(t)
    if (k < 0) return t.exact
    const a = analyses[k]!
    const form = chosen !== undefined ? a.forms.find((f) => f.case === chosen) : undefined
    return capitaliseAs(form ? form.nominative : a.lemma, t.exact)
  })
}
