/** The cleaning rules file (data/clean-rules.yaml), validated. */
import { Schema } from "effect"

export const CleanRules = Schema.Struct({
  version: Schema.Int
})
export type CleanRules = typeof CleanRules.Type
