import { describe, it, expect } from "vitest"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import YAML from "yaml"
import { cleanText, normaliseAuthor, type CleanResult, type CleanSource } from "../../pipeline/stages/clean/index.js"
import { CleanRules, compileRules, markRules } from "../../pipeline/stages/clean/rules.js"
import { countWords, measureLines, measureWords, STOPWORDS, WORD_RE } from "../../pipeline/stages/clean/lines.js"

const root = join(import.meta.dirname, "..", "..")
const rules = Schema.decodeUnknownSync(CleanRules)(YAML.parse(readFileSync(join(root, "data/clean-rules.yaml"), "utf8")))
const seeds = readdirSync(join(root, "raw"))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(root, "raw", f), "utf8").normalize("NFC").replace(/\r\n?/g, "\n") }))
const seed = (prefix: string) => seeds.find((s) => s.name.startsWith(prefix))!.text

const clean = (text: string, source: CleanSource = {}) => cleanText(text, rules, source)

/** three paragraphs of made-up article prose, long enough to be recognised as the content */
const PROSE = [
  "The harbour council met on a wet Tuesday morning to decide whether the old ferry pier should be rebuilt or taken down, and after two hours of debate the members voted to keep it.",
  "Engineers told the council that the timber piles had rotted in several places but that the deck could be carried on new steel beams for about a third of the cost of a new pier.",
  "Residents who use the ferry to reach the market on the island said they were relieved, although some of them asked why the repairs had been left for so many years."
]
const article = (before: ReadonlyArray<string>, after: ReadonlyArray<string>, middle: ReadonlyArray<string> = []) =>
  [...before, "", PROSE[0]!, "", ...middle, "", PROSE[1]!, "", PROSE[2]!, "", ...after].join("\n")

const bodyHasAllProse = (r: CleanResult) => {
  for (const p of PROSE) expect(r.body).toContain(p)
}
const everyNonBlankLineAccountedFor = (text: string, r: CleanResult) => {
  const kept = new Set([...r.body.split("\n\n"), ...r.comments.flatMap((c) => c.body.split("\n\n"))])
  const removed = new Map(r.removed.map((x) => [x.line_no, x]))
  text.split("\n").forEach((line, i) => {
    const folded = line.replace(/\s+/g, " ").trim()
    if (folded === "") return
    const rm = removed.get(i + 1)
    if (rm) {
      expect(rm.text).toBe(folded)
      expect(rm.reason.length).toBeGreaterThan(0)
    } else expect(kept.has(folded), `line ${i + 1} "${folded}" neither kept nor removed`).toBe(true)
  })
}

describe("rules file", () => {
  it("decodes with the CleanRules schema and compiles every pattern", () => {
    expect(rules.rules.length).toBeGreaterThan(20)
    expect(compileRules(rules).rules.length).toBe(rules.rules.length)
  })

  it("rejects an invalid regular expression and names the rule id", () => {
    const bad = { version: 1, rules: [{ id: "my-broken-rule", family: "share", pattern: "(unclosed", applies_to: "line", action: "drop" }] }
    expect(() => Schema.decodeUnknownSync(CleanRules)(bad)).toThrow(/my-broken-rule/)
  })

  it("has unique rule ids", () => {
    const ids = rules.rules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("matches none of the seeds' content lines", () => {
    const compiled = compileRules(rules).rules
    for (const s of seeds) {
      const r = clean(s.text)
      const contentLines = [...r.body.split("\n\n"), ...r.comments.flatMap((c) => c.body.split("\n\n"))].filter((l) => l !== "")
      // also every long prose line of the raw text, whatever the classifier decided
      const prose = s.text
        .split("\n")
        .map((l) => l.replace(/\s+/g, " ").trim())
        .filter((l) => l.split(" ").length >= 12)
      for (const line of [...contentLines, ...prose]) {
        for (const rule of compiled) {
          const words = line.split(" ").length
          if (words > rule.maxWords) continue
          expect(rule.re.test(line), `rule ${rule.id} matches seed ${s.name}: ${line}`).toBe(false)
        }
      }
    }
  })

  it("lets every rule try every line it matches (its gate never keeps it away)", () => {
    const compiled = compileRules(rules)
    const lines = [
      ...seeds.flatMap((s) => s.text.split("\n")),
      "Home > World > Harbours",
      "© 2021 Harbour News Ltd. All rights reserved.",
      "News | Sport | Weather | Travel",
      "Photo: Jan Kowal / Harbour News",
      "pier-photo-2021.jpg",
      "Page 2 of 14",
      "Old 4th January 2020, 09:15 AM",
      "Post by wheelie_joe » Sat Jan 04, 2020 9:15 am",
      "[–]tidewalker 42 points 4 hours ago (1 child)",
      "We use cookies to give you the best experience on our site.",
      "By ANNA BERG and Tomas Lind"
    ]
      .map((l) => l.replace(/\s+/g, " ").trim())
      .filter((l) => l !== "")
    for (const line of lines) {
      const words = line.split(" ").length
      const allowed = new Set(compiled.lineRulesFor(line, words))
      compiled.lineRules.forEach((rule, k) => {
        rule.re.lastIndex = 0
        if (rule.re.test(line)) expect(allowed.has(k), `rule ${rule.id} matches but is not tried on: ${line}`).toBe(true)
      })
    }
  })

  it("counts words as the word pattern does, in one pass over the characters", () => {
    const samples = [
      "It's the harbour’s pier, isn't it? 12 boats, 3rd day",
      "l'été dernier, à l’île — 2021",
      "Шторм закрыл паром в 7:30 утра",
      "𝐁old 𝟐𝟎𝟐𝟏 math letters and 😀 emoji",
      "don't'ever 9'3 x'",
      "漢字かなカナ 混じり 文"
    ]
    for (const s of samples) expect(countWords(s).words, s).toBe([...s.matchAll(WORD_RE)].length)
  })

  it("counts stopwords, capitalised words and words that start with a digit on ASCII lines as on any other line", () => {
    // the reference: the word pattern's words; a word is looked up lower-cased only when it starts with a capital
    const reference = (s: string) => {
      const ws = [...s.matchAll(WORD_RE)].map((m) => m[0])
      return {
        words: ws.length,
        stop: ws.filter((w) => STOPWORDS.has(/^\p{Lu}/u.test(w) || w.charCodeAt(0) > 127 ? w.toLowerCase() : w)).length,
        caps: ws.filter((w) => /^\p{Lu}/u.test(w)).length,
        digits: ws.filter((w) => /^\d/u.test(w)).length
      }
    }
    const samples = [
      "It's the THE tHe The harbour's pier, isn't it? 12 boats, 3rd day",
      "don't'ever it's2 9'3 x' 'tis O'Neil AND and And",
      "ALL caps WORDS; mixed-case iPhone, e-mail and URLs like www.example.com/a_b",
      "Là où l’été — the café's “quoted” words",
      "Шторм закрыл паром в 7:30 утра, и в порту тихо"
    ]
    for (const s of samples) expect(countWords(s), s).toEqual(reference(s))
  })

  it("tells a line written wholly in ASCII from one with any other character, wherever it stands", () => {
    // the unlisted-letters test is skipped on ASCII lines: one character outside ASCII, in a word or between words,
    // must make the line non-ASCII
    const ascii = ["plain words, 12 boats; it's (fine) - ok", "", "  ", "#1 · x".replace("·", "*")]
    const other = ["café", "a — b", "word\u00a0word", "x’s", "emoji 😀 here", "end ғ", "²"]
    for (const s of ascii) expect(measureWords(s).ascii, s).toBe(true)
    for (const s of other) expect(measureWords(s).ascii, s).toBe(false)
  })

  it("stays linear on a one-megabyte line", () => {
    const line = "a, b | c ".repeat(120_000) + "x"
    const r = clean(["Heading of a page", "", line, "", PROSE[0]!].join("\n"))
    expect(r.body).toContain(PROSE[0]!.slice(0, 40))
  })
})

describe("chrome families", () => {
  it("drops navigation and skip links", () => {
    const text = article(["Skip to main content", "Toggle navigation", "  • Home", "  • World", "  • Sport", "Home > World > Harbours"], [])
    const r = clean(text)
    bodyHasAllProse(r)
    for (const chrome of ["Skip to main content", "Toggle navigation", "Home > World"]) expect(r.body).not.toContain(chrome)
  })

  it("drops share, follow and subscribe lines", () => {
    const text = article(
      ["Share", "Tweet", "Email", "Facebook Twitter LinkedIn"],
      ["Follow us on Twitter for the latest harbour news", "Sign up for our weekly newsletter", "Enter your email address", "Subscribe"]
    )
    const r = clean(text)
    bodyHasAllProse(r)
    for (const chrome of ["Tweet", "Follow us", "newsletter", "Enter your email"]) expect(r.body).not.toContain(chrome)
  })

  it("drops cookie and consent notices", () => {
    const text = article(
      ["We use cookies to give you the best experience on our site and to measure how it is used.", "Accept all cookies", "Manage preferences"],
      []
    )
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/cookies|preferences/i)
  })

  it("drops comment forms and counters and what follows them", () => {
    const text = article(
      [],
      [
        "3 Comments",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Mara on 4 June 2021 at 9:14 am said:",
        "I have taken that ferry every week for twenty years and I think the council made the right call here.",
        "Reply"
      ]
    )
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/Leave a Reply|Comments|twenty years|Reply/)
  })

  it("drops a qualified comments heading (top rated, latest) and the comments under it", () => {
    const text = article(
      [],
      [
        "Top Rated Comments",
        "Avatar",
        "quaywatcher",
        "Good to hear the pier stays, the island needs that ferry more than the town needs another car park.",
        "Avatar",
        "netmender",
        "Steel beams under old timber never last as long as the engineers promise, mark my words on this one."
      ]
    )
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/Top Rated|Avatar|car park|mark my words/)
  })

  it("drops a teaser list without a heading (headline, author, date, blurb, three times) after the article", () => {
    const teasers = [
      ["Why the lighthouse on the point went dark for a week", "Ola Nordin", "Monday March 8, 2021", "The keepers blamed a failed relay and the coastguard sent a spare by boat."],
      ["What the new tide tables mean for the small boats", "Ines Varga", "Monday March 8, 2021", "Skippers will have an hour less at the slipway on the spring tides this year."],
      ["A winter on the island with the last ferry crew", "Pia Moreau", "Sunday March 7, 2021", "Four of them run the crossing in all weathers and know every rock by its name."]
    ].flatMap((t) => [...t, ""])
    const r = clean(article([], teasers))
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/lighthouse|tide tables|last ferry crew|slipway|every rock/)
  })

  it("keeps a listicle whose items are a heading, a name and a paragraph", () => {
    const items = [
      ["Where to eat near the old harbour this spring", "Casa Marina", "The new place on the quay grills the morning catch over charcoal and serves it with bread from the bakery next door, and the terrace catches the sun until late."],
      ["Best for a rainy afternoon with the children", "Harbour Museum", "Three floors of ship models, a diving bell you can climb into and a room of knots to tie keep even restless visitors busy for a long afternoon."],
      ["Best for a quiet drink after a long walk on the pier", "The Tide Inn", "A low room with a fire, local beer on tap and a window seat over the water that fills up quickly when the ferries come in at dusk."]
    ].flatMap((t) => [...t, ""])
    const r = clean(article([], [], items))
    bodyHasAllProse(r)
    expect(r.body).toContain("grills the morning catch")
    expect(r.body).toContain("window seat over the water")
  })

  it("drops related, recommended and more-in lists", () => {
    const text = article(
      [],
      [
        "Related articles",
        "  • Lighthouse keeper retires after forty years",
        "  • New timetable for the winter ferries",
        "More from Harbour News",
        "You may also like"
      ],
      ["Read more: Why the old pier was closed last spring"]
    )
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/Related articles|Lighthouse keeper|winter ferries|Read more|More from/)
  })

  it("drops copyright and disclaimer lines", () => {
    const text = article(
      [],
      ["© 2021 Harbour News Ltd. All rights reserved.", "The views expressed here do not necessarily reflect the views of the publisher.", "Privacy Policy", "Terms of Use"]
    )
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/rights reserved|views expressed|Privacy Policy/)
  })

  it("drops image credits and captions", () => {
    const text = article(["pier-photo-2021.jpg", "Photo: Jan Kowal / Harbour News", "Advertisement"], [], ["Image credit: Getty Images"])
    const r = clean(text)
    bodyHasAllProse(r)
    expect(r.body).not.toMatch(/jpg|Photo:|Getty|Advertisement/)
  })

  it("drops app signatures from forum posts", () => {
    const r = clean(FORUM)
    const all = [r.body, ...r.comments.map((c) => c.body)].join("\n")
    expect(all).not.toMatch(/Sent from my|Tapatalk/)
  })

  it("drops forum post headers and thread footers", () => {
    const r = clean(FORUM)
    const all = [r.body, ...r.comments.map((c) => c.body)].join("\n")
    for (const chrome of ["Joined", "Messages", "Reaction score", "Senior Member", "#2", "Similar threads", "You must log in"])
      expect(all).not.toContain(chrome)
  })
})

/** a made-up XenForo-like thread */
const FORUM = [
  "Community Board",
  "",
  "Best way to store winter tyres?",
  "",
  "Discussion in 'Garage' started by tyrefan, Jan 3, 2020.",
  "",
  "  1. tyrefan",
  "",
  "    tyrefan Senior Member",
  "",
  "    Joined: Mar 2, 2014",
  "    Messages: 1,204",
  "    Do you stack winter tyres flat or hang them on the wall? My garage is small and I want to keep them in good shape for next season.",
  "",
  "    Any advice welcome.",
  "",
  "    Sent from my iPhone using Tapatalk",
  "  2. wheelie_joe",
  "",
  "    wheelie_joe Regular Member",
  "",
  "    Joined: Nov 8, 2016",
  "    Messages: 88",
  "    #2",
  "    I hang mine on hooks after cleaning them, it saves floor space and the rubber does not deform.",
  "  3. gritgirl",
  "",
  "    gritgirl New Member",
  "",
  "    Joined: Feb 1, 2019",
  "    Reaction score: 12",
  "    Stack them flat if they are on rims, and turn the pile every couple of months.",
  "",
  "Similar threads",
  "You must log in or register to reply here.",
  "Share This Page"
].join("\n")

describe("forum threads", () => {
  it("splits the opening post into the body and the replies into comments", () => {
    const r = clean(FORUM)
    expect(r.kind).toBe("forum_thread")
    expect(r.body).toContain("Do you stack winter tyres flat")
    expect(r.body).toContain("Any advice welcome.")
    expect(r.body).not.toContain("hooks")
    expect(r.comments.map((c) => c.comment_no)).toEqual([1, 2])
    expect(r.comments.map((c) => c.author)).toEqual(["wheelie_joe", "gritgirl"])
    expect(r.comments[0]!.body).toContain("I hang mine on hooks")
    expect(r.comments[1]!.body).toContain("Stack them flat")
  })

  it("takes the thread starter as author and the start line as the published hint, never a join date", () => {
    const r = clean(FORUM)
    expect(r.authors).toEqual(["tyrefan"])
    expect(r.publishedHint).toEqual({ text: "Discussion in 'Garage' started by tyrefan, Jan 3, 2020.", source: "thread_start" })
    expect(r.title).toBe("Best way to store winter tyres?")
  })

  it("never takes a join date as a comment's posted date", () => {
    const r = clean(FORUM)
    for (const c of r.comments) expect(c.posted_text ?? "").not.toMatch(/2014|2016|2019/)
  })

  it("reads a thread from comment headers that give a collapse toggle, the votes and the age", () => {
    const thread = [
      "front page",
      "",
      "What is the quietest way to cross the harbour at night?",
      "",
      "submitted 5 hours ago by lanternfish",
      "",
      "I work late shifts and the last ferry is always packed and noisy. Is there a calmer way across the water after midnight that does not cost a fortune?",
      "",
      "• permalink",
      "• reply",
      "",
      "[–]tidewalker 42 points43 points44 points 4 hours ago (1 child)",
      "",
      "The water taxi from the north steps runs until two and there are rarely more than three people on it at that hour.",
      "",
      "• permalink",
      "• reply",
      "",
      "[–]lanternfish[S] 7 points8 points9 points 3 hours ago (0 children)",
      "",
      "Thanks, I had no idea the water taxi ran that late, I will try it tomorrow.",
      "",
      "• permalink",
      "• reply",
      "",
      "[–]driftnet 3 points4 points5 points 2 hours ago (0 children)",
      "",
      "Cycle over the bridge, it takes twenty minutes and it is free the whole night.",
      "",
      "• permalink",
      "• reply"
    ].join("\n")
    const r = clean(thread)
    expect(r.kind).toBe("forum_thread")
    const all = [r.body, ...r.comments.map((c) => c.body)].join("\n")
    expect(all).toContain("water taxi from the north steps")
    expect(all).toContain("Cycle over the bridge")
    expect(all).not.toMatch(/points|children|\[–\]/)
  })

  it("drops the short comments under a question or an answer, kept apart by their 'Commented' lines", () => {
    const qa = [
      "Questions",
      "",
      "How do I stop a wooden dinghy from leaking at the seams?",
      "",
      "The seams of my old clinker dinghy open up every spring and she takes on water for a week before the planks swell. Is there anything I can do before launching?",
      "",
      "asked Apr 2, 2020 at 8:10",
      "oarsman",
      "",
      "• 3",
      "Have you tried leaving her full of water on the trailer for a few days?",
      "keelhauler",
      "– keelhauler",
      "2020-04-02 09:12:40 +00:00",
      "Commented Apr 2, 2020 at 9:12",
      "",
      "Add a comment",
      "",
      "Soak the hull with a hose every evening for a week before launching so the planks take up slowly, and never leave her to dry out in the sun over the summer.",
      "",
      "answered Apr 2, 2020 at 10:30",
      "shipwright",
      "",
      "• 1",
      "That worked for mine, thanks for the tip about the sun.",
      "oarsman",
      "– oarsman",
      "2020-04-09 17:01:02 +00:00",
      "Commented Apr 9, 2020 at 17:01",
      "",
      "Add a comment"
    ].join("\n")
    const r = clean(qa)
    expect(r.kind).toBe("forum_thread")
    const all = [r.body, ...r.comments.map((c) => c.body)].join("\n")
    expect(all).toContain("The seams of my old clinker dinghy")
    expect(all).toContain("Soak the hull with a hose")
    expect(all).not.toMatch(/full of water on the trailer|That worked for mine|– keelhauler/)
    everyNonBlankLineAccountedFor(qa, r)
  })

  it("takes the first post's own date as the thread start when no start line is shown", () => {
    const qa = [
      "Questions",
      "",
      "How do I keep a bicycle chain from rusting over winter?",
      "",
      "I ride every day through the winter and the salt on the roads eats my chain in a few weeks. What do you do to keep it working until spring?",
      "",
      "edited Feb 6, 2021 at 9:12",
      "asked Feb 5, 2021 at 18:40",
      "chainless",
      "",
      "Wipe it after every wet ride and use a wax lube, it does not hold the grit the way oil does and lasts longer in the cold.",
      "",
      "answered Feb 5, 2021 at 19:02",
      "spokesman",
      "",
      "Buy a cheap chain for the winter months and keep the good one for the summer, that way you never worry about it at all.",
      "",
      "answered Feb 6, 2021 at 8:15",
      "gearhead"
    ].join("\n")
    const r = clean(qa)
    expect(r.kind).toBe("forum_thread")
    expect(r.publishedHint).toEqual({ text: "asked Feb 5, 2021 at 18:40", source: "thread_start" })
  })

  it("accounts for every non-blank line", () => {
    everyNonBlankLineAccountedFor(FORUM, clean(FORUM))
  })
})

describe("title, authors and dates", () => {
  const page = [
    "Menu",
    "Search",
    "",
    "Harbour council votes to keep the old ferry pier",
    "",
    "By Anna Berg and Tomas Lind",
    "Published: 12 March 2021",
    "",
    PROSE[0],
    "",
    PROSE[1],
    "",
    PROSE[2]
  ].join("\n")

  it("takes the headline as title and keeps it out of the body", () => {
    const r = clean(page)
    expect(r.title).toBe("Harbour council votes to keep the old ferry pier")
    expect(r.body).not.toContain("Harbour council votes")
    expect(r.removed.find((x) => x.text === r.title)?.reason).toBe("title")
  })

  it("reads the authors from a byline and drops the byline", () => {
    const r = clean(page)
    expect(r.authors).toEqual(["Anna Berg", "Tomas Lind"])
    expect(r.body).not.toContain("By Anna Berg")
  })

  it("gives the page date line as the published hint", () => {
    const r = clean(page)
    expect(r.publishedHint).toEqual({ text: "Published: 12 March 2021", source: "page_date" })
  })

  it("takes a dated byline as the published hint", () => {
    const r = clean(page.replace("By Anna Berg and Tomas Lind\nPublished: 12 March 2021", "By Anna Berg, March 12, 2021"))
    expect(r.authors).toEqual(["Anna Berg"])
    expect(r.publishedHint).toEqual({ text: "By Anna Berg, March 12, 2021", source: "byline" })
  })

  it("gives a bare date line above the headline as the published hint", () => {
    const r = clean(page.replace("Menu\nSearch", "Menu\nSearch\n\nWednesday, 4 May 2022").replace("Published: 12 March 2021", ""))
    expect(r.publishedHint).toEqual({ text: "Wednesday, 4 May 2022", source: "page_date" })
  })

  it("takes a date line separated from the headline by a table of contents", () => {
    const toc = Array.from({ length: 18 }, (_, i) => `• Section ${i + 1} of the guide`)
    const r = clean(page.replace("Published: 12 March 2021", "Posted on May 4, 2022 by harbourdesk\n\n" + toc.join("\n")))
    expect(r.publishedHint?.text).toBe("Posted on May 4, 2022 by harbourdesk")
  })

  it("prefers the publication date to an update date", () => {
    const r = clean(page.replace("Published: 12 March 2021", "Updated: 20 June 2023\nPublished: 12 March 2021"))
    expect(r.publishedHint?.text).toBe("Published: 12 March 2021")
  })

  it("falls back to an update date when no publication date is shown", () => {
    const r = clean(page.replace("Published: 12 March 2021", "Last updated on 20 June 2023"))
    expect(r.publishedHint?.text).toBe("Last updated on 20 June 2023")
  })

  it("takes a published line just below the text when the head has none", () => {
    const r = clean(page.replace("Published: 12 March 2021", "") + "\n\nThis article was published on 12 March 2021.")
    expect(r.publishedHint?.text).toBe("This article was published on 12 March 2021.")
  })

  it("never takes a copyright line, a member-since line or an undated page as the published hint", () => {
    const noDate = page.replace("Published: 12 March 2021", "")
    expect(clean(noDate).publishedHint).toBeNull()
    expect(clean(noDate.replace("Search", "Search\n© 1 January 2020 Harbour Gazette")).publishedHint).toBeNull()
    expect(clean(noDate.replace("By Anna Berg and Tomas Lind", "By Anna Berg\nMember since 3 April 2015")).publishedHint).toBeNull()
    expect(clean(noDate + "\n\nComments\n\nharbourfan 14 March 2021\n\nGood news for the island.").publishedHint).toBeNull()
    // a date inside a file name is no page date
    expect(clean(noDate.replace("Search", "Search\n[photo-2021-03-12-pier]")).publishedHint).toBeNull()
  })

  it("reorders a surname-first byline written in capitals", () => {
    expect(normaliseAuthor("KOWALSKA Maria")).toBe("Maria Kowalska")
    expect(normaliseAuthor("VAN DIJK Pieter")).toBe("Pieter Van Dijk")
    expect(normaliseAuthor("Maria Kowalska")).toBe("Maria Kowalska")
    const r = clean(page.replace("By Anna Berg and Tomas Lind", "BERG Anna"))
    expect(r.authors).toEqual(["Anna Berg"])
  })

  it("folds inner white space and separates paragraphs by one blank line", () => {
    const r = clean(page.replace(PROSE[1]!, "   " + PROSE[1]!.replace(/ /g, "   ") + "  "))
    expect(r.body.split("\n\n")).toEqual(PROSE)
  })

  it("accounts for every non-blank line", () => {
    everyNonBlankLineAccountedFor(page, clean(page))
  })
})

describe("titles as a reader gives them", () => {
  const head = (lines: ReadonlyArray<string>) => [...lines, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")
  const HEADLINE = "Harbour council votes to keep the old ferry pier"

  it("takes the headline, not a time stamp line at the top of the page", () => {
    const r = clean(head(["07:45 02.03.2021Copy short link", "", "  • News", "  • Sport", "", HEADLINE, "", "By Anna Berg", "March 2, 2021"]))
    expect(r.title).toBe(HEADLINE)
  })

  it("takes the headline, not the site's name, when the address names the site", () => {
    const page = head(["Harbour Gazette", "", "News from the island since 1901", "", "  • Home", "  • Ferries", "", HEADLINE, "", "Anna Berg", "12 March 2021"])
    expect(clean(page, { url: "https://www.harbourgazette.example/news/council-keeps-ferry-pier" }).title).toBe(HEADLINE)
    expect(clean(page).title).toBe(HEADLINE)
  })

  it("takes the headline, not the breadcrumb that ends with it", () => {
    const r = clean(head(["Home > Island > Ferries > " + HEADLINE, "", HEADLINE, "", "Anna Berg", "12 March 2021"]))
    expect(r.title).toBe(HEADLINE)
  })

  it("takes the headline, not the standfirst or the first sub-heading below it", () => {
    const r = clean(
      head([
        "Ferries",
        "",
        HEADLINE,
        "",
        "After two hours of debate the members chose repair over demolition",
        "",
        "By Anna Berg",
        "12 March 2021",
        "",
        "What the council decided"
      ])
    )
    expect(r.title).toBe(HEADLINE)
  })

  it("gives the headline without what ' | ' appends, without a ' - Site' tail naming the host, without an image name", () => {
    const page = (line: string) => head(["Ferries", "", line, "", "By Anna Berg", "12 March 2021"])
    expect(clean(page(HEADLINE + " | Island News")).title).toBe(HEADLINE)
    expect(clean(page(HEADLINE + " – Harbour Gazette"), { url: "https://harbourgazette.example/pier" }).title).toBe(HEADLINE)
    // a dash that is part of the headline stays
    expect(clean(page(HEADLINE + " – and what it will cost"), { url: "https://harbourgazette.example/pier" }).title).toBe(HEADLINE + " – and what it will cost")
    expect(clean(page("[pier-photo] " + HEADLINE)).title).toBe(HEADLINE)
  })

  it("gives the headline without a label before it or a date or a domain that the page writes after it", () => {
    const page = (line: string) => head(["Ferries", "", line, "", "By Anna Berg"])
    expect(clean(page("Title: " + HEADLINE)).title).toBe(HEADLINE)
    expect(clean(page("NEWS: " + HEADLINE)).title).toBe(HEADLINE)
    expect(clean(page(HEADLINE + " March 12, 2021")).title).toBe(HEADLINE)
    expect(clean(page(HEADLINE + " / Mar 2021")).title).toBe(HEADLINE)
    expect(clean(page(HEADLINE + " (harbourgazette.example) 87")).title).toBe(HEADLINE)
    // a month and year, or a word and a colon, that belong to the headline stay
    expect(clean(page("Ferry timetables for March 2021")).title).toBe("Ferry timetables for March 2021")
    expect(clean(page("Ferries: what the council decided")).title).toBe("Ferries: what the council decided")
  })

  it("takes no logo's text for the headline", () => {
    const page = head(["Harbour Gazette Logo", "", "By Anna Berg", "12 March 2021", "", "Share"])
    expect(clean(page).title ?? "").not.toMatch(/logo/i)
  })

  it("reads the path a forum engine puts in the address's query ('index.php?/topic/...')", () => {
    const two = head(["Island life", "", "Why the ferry timetable changes every spring", "", "Harbour council votes on the future of the pier", "", "Anna Berg"])
    expect(clean(two, { url: "https://forum.example/index.php?/topic/123-why-the-ferry-timetable-changes-every-spring/" }).title).toBe(
      "Why the ferry timetable changes every spring"
    )
  })

  it("takes the headline the address names word for word though the site's chrome stands between it and the text's start, never an address or an avatar's text", () => {
    const chrome = Array.from({ length: 6 }, (_, k) => `Harbour network site number ${k + 1}`)
    const page = [
      "Harbour Network",
      "",
      PROSE[0]!,
      "",
      ...chrome,
      "",
      "https://forum.example/questions/123/how-do-i-keep-the-ferry-pier-dry",
      "",
      "Avatar for harbourfan",
      "",
      ...Array.from({ length: 8 }, (_, k) => `Related harbour question ${k + 1}`),
      "",
      "How do I keep the ferry pier dry?",
      "",
      PROSE[1]!,
      "",
      PROSE[2]!
    ].join("\n")
    expect(clean(page, { url: "https://forum.example/questions/123/how-do-i-keep-the-ferry-pier-dry" }).title).toBe("How do I keep the ferry pier dry?")
  })

  it("takes the headline the address names word for word far above the text, past a long menu", () => {
    const menu = Array.from({ length: 70 }, (_, k) => `• Harbour section ${k + 1}`)
    const page = ["How the old ferry pier was saved", "", ...menu, "", "Share", "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")
    expect(clean(page, { url: "https://news.example/how-the-old-ferry-pier-was-saved" }).title).toBe("How the old ferry pier was saved")
  })

  it("takes a headline that ends with a full stop when the address names it word for word", () => {
    const page = head(["Island forums", "", "Members", "", "The ferry pier stays open all winter.", "", "harbourfan", "Posted March 3, 2021"])
    expect(clean(page, { url: "https://forum.example/topic/12-the-ferry-pier-stays-open-all-winter/" }).title).toBe("The ferry pier stays open all winter.")
  })

  it("takes a thread's title that reads as a sentence, above its start line, when the address names it", () => {
    const thread = FORUM.replace("Best way to store winter tyres?", "Do you still store your winter tyres flat in the garage in a small town?")
    const r = clean(thread, { url: "https://forum.example/threads/do-you-still-store-your-winter-tyres-flat-in-the-garage.123/" })
    expect(r.title).toBe("Do you still store your winter tyres flat in the garage in a small town?")
  })

  it("uses the words of the page's address to choose between two headline-like lines", () => {
    const page = head(["Island life", "", "Why the ferry timetable changes every spring", "", "Harbour council votes on the future of the pier", "", "Anna Berg"])
    expect(clean(page, { url: "https://news.example/2021/03/12/harbour-council-votes-on-the-future-of-the-pier" }).title).toBe(
      "Harbour council votes on the future of the pier"
    )
    expect(clean(page, { url: "https://news.example/why-the-ferry-timetable-changes-every-spring" }).title).toBe("Why the ferry timetable changes every spring")
  })
})

describe("authors from the bylines pages use", () => {
  const HEADLINE = "Harbour council votes to keep the old ferry pier"
  const page = (byline: ReadonlyArray<string>) => [HEADLINE, "", ...byline, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")
  const authorsOf = (byline: ReadonlyArray<string>) => clean(page(byline)).authors

  it("reads 'By X and Y', a role after a bar, 'Author:', and a Russian cue", () => {
    expect(authorsOf(["By Anna Berg and Tomas Lind"])).toEqual(["Anna Berg", "Tomas Lind"])
    expect(authorsOf(["Anna Berg | Staff writer", "12 March 2021"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Author: Anna Berg"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Автор: Анна Берг"])).toEqual(["Анна Берг"])
  })

  it("drops an agency after a person's name and keeps an agency alone", () => {
    expect(authorsOf(["By Anna Berg, Reuters"])).toEqual(["Anna Berg"])
    expect(authorsOf(["By Reuters"])).toEqual(["Reuters"])
  })

  it("keeps post-nominal letters and drops a role", () => {
    expect(authorsOf(["By Anna Berg, MS, RD"])).toEqual(["Anna Berg, MS, RD"])
    expect(authorsOf(["By Anna Berg, Senior Reporter"])).toEqual(["Anna Berg"])
  })

  it("reads a name with its date, an avatar's name and a user name that is a handle", () => {
    expect(authorsOf(["Anna Berg · March 3, 2021"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Anna Berg's avatar", "Anna Berg", "March 3, 2021"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Posted by harbour_fan42 on March 3, 2021"])).toEqual(["harbour_fan42"])
  })

  it("reads a kind of piece and its author, a team, and a surname that is also a particle", () => {
    expect(authorsOf(["Recipe by Anna Berg"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Team Harbourside", "March 3, 2021"])).toEqual(["Team Harbourside"])
    expect(authorsOf(["Anna Das · March 3, 2021"])).toEqual(["Anna Das"])
  })

  it("reads a cue glued after a word that starts like it ('Byline profile imageWritten by X'), and 'Avatar photo by X'", () => {
    expect(authorsOf(["Byline profile imageWritten by Anna Berg, CEPF®", "12 March 2021"])).toEqual(["Anna Berg, CEPF®"])
    expect(authorsOf(["Avatar photo by Anna Berg March 3, 2021"])).toEqual(["Anna Berg"])
  })

  it("reads a lower-case user name after 'by' that the page writes nowhere else, never a role account or what an 'Author' label names", () => {
    expect(authorsOf(["by harbourfan | Apr 21, 2025"])).toEqual(["harbourfan"])
    expect(authorsOf(["by admin | Apr 21, 2025"])).toEqual([])
    expect(authorsOf(["Author image", "Anna Berg", "12 March 2021"])).toEqual(["Anna Berg"])
  })

  it("takes a person's name under the headline whose surname is a word the page uses, when it starts with a given name", () => {
    const field = "The ferry field office will stay open during the works, and the field crew starts on Monday."
    expect(clean(page(["Rosa Field", "12 March 2021"]).replace(PROSE[2]!, PROSE[2]! + " " + field)).authors).toEqual(["Rosa Field"])
  })

  it("reads a long 'Posted on <date> by X' line above the headline and drops it from the body", () => {
    const line = "Posted on March 3, 2021 by Anna Berg - 5 Comments on " + HEADLINE + " and what the vote means for the island"
    const r = clean([line, "", HEADLINE, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n"))
    expect(r.authors).toEqual(["Anna Berg"])
    expect(r.body).not.toContain("Posted on")
  })

  it("takes the person an author box after the text names when the head names no one", () => {
    const box = ["", "Anna Berg", "", "Anna Berg is a reporter who has covered the island's ferries and harbours for ten years."]
    expect(clean([page([]), "", ...box].join("\n")).authors).toEqual(["Anna Berg"])
    // an "About Us" link or an organisation's blurb names no author
    expect(clean([page([]), "", "About Us", "", "Harbour Gazette", "", "Harbour Gazette is a weekly paper printed on the island."].join("\n")).authors).toEqual([])
  })

  it("keeps names that a role follows ('X and Y | Guest Columnists'), and takes no role for a name", () => {
    expect(authorsOf(["Anna Berg and Tomas Lind | Guest Columnists"])).toEqual(["Anna Berg", "Tomas Lind"])
    expect(authorsOf(["Anna Berg", "Co-Founder & Sales Director", "Updated on 14 Feb 2024"])).toEqual(["Anna Berg"])
  })

  it("reads a name glued to the dates before it, and a user name every byline of the page gives after 'by'", () => {
    expect(authorsOf(["September 1, 2016September 8, 2016Anna Berg"])).toEqual(["Anna Berg"])
    expect(clean([page(["Posted on March 3, 2021 by harbourfan"]), "", "By harbourfan", "", "More posts"].join("\n")).authors).toEqual(["harbourfan"])
  })

  it("takes a person's name with a date beside it, past a separator line or inside the text", () => {
    expect(clean(["Island life", "", "March 4, 2025", "|", "Anna Berg", "", HEADLINE, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")).authors).toEqual(["Anna Berg"])
    expect(clean([HEADLINE, "", PROSE[0]!, "", "Anna Berg", "January 21, 2025", "", PROSE[1]!, "", PROSE[2]!].join("\n")).authors).toEqual(["Anna Berg"])
  })

  it("reads a long portrait caption at the start of the text", () => {
    const caption = "Headshot of Anna Berg, a harbour reporter at the Island Gazette who has covered the ferries, the pier and the council for ten years, reviewed by the desk on March 3, 2021."
    expect(clean([HEADLINE, "", caption, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")).authors).toEqual(["Anna Berg"])
  })

  it("reads an author box after the text: 'About the Author X is ...', a name and a sentence about its first name, 'Article by' / X", () => {
    const withTail = (tail: ReadonlyArray<string>) => clean([page([]), "", ...tail].join("\n")).authors
    expect(withTail(["About the Author Anna Berg is a reporter who has covered the island's ferries for ten years."])).toEqual(["Anna Berg"])
    expect(withTail(["Anna Berg", "Anna is a harbour reporter who has covered the ferries and the pier for ten years."])).toEqual(["Anna Berg"])
    expect(withTail(["Article by", "Anna Berg", "Subscribe"])).toEqual(["Anna Berg"])
  })

  it("takes no given name that a stopword or a role follows for a person ('Read Now', 'Mark Updated')", () => {
    expect(authorsOf(["Read Now"])).toEqual([])
    expect(authorsOf(["Mark Updated", "12 March 2021"])).toEqual([])
  })

  it("reads the names a few lines under a cue alone on its line, past a line of tags glued together", () => {
    expect(authorsOf(["By", "", "Ferry TimetablesIsland EventsHarbour News", "Anna Berg", "Anna Berg"])).toEqual(["Anna Berg"])
    expect(authorsOf(["Written by", "Anna Berg"])).toEqual(["Anna Berg"])
  })

  it("takes no place or thing that starts with a given name, no bio of a thing and no words glued together for a person", () => {
    expect(authorsOf(["Georgia Ferry Resources", "12 March 2021"])).toEqual([])
    expect(authorsOf(["IslandTimetablesHarbour Events", "12 March 2021"])).toEqual([])
    const tail = ["", "Harbour Week", "", "Harbour Week is one of the largest boat shows on the coast and draws writers from everywhere."]
    expect(clean([page([]), ...tail].join("\n")).authors).toEqual([])
  })

  it("takes no sentence that opens with 'By' for a byline", () => {
    const sentence = "By keeping the old pier the council saves the island two years of works and a great deal of money."
    expect(clean([HEADLINE, "", sentence, "", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")).authors).toEqual([])
  })

  it("takes no menu item, photo credit or common word for an author", () => {
    expect(clean(["Primary Menu", "", page([])].join("\n")).authors).toEqual([])
    expect(authorsOf(["Photo by Anna Berg"])).toEqual([])
    expect(authorsOf(["Posted by admin on March 3, 2021"])).toEqual([])
  })
})

describe("publication date hint", () => {
  const body = ["", PROSE[0]!, "", PROSE[1]!, "", PROSE[2]!].join("\n")
  const HEADLINE = "Harbour council votes to keep the old ferry pier"
  const page = (head: ReadonlyArray<string>, tail: ReadonlyArray<string> = []) => [...head, body, "", ...tail].join("\n")

  it("takes the date in the page's address first", () => {
    const text = page([HEADLINE, "", "Anna Berg", "12 March 2021"])
    expect(clean(text, { url: "https://news.example/2019/11/18/council-pier" }).publishedHint).toEqual({ text: "2019-11-18", source: "url" })
    expect(clean(text, { url: "https://news.example/archive/20191118/council-pier" }).publishedHint).toEqual({ text: "2019-11-18", source: "url" })
    // a version number in a slug is no date
    expect(clean(text, { url: "https://forum.example/t/2024-4-4-upgrade-fails/123" }).publishedHint?.text).toBe("12 March 2021")
  })

  it("takes a date of the address's month when the address gives no day", () => {
    const text = page([HEADLINE, "", "Anna Berg", "Updated 2 May 2023", "", "Posted 14 November 2019"])
    expect(clean(text, { url: "https://news.example/2019/11/council-pier" }).publishedHint?.text).toBe("Posted 14 November 2019")
  })

  it("reads a cue alone on the line above the date", () => {
    const text = page([HEADLINE, "", "Anna Berg", "", "Last updated", "2 May 2023", "", "Published", "14 November 2019"])
    expect(clean(text).publishedHint?.text).toBe("14 November 2019")
  })

  it("reads a date glued to the word before it, and a comment count after a byline's date", () => {
    expect(clean(page([HEADLINE, "", "HarboursNovember 14, 2019"])).publishedHint?.text).toBe("Harbours November 14, 2019")
    expect(clean(page([HEADLINE, "", "by Anna Berg · Nov 14, 2019 · 3 comments"])).publishedHint?.text).toBe("by Anna Berg · Nov 14, 2019 · 3 comments")
  })

  it("prefers the dated line beside the headline to a run of dated teasers", () => {
    const teasers = ["Lighthouse reopens after repairs", "3 May 2023", "Ferry fares rise in spring", "4 May 2023", "New timetable for the island", "5 May 2023"]
    const text = page([...teasers, "", HEADLINE, "", "14 November 2019"])
    expect(clean(text).publishedHint?.text).toBe("14 November 2019")
  })

  it("gives no hint when the only dates are a comment's, an event's or the copyright's", () => {
    const text = page([HEADLINE], ["Comments", "", "harbourfan 14 March 2021", "", "Good news for the island."])
    expect(clean(text).publishedHint).toBeNull()
    expect(clean(page([HEADLINE, "", "Event starts 3 June 2024"])).publishedHint).toBeNull()
    expect(clean(page([HEADLINE], ["© 14 November 2019 Harbour Gazette"])).publishedHint).toBeNull()
  })
})

describe("pages in other languages", () => {
  const chrome = (paragraphs: ReadonlyArray<string>, headline: string) =>
    [
      "Skip to main content",
      "Home | World | Business | Sport",
      "We use cookies to give you the best experience on our site and to measure how it is used.",
      "",
      headline,
      "",
      ...paragraphs.flatMap((p) => [p, ""]),
      "© 2024 Island Press"
    ].join("\n")
  const RUSSIAN = [
    "В понедельник утром городской совет решил не закрывать старую паромную пристань, хотя ремонт обойдётся дороже.",
    "Инженеры сказали, что сваи сгнили в нескольких местах, но настил можно поставить на новые стальные балки.",
    "Жители острова, которые каждый день ездят на рынок, обрадовались решению и попросили начать работы до зимы.",
    "Работы начнутся весной, а до тех пор паром будет причаливать у временного понтона возле маяка."
  ]
  const TAJIK = [
    "Шӯрои шаҳр рӯзи душанбе қарор кард, ки бандари кӯҳнаи паромро нигоҳ медорад, гарчанде таъмири он гарон аст.",
    "Муҳандисон гуфтанд, ки сутунҳо дар чанд ҷой пӯсидаанд, аммо саҳни бандарро ба болорҳои нави пӯлодӣ гузоштан мумкин аст.",
    "Сокинони ҷазира, ки ҳар рӯз ба бозор мераванд, аз ин қарор шод шуданд ва хоҳиш карданд, ки корҳо то зимистон оғоз ёбанд.",
    "Корҳо дар баҳор оғоз мешаванд ва то он вақт паром дар назди манораи раҳнамо меистад."
  ]

  it("keeps a short Russian article inside an English page's furniture (Russian stopwords measure its lines)", () => {
    const r = clean(chrome(RUSSIAN, "Паром на остров снова ходит по расписанию"))
    for (const p of RUSSIAN) expect(r.body).toContain(p)
    expect(r.body).not.toMatch(/cookies|Skip to|Island Press/)
    expect(r.title).toBe("Паром на остров снова ходит по расписанию")
  })

  it("keeps a short Tajik article inside an English page's furniture (judged by shape: no list covers Tajik)", () => {
    const r = clean(chrome(TAJIK, "Паром боз ба ҷазира меравад"))
    for (const p of TAJIK) expect(r.body).toContain(p)
    expect(r.body).not.toMatch(/cookies|Skip to|Island Press/)
  })

  it("keeps a short Russian article of four paragraphs on its own", () => {
    const r = clean(["Новости района", "", "Паром на остров снова ходит по расписанию", "", ...RUSSIAN.flatMap((p) => [p, ""])].join("\n"))
    for (const p of RUSSIAN) expect(r.body).toContain(p)
  })
})

describe("seeds", () => {
  // What each seed proves, stated through the page's own lines (no sentence of a seed is quoted here): the title is a
  // line of the page above the body, the body starts at the first prose line below it, authors are read from the
  // page's head, chrome that a rule names never survives, and the paragraphs are counted.
  const lines = (text: string) => text.split("\n").map((l) => l.replace(/\s+/g, " ").trim())
  const paragraphs = (r: CleanResult) => r.body.split("\n\n")
  /** the line number (from 0) of the page line that is exactly `s` */
  const lineOf = (text: string, s: string) => lines(text).indexOf(s)
  /** the first line after `after` that reads as prose (a dozen words or more) */
  const firstProseAfter = (text: string, after: number) => lines(text).findIndex((l, i) => i > after && l.split(" ").length >= 12)
  const compiled = compileRules(rules)
  /** the page's lines that a rule names as chrome (drop or end of content) */
  const chromeLines = (text: string) => {
    const present = measureLines(text)
    markRules(present, compiled)
    return present.filter((l) => l.rule !== null && (l.rule.action === "drop" || l.rule.action === "end_content")).map((l) => l.text)
  }
  const kept = (r: CleanResult) => new Set([...paragraphs(r), ...r.comments.flatMap((c) => c.body.split("\n\n"))])

  /** the title is a whole line above the body, and the body starts at the first prose line below it */
  const titleAboveBody = (text: string, r: CleanResult) => {
    const t = lineOf(text, r.title ?? "")
    expect(t, "the title is a line of the page").toBeGreaterThanOrEqual(0)
    const first = lineOf(text, paragraphs(r)[0]!)
    expect(first).toBeGreaterThan(t)
    expect(first).toBe(firstProseAfter(text, t))
  }
  const noChromeSurvives = (text: string, r: CleanResult) => {
    const chrome = chromeLines(text)
    expect(chrome.length).toBeGreaterThan(0)
    const k = kept(r)
    for (const c of chrome) expect(k.has(c), `chrome line kept: ${c}`).toBe(false)
  }
  /** the lines between the title and the body: where a byline stands */
  const head = (text: string, r: CleanResult) => lines(text).slice(lineOf(text, r.title ?? "") + 1, lineOf(text, paragraphs(r)[0]!))

  it("accounts for every non-blank line of every seed", () => {
    for (const s of seeds) everyNonBlankLineAccountedFor(s.text, clean(s.text))
  })

  it("keeps the whole agency story under its headline and drops the page furniture above it (000)", () => {
    const text = seed("000")
    const r = clean(text)
    titleAboveBody(text, r)
    expect(paragraphs(r)).toHaveLength(10)
    noChromeSurvives(text, r)
    // nothing above the headline is content
    const t = lineOf(text, r.title!)
    for (const l of lines(text).slice(0, t)) if (l !== "") expect(kept(r).has(l)).toBe(false)
  })

  it("keeps the blog post, takes its author from the line under the headline and its page date (001)", () => {
    const text = seed("001")
    const r = clean(text)
    titleAboveBody(text, r)
    expect(paragraphs(r)).toHaveLength(8)
    noChromeSurvives(text, r)
    expect(r.authors).toHaveLength(1)
    expect(head(text, r)).toContain(r.authors[0])
    expect(r.publishedHint?.source).toBe("page_date")
    expect(lines(text)).toContain(r.publishedHint?.text)
  })

  it("drops the caption between the headline and the text, and the comment notice (002)", () => {
    const text = seed("002")
    const r = clean(text)
    titleAboveBody(text, r)
    // the caption is the one short line between them
    expect(head(text, r).filter((l) => l !== "")).toHaveLength(1)
    expect(paragraphs(r)).toHaveLength(19)
    noChromeSurvives(text, r)
  })

  it("splits the forum seed into the opening post and its replies, authors from the post headers, no join date (003)", () => {
    const text = seed("003")
    const r = clean(text)
    expect(r.kind).toBe("forum_thread")
    expect(paragraphs(r)).toHaveLength(27)
    expect(r.comments.length).toBe(5)
    noChromeSurvives(text, r)
    // the starter, named on the thread's start line, is the author; that line gives the thread's date
    expect(r.publishedHint?.source).toBe("thread_start")
    expect(lines(text)).toContain(r.publishedHint!.text)
    expect(r.authors).toHaveLength(1)
    expect(r.publishedHint!.text.split(/[\s,]+/)).toContain(r.authors[0])
    // the title stands above the opening post
    expect(lineOf(text, r.title!)).toBeLessThan(lineOf(text, paragraphs(r)[0]!))
    // each reply's author is the first word of a dropped header line between the post before it and the reply
    const raw = lines(text)
    const removedAt = new Map(r.removed.map((x) => [x.line_no - 1, x]))
    let prevEnd = lineOf(text, paragraphs(r)[paragraphs(r).length - 1]!)
    const joinDates: Array<string> = []
    for (const c of r.comments) {
      const first = raw.indexOf(c.body.split("\n\n")[0]!, prevEnd + 1)
      expect(first).toBeGreaterThan(prevEnd)
      const header = raw.slice(prevEnd + 1, first).flatMap((l, k) => (l !== "" && removedAt.has(prevEnd + 1 + k) ? [l] : []))
      expect(header.some((l) => l.split(" ")[0] === c.author), `author ${c.author} not in its header`).toBe(true)
      joinDates.push(...header.filter((l) => /\b(?:19|20)\d\d$/.test(l)))
      prevEnd = raw.indexOf(c.body.split("\n\n").at(-1)!, first)
    }
    // the headers show only their members' join dates: no reply has a posted date, and none is a join date
    expect(joinDates.length).toBeGreaterThanOrEqual(r.comments.length)
    for (const c of r.comments) {
      expect(c.posted_text).toBeNull()
      expect(joinDates).not.toContain(c.posted_text)
    }
  })

  it("reads the surname-first byline in capitals as Given Surname and drops the repeated disclaimer (004)", () => {
    const text = seed("004")
    const r = clean(text)
    titleAboveBody(text, r)
    expect(paragraphs(r)).toHaveLength(10)
    noChromeSurvives(text, r)
    // the author is a line of the head with its two words swapped and written as a name
    expect(r.authors).toHaveLength(1)
    const [given, surname] = r.authors[0]!.split(" ")
    for (const w of [given!, surname!]) expect(w).toMatch(/^\p{Lu}\p{Ll}+$/u)
    expect(head(text, r)).toContain(`${surname!.toUpperCase()} ${given}`)
    // a paragraph the page prints more than once (its disclaimer) is not content
    const raw = lines(text).filter((l) => l.split(" ").length >= 8)
    const repeated = raw.filter((l, i) => raw.indexOf(l) !== i)
    expect(repeated.length).toBeGreaterThan(0)
    for (const l of repeated) expect(kept(r).has(l)).toBe(false)
  })
})
