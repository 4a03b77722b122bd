/**
 * Forum threads in the shapes the common engines print (as `w3m -dump` renders them): every reply gets the date it was
 * posted, never its author's join date, rank or post count. The threads are made up for these tests.
 */
import { describe, it, expect } from "vitest"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import YAML from "yaml"
import { cleanText } from "../../pipeline/stages/clean/index.js"
import { CleanRules } from "../../pipeline/stages/clean/rules.js"
import { processDocument, type StageContext } from "../../pipeline/document.js"
import { makeEntityFinder } from "../../pipeline/stages/entities/index.js"

const root = join(import.meta.dirname, "..", "..")
const rules = Schema.decodeUnknownSync(CleanRules)(YAML.parse(readFileSync(join(root, "data/clean-rules.yaml"), "utf8")))
const ctx: StageContext = { rules, dates: { events: [] }, findEntities: makeEntityFinder({ version: 1, entities: [] }) }

/** the posted dates of a thread's replies, as the built dataset gives them */
const postedDates = (text: string): Array<string | null> => {
  const out = processDocument({ doc_id: "t", source_path: "t.txt", sha256: "0", text, meta: null }, ctx)
  if (!out.ok) throw new Error(out.reason)
  return out.result.comments.map((c) => c.posted_date)
}

const QUESTION =
  "Do you stack winter tyres flat or hang them on the wall? My garage is small and I want to keep them in good shape for next season, so any advice is welcome."
const REPLY_1 = "I hang mine on hooks after cleaning them, it saves floor space and the rubber does not deform over the summer."
const REPLY_2 = "Stack them flat if they are on rims, and turn the pile every couple of months so the bottom tyre does not flatten."
const REPLY_3 = "Keep them away from the boiler and out of the sun, heat and light age the rubber faster than anything else does."

const XENFORO = [
  "Garage Talk",
  "",
  "Best way to store winter tyres?",
  "",
  "Thread starter tyrefan Start date Jan 3, 2020",
  "",
  "  • Jan 3, 2020",
  "  • #1",
  "",
  "tyrefan",
  "",
  "Senior Member",
  "",
  "Joined",
  "    Mar 2, 2014",
  "Messages",
  "    1,204",
  "Reaction score",
  "    310",
  "",
  QUESTION,
  "",
  "  • Jan 4, 2020",
  "  • #2",
  "",
  "wheelie_joe",
  "",
  "Well-known member",
  "",
  "Joined",
  "    Nov 8, 2016",
  "Messages",
  "    88",
  "",
  REPLY_1,
  "",
  "  • Jan 5, 2020",
  "  • #3",
  "",
  "gritgirl",
  "",
  "New member",
  "",
  "Joined",
  "    Feb 1, 2019",
  "Messages",
  "    12",
  "",
  REPLY_2,
  "",
  "  • Jan 7, 2020",
  "  • #4",
  "",
  "boilerman",
  "",
  "Member",
  "",
  "Joined",
  "    Aug 19, 2012",
  "Messages",
  "    640",
  "",
  REPLY_3,
  "",
  "You must log in or register to reply here.",
  "",
  "Similar threads"
].join("\n")

const PHPBB = [
  "Board index ‹ Garage ‹ Tyres",
  "",
  "Best way to store winter tyres?",
  "",
  "Post by tyrefan » Fri Jan 03, 2020 6:40 pm",
  "",
  QUESTION,
  "",
  "tyrefan",
  "Posts: 1204",
  "Joined: Sun Mar 02, 2014 11:05 am",
  "",
  "Top",
  "",
  "Re: Best way to store winter tyres?",
  "",
  "Post by wheelie_joe » Sat Jan 04, 2020 9:15 am",
  "",
  REPLY_1,
  "",
  "wheelie_joe",
  "Posts: 88",
  "Joined: Tue Nov 08, 2016 10:00 pm",
  "",
  "Top",
  "",
  "Re: Best way to store winter tyres?",
  "",
  "Post by gritgirl » Sun Jan 05, 2020 7:02 am",
  "",
  REPLY_2,
  "",
  "gritgirl",
  "Posts: 12",
  "Joined: Sat Feb 01, 2019 3:30 pm",
  "",
  "Top",
  "",
  "Re: Best way to store winter tyres?",
  "",
  "Post by boilerman » Tue Jan 07, 2020 8:45 pm",
  "",
  REPLY_3,
  "",
  "boilerman",
  "Posts: 640",
  "Joined: Sun Aug 19, 2012 1:00 pm",
  "",
  "Top",
  "",
  "Post Reply",
  "",
  "Return to “Tyres”"
].join("\n")

const VBULLETIN = [
  "Garage Forums > Tyres",
  "",
  "Best way to store winter tyres?",
  "",
  "  1. #1",
  "     Old 3rd January 2020, 06:40 PM",
  "     tyrefan",
  "     tyrefan is offline",
  "     Senior Member",
  "     Join Date: Mar 2014",
  "     Posts: 1,204",
  "",
  "     " + QUESTION,
  "",
  "  2. #2",
  "     Old 4th January 2020, 09:15 AM",
  "     wheelie_joe",
  "     wheelie_joe is offline",
  "     Member",
  "     Join Date: Nov 2016",
  "     Posts: 88",
  "",
  "     " + REPLY_1,
  "",
  "  3. #3",
  "     Old 5th January 2020, 07:02 AM",
  "     gritgirl",
  "     gritgirl is offline",
  "     Junior Member",
  "     Join Date: Feb 2019",
  "     Posts: 12",
  "",
  "     " + REPLY_2,
  "",
  "  4. #4",
  "     Old 7th January 2020, 08:45 PM",
  "     boilerman",
  "     boilerman is offline",
  "     Senior Member",
  "     Join Date: Aug 2012",
  "     Posts: 640",
  "",
  "     " + REPLY_3,
  "",
  "« Previous Thread | Next Thread »",
  "",
  "Posting Permissions"
].join("\n")

const DISCOURSE = [
  "Garage Community",
  "",
  "Best way to store winter tyres?",
  "",
  "Tyres",
  "",
  "tyrefan January 3, 2020, 6:40pm 1",
  "",
  QUESTION,
  "",
  "wheelie_joe January 4, 2020, 9:15am 2",
  "",
  REPLY_1,
  "",
  "gritgirl January 5, 2020, 7:02am 3",
  "",
  REPLY_2,
  "",
  "boilerman January 7, 2020, 8:45pm 4",
  "",
  REPLY_3,
  "",
  "Related topics",
  "",
  "Topic Replies Views Activity"
].join("\n")

const REDDIT = [
  "r/garage",
  "",
  "Best way to store winter tyres?",
  "",
  "submitted 3 years ago by tyrefan",
  "",
  QUESTION,
  "",
  "• 14 comments",
  "• share",
  "",
  "[–]wheelie_joe 42 points43 points44 points 3 years ago (1 child)",
  "",
  REPLY_1,
  "",
  "• permalink",
  "• reply",
  "",
  "[–]gritgirl 7 points8 points9 points 3 years ago (0 children)",
  "",
  REPLY_2,
  "",
  "• permalink",
  "• reply",
  "",
  "[–]boilerman 3 points4 points5 points 2 years ago (0 children)",
  "",
  REPLY_3,
  "",
  "• permalink",
  "• reply"
].join("\n")

const REPLY_DATES = ["2020-01-04", "2020-01-05", "2020-01-07"]

describe("forum replies keep their posted date, never a join date", () => {
  for (const [engine, thread] of [
    ["XenForo", XENFORO],
    ["phpBB", PHPBB],
    ["vBulletin", VBULLETIN],
    ["Discourse", DISCOURSE]
  ] as const) {
    it(`gives every reply of a ${engine} thread its posted date`, () => {
      const r = cleanText(thread, rules)
      expect(r.kind).toBe("forum_thread")
      expect(r.body).toContain(QUESTION)
      expect(r.comments.map((c) => c.body)).toEqual([REPLY_1, REPLY_2, REPLY_3])
      expect(r.comments.map((c) => c.author)).toEqual(["wheelie_joe", "gritgirl", "boilerman"])
      expect(postedDates(thread)).toEqual(REPLY_DATES)
    })
  }

  it("gives every reply of a Reddit thread the age it shows, and no karma", () => {
    const r = cleanText(REDDIT, rules)
    expect(r.kind).toBe("forum_thread")
    expect(r.comments.map((c) => c.body)).toEqual([REPLY_1, REPLY_2, REPLY_3])
    expect(r.comments.map((c) => c.author)).toEqual(["wheelie_joe", "gritgirl", "boilerman"])
    expect(r.comments.map((c) => c.posted_text)).toEqual(["3 years ago", "3 years ago", "2 years ago"])
  })

  it("takes the date a reply was written, not the date it was edited or a profile's date", () => {
    const qa = [
      "How do I keep a bicycle chain from rusting over winter?",
      "",
      QUESTION,
      "",
      "asked Feb 5, 2021 at 18:40",
      "chainless",
      "",
      REPLY_1,
      "",
      "edited Feb 9, 2021 at 8:00",
      "answered Feb 6, 2021 at 19:02",
      "spokesman",
      "",
      REPLY_2,
      "",
      "Founded: Mar 3, 2004",
      "answered Feb 7, 2021 at 8:15",
      "gearhead",
      "",
      REPLY_3,
      "",
      "answered Feb 8, 2021 at 10:40",
      "boilerman"
    ].join("\n")
    const r = cleanText(qa, rules)
    expect(r.kind).toBe("forum_thread")
    expect(r.comments.map((c) => c.posted_text)).toEqual(["answered Feb 6, 2021 at 19:02", "answered Feb 7, 2021 at 8:15", "answered Feb 8, 2021 at 10:40"])
  })

  it("gives no posted date where the thread shows only join dates (the seed thread)", () => {
    const file = readdirSync(join(root, "raw")).find((f) => f.startsWith("003_") && f.endsWith(".txt"))!
    const text = readFileSync(join(root, "raw", file), "utf8").normalize("NFC").replace(/\r\n?/g, "\n")
    const dates = postedDates(text)
    expect(dates.length).toBeGreaterThan(0)
    for (const d of dates) expect(d).toBeNull()
  })
})
