/**
 * Gazetteer matching: every spelling of the gazetteer (and every stoplisted chrome phrase) compiled once into a
 * trie over token keys, then matched leftmost-longest in one pass over a document's tokens. All-capital aliases
 * ("IS", "CSTO", "US") match case-sensitively; other aliases match without case, but a word capitalised in the
 * alias must be capitalised in the text ("Moscow", "MOSCOW", never "moscow"). Possessives are folded.
 */
import type { DocContext } from "./context.js"
import type { FoundEntity } from "./index.js"
import type { Gazetteer, GazetteerEntity } from "./gazetteer.js"
import { CONNECTORS, MEMBERSHIP_NOUNS, ORG_CLASS_NOUNS, PERSON_CLASS_NOUNS, PLACE_PREPOSITIONS, PLACE_WORDS, SPEECH_VERBS, SUBJECT_VERBS } from "./lexicon.js"
import { foldTokens, type Morphology } from "./morph.js"
import type { CityIndex } from "./places.js"
import { hashLower, normOf, ONLY_LOWER, tokenize, WordsByHash, type Token } from "./tokens.js"
import { translitKey } from "./translit.js"

interface Terminal {
  readonly entity: number
  /** per alias token: must the text word be capitalised */
  readonly capMask: ReadonlyArray<boolean>
  readonly kind: string
}

export interface CompiledEntity {
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

export interface Hit {
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

/** The gazetteer compiled for matching, built once per build and shared by every document. */
export interface CompiledGazetteer {
  readonly trie: Trie
  readonly entities: ReadonlyArray<CompiledEntity>
  /** transliteration key of a full name (2+ words) → entity indices */
  readonly translitIndex: ReadonlyMap<string, ReadonlyArray<number>>
  /** lower-case words the matcher must see as themselves, by hash; every other lower-case word is only a run break */
  readonly special: WordsByHash
  /** no listed lower-case word has a non-Latin letter, so such words can be stood in for */
  readonly nonLatinFast: boolean
  /** GeoNames cities by the key of their name (places.ts), when loaded */
  readonly cities: CityIndex | undefined
}

export const compileGazetteer = (gazetteer: Gazetteer, morph?: Morphology, cities?: CityIndex): CompiledGazetteer => {
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
      found: { entity_id: g.id, name: g.name, type: g.type, wikidata_id: g.wikidata ?? null, geonames_id: null, aliases: aliasNames, provisional: false }
    })
    const spellings: Array<{ name: string; kind: string }> = [{ name: g.name, kind: "canonical" }, ...(g.aliases ?? [])]
    for (const sp of spellings) {
      const toks = tokenize(sp.name, dummy)
      if (toks.length === 0) continue
      if (morph !== undefined) foldTokens(toks, morph)
      const cs = isAllCapsAlias(sp.name) || sp.kind === "acronym"
      const keys = toks.map((t, k) => (cs && t.word ? CS_PREFIX + t.exact : t.key) + (t.poss && k < toks.length - 1 ? POSS : ""))
      const capMask = toks.map((t) => t.word && t.cap)
      trie.add(keys, { entity: idx, capMask, kind: sp.kind })
      if (!toks[0]!.cap) trie.lowerStarts.add(toks[0]!.key)
      for (const t of toks) if (t.word && !t.cap) trie.lowerWords.add(t.key)
      // possessive aliases are folded by the tokenizer, "Doctor's Without Borders" included
      const wordToks = toks.filter((t) => t.word)
      if (wordToks.length >= 2 && !cs) {
        const k = translitKey(wordToks.map(normOf).join(" "))
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
  for (const w of SPEECH_VERBS) addSpecial(w)
  for (const w of ORG_CLASS_NOUNS) addSpecial(w)
  for (const w of MEMBERSHIP_NOUNS) addSpecial(w)
  for (const w of PERSON_CLASS_NOUNS) {
    addSpecial(w)
    addSpecial(w + "s")
  }
  addSpecial("et")
  addSpecial("s")
  addSpecial("and")
  addSpecial("or")
  for (const w of PLACE_WORDS) {
    addSpecial(w)
    addSpecial(w.endsWith("y") ? w.slice(0, -1) + "ies" : w + "s")
  }
  for (const w of ["country", "countries", "nation", "nations", "kingdoms"]) addSpecial(w)
  addSpecial("capital")
  // words of non-Latin letters can be stood in for unless some listed lower-case word has such a letter
  const NON_LATIN_LETTER = /[^\u0000-\u036f]/
  const nonLatinFast = ![...CONNECTORS, ...PLACE_PREPOSITIONS, ...trie.lowerWords, ...trie.lowerStarts, ...SUBJECT_VERBS, ...PLACE_WORDS].some((w) => NON_LATIN_LETTER.test(w))
  return { trie, entities, translitIndex, special: new WordsByHash(special), nonLatinFast, cities }
}

/** Leftmost-longest gazetteer and stoplist hits over a document's tokens. */
const matchGazetteer = ({ trie }: CompiledGazetteer, tokens: ReadonlyArray<Token>): Array<Hit> => {
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

/** The matching step: the document's gazetteer hits, and the tokens inside stoplisted chrome phrases. */
export const findGazetteerHits = (d: DocContext): void => {
  const stopped = new Uint8Array(d.n)
  for (const h of matchGazetteer(d.gazetteer, d.tokens)) {
    if (h.entity >= 0) d.hits.push(h)
    else for (let k = h.a; k < h.b; k++) stopped[k] = 1
  }
  const hitAt = new Int32Array(d.n).fill(-1)
  d.hits.forEach((h, hi) => {
    for (let k = h.a; k < h.b; k++) hitAt[k] = hi
  })
  d.stopped = stopped
  d.hitAt = hitAt
}
