/**
 * Typing: the type of a discovered name from its own words (organisation and place head nouns, titles, given
 * names, compass words, suffixes) and the word before it (a place preposition, "the capital,"); then the types
 * the neighbours give ("Taipei, Taiwan"; an unknown name listed among places; "Irving, Texas").
 */
import type { EntityType } from "../../model.js"
import type { Candidate, DocContext } from "./context.js"
import {
  COMMON_WORDS,
  COMPASS,
  DEMONYMS,
  FIRST_NAMES,
  GIVEN_NAMES,
  MEMBERSHIP_NOUNS,
  ORG_POSSESSIONS,
  PERSON_POSSESSIONS,
  PLACE_POSSESSIONS,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  NAME_PREFIXES,
  ORG_CLASS_NOUNS,
  ORG_WORDS,
  PERSON_CLASS_NOUNS,
  PLACE_CLASS_NOUNS,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  TITLE_WORDS
} from "./lexicon.js"
import type { Token } from "./tokens.js"
import { PROPER } from "./morph.js"
import { cityFullName, dominantCity, LARGE_CITY } from "./places.js"
import { foldDiacritics, tokenKey } from "./translit.js"

/**
 * How sure a type is: 3 and more from the name's own words (a head noun, a title, a given name with a surname), 2 from
 * its context (a preposition, a listed neighbour, a city), 1 weak; UNTYPED when nothing says what the name is. An
 * untyped name is no mention unless a later step gives it a type (its neighbours, the place data, a defined acronym,
 * a surname or a longer name of the same document, the document's other mentions of it): a capitalised word is not
 * an organisation for want of anything else. Its `type` is only the best guess should that evidence come.
 */
export const UNTYPED = -1
export type Guess = { type: EntityType; strength: number }

/** The type the language's dictionary gives a name's words (morph.ts): a given name or surname makes a person, then a place, then an organisation. */
const properType = (words: ReadonlyArray<Token>): Guess | undefined => {
  let person = false
  let place = false
  let organization = false
  for (const t of words) {
    if (t.proper === PROPER.given || t.proper === PROPER.surname || t.proper === PROPER.patronymic) person = true
    else if (t.proper === PROPER.place) place = true
    else if (t.proper === PROPER.organization) organization = true
  }
  // a guess of the suffix model for words the dictionary lacks is weaker than a preposition ("в Сан-Диего")
  const weak = words.every((t) => t.proper === undefined || t.proper === PROPER.none || t.properGuessed === true)
  if (person) return { type: "person", strength: words.length >= 2 ? 3 : weak ? 1 : 2 }
  if (organization) return { type: "organization", strength: weak ? 1 : 2 }
  if (place) return { type: "place", strength: 2 }
  return undefined
}

const CYRILLIC = /[\u0400-\u04ff]/

export const PLACE_SUFFIX = /(stan|abad|grad|gorod|burg|bourg|polis|ville|shire|sk|skaya|kent|kand|shahr|land|...[^aeiou]ia)$/

const COMMONISH = new Set([...COMMON_WORDS, ...MONTHS_AND_DAYS, ...DEMONYMS])
/** a common English word, month, day or demonym, or a word the dictionary knows only as common at a sentence start: not a name on its capital letter alone */
export const isCommon = (t: Token): boolean => COMMONISH.has(t.key) || (t.common === true && t.sentStart)

const ROAD_NUMBER = /^(?:[ABM][0-9]{1,3}|I-?[0-9]{1,3}|US-?[0-9]{1,3}|SR-?[0-9]{1,3})$/

/** Russian prepositions of place: "в Марселе", "из Пхеньяна", "под Москвой" */
const RU_PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(["в", "во", "из", "под", "около", "возле", "близ"])

/** a place noun, singular or plural, alone or last in a compound: "city", "cities", "city-states", "countries" */
export const isPlaceNoun = (key: string): boolean => {
  const last = key.slice(key.lastIndexOf("-") + 1)
  return PLACE_NOUNS.has(last) || (last.endsWith("ies") && PLACE_NOUNS.has(last.slice(0, -3) + "y")) || (last.endsWith("s") && PLACE_NOUNS.has(last.slice(0, -1)))
}
const PLACE_NOUNS: ReadonlySet<string> = new Set([...PLACE_WORDS, "country", "nation", "kingdom", "capital"])

/**
 * A first name of people, by the hand list or the names data (lexicon.ts), that is no common word, month or demonym;
 * the data also lists words ("See", "Read", "Page"), so at a sentence start only the hand list counts.
 */
export const isGivenName = (t: Token): boolean =>
  GIVEN_NAMES.has(t.key) || (FIRST_NAMES.has(t.key) && t.key.length > 2 && !t.upper && !t.sentStart && !NOT_FIRST_NAMES.has(t.key))
/** words of the names data that start or head names of other things ("Port Hutt", "La Venta", "Bay Area", "North Korea") */
const NOT_FIRST_NAMES: ReadonlySet<string> = new Set([...COMMONISH, ...NAME_PREFIXES, ...NAME_PARTICLES, ...COMPASS, ...PLACE_WORDS, ...ORG_WORDS, ...TITLE_WORDS, "les", "los", "las", "art", "sun"])

/** the type of a one-word name (the common case, kept cheap) */
const guessSingle = (first: Token, before: Token | undefined, before2: Token | undefined, titled: boolean): Guess => {
  if (titled) return { type: "person", strength: 3 }
  const byDictionary = first.proper !== undefined && first.proper !== PROPER.none ? properType([first])! : undefined
  if (byDictionary !== undefined && byDictionary.strength >= 2) return byDictionary
  // "в Марселе", "из Пхеньяна": a Russian place preposition before a name the dictionary does not know as a person's
  if (before !== undefined && before.word && RU_PLACE_PREPOSITIONS.has(before.key) && !first.upper && first.common !== true && CYRILLIC.test(first.exact)) return { type: "place", strength: 2 }
  if (byDictionary !== undefined) return byDictionary
  // "the A19", "the M62", "I-580": a road number
  if (first.upper && ROAD_NUMBER.test(first.exact) && before !== undefined && (before.key === "the" || PLACE_PREPOSITIONS.has(before.key))) return { type: "place", strength: 2 }
  // an acronym alone names no organisation ("L2", "Q1", "IQR", "GIS"), unless it is defined, follows "of" and a name
  // (typeByClassNoun) or is Cyrillic, where acronyms are mostly organisations' ("МВД", "ФИФА")
  if (first.upper && first.exact.length <= 6) return { type: "organization", strength: CYRILLIC.test(first.exact) && !/[0-9]/.test(first.exact) ? 1 : UNTYPED }
  if (GIVEN_NAMES.has(first.key)) return { type: "person", strength: 2 }
  if (before !== undefined && before.word && PLACE_PREPOSITIONS.has(before.key)) return { type: "place", strength: 2 }
  if (before !== undefined && before.key === "of" && before2 !== undefined && !before2.cap && isPlaceNoun(before2.key)) return { type: "place", strength: 2 }
  // "the country's capital, Zarvenna": a name set beside a place noun names that place
  if (before !== undefined && before.key === "," && before2 !== undefined && !before2.cap && (PLACE_WORDS.has(before2.key) || before2.key === "capital")) return { type: "place", strength: 2 }
  if (PLACE_SUFFIX.test(first.key)) return { type: "place", strength: 1 }
  return { type: "organization", strength: UNTYPED }
}

/** "J. Smith", "А. С. Пушкин", "Б.Обама", "Дж.Коми": initials before a surname make a person. */
export const INITIAL = /^\p{Lu}\p{Ll}?\.$/u
const GLUED_INITIALS = /^(\p{Lu}\p{Ll}?\.)+\p{Lu}\p{Ll}+$/u
const initialled = (words: ReadonlyArray<Token>): boolean => {
  const last = words[words.length - 1]!
  if (words.length === 1) return GLUED_INITIALS.test(last.text)
  return !last.upper && last.exact.length > 1 && words.slice(0, -1).every((t) => INITIAL.test(t.text))
}

/** The type a class noun just before the name gives it ("the group Brightlation", "the physicist Lise Meitner"), or of an acronym after "of" and a name ("Anna Berg of KLP"). */
const typeByClassNoun = (before: Token | undefined, before2: Token | undefined, first: Token, words: number): Guess | undefined => {
  // a class noun ending the line before ("Emerging hardware makers" over a paragraph) classes nothing in it
  if (before === undefined || !before.word || before.cap || first.nlBefore) return undefined
  if (ORG_CLASS_NOUNS.has(before.key)) return { type: "organization", strength: 2 }
  if ((PERSON_CLASS_NOUNS.has(before.key) || (before.key.endsWith("s") && PERSON_CLASS_NOUNS.has(before.key.slice(0, -1)))) && words <= 3) return { type: "person", strength: 2 }
  // "a member of Brightlation", "the staff of Velm Trust": what people belong to or work for
  if (before.key === "of" && before2 !== undefined && MEMBERSHIP_NOUNS.has(before2.key) && !first.poss) return { type: "organization", strength: 2 }
  if (before.key === "of" && words === 1 && first.upper && !/[0-9]/.test(first.exact) && before2 !== undefined && before2.cap) return { type: "organization", strength: 2 }
  return undefined
}

/** the type a class noun gives: a person's, an organisation's or a place's */
const classOf = (key: string): EntityType | undefined =>
  PERSON_CLASS_NOUNS.has(key) ? "person" : ORG_CLASS_NOUNS.has(key) ? "organization" : isPlaceNoun(key) || PLACE_CLASS_NOUNS.has(key) ? "place" : undefined

/** words that end the noun phrase of an apposition before its head could come ("a member of ...", "the one that ...") */
const PHRASE_ENDS: ReadonlySet<string> = new Set(["of", "for", "the", "and", "or", ...PLACE_PREPOSITIONS])

/** words that open a clause or phrase set before the subject ("After the fall of Velm, a town grew") */
const FRONTING_WORDS: ReadonlySet<string> = new Set(
  `after before although though when whenever while since because if unless until despite during following once as upon with without by in on at from for through throughout under over`.split(" ")
)
/**
 * A comma after a name that ends a clause or phrase put before the sentence's subject: the sentence opens with a
 * subordinator or preposition and no comma comes between it and the name, so what follows the comma is no apposition.
 */
const closesFrontedClause = (tokens: ReadonlyArray<Token>, na: number): boolean => {
  if (tokens[na]!.sentStart || tokens[na]!.nlBefore) return false
  for (let k = na - 1; k >= 0; k--) {
    const t = tokens[k]!
    if (t.key === "," || t.key === ";" || t.key === ":") return false
    if (t.sentStart || t.nlBefore || k === 0) return t.word && FRONTING_WORDS.has(t.key.toLowerCase())
  }
  return false
}

const COLLECTIVE_NOUNS: ReadonlySet<string> = new Set(["group", "chain", "network", "union", "league", "series"])

/**
 * The type the noun phrase set after a name defines it by: an apposition ("Brightlation, a company that ...",
 * "Lise Meitner, the physicist") or a predicate noun ("Tarvik is a suburb of ..."), read up to four lower-case words
 * after the article, the first class noun among them deciding (the words before it are its modifiers).
 */
export const typeByApposition = (body: string, tokens: ReadonlyArray<Token>, na: number, b: number): Guess | undefined => {
  const t0 = tokens[b]
  if (t0 === undefined || !(t0.key === "," || ((t0.key === "is" || t0.key === "was") && !t0.nlBefore))) return undefined
  // read from the body: ordinary lower-case words are not tokens of their own (tokens.ts), and only names need this
  const at = tokens[b - 1]!.e
  const head = APPOSITION_START.exec(body.slice(at, at + 80))
  if (head === null) return undefined
  if (t0.key === "," && closesFrontedClause(tokens, na)) return undefined
  const words = head[1]!.split(" ")
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!
    if (w.endsWith("'s") || w.endsWith("’s")) return undefined // "a company's": the noun owns what follows
    // "a group of islands", "a chain of hotels": a collective noun gives way to the noun after its "of"
    if (COLLECTIVE_NOUNS.has(w) && words[k + 1] === "of") {
      k++
      continue
    }
    const type = classOf(w)
    if (type !== undefined) return { type, strength: 3 }
    if (PHRASE_ENDS.has(w)) return undefined
  }
  return undefined
}
/** after the name: a comma or "is"/"was", an article, then up to four lower-case words on the same line */
const APPOSITION_START = /^(?:[ \u00a0]*,|\s+(?:is|was))[ \u00a0]+(?:a|an|the)[ \u00a0]+((?:[a-z][a-z-]*(?:['’]s)?)(?:[ \u00a0]+[a-z][a-z-]*(?:['’]s)?){0,3})/

/**
 * The type a possessive name gets from what it owns: "Marlow's theory", "Marlow ’s general theory" (a person),
 * "Quendrix's shareholders" (an organisation), "Vellmoor's population" (a place); the possessed noun is read up to
 * two modifiers after the possessive. Weaker than the name's own words or an apposition.
 */
export const typeByPossession = (body: string, tokens: ReadonlyArray<Token>, b: number): Guess | undefined => {
  const last = tokens[b - 1]!
  const at = last.e
  // most names own nothing: look further only after a possessive ending or an apostrophe
  const c0 = body.charCodeAt(at)
  const c1 = body.charCodeAt(at + 1)
  if (!(last.poss || c0 === 39 || c0 === 0x2019 || (c0 === 32 && (c1 === 39 || c1 === 0x2019)))) return undefined
  const m = POSSESSED.exec(body.slice(at, at + 60))
  if (m === null) return undefined
  // the possessive is written on the name ("Marlow's") or apart ("Marlow 's", "Marlow ’s"); a plural's bare apostrophe too
  if (!(last.poss || m[1] !== undefined)) return undefined
  for (const w of m[2]!.split(" ")) {
    if (PERSON_POSSESSIONS.has(w)) return { type: "person", strength: 2 }
    if (ORG_POSSESSIONS.has(w)) return { type: "organization", strength: 2 }
    if (PLACE_POSSESSIONS.has(w)) return { type: "place", strength: 2 }
  }
  return undefined
}
/** after the name: a possessive ending (unless the token kept it), then up to three lower-case words on the same line */
const POSSESSED = /^(?:[ \u00a0]?(['’]s?))?[ \u00a0]+([a-z][a-z-]*(?:[ \u00a0]+[a-z][a-z-]*){0,2})/

export const guessType = (
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
  if (initialled(words)) return { type: "person", strength: 3 }
  if (!titled) {
    const byClass = typeByClassNoun(before, before2, first, words.length)
    if (byClass !== undefined) return byClass
  }
  if (words.length === 1) return guessSingle(first, before, before2, titled)
  const orgAt = (t: Token | undefined) => t !== undefined && ORG_WORDS.has(t.key)
  const placeAt = (t: Token | undefined) => t !== undefined && PLACE_WORDS.has(t.key)
  // "Elmwood Independent School District": an organisation word anywhere beats a place head
  if (placeAt(last) && words.length > 1 && words.some((t) => t !== last && ORG_WORDS.has(t.key) && !PLACE_WORDS.has(t.key)))
    return { type: "organization", strength: 3 }
  if (placeAt(last) && words.length > 1) return { type: "place", strength: 3 }
  if (orgAt(headBeforeOf)) return { type: "organization", strength: 3 }
  // a head noun first, as Russian and the Romance languages put it ("Министерство иностранных дел", "Universidad de Vigo")
  if (orgAt(first) && !TITLE_WORDS.has(first.key) && !placeAt(last)) return { type: "organization", strength: 3 }
  if (placeAt(headBeforeOf) && words.length > 1) return { type: "place", strength: 3 }
  // an organisation's head noun inside the name outweighs what the dictionary says of its other words
  if (!titled && words.some((t) => ORG_WORDS.has(t.key) && t !== first)) return { type: "organization", strength: words.some((t) => t.lower !== undefined) ? 3 : 2 }
  const byDictionary = properType(words)
  const weakGuess = byDictionary !== undefined && words.every((t) => t.proper === undefined || t.proper === PROPER.none || t.properGuessed === true)
  if (byDictionary !== undefined && weakGuess && words.length <= 3 && (NAME_PREFIXES.has(first.key) || (before !== undefined && before.word && RU_PLACE_PREPOSITIONS.has(before.key) && CYRILLIC.test(first.exact))))
    return { type: "place", strength: 2 }
  if (byDictionary !== undefined) return byDictionary
  if (titled) return { type: "person", strength: 3 }
  if (authorKeys.size > 0 && authorKeys.has(words.map((t) => t.key).join(" "))) return { type: "person", strength: 3 }
  if (words.length >= 2 && isGivenName(first) && !words.some((t) => t.upper)) return { type: "person", strength: 3 }
  // an agency byline: "ALEXANDROVA Lyudmila"
  if (words.length === 2 && first.upper && GIVEN_NAMES.has(foldDiacritics(last.key))) return { type: "person", strength: 3 }
  if (words.length >= 2 && words.some((t) => t.text.indexOf("-") > 0 && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(t.text))) return { type: "person", strength: 2 }

  if (words.length === 1 && GIVEN_NAMES.has(first.key)) return { type: "person", strength: 2 }
  if (before !== undefined && before.word && PLACE_PREPOSITIONS.has(before.key) && words.length <= 2) return { type: "place", strength: 2 }
  if (before !== undefined && before.key === "of" && before2 !== undefined && !before2.cap && isPlaceNoun(before2.key)) return { type: "place", strength: 2 }
  if (words.length === 1 && PLACE_SUFFIX.test(first.key)) return { type: "place", strength: 1 }
  if (words.length >= 2 && NAME_PREFIXES.has(first.key) && first.key !== "old") return { type: "place", strength: 2 }
  // "Kowloon West", "East Timor", "New South Wales": a compass word makes a place
  if (words.length >= 2 && (words.some((t) => COMPASS.has(t.key)) || first.key === "new")) return { type: "place", strength: 2 }
  // two to four words that look like personal names (not acronyms, not common words): perhaps a person, if the
  // document later says so (its surname alone, a verb of saying)
  if (words.length >= 2 && words.length <= 4 && words.every((t) => t.cap && !t.upper && !COMMON_WORDS.has(t.key))) return { type: "person", strength: UNTYPED }
  return { type: "organization", strength: UNTYPED }
}

/** Types from the neighbours: "Taipei, Taiwan" is a place; so is an unknown name listed among places; "Irving, Texas" takes its state. */
export const typeFromNeighbours = (doc: DocContext): void => {
  const { tokens, candidates } = doc
  const entities = doc.gazetteer.entities
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
  // "Ontario, Quebec and Manitoba": an unknown name listed next to places is a place
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
  // "painters Ada Quill, Tom Reeve, Mira Sand": a first name and a surname listed with people is a person's
  const isPerson = (c: Candidate) => (c.entity >= 0 ? entities[c.entity]!.g.type === "person" : c.type === "person" && c.strength >= 2)
  for (let pass = 0; pass < 2; pass++)
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!
      if (c.entity >= 0 || c.type !== "person" || c.strength !== UNTYPED) continue
      const first = doc.tokens[c.na]!
      if (!FIRST_NAMES.has(first.key) || NOT_FIRST_NAMES.has(first.key)) continue
      const prev = candidates[k - 1]
      const next = candidates[k + 1]
      if ((prev !== undefined && isPerson(prev) && listed(prev, c)) || (next !== undefined && isPerson(next) && listed(c, next))) c.strength = 2
    }
  // "Brightlation and Quendrix", "Velm Trust, Quendrix and Ostra Bank": a name nothing typed, coordinated with an
  // organisation, is one too (coordinated names are of one kind)
  const orgFirm = (c: Candidate) => (c.entity >= 0 ? entities[c.entity]!.g.type === "organization" : c.type === "organization" && c.strength >= 2)
  for (let pass = 0; pass < 2; pass++)
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!
      // a name that looks like a person's ("Anna Berg") is not made an organisation by its neighbour
      if (c.entity >= 0 || c.strength !== UNTYPED || c.type !== "organization") continue
      const prev = candidates[k - 1]
      const next = candidates[k + 1]
      if ((prev !== undefined && orgFirm(prev) && listed(prev, c)) || (next !== undefined && orgFirm(next) && listed(c, next))) {
        c.type = "organization"
        c.strength = 1
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
    // the state stays a mention of its own, nested in the city's
    candidates[k] = { ...c, b: d.b, nb: d.b, name: `${c.name.replace(/, .*$/, "")}, ${state.name.replace(/ \(.*\)$/, "")}`, type: "place", strength: 3 }
  }
}

/** The key under which a city's name is looked up: the matching key of each word, joined by spaces. */
export const cityKey = (name: string): string => tokenKey(name.replace(/[-,.]+/g, " ").replace(/\s+/g, " ").trim())

/**
 * Types from GeoNames: a discovered name that is the name of a city of 100,000 people or more is a place, unless its
 * words say otherwise (a title, a given name, an organisation word: strength 2 or more); a name already typed a place
 * by its context is a city when one city dominates that name, and then carries the city's GeoNames id.
 */
export const typeFromPlaceData = (doc: DocContext): void => {
  const cities = doc.gazetteer.cities
  if (cities === undefined) return
  for (const c of doc.candidates) {
    // a name its own words or context typed as no place keeps that type: no need to look it up
    if (c.entity >= 0 || c.titled || (c.type !== "place" && c.strength >= 2)) continue
    const list = cities.get(cityKey(c.name))
    if (list === undefined) continue
    const first = doc.tokens[c.na]!
    if (c.type !== "place") {
      if (c.strength >= 2 || list[0]!.population < LARGE_CITY || GIVEN_NAMES.has(first.key)) continue
      c.type = "place"
      c.strength = 2
    }
    const city = dominantCity(list)
    if (city !== undefined) {
      c.geonames = city.cityId
      // named as usual for the city ("Topeka" → "Topeka, Kansas"), when the text wrote the city's own name
      if (cityKey(city.name) === cityKey(c.name)) c.name = cityFullName(city)
    }
  }
}

/**
 * "Bishkek State University", "University of Ghana", "Topeka Regional Airport": a discovered organisation, or a
 * place with a head noun of its own, named after a place holds a mention of that place, nested in its own. The place
 * is a run of the name's capitalised words that are no head noun, connector or title, and that GeoNames knows as a
 * city of LARGE_CITY people or more, or, first in the name, that the document names alone as a place.
 */
export const nestedPlaces = (doc: DocContext): void => {
  const cities = doc.gazetteer.cities
  if (cities === undefined) return
  const { tokens, candidates, hitAt } = doc
  const count = candidates.length
  // the places this document names on their own, by their words as written
  const placesAlone = new Map<string, Candidate>()
  for (const c of candidates) if (c.entity < 0 && c.type === "place" && c.strength >= 2 && c.a === c.na) placesAlone.set(tokens.slice(c.na, c.nb).map((x) => x.text).join(" "), c)
  for (let ci = 0; ci < count; ci++) {
    const c = candidates[ci]!
    if (c.entity >= 0 || c.type === "person" || c.strength < 3 || c.nb - c.na < 2) continue
    // a place's name only with a head noun of its own beyond the city ("Topeka Regional Airport", not "East Topeka")
    if (c.type === "place" && !PLACE_WORDS.has(tokens[c.nb - 1]!.key)) continue
    // the longest run of city words at each word that GeoNames knows as a large city ("Ahvaz" in "Ahvaz Polytechnic University")
    let k = c.na
    while (k < c.nb) {
      let end = k
      while (end < c.nb && isCityWord(tokens[end]!) && hitAt[end]! < 0) end++
      let found = false
      for (let e = end; e > k && !found; e--) {
        if (k === c.na && e === c.nb) continue // the whole name is no city of its own
        const name = tokens.slice(k, e).map((x) => x.text).join(" ")
        const list = cities.get(cityKey(name))
        if (list === undefined || list[0]!.population < LARGE_CITY) {
          // the document names the place alone elsewhere ("the Kafue River" ... "in Kafue")
          const alone = k === c.na ? placesAlone.get(name) : undefined
          if (alone === undefined) continue
          candidates.push({ a: k, b: e, na: k, nb: e, entity: -1, name: alone.name, type: "place", strength: 3, titled: false, ...(alone.geonames !== undefined ? { geonames: alone.geonames } : {}) })
          found = true
          k = e
          continue
        }
        const city = dominantCity(list)
        const nested: Candidate = { a: k, b: e, na: k, nb: e, entity: -1, name: city !== undefined && cityKey(city.name) === cityKey(name) ? cityFullName(city) : name, type: "place", strength: 3, titled: false }
        if (city !== undefined) nested.geonames = city.cityId
        candidates.push(nested)
        found = true
        k = e
      }
      if (!found) k++
    }
  }
  if (candidates.length > count) candidates.sort((x, y) => x.a - y.a || y.b - x.b)
}
/** a word that can be part of a city's name inside an organisation's: capitalised, no head noun, connector, title or given name */
const isCityWord = (t: Token): boolean =>
  t.word && t.cap && !t.upper && !ORG_WORDS.has(t.key) && !PLACE_WORDS.has(t.key) && !TITLE_WORDS.has(t.key) && !GIVEN_NAMES.has(t.key) && !COMMON_WORDS.has(t.key)

