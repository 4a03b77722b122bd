/** The entity gazetteer file (data/gazetteer.yaml), validated. */
import { Schema } from "effect"

export const Gazetteer = Schema.Struct({
  version: Schema.Int
})
export type Gazetteer = typeof Gazetteer.Type
