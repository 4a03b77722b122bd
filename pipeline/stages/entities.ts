/**
 * Entities stage: names found in one document's body, each pointed at one canonical entity. Pure.
 * (Foundation version: finds nothing; the real matcher lands with the entities issue.)
 */
import type { EntityType } from "../model.js"
import type { Gazetteer } from "./gazetteer.js"

export interface EntitiesInput {
  readonly body: string
  readonly authors: ReadonlyArray<string>
}

export interface FoundEntity {
  /** gazetteer id, or "x-" + slug for a provisional (discovered) entity; the same name always gives the same id */
  readonly entity_id: string
  readonly name: string
  readonly type: EntityType
  readonly wikidata_id: string | null
  /** gazetteer aliases, or the spellings seen in this document for a provisional entity */
  readonly aliases: ReadonlyArray<string>
  readonly provisional: boolean
}

export interface EntityMention {
  readonly entity_id: string
  readonly surface: string
  /** offsets into body in Unicode code points */
  readonly start: number
  readonly end: number
}

export interface EntitiesResult {
  readonly entities: ReadonlyArray<FoundEntity>
  readonly mentions: ReadonlyArray<EntityMention>
}

/** Builds the matcher once per build (compiling the gazetteer), then runs per document. */
export const makeEntityFinder = (_gazetteer: Gazetteer) => (_input: EntitiesInput): EntitiesResult => ({ entities: [], mentions: [] })
