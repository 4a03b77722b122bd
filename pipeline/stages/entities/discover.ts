/**
 * Discovery: runs of capitalised words (joined by of, for, the, al-, bin, ...) around the gazetteer hits become
 * candidate mentions. Leading titles ("Tajik President", "Mr.") are cut from the name but kept in the mention's
 * surface; a run with an organisation or place head word beyond the hits wins over the hits inside it ("X Institute
 * for Political Research"); other runs are split at the hits. Sentence-initial common words, words the same
 * document also writes in lower case, months, demonyms and stoplisted chrome phrases are not names.
 */
import type { Candidate, DocContext } from "./context.js"
import { normaliseAuthor } from "./context.js"
import {
  COMMON_ACRONYMS,
  COMMON_WORDS,
  CONNECTORS,
  COURTESY,
  DEMONYMS,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  NON_ENTITY_HEADS,
  NAME_PREFIXES,
  ORG_WORDS,
  PERSON_TITLES,
  PLACE_PREFIX_WORDS,
  PLACE_WORDS,
  RU_CLASS_NOUNS,
  SPEECH_VERBS,
  SUBJECT_VERBS,
  TITLE_WORDS
} from "./lexicon.js"
import type { Hit } from "./match.js"
import { nominativePhrase, PROPER } from "./morph.js"
import { usStateName } from "./places.js"
import { joinText, normOf, type Token } from "./tokens.js"
import { translitKey } from "./translit.js"
import { guessType, INITIAL, typeByApposition, typeByPossession, isCommon, isGivenName, PLACE_SUFFIX, UNTYPED, type Guess } from "./typing.js"

const DOMAIN = /\.(com|org|net|gov|edu|info|io|ru|uk|de|fr|tj|kz|uz|kg)$/i

/** The discovery step: every capitalised run of the document becomes zero or more candidates, in text order. */
export const discoverNames = (d: DocContext): void => {
  const { tokens, n, hitAt } = d
  // Walk the capitalised runs.
  let i = 0
  while (i < n) {
    const t = tokens[i]!
    if (!(nameAt(d, i) || hitAt[i]! >= 0)) {
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
        if (nameAt(d, j) || hitAt[j]! >= 0) {
          if (tokens[j - 1]!.poss && hitAt[j - 1]! < 0 && !possessiveInName(d, j - 1, j)) break
          // a name does not go on into another script ("The Beatles Джон Леннон"), nor from an acronym into a person's name
          if (hitAt[j]! < 0 && scriptChanges(tokens[j - 1]!, u)) break
          if (tokens[j - 1]!.upper && hitAt[j - 1]! < 0 && (GIVEN_NAMES.has(u.key) || u.proper === PROPER.given) && j + 1 < n && nameAt(d, j + 1)) break
          // "Минфина Джон Смит": a first name and a surname after a name with no personal word start another name
          if (CYRILLIC_LETTER.test(u.exact) && u.proper === PROPER.given && !u.properGuessed && j + 1 < n && nameAt(d, j + 1) && !tokens[j + 1]!.upper && !runHasPersonWord(d, i, j)) break
          // "the Harbour Trust Lena Marsh": a head noun followed by a given name ends the organisation
          const prev = tokens[j - 1]!
          if ((ORG_WORDS.has(prev.key) || PLACE_WORDS.has(prev.key)) && GIVEN_NAMES.has(u.key) && hitAt[j]! < 0 && j + 1 < n && nameAt(d, j + 1)) break
          j++
          if (u.poss && !possessiveInName(d, j - 1, j)) break
          continue
        }
        // a possessive written apart ("People 's Army"), as tokenised corpora write it
        if ((u.key === "'" || u.key === "’") && tokens[j + 1]?.exact === "s" && !tokens[j + 1]!.nlBefore && possessiveInName(d, j - 1, j + 2)) {
          j += 2
          continue
        }
        // a hyphen inside a name: "Igor Lyakin-Frolov"
        if (u.joiner && j + 1 < n && nameAt(d, j + 1) && !tokens[j - 1]!.poss) {
          j++
          continue
        }
        // a name that goes on in lower case: "Следственный комитет", "Министерство иностранных дел"
        if (u.lower !== undefined) {
          const end = lowerContinuation(d, i, j)
          if (end > j) {
            j = end
            continue
          }
        }
        // connectors between two name words: "Institute for Political Research", "Osama bin Laden"
        if (u.word && CONNECTORS.has(u.key) && !u.cap && (NAME_PARTICLES.has(u.key) || runHasHead(d, i, j))) {
          let k = j
          while (k < n && tokens[k]!.word && CONNECTORS.has(tokens[k]!.key) && !tokens[k]!.cap && !tokens[k]!.nlBefore && k - j < 2) k++
          const v = tokens[k]
          if (v && !v.nlBefore && (nameAt(d, k) || hitAt[k]! >= 0) && !tokens[j - 1]!.poss) {
            j = k
            continue
          }
        }
        break
      }
    } else j = i + 1
    processRun(d, i, j)
    i = j
  }
  // "the Velm Council Anna Berg": a long run that starts with a name this document also writes on its own
  // is that name followed by another one
  splitAtKnownNames(d)
  d.candidates.sort((x, y) => x.a - y.a)
}

const CYRILLIC_LETTER = /[\u0400-\u04ff]/
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f]/
/** two words of a run, one in Latin letters and the other in Cyrillic */
const scriptChanges = (x: Token, y: Token): boolean =>
  x.word && y.word && CYRILLIC_LETTER.test(x.exact) !== CYRILLIC_LETTER.test(y.exact) && (LATIN_LETTER.test(x.exact) || LATIN_LETTER.test(y.exact))

/** a word of the run the dictionary or the names data knows as a first name, surname or patronymic */
const runHasPersonWord = (d: DocContext, a: number, b: number): boolean => {
  for (let k = a; k < b; k++) {
    const t = d.tokens[k]!
    if (t.proper === PROPER.given || t.proper === PROPER.surname || t.proper === PROPER.patronymic || GIVEN_NAMES.has(t.key) || INITIAL.test(t.text)) return true
  }
  return false
}

/** Words that may join the dependents of an organisation's head noun ("Фонд борьбы с коррупцией", "суд по правам человека"). */
const DEPENDENT_JOINERS = new Set(["по", "с", "за", "и", "при"])
const DEPENDENT_POS = new Set(["NOUN", "ADJF", "PRTF", "NUMR"])
const MAX_LOWER_WORDS = 5
/** a lower-case word that can depend on a head noun: a noun, adjective or participle in a case other than the nominative */
const dependent = (t: Token): boolean => t.lower !== undefined && DEPENDENT_POS.has(t.lower.pos) && t.lower.forms.some((f) => f.case !== undefined && f.case !== "nomn")

/**
 * Where a name that goes on in lower case ends, from token j (a lower-case word kept by the tokenizer): an organisation
 * head noun after capitalised words ("Следственного комитета"), and, once the name has such a head, the nouns and
 * adjectives that depend on it in an oblique case, with the prepositions between them ("Министерства иностранных дел",
 * "Европейского суда по правам человека"). A verb, a nominative or a punctuation mark ends it.
 */
const lowerContinuation = (d: DocContext, a: number, j: number): number => {
  const { tokens, n } = d
  let hasHead = false
  for (let k = a; k < j; k++) if (ORG_WORDS.has(tokens[k]!.key)) hasHead = true
  let k = j
  let end = j
  let lower = 0
  while (k < n && lower < MAX_LOWER_WORDS) {
    const t = tokens[k]!
    if (t.nlBefore || t.lower === undefined) break
    if (!hasHead) {
      // adjectives before the head noun: "Омский лётно-технический колледж"
      let h = k
      while (h < n && h - k < 3 && tokens[h]!.lower !== undefined && !tokens[h]!.nlBefore && (tokens[h]!.lower!.pos === "ADJF" || tokens[h]!.lower!.pos === "PRTF")) h++
      const head = tokens[h]
      if (head === undefined || head.nlBefore || head.lower === undefined || head.lower.pos !== "NOUN" || !ORG_WORDS.has(head.key)) break
      hasHead = true
      lower += h - k + 1
      end = k = h + 1
      continue
    }
    if (DEPENDENT_JOINERS.has(t.key) && tokens[k + 1] !== undefined && dependent(tokens[k + 1]!)) {
      k++
      lower++
      continue
    }
    if (!dependent(t)) break
    end = ++k
    lower++
  }
  return end
}

/** The name of inflected words in the nominative ("Барака Обамы" → "Барак Обама"), spaced as written. */
const nominativeName = (d: DocContext, toks: ReadonlyArray<Token>): string => {
  // an organisation's head noun followed by lower-case dependents: only the words up to the head take the nominative
  let head = toks.findIndex((t) => t.word && ORG_WORDS.has(t.key))
  if (head < 0 || !toks.slice(head + 1).some((t) => t.lower !== undefined)) head = toks.length
  const forms = d.morph ? nominativePhrase(d.morph, toks, head) : toks.map(normOf)
  let out = ""
  toks.forEach((t, k) => {
    if (k > 0 && t.s > toks[k - 1]!.e) out += " "
    out += t.word ? (t.text.endsWith(".") && t.exact.length <= 2 ? t.text : forms[k]!) : t.text
  })
  return out
}

const nameAt = (d: DocContext, k: number): boolean => {
  const t = d.tokens[k]!
  return t.word && (t.cap || t.upper) && d.stopped[k] === 0
}

/**
 * A possessive inside an organisation's name: a common noun owns the words after it and one of the next
 * three capitalised words is an organisation head ("People's Army", "Children's Trust"); "Putin's Party" is two names.
 */
const possessiveInName = (d: DocContext, owner: number, k: number): boolean => {
  const { tokens, n, hitAt } = d
  const o = tokens[owner]!
  if (!o.word || hitAt[owner]! >= 0 || !isCommon(o) || o.upper) return false
  for (let m = k; m < n && m < k + 3; m++) {
    const t = tokens[m]!
    if (t.nlBefore || !nameAt(d, m) || hitAt[m]! >= 0) return false
    if (ORG_WORDS.has(t.key) && !TITLE_WORDS.has(t.key)) return true
    if (t.poss) return false
  }
  return false
}

/** "of", "for", "the" join only names with an organisation, place or title head: not "Anna Berg of Greenpeace" */
const runHasHead = (d: DocContext, a: number, b: number): boolean => {
  const { tokens, hitAt, hits } = d
  const entities = d.gazetteer.entities
  for (let k = a; k < b; k++) {
    const t = tokens[k]!
    if (ORG_WORDS.has(t.key) || PLACE_WORDS.has(t.key) || (TITLE_WORDS.has(t.key) && PERSON_TITLES.has(t.key))) return true
    if (hitAt[k]! >= 0 && entities[hits[hitAt[k]!]!.entity]!.g.type !== "person" && k === b - 1 && tokens[b]?.key !== "of") return false
  }
  return false
}

/** a word at the start of a run that is not part of the name: "The", sentence-initial common words */
const droppableLead = (d: DocContext, k: number): boolean => {
  const { tokens, lowerSeen } = d
  const t = tokens[k]!
  if (!t.word) return true
  if (!t.cap && CONNECTORS.has(t.key)) return true
  if (FUNCTION_WORDS.has(t.key)) return true
  if (GIVEN_NAMES.has(t.key) || TITLE_WORDS.has(t.key)) return false
  if (NAME_PREFIXES.has(t.key) && t.cap) {
    const next = tokens[k + 1]
    if (next !== undefined && next.cap && !next.nlBefore && !FUNCTION_WORDS.has(next.key)) return false
  }
  // "Министерство внутренних дел ...": a Russian organisation's head noun starting a sentence still starts the name
  if (t.cap && ORG_WORDS.has(t.key) && CYRILLIC_LETTER.test(t.exact)) {
    const next = tokens[k + 1]
    if (next !== undefined && !next.nlBefore && (next.lower !== undefined && dependent(next))) return false
  }
  if (t.sentStart && ((isCommon(t) && !DEMONYMS.has(t.key)) || lowerSeen.has(t.key) || /[a-z](ing|ed|ly)$/.test(t.key))) return true
  return MONTHS_AND_DAYS.has(t.key)
}

const processRun = (d: DocContext, a: number, b: number): void => {
  const { tokens, hitAt, hits, candidates, body } = d
  const entities = d.gazetteer.entities
  const translitIndex = d.gazetteer.translitIndex
  // drop leading words that are not part of a name: "The", sentence-initial common words
  if (postalState(d, a, b)) return
  while (a < b && hitAt[a]! < 0 && droppableLead(d, a)) a++
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
        pushHit(d, h, h.a, false)
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
    // a place head counts after the first word ("Tarvik Airport"), or first before "of" ("Gulf of Ostra", "Bay of Velm")
    else if (!tokens[k]!.headline && (ORG_WORDS.has(tokens[k]!.key) || (PLACE_WORDS.has(tokens[k]!.key) && (k > na || tokens[k + 1]?.key === "of")))) headOutside = true
  }
  const wholeIsOneHit = hitAt[na]! >= 0 && hitAt[na] === hitAt[b - 1] && hits[hitAt[na]!]!.a === na && hits[hitAt[na]!]!.b === b
  if (wholeIsOneHit) {
    const h = hits[hitAt[na]!]!
    pushHit(d, h, a, titled)
    return
  }
  // "Imomaly Rakhmon": a spelling of a gazetteer name whose parts matched separately
  if (hasHitInside && b - na >= 2 && b - na <= 5) {
    const words: Array<string> = []
    for (let k = na; k < b; k++) if (tokens[k]!.word) words.push(normOf(tokens[k]!))
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
  // "Виктор Лукашенко", "В. Лукашенко" before a gazetteer person's surname: the same person only if the first name or
  // initial agrees with the gazetteer's, else another person of that surname
  if (!titled && b - na >= 2 && b - na <= 4 && hitAt[b - 1]! >= 0) {
    const h = hits[hitAt[b - 1]!]!
    const e = entities[h.entity]!
    if (e.g.type === "person" && h.a > na && h.b === b) {
      let firstNames = true
      for (let k = na; k < h.a; k++) {
        const t = tokens[k]!
        if (hitAt[k]! >= 0 || !t.word || !(INITIAL.test(t.text) || isGivenName(t) || t.proper === PROPER.given || t.proper === PROPER.patronymic)) firstNames = false
      }
      if (firstNames) {
        const first = tokens[na]!
        const given = [e.g.name, ...e.aliasNames].map((n) => translitKey(n).split(" ")[0]!).filter((g) => g.length > 1)
        const initial = INITIAL.test(first.text) ? translitKey(first.exact) : undefined
        const firstKey = translitKey(normOf(first))
        const agrees = given.some((g) => (initial !== undefined ? g.startsWith(initial) : g === firstKey))
        if (agrees) candidates.push({ a, b, na, nb: b, entity: h.entity, name: e.g.name, type: "person", strength: 9, titled: false })
        else {
          const nameToks = tokens.slice(na, b)
          const name = nameToks.some((t) => t.norm !== undefined) ? nominativeName(d, nameToks) : joinText(body, nameToks)
          candidates.push({ a, b, na, nb: b, entity: -1, name, type: "person", strength: 3, titled: false })
        }
        return
      }
    }
  }
  // "George Washington", "Jack London": a first name before a one-word place is a person's name
  if (b - na === 2 && hitAt[na]! < 0 && hitAt[na + 1]! >= 0 && (GIVEN_NAMES.has(tokens[na]!.key) || isGivenName(tokens[na]!))) {
    const h = hits[hitAt[na + 1]!]!
    if (h.a === na + 1 && h.b === b && entities[h.entity]!.g.type === "place") {
      candidates.push({ a, b, na, nb: b, entity: -1, name: joinText(body, tokens.slice(na, b)), type: "person", strength: 3, titled })
      return
    }
  }
  if (hasHitInside && headOutside && !titled) {
    const before = candidates.length
    discovered(d, a, na, b, titled)
    // "University of Ghana", "UK Home Office", "Gulf of Finland": the place the name holds is a mention of its own
    if (candidates.length > before && candidates[candidates.length - 1]!.type !== "person")
      for (let k = na; k < b; k++) {
        const at = hitAt[k]!
        if (at < 0) continue
        const h = hits[at]!
        if (h.a === k && h.b <= b && entities[h.entity]!.g.type === "place") pushHit(d, h, h.a, false)
      }
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
        if (k - 1 > segStart) discoveredSegment(d, first ? a : segStart, segStart, k - 1, first && titled)
        const nameToks = tokens.slice(k - 1, h.b)
        candidates.push({ a: k - 1, b: h.b, na: k - 1, nb: h.b, entity: -1, name: joinText(body, nameToks), type: "place", strength: 3, titled: false })
        first = false
        k = h.b
        segStart = k
        continue
      }
      if (k > segStart) discoveredSegment(d, first ? a : segStart, segStart, k, first && titled)
      pushHit(d, h, first && titled && k === na ? a : h.a, first && titled && k === na)
      first = false
      k = h.b
      segStart = k
    } else k++
  }
  if (segStart < b) discoveredSegment(d, first ? a : segStart, segStart, b, first && titled)
}

const splitAtKnownNames = (d: DocContext): void => {
  const { tokens, hitAt, candidates, body } = d
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
      discovered(d, k, k, c.nb, false)
      break
    }
  }
}

const pushHit = (d: DocContext, h: Hit, a: number, titled: boolean): void => {
  const { candidates } = d
  const entities = d.gazetteer.entities
  const e = entities[h.entity]!
  candidates.push({ a, b: h.b, na: h.a, nb: h.b, entity: h.entity, name: e.g.name, type: e.g.type, strength: 9, titled })
}

const discoveredSegment = (d: DocContext, a: number, na: number, b: number, titled: boolean): void => {
  const { tokens, hits } = d
  // trim connectors and common words at the edges of a piece left between hits
  while (na < b && (titled ? !tokens[na]!.word || (!tokens[na]!.cap && CONNECTORS.has(tokens[na]!.key)) : droppableLead(d, na))) na++
  while (b > na && ((!tokens[b - 1]!.cap && CONNECTORS.has(tokens[b - 1]!.key)) || !tokens[b - 1]!.word || DEMONYMS.has(tokens[b - 1]!.key))) b--
  if (na >= b) return
  if (!titled) a = na
  discovered(d, a, na, b, titled)
}

/** a sentence-initial word that is a name by what follows: "Mattel, Microsoft and ...", "Ontario was", "Atlassian's" */
const namedByContext = (d: DocContext, k: number): boolean => {
  const { tokens } = d
  const w = tokens[k]!
  if (isCommon(w) || w.key.length < 3 || /[a-z](ing|ed|ly|ally|ever)$/.test(w.key)) return false
  if (w.poss) return true
  if (w.key.endsWith("s")) return false // "Relatives have said": a plural noun
  const next = tokens[k + 1]
  // "Atlassian 's" in tokenised text
  if (next !== undefined && (next.key === "'" || next.key === "’") && tokens[k + 2]?.exact === "s") return true
  if (next === undefined || next.nlBefore) return false
  if (next.key === ",") {
    const after = tokens[k + 2]
    return after !== undefined && after.cap && !after.nlBefore && !isCommon(after)
  }
  return next.word && SUBJECT_VERBS.has(next.key)
}

/** kinds of settlement whose "<kind> of <name>" is the settlement's own name */
const SETTLEMENT_WORDS = new Set(["city", "town", "village", "municipality", "borough", "township", "commune"])

const YEAR = /^(1[5-9]|20)[0-9]{2}[a-z]?$/
/**
 * A person by what surrounds the name: an author cited by the year of the work ("Marlow (1998)", "(Marlow, 1998)",
 * "Marlow et al.", "Marlow and Brenner 1998"), or a speaker ("Anna Berg said", "said Anna Berg", "according to Berg").
 */
const personByContext = (d: DocContext, na: number, b: number, words: ReadonlyArray<Token>): Guess | undefined => {
  const { tokens } = d
  if (words.some((t) => t.upper || ORG_WORDS.has(t.key) || PLACE_WORDS.has(t.key) || DEMONYMS.has(t.key))) return undefined
  // co-authors after the name: ", Brenner", "and Brenner", "& Brenner", ", & Brenner" (up to eight)
  const separator = (t: Token | undefined) => t !== undefined && (t.key === "," || t.key === "and" || t.key === "&")
  let k = b
  for (let n = 0; n < 8; n++) {
    let next = k + 1
    if (!separator(tokens[k])) break
    if (tokens[k]!.key === "," && (tokens[next]?.key === "and" || tokens[next]?.key === "&")) next++
    const name = tokens[next]
    if (name === undefined || name.nlBefore || !(name.word && name.cap && !name.upper)) break
    k = next + 1
  }
  // a co-author itself: "Miller and Rowe 2004"
  const coAuthor = separator(tokens[na - 1]) && tokens[na - 2]?.cap === true
  const t0 = tokens[k]
  const t1 = tokens[k + 1]
  if (t0 !== undefined && !t0.nlBefore) {
    if (t0.key === "et" && t1?.key === "al") return { type: "person", strength: 2 }
    if ((t0.key === "(" || t0.key === ",") && t1 !== undefined && YEAR.test(t1.key)) return { type: "person", strength: 2 }
    if (YEAR.test(t0.key) && (k > b || coAuthor)) return { type: "person", strength: 2 }
  }
  // a speaker: two or three personal-name words before or after a verb of saying, or after "according to"
  const personLike = words.length >= 2 && words.length <= 3 && words.every((t) => t.cap && !isCommon(t))
  const after = tokens[b]
  const before = tokens[na - 1]
  if (personLike && after !== undefined && after.word && SPEECH_VERBS.has(after.key)) return { type: "person", strength: 2 }
  if (personLike && before !== undefined && before.word && SPEECH_VERBS.has(before.key) && (tokens[b]?.key === "." || tokens[b]?.key === ",")) return { type: "person", strength: 2 }
  return undefined
}

const QUOTE_OR_SPACE = new Set([" ", "\u00a0", "«", '"', "“", "„", "("])
/** "газета «Ведомости»", "певица Мадонна": the type a Russian class noun just before the name gives it (read from the text). */
const classNounBefore = (d: DocContext, na: number): Guess | undefined => {
  const t = d.tokens[na]!
  if (d.morph === undefined || !CYRILLIC_LETTER.test(t.exact) && d.language !== "ru") return undefined
  const { body } = d
  let end = t.s
  while (end > 0 && end > t.s - 4 && QUOTE_OR_SPACE.has(body[end - 1]!)) end--
  let start = end
  // a lower-case Cyrillic word: а–я, ё
  while (start > 0 && end - start < 20) {
    const c = body.charCodeAt(start - 1)
    if ((c >= 0x430 && c <= 0x44f) || c === 0x451) start--
    else break
  }
  if (start === end || end === t.s) return undefined
  const type = RU_CLASS_NOUNS.get(d.morph.analyse(body.slice(start, end)).lemma)
  return type === undefined ? undefined : { type, strength: 2 }
}

/** The gazetteer's entity of each US state, by its name ("Georgia (U.S. state)" under "Georgia"), per compiled gazetteer. */
const statesOf = new WeakMap<object, ReadonlyMap<string, number>>()
const usStateEntity = (d: DocContext, code: string): number | undefined => {
  const name = usStateName(code)
  if (name === undefined) return undefined
  let states = statesOf.get(d.gazetteer)
  if (states === undefined) {
    const m = new Map<string, number>()
    d.gazetteer.entities.forEach((e, i) => {
      if (e.g.type === "place" && e.g.within === "united-states") m.set(e.g.name.replace(/ \(.*\)$/, ""), i)
    })
    statesOf.set(d.gazetteer, (states = m))
  }
  return states.get(name)
}

/** "Lubbock, TX", "Topeka, KS": a US state's postal code after a place and a comma is that state; true when it was one. */
const postalState = (d: DocContext, a: number, b: number): boolean => {
  const { tokens } = d
  if (b - a !== 1 || !tokens[a]!.upper || tokens[a]!.exact.length !== 2 || tokens[a - 1]?.key !== "," || tokens[a - 2]?.cap !== true) return false
  const state = usStateEntity(d, tokens[a]!.exact)
  if (state === undefined) return false
  d.candidates.push({ a, b, na: a, nb: b, entity: state, name: d.gazetteer.entities[state]!.g.name, type: "place", strength: 9, titled: false })
  return true
}

const discovered = (d: DocContext, a: number, na: number, b: number, titled: boolean): void => {
  const { tokens, lowerSeen, capMid, capsLine, candidates, body, authorKeys } = d

  if (b - na === 1 && !titled) {
    const w = tokens[na]!
    if (w.sentStart && (lowerSeen.has(w.key) || (!capMid.has(w.key) && !GIVEN_NAMES.has(w.key) && !w.upper && !PLACE_SUFFIX.test(w.key) && !namedByContext(d, na))))
      return
    if (w.text.indexOf(".") > 0 && DOMAIN.test(w.text)) return
  }
  const nameToks = tokens.slice(na, b)
  const words = nameToks.filter((t) => t.word)
  if (words.length === 0) return
  const name = nameToks.some((t) => t.norm !== undefined || t.lower !== undefined) ? nominativeName(d, nameToks) : joinText(body, nameToks)
  const before = na > 0 ? tokens[na - 1] : undefined
  let guess = guessType(nameToks, titled ? undefined : before, titled, authorKeys, na > 1 ? tokens[na - 2] : undefined)
  if (NON_ENTITY_HEADS.has(words[words.length - 1]!.key) && !titled) return
  if (guess.strength < 3 && !titled) guess = typeByApposition(body, tokens, na, b) ?? guess
  if (guess.strength < 2 && !titled) guess = typeByPossession(body, tokens, b) ?? guess
  if (guess.strength === UNTYPED || (guess.type !== "person" && guess.strength <= 2)) {
    const byContext = personByContext(d, na, b, words) ?? classNounBefore(d, na)
    if (byContext !== undefined) guess = byContext
  }
  // evidence that a capitalised word is a name at all
  const allCommon = words.every((t) => isCommon(t) || CONNECTORS.has(t.key) || TITLE_WORDS.has(t.key))
  if (allCommon && guess.strength < 3) return
  if (words.length === 1) {
    const w = words[0]!
    if (w.exact.length < 2 && !w.upper) return
    const d0 = w.text.charCodeAt(0)
    if (d0 >= 48 && d0 <= 57) return
    // a label before a number ("Figure 3", "Table 2", "Chapter 4") names a part of the text, unless it is a road ("Highway 61")
    const n0 = tokens[na + 1]?.text.charCodeAt(0) ?? 0
    if (!titled && n0 >= 48 && n0 <= 57 && !tokens[na + 1]!.nlBefore && !PLACE_WORDS.has(w.key) && !YEAR.test(tokens[na + 1]!.key)) return
    // in a line of capitals an all-capital word proves nothing; in a title-case line it is still an acronym
    if (w.upper && w.headline && !titled && (capsLine[na] === 1 || w.sentStart && w.nlBefore)) return
    if (w.upper && (COMMON_WORDS.has(w.key) || COMMON_ACRONYMS.has(w.key) || w.exact.length > 6 || /^[IVXLC]+$/.test(w.exact))) {
      if (!titled) return
    }
    if (!titled && w.sentStart && !capMid.has(w.key) && guess.strength < 2 && !namedByContext(d, na)) return
    if (!titled && w.sentStart && lowerSeen.has(w.key)) return
    if (!titled && guess.strength <= 0) {
      // menu items alone on a line ("Services", "Careers") and plural common nouns are not names on capitals alone
      const next = tokens[na + 1]
      if (w.nlBefore && (next === undefined || next.nlBefore)) return
      // plural and abstract nouns, participles, adverbs and "-ist" adjectives: "Services", "Tourism", "Leaving", "Buddhist"
      // (a possessive owner is a name: "Brightlation's members")
      const owner = w.poss || (next !== undefined && (next.key === "'" || next.key === "’") && tokens[na + 2]?.exact === "s")
      if (!owner && /(ies|ers|ions|ings|ents|ces|ves|ts|ism|tion|ment|ness|ity|ance|ence|ist|[^j]ing|ed|ly)$/.test(w.key)) return
    }
  } else if (!titled && words.every((t) => t.sentStart) && words.every((t) => lowerSeen.has(t.key) || isCommon(t)) && guess.strength < 3) return
  let canonical = words.length === 2 && words[0]!.upper && !words[1]!.upper && guess.type === "person" ? normaliseAuthor(name) : name
  // "the City of Toledo", "the Municipality of Bayan": the place is named by its own name
  if (words.length >= 3 && SETTLEMENT_WORDS.has(words[0]!.key) && words[1]!.key === "of" && guess.type === "place") canonical = joinText(body, words.slice(2))
  candidates.push({ a, b, na, nb: b, entity: -1, name: canonical, type: guess.type, strength: guess.strength, titled })
}
