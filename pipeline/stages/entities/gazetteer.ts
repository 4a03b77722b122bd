/**
 * The entity gazetteer file (data/gazetteer.yaml), validated.
 *
 * Per entity: a stable id, the canonical name, the type, a Wikidata QID when verified, and every other
 * spelling with its kind. The same alias may not belong to two entities (matching would be ambiguous) and
 * ids must be unique; both are refused by the schema itself, with messages that name the entity ids.
 */
import { Schema } from "effect"

export const ALIAS_KINDS = [
  "full_name",
  "surname",
  "acronym",
  "short_name",
  "transliteration",
  "misspelling",
  "former_name",
  "spelling"
] as const
export type AliasKind = (typeof ALIAS_KINDS)[number]

export const GAZETTEER_ENTITY_TYPES = ["person", "organization", "place"] as const

export const Alias = Schema.Struct({
  name: Schema.NonEmptyString,
  kind: Schema.Literals(ALIAS_KINDS)
})
export type Alias = typeof Alias.Type

export const GazetteerEntity = Schema.Struct({
  /** stable id: lower-case ASCII words joined by '-' (never starts with "x-", which is for provisional entities) */
  id: Schema.String.pipe(
    Schema.check(
      Schema.isPattern(/^(?!x-)[a-z0-9]+(-[a-z0-9]+)*$/, {
        message: "id must be lower-case ASCII words joined by '-' and must not start with 'x-'"
      })
    )
  ),
  name: Schema.NonEmptyString,
  type: Schema.Literals(GAZETTEER_ENTITY_TYPES),
  /** Wikidata QID, only when verified */
  wikidata: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^Q[1-9][0-9]*$/, { message: "wikidata must be a QID like Q159" })))),
  aliases: Schema.optionalKey(Schema.Array(Alias)),
  /** for a place: the id of the country it lies in when the usual full name adds it ("Irving, Texas" for US places) */
  within: Schema.optionalKey(Schema.String),
  /** free-text note for maintainers (why an alias is there, what was verified) */
  note: Schema.optionalKey(Schema.String)
})
export type GazetteerEntity = typeof GazetteerEntity.Type

export interface GazetteerProblem {
  /** the entity ids involved */
  readonly ids: ReadonlyArray<string>
  readonly message: string
}

/** The key under which two spellings count as "the same alias": case, white space and curly quotes folded. */
export const aliasKey = (name: string): string =>
  name
    .normalize("NFC")
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()

/**
 * Cross-entity checks the field schema cannot express: duplicate ids, and a spelling (canonical name or
 * alias, case-folded) claimed by two entities. Pure; returns every problem found.
 */
export const validateGazetteer = (entities: ReadonlyArray<GazetteerEntity>): ReadonlyArray<GazetteerProblem> => {
  const problems: Array<GazetteerProblem> = []
  const seenIds = new Map<string, number>()
  for (const e of entities) seenIds.set(e.id, (seenIds.get(e.id) ?? 0) + 1)
  for (const [id, n] of seenIds) if (n > 1) problems.push({ ids: [id], message: `entity "${id}": duplicate id (${n} entities use it)` })
  for (const e of entities) {
    if (e.within !== undefined && !seenIds.has(e.within))
      problems.push({ ids: [e.id], message: `entity "${e.id}": within "${e.within}" is not an entity id` })
  }
  const owner = new Map<string, { id: string; spelling: string }>()
  for (const e of entities) {
    const spellings = [e.name, ...(e.aliases ?? []).map((a) => a.name)]
    const mine = new Set<string>()
    for (const s of spellings) {
      const k = aliasKey(s)
      if (mine.has(k)) continue
      mine.add(k)
      const prev = owner.get(k)
      if (prev && prev.id !== e.id) {
        problems.push({
          ids: [prev.id, e.id],
          message: `alias "${s}" is claimed by two entities: "${prev.id}" ("${prev.spelling}") and "${e.id}"`
        })
      } else owner.set(k, { id: e.id, spelling: s })
    }
  }
  return problems
}

export const Gazetteer = Schema.Struct({
  version: Schema.Int,
  /** phrases of page chrome that must never become entities ("Likes Received", "Share This Page") */
  stoplist: Schema.optionalKey(Schema.Array(Schema.String)),
  entities: Schema.Array(GazetteerEntity)
}).check(
  Schema.makeFilter((g) => {
    const problems = validateGazetteer(g.entities)
    return problems.length === 0 ? undefined : problems.map((p) => ({ path: ["entities"], issue: p.message }))
  })
)
export type Gazetteer = typeof Gazetteer.Type

/**
 * Makes a decoding error readable for a maintainer: a path "entities.12.type" becomes
 * 'entities[12] (id "rahmon").type', so a message always names the entity it is about.
 */
export const nameEntityInPath = (raw: unknown, message: string): string =>
  message.replace(/\["entities"\]\[(\d+)\]/g, (whole, idx: string) => {
    const list = (raw as { entities?: ReadonlyArray<{ id?: unknown }> } | null)?.entities
    const id = Array.isArray(list) ? list[Number(idx)]?.id : undefined
    return typeof id === "string" ? `${whole} (entity "${id}")` : whole
  })

/** Decodes a parsed gazetteer file; throws an Error whose message names the offending entity ids. */
export const decodeGazetteer = (raw: unknown): Gazetteer => {
  try {
    return Schema.decodeUnknownSync(Gazetteer)(raw, { errors: "all" })
  } catch (e) {
    throw new Error(`invalid gazetteer:\n${nameEntityInPath(raw, e instanceof Error ? e.message : String(e))}`)
  }
}

/** An empty gazetteer (no entities): discovery still runs. */
