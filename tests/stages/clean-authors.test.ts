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
const MORE = [
  "The ferry company said that its boats would keep to the winter timetable while the work went on, with an extra crossing on market days.",
  "A local fisherman who has moored beside the pier for forty years said the old timbers had outlived three harbour masters and two storms.",
  "Council officers will now ask three firms for prices, and the work is expected to start in the spring once the weather has settled.",
  "The school on the island plans to take its pupils to watch the divers inspect the piles, as part of a project on the history of the harbour.",
  "Some members had argued for a floating pontoon instead, which they said would be cheaper to keep, but the idea was rejected by a wide margin.",
  "The vote closes a debate that began after a winter storm tore away part of the railing and the pier was shut to walkers for several weeks.",
  "Shop owners on the quay said that the pier brings visitors in the summer and that losing it would have hurt the small businesses around it.",
  "The council will publish the engineers' full report next month, together with a plan of the works and a timetable for each stage of them."
]
/** the article's text: long enough that what follows it is no longer the headline's neighbourhood */
const TEXT = [PROSE[0]!, PROSE[1]!, PROSE[2]!, ...MORE].flatMap((p) => ["", p])
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

describe("a portrait and the name under it", () => {
  it("reads an avatar and its name far above the headline, and a user name in lower case", () => {
    expect(authors(["Tamsin Oakhurst's avatar", "Tamsin Oakhurst", ...FURNITURE, HEADLINE, ...TEXT])).toEqual(["Tamsin Oakhurst"])
    expect(authors(["Picture of quaymaster", "quaymaster", ...FURNITURE, HEADLINE, ...TEXT])).toEqual(["quaymaster"])
  })

  it("reads an author box after the text: a portrait of the author and the name under it", () => {
    expect(authors([HEADLINE, ...TEXT, "", "Photo of author", "Tamsin Oakhurst", "", "Subscribe"])).toEqual(["Tamsin Oakhurst"])
    expect(authors([HEADLINE, ...TEXT, "", "Tamsin Oakhurst's Profile Picture", "Tamsin Oakhurst"])).toEqual(["Tamsin Oakhurst"])
  })

  it("takes none from a comment section, whose avatars show several people, nor from an avatar whose name is not under it", () => {
    const comments = ["Tamsin Oakhurst's avatar", "Tamsin Oakhurst", "Lovely news for the island.", "Pavel Ruddock's avatar", "Pavel Ruddock", "About time too."]
    expect(authors([HEADLINE, ...TEXT, "", ...comments])).toEqual([])
    expect(authors([HEADLINE, ...TEXT, "", "Tamsin Oakhurst's avatar", "Subscribe"])).toEqual([])
    expect(authors([HEADLINE, ...TEXT, "", "admin's avatar", "admin"])).toEqual([])
  })
})

describe("'<date> by X' and a cue inside a line", () => {
  it("reads the name after any of the line's dates, not only the first", () => {
    expect(authors([HEADLINE, "Posted: 2 Feb 2023 · Edited: 9 Mar 2024 by Tamsin Oakhurst · Contains partner links", ...TEXT])).toEqual(["Tamsin Oakhurst"])
    expect(authors([HEADLINE, "June 3, 2024July 9, 2024 by Tamsin Oakhurst", ...TEXT])).toEqual(["Tamsin Oakhurst"])
  })

  it("reads a cue inside a line after the text ('This piece was written by X, <role>')", () => {
    expect(authors([HEADLINE, ...TEXT, "", ...FURNITURE, "This piece was written by Tamsin Oakhurst, Harbour Editor"])).toEqual(["Tamsin Oakhurst"])
    expect(authors([HEADLINE, ...TEXT, "", ...FURNITURE, "Page last changed June 3, 2024 by Tamsin Oakhurst."])).toEqual(["Tamsin Oakhurst"])
  })

  it("takes none from teasers after the text that each give '<date> by X'", () => {
    const teasers = ["More stories", "June 3, 2024 by Pavel Ruddock | Island", "Ferry fares rise", "May 9, 2024 by Pavel Ruddock | Harbour", "Pier lights fixed"]
    expect(authors([HEADLINE, ...TEXT, "", ...FURNITURE, ...teasers])).toEqual([])
  })
})

describe("where the names after a cue end", () => {
  it("ends them at a word glued to what follows it ('X UpdatedJune 3, 2024')", () => {
    expect(authors([HEADLINE, "ByTamsin Oakhurst UpdatedJune 3, 2024", ...TEXT])).toEqual(["Tamsin Oakhurst"])
    expect(authors([HEADLINE, "By Tamsin Oakhurst PublishedJune 3, 2024", ...TEXT])).toEqual(["Tamsin Oakhurst"])
  })
})

describe("several names, one a line after a cue", () => {
  it("reads every name of a list after 'By' or 'Author(s)', past the separators between them", () => {
    expect(authors([HEADLINE, "By", "Tamsin Oakhurst", ",", "Pavel Ruddock", ", and", "Harbour Desk Team", ...TEXT])).toEqual([
      "Tamsin Oakhurst",
      "Pavel Ruddock",
      "Harbour Desk Team"
    ])
    expect(authors([HEADLINE, "Author(s)", "• Tamsin Oakhurst", "• Pavel Ruddock", ...TEXT])).toEqual(["Tamsin Oakhurst", "Pavel Ruddock"])
  })

  it("stops at a line that is no person's name ('Share Article')", () => {
    expect(authors([HEADLINE, "Written by", "Tamsin Oakhurst", "Share Article", ...TEXT])).toEqual(["Tamsin Oakhurst"])
  })
})

describe("a name under the headline with what a post's head shows beside it", () => {
  it("reads a name past a bullet line, with a day and month and a reading time beside it", () => {
    expect(authors([HEADLINE, "•", "Odalys Ferrant", "Mar 14", "6 min read", ...TEXT])).toEqual(["Odalys Ferrant"])
  })

  it("reads a user name in lower case right under the headline with a date beside it, not a word the page uses", () => {
    expect(authors([HEADLINE, "quaymaster", "September 8, 2025", ...TEXT])).toEqual(["quaymaster"])
    expect(authors([HEADLINE, "harbour", "September 8, 2025", ...TEXT])).toEqual([])
    expect(authors([HEADLINE, "admin", "September 8, 2025", ...TEXT])).toEqual([])
  })
})

describe("a cue that an author box confirms", () => {
  it("beats a name-like line beside the headline that nothing else on the page names", () => {
    const box = ["", "Tamsin Oakhurst", "Tamsin Oakhurst is a reporter who has covered the island's ferries for ten years."]
    const page = ["By Tamsin Oakhurst – Updated June 3, 2024", ...FURNITURE, HEADLINE, "Quayside Lantern Guild", "June 3, 2024", ...TEXT, ...box]
    expect(authors(page)).toEqual(["Tamsin Oakhurst"])
  })
})

describe("a line doubled above the headline (an image's alt text and its caption)", () => {
  it("is an author when it is a person's name, not when it is a menu's item", () => {
    expect(authors(["Margaret Oakhurst", "Margaret Oakhurst", "June 3, 2024", HEADLINE, ...TEXT])).toEqual(["Margaret Oakhurst"])
    expect(authors(["Lighthouse Walks", "Lighthouse Walks", "June 3, 2024", HEADLINE, ...TEXT])).toEqual([])
  })

  it("reads a line that doubles its words ('XX') as the words alone, which above the headline name no one but a person", () => {
    expect(authors(["Videos", "Lighthouse WalksLighthouse Walks", "Ferries", HEADLINE, ...TEXT])).toEqual([])
  })
})

describe("a person's own site", () => {
  it("gives the person whose name heads the page and is named again on it", () => {
    expect(authors(["Margaret Oakhurst", "Posts", "Projects", "", HEADLINE, ...TEXT, "", "© 2025 Margaret Oakhurst"])).toEqual(["Margaret Oakhurst"])
  })

  it("gives none when the name heads the page only, or the first line is no person's", () => {
    expect(authors(["Margaret Oakhurst", "Posts", "Projects", "", HEADLINE, ...TEXT])).toEqual([])
    expect(authors(["Lighthouse Walks", "Posts", "", HEADLINE, ...TEXT, "", "© 2025 Lighthouse Walks"])).toEqual([])
  })
})

describe("what follows a name after a comma", () => {
  it("takes a phrase that runs on past its capitalised words for a role, not for a second name", () => {
    expect(authors([HEADLINE, "By Tamsin Oakhurst, Harbour Delegate to the Island Board", ...TEXT])).toEqual(["Tamsin Oakhurst"])
    expect(authors([HEADLINE, "By Tamsin Oakhurst, Pavel Ruddock and Odalys Ferrant", ...TEXT])).toEqual(["Tamsin Oakhurst", "Pavel Ruddock", "Odalys Ferrant"])
  })
})

describe("a question-and-answer page", () => {
  it("gives the asker its question's signature names ('asked <date>', the avatar, the name), not the editor's nor a page-level 'Asked ... ago'", () => {
    const page = [
      "How do I keep a timber pier from rotting?",
      "Asked 3 years, 2 months ago",
      ...TEXT,
      "Share",
      "edited Jun 4, 2021 at 09:12",
      "Tidebot's user avatar",
      "Tidebot",
      "asked Jun 3, 2021 at 11:38",
      "quaymaster's user avatar",
      "quaymaster",
      "",
      "Related questions",
      "How do I paint a jetty?",
      "Why do ferries list?"
    ]
    expect(authors(page)).toEqual(["quaymaster"])
  })
})

describe("a link aggregator's post", () => {
  it("gives the poster its header names after the community ('r/harbours •', then the user name)", () => {
    expect(authors(["Go to harbours", "r/harbours •", "Quay_Keeper42", "", HEADLINE, ...TEXT])).toEqual(["Quay_Keeper42"])
    expect(authors(["r/harbours • 3 yr. ago", "quaykeeper", "", HEADLINE, ...TEXT])).toEqual(["quaykeeper"])
  })
})

describe("names with their paper after them", () => {
  it("keeps the second name when an organisation in capitals follows it", () => {
    expect(authors([HEADLINE, "By Tamsin Oakhurst and Pavel Ruddock ISLAND GAZETTE", ...TEXT])).toEqual(["Tamsin Oakhurst", "Pavel Ruddock"])
    expect(authors([HEADLINE, "June 3, 2024 Tamsin Oakhurst and Pavel Ruddock ISLAND GAZETTE", ...TEXT])).toEqual(["Tamsin Oakhurst", "Pavel Ruddock"])
  })
})

describe("a cue byline that a long lede pushes down", () => {
  it("reads it twice as far below the headline as a name without a cue may stand", () => {
    const lede = MORE.map((p) => p.split(",")[0]!)
    expect(authors([HEADLINE, ...lede, ...lede.map((p) => p.replace("The", "A")), "by Tamsin Oakhurst, Harbour Editor", ...TEXT])).toEqual(["Tamsin Oakhurst"])
  })
})
