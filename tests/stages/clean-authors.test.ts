/**
 * Authors as the clean stage reads them from bylines far from the headline, avatars, author boxes and name lines.
 * Every page here is made up: made-up prose, made-up names.
 */
import { describe, it, expect } from "vitest"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import YAML from "yaml"
import { cleanText } from "../../pipeline/stages/clean/index.js"
import { CleanRules } from "../../pipeline/stages/clean/rules.js"

const root = join(import.meta.dirname, "..", "..")
const rules = Schema.decodeUnknownSync(CleanRules)(YAML.parse(readFileSync(join(root, "data/clean-rules.yaml"), "utf8")))
const authors = (lines: ReadonlyArray<string>) => cleanText(lines.join("\n"), rules).authors

const HEADLINE = "Harbour council votes to keep the old ferry pier"
const PROSE = [
  "The harbour council met on a wet Tuesday morning to decide whether the old ferry pier should be rebuilt or taken down, and after two hours of debate the members voted to keep it.",
  "Engineers told the council that the timber piles had rotted in several places but that the deck could be carried on new steel beams for about a third of the cost of a new pier.",
  "Residents who use the ferry to reach the market on the island said they were relieved, although some of them asked why the repairs had been left for so many years."
]
const TEXT = ["", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!]
/** a dozen short lines of a page's furniture: they put a line far from the headline */
const FURNITURE = ["Share", "Print", "Email", "Listen", "Save", "Follow", "Gift", "Comment", "Island", "Harbour", "Ferries", "Weather"]

describe("a cue byline far from the headline", () => {
  it("reads 'By X' above a long run of furniture before the headline", () => {
    expect(authors(["By Mirela Kostova", ...FURNITURE, HEADLINE, ...TEXT])).toEqual(["Mirela Kostova"])
  })

  it("takes none when the cues there name different people (a list of teasers)", () => {
    expect(authors(["By Mirela Kostova", "Ferry fares rise again", "By Oskar Lindqvist", ...FURNITURE, HEADLINE, ...TEXT])).toEqual([])
  })

  it("takes no menu entry that reads like a cue ('By Region', 'Sort by Company Size')", () => {
    expect(authors(["By Region", ...FURNITURE, HEADLINE, ...TEXT])).toEqual([])
    expect(authors(["Sort by Company Size", ...FURNITURE, HEADLINE, ...TEXT])).toEqual([])
  })
})
