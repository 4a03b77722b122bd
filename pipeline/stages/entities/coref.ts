/**
 * In-document coreference: acronyms defined in parentheses, "the President" → the person this document calls
 * President, bare or titled surnames → the full name with that surname (the earlier one, else the only one),
 * a single word → the longer organisation or place name it is part of; then one type per provisional entity,
 * by a vote of its mentions.
 */
import type { Candidate, DocContext } from "./context.js"
import { COMPASS, CONNECTORS, ORG_WORDS, PLACE_WORDS } from "./lexicon.js"
import { entityId } from "./link.js"
import { normOf } from "./tokens.js"
import { INITIAL, UNTYPED } from "./typing.js"
import { tokenKey, translitKey } from "./translit.js"

/**
 * The coreference step, in order: acronyms, titles, surnames, parts of longer names, the type vote; then the names
 * nothing gave a type are no mentions (typing.ts, UNTYPED).
 */
export const resolveInDocument = (doc: DocContext): void => {
  resolveAcronyms(doc)
  resolveTitles(doc)
  resolveSurnames(doc)
  resolvePartsOfLongerNames(doc)
  voteTypes(doc)
  dropUntyped(doc)
}

const dropUntyped = (doc: DocContext): void => {
  const { candidates } = doc
  let w = 0
  for (const c of candidates) if (c.entity >= 0 || c.strength !== UNTYPED) candidates[w++] = c
  candidates.length = w
}

/** "Collective Security Treaty Organization (CSTO)": the acronym, there and later, is the name it was introduced with. */
const resolveAcronyms = (doc: DocContext): void => {
  const { tokens, candidates } = doc
  // acronyms introduced in parentheses or brackets: "Collective Security Treaty Organization (CSTO)" / "FOO (Full Name)"
  const acronymOf = new Map<string, Candidate>()
  for (let k = 0; k + 1 < candidates.length; k++) {
    const c = candidates[k]!
    const d = candidates[k + 1]!
    const open = tokens[c.b]
    const close = open?.key === "(" ? ")" : open?.key === "[" ? "]" : undefined
    if (close !== undefined && d.a === c.b + 1 && tokens[d.b]?.key === close) {
      const dw = tokens.slice(d.na, d.nb)
      const cw = tokens.slice(c.na, c.nb)
      if (dw.length === 1 && dw[0]!.upper && d.entity < 0) acronymOf.set(dw[0]!.exact, c)
      else if (cw.length === 1 && cw[0]!.upper && c.entity < 0 && d.entity < 0) {
        // "FIRST (For Inspiration ...)": the acronym takes the full name
        c.name = d.name
        c.type = d.type
        c.strength = d.strength
        acronymOf.set(cw[0]!.exact, d)
      }
    }
  }

  // acronyms defined in the text
  for (const c of candidates) {
    if (c.entity >= 0 || c.nb - c.na !== 1) continue
    const w = tokens[c.na]!
    const full = acronymOf.get(w.exact)
    if (full && full !== c) {
      c.entity = full.entity
      c.name = full.name
      c.type = full.type
      c.strength = Math.max(c.strength, full.strength)
    }
  }
}

/** "the President" → the person this document calls President (the nearest before, else the only one); unresolved titles are dropped. */
const resolveTitles = (doc: DocContext): void => {
  const { tokens, candidates } = doc
  const idOf = (c: Candidate): string => entityId(doc, c)
  // "the President" → the person this document calls President (the nearest before, else the only one)
  for (const c of candidates) {
    if (c.titleRef === undefined) continue
    let target: Candidate | undefined
    const later: Array<Candidate> = []
    for (const d of candidates) {
      if (!d.titled || d.titleRef !== undefined || d.na === d.a) continue
      let has = false
      for (let k = d.a; k < d.na; k++) if (tokens[k]!.key === c.titleRef) has = true
      if (!has) continue
      if (d.a < c.a) target = d
      else later.push(d)
    }
    if (!target && later.length > 0 && later.every((d) => idOf(d) === idOf(later[0]!))) target = later[0]
    if (target) {
      c.entity = target.entity
      c.name = target.name
      c.titleRef = undefined
    }
  }
  for (let k = candidates.length - 1; k >= 0; k--) if (candidates[k]!.titleRef !== undefined) candidates.splice(k, 1)
}

/** A bare or titled surname → the earlier full name with that surname, else the only one; else an author with that surname. */
const resolveSurnames = (doc: DocContext): void => {
  const { tokens, candidates } = doc
  const entities = doc.gazetteer.entities
  const idOf = (c: Candidate): string => entityId(doc, c)
  // people with a full name, by surname key, in order of appearance (gazetteer people included)
  const fullPeople: Array<{ surname: string; given: string; givenKey: string; pos: number; cand: Candidate }> = []
  for (const c of candidates) {
    if (c.type !== "person") continue
    const words = tokens.slice(c.na, c.nb).filter((t) => t.word && !CONNECTORS.has(t.key))
    if (words.length < 2) continue
    if (INITIAL.test(words[0]!.text)) continue // "Б. Обама" names a person by initials only
    fullPeople.push({ surname: translitKey(normOf(words[words.length - 1]!)), given: translitKey(normOf(words[0]!)), givenKey: tokenKey(normOf(words[0]!)), pos: c.a, cand: c })
  }
  const peopleBySurname = new Map<string, Array<(typeof fullPeople)[number]>>()
  for (const f of fullPeople) {
    const list = peopleBySurname.get(f.surname)
    if (list) list.push(f)
    else peopleBySurname.set(f.surname, [f])
  }
  const authorPeople = doc.authorNames.map((name) => {
    const ws = name.split(/\s+/)
    return { name, surname: translitKey(ws[ws.length - 1] ?? ""), given: translitKey(ws[0] ?? "") }
  })

  // surnames (bare or titled) → the earlier full name, else the only full name in the document
  for (const c of candidates) {
    if (c.entity >= 0 && entities[c.entity]!.g.type !== "person") continue
    if (peopleBySurname.size === 0 && authorPeople.length === 0) continue
    // a surname alone, or after initials ("Б. Обама", "J. Smith") that must agree with the full name's first name
    let initials = ""
    if (c.nb - c.na !== 1) {
      if (c.entity >= 0 || c.type !== "person" || c.nb - c.na > 4) continue
      for (let k = c.na; k < c.nb - 1; k++) initials += tokens[k]!.word && INITIAL.test(tokens[k]!.text) ? tokenKey(tokens[k]!.exact) : "\u0000"
      if (initials.length === 0 || initials.includes("\u0000")) continue
    }
    const words = [tokens[c.nb - 1]!]
    if (c.entity < 0 && c.strength >= 3 && c.type !== "person" && initials === "") continue
    const key = translitKey(normOf(words[0]!))
    const same = (peopleBySurname.get(key) ?? []).filter((f) => f.cand !== c && (initials === "" || f.givenKey.startsWith(initials.slice(0, 2)) || f.givenKey.startsWith(initials[0]!)))
    let target = same.filter((f) => f.pos < c.a).pop()?.cand
    if (!target) {
      const ids = new Set(same.map((f) => idOf(f.cand)))
      if (ids.size === 1) target = same[0]!.cand
    }
    if (target) {
      c.entity = target.entity
      c.name = target.name
      c.type = "person"
      // a surname used alone is what a text does with a person's name: it confirms a name that only looked personal
      if (target.strength === UNTYPED && c.strength === UNTYPED) target.strength = c.strength = 1
      else c.strength = Math.max(c.strength, target.strength, 1)
      continue
    }
    const author = authorPeople.find((ap) => ap.surname === key)
    if (author && c.entity < 0) {
      c.name = author.name
      c.type = "person"
      c.strength = Math.max(c.strength, 2)
      continue
    }
    // a first name alone ("Бориса", "Maxim") → the one person of the document with that first name
    if (c.entity < 0 && initials === "" && c.type === "person" && c.strength >= 2) {
      const named = fullPeople.filter((f) => f.given === key && f.cand !== c)
      if (named.length > 0 && new Set(named.map((f) => idOf(f.cand))).size === 1) {
        c.entity = named[0]!.cand.entity
        c.name = named[0]!.cand.name
      }
    }
  }
}

/** A weakly typed single word that is part of a longer organisation or place name in this document names that one. */
const resolvePartsOfLongerNames = (doc: DocContext): void => {
  const { tokens, candidates } = doc
  // a weakly typed single word that is part of a longer organisation/place name in this document
  // word key → the longer names containing it (as an edge word when it is a head noun)
  const multiByWord = new Map<string, Array<{ m: Candidate; edge: boolean }>>()
  for (const m of candidates) {
    if (!(m.entity < 0 && m.nb - m.na >= 2 && m.type !== "person" && m.strength >= 2)) continue
    for (let k = m.na; k < m.nb; k++) {
      const key = tokens[k]!.key
      const list = multiByWord.get(key)
      const item = { m, edge: k === m.na || k === m.nb - 1 }
      if (list) list.push(item)
      else multiByWord.set(key, [item])
    }
  }
  /**
   * "Tarvik Airport", "Velm Outer Ring Road", "National Library of Ostra": a name whose head noun is another word than
   * the single word names a thing called after it (or lying in it), not the same thing; "Academy of Rhetoric" names
   * what "Scientology" does, the single word following its head.
   */
  const namedAfter = (m: Candidate, key: string): boolean => {
    let at = -1
    for (let k = m.na; k < m.nb; k++) if (tokens[k]!.key === key) at = k
    for (let k = at + 1; k < m.nb; k++) if (ORG_WORDS.has(tokens[k]!.key) || PLACE_WORDS.has(tokens[k]!.key)) return true
    return false
  }
  /** "Kowloon West", "Tarvik City", "Velm, Ostra": a part or neighbour of the place a single word names, not the same place */
  const subdivisionOf = (m: Candidate, key: string): boolean => {
    let extra = 0
    for (let k = m.na; k < m.nb; k++) {
      const t = tokens[k]!
      if (t.key === ",") return true
      if (t.key === key || !t.word) continue
      if (!(COMPASS.has(t.key) || t.key === "city")) return false
      extra++
    }
    return extra > 0
  }
  for (const c of candidates) {
    if (c.entity >= 0 || c.nb - c.na !== 1 || c.titled) continue
    const headWord = ORG_WORDS.has(tokens[c.na]!.key) || PLACE_WORDS.has(tokens[c.na]!.key)
    if (!headWord && (c.strength >= 3 || (c.strength >= 2 && c.type !== "place"))) continue
    const key = tokens[c.na]!.key
    const owners = new Set<string>()
    let owner: Candidate | undefined
    const isHead = ORG_WORDS.has(key) || PLACE_WORDS.has(key)
    for (const { m, edge } of multiByWord.get(key) ?? []) {
      if (m.a > c.a && isHead) continue
      // "Rhetoric" → "Academy of Rhetoric"; "the Academy" → the earlier "Academy of Rhetoric"
      if ((!isHead || edge) && (c.strength < 2 || m.type === c.type || isHead) && !subdivisionOf(m, key) && (isHead || !namedAfter(m, key))) {
        owners.add(m.name)
        owner = m
        if (owners.size > 1) break
      }
    }
    if (owner && owners.size === 1) {
      c.name = owner.name
      c.type = owner.type
      c.strength = Math.max(c.strength, 0)
    }
  }
}

/** One type per provisional entity in a document: a vote of its mentions, weighted by confidence. */
const voteTypes = (doc: DocContext): void => {
  const { candidates } = doc
  const votes = new Map<string, [number, number, number]>()
  const TYPE_INDEX = { person: 0, organization: 1, place: 2 } as const
  for (const c of candidates) {
    if (c.entity >= 0) continue
    const id = (c.id = entityId(doc, c))
    let v = votes.get(id)
    if (!v) votes.set(id, (v = [0, 0, 0]))
    v[TYPE_INDEX[c.type]] += 1 + c.strength
  }
  for (const c of candidates) {
    if (c.entity >= 0) continue
    const v = votes.get(c.id!)!
    if (c.strength === UNTYPED) {
      // an untyped mention takes the type the document's other mentions of the same name give it, if any
      const best = Math.max(v[0], v[1], v[2])
      if (best > 0) {
        c.type = v[0] === best ? "person" : v[1] === best ? "organization" : "place"
        c.strength = 0
      }
      continue
    }
    const own = v[TYPE_INDEX[c.type]]
    // ties keep the mention's own guess
    c.type = v[0] > own && v[0] >= v[1] && v[0] >= v[2] ? "person" : v[1] > own && v[1] >= v[2] ? "organization" : v[2] > own ? "place" : c.type
  }
}
