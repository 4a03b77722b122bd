/**
 * The per-document context the steps of the stage pass along: the tokens and what is known about the document's
 * words (written in lower case somewhere, capitalised mid-sentence somewhere), the gazetteer hits, the authors,
 * and the candidate mentions each step adds to or refines.
 */
import type { EntityType } from "../../model.js"
import type { EntitiesInput } from "./index.js"
import type { CompiledGazetteer, Hit } from "./match.js"
import type { Morphology } from "./morph.js"
import { hashLower, markHeadlines, ONLY_LOWER, seenHas, tokenize, type LowerCache, type Token } from "./tokens.js"
import { tokenKey } from "./translit.js"

/** A mention being built: where it is, what it names, how sure its type is. */
export interface Candidate {
  /** token range of the whole mention, title included */
  readonly a: number
  readonly b: number
  /** token range of the name */
  readonly na: number
  readonly nb: number
  /** a gazetteer entity, or -1 */
  entity: number
  name: string
  type: EntityType
  strength: number
  titled: boolean
  /** set by linking: the id this mention points at */
  id?: string
  /** the GeoNames id of the city the name is, when place data identified it */
  geonames?: number
  /** a title alone ("the President"): the title word, to be resolved to a titled person of the document */
  titleRef?: string | undefined
}

/** A set whose members are computed only when first asked. */
export interface LazySet {
  has(key: string): boolean
}

export interface DocContext {
  readonly gazetteer: CompiledGazetteer
  /** the Russian morphology, when loaded */
  readonly morph: Morphology | undefined
  /** the document's BCP 47 language tag, null when unknown */
  readonly language: string | null
  readonly body: string
  readonly tokens: ReadonlyArray<Token>
  readonly n: number
  /** tokens on a line written in capitals */
  readonly capsLine: Uint8Array
  /** words this document writes in lower case somewhere */
  readonly lowerSeen: LazySet
  /** words capitalised in the middle of a sentence somewhere in this document */
  readonly capMid: LazySet
  /** gazetteer hits (filled by the matching step) */
  readonly hits: Array<Hit>
  /** per token: the index of its hit, or -1 */
  hitAt: Int32Array
  /** per token: inside a stoplisted chrome phrase */
  stopped: Uint8Array
  /** authors as names ("ALEXANDROVA Lyudmila" → "Lyudmila Alexandrova") and as token keys */
  readonly authorNames: ReadonlyArray<string>
  readonly authorKeys: ReadonlySet<string>
  readonly candidates: Array<Candidate>
}

const noLowerWords = new Set<string>()

/** Tokens of the body, its headline lines and lower-case words, and the authors: the context the steps start from. */
export const readDocument = (gazetteer: CompiledGazetteer, morph: Morphology | undefined, input: EntitiesInput): DocContext => {
  const body = input.body
  const lowerSet = new Set<string>()
  let size = 64
  while (size < body.length / 2) size *= 2
  const lowerCache: LowerCache = { special: gazetteer.special, seen: new Int32Array(size), mask: size - 1, pending: [], nonLatinFast: gazetteer.nonLatinFast }
  const tokens = tokenize(body, lowerSet, lowerCache)
  const lowerSeen: LazySet = {
    has: (key: string): boolean => {
      if (lowerCache.pending.length > 0) {
        for (const raw of new Set(lowerCache.pending)) lowerSet.add(tokenKey(raw))
        lowerCache.pending.length = 0
      }
      return lowerSet.has(key) || (ONLY_LOWER.test(key) && seenHas(lowerCache, hashLower(key)))
    }
  }
  const capsLine = new Uint8Array(tokens.length)
  markHeadlines(tokens, capsLine)
  const n = tokens.length

  // Authors: people by definition; their names also type the same names in the body.
  const authorNames = input.authors.map(normaliseAuthor).filter((a) => a.length > 0)
  const authorKeys = new Set(authorNames.map((a) => tokenize(a, noLowerWords).filter((t) => t.word).map((t) => t.key).join(" ")))

  let capMidSet: Set<string> | undefined
  const capMid: LazySet = {
    has: (key: string): boolean => {
      if (capMidSet === undefined) {
        capMidSet = new Set()
        for (const t of tokens) if (t.cap && !t.sentStart) capMidSet.add(t.key)
      }
      return capMidSet.has(key)
    }
  }
  return {
    gazetteer,
    morph,
    language: input.language,
    body,
    tokens,
    n,
    capsLine,
    lowerSeen,
    capMid,
    hits: [],
    hitAt: new Int32Array(0),
    stopped: new Uint8Array(0),
    authorNames,
    authorKeys,
    candidates: []
  }
}

/** "ALEXANDROVA Lyudmila" → "Lyudmila Alexandrova"; "PAUL GOBLE" → "Paul Goble". */
export const normaliseAuthor = (author: string): string => {
  const parts = author.trim().replace(/^by\s+/i, "").split(/\s+/).filter((p) => p.length > 0)
  const isUpperWord = (p: string) => p.length > 1 && p === p.toUpperCase() && p !== p.toLowerCase()
  const title = (p: string) => p.split("-").map((x) => (x[0] ?? "").toUpperCase() + x.slice(1).toLowerCase()).join("-")
  if (parts.length === 2 && isUpperWord(parts[0]!) && !isUpperWord(parts[1]!)) return `${parts[1]} ${title(parts[0]!)}`
  if (parts.every(isUpperWord)) return parts.map(title).join(" ")
  return parts.join(" ")
}
