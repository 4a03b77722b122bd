/**
 * Anchoring by tense and by the document's own date: each rule with sentences written for it. The publication date
 * is the stated one (a Saturday, 2015-10-17, unless a test says otherwise).
 */
import { describe, expect, it } from "vitest"
import { resolveDates, type DateMention } from "../../pipeline/stages/dates/index.js"

const published = "2015-10-17" // a Saturday
const run = (body: string, statedPublished = published, language = "en") =>
  resolveDates(
    { cleaned: { title: null, authors: [], kind: "news_article", body, comments: [], removed: [], publishedHint: null }, statedPublished, referenceDate: null, language },
    { events: [] }
  ).mentions.filter((m) => m.role === "mentioned")
const value = (ms: ReadonlyArray<DateMention>, text: string) => {
  const m = ms.find((x) => x.text === text)
  if (!m) throw new Error(`no mention "${text}" in ${JSON.stringify(ms.map((x) => x.text))}`)
  return m.value
}

describe("a weekday", () => {
  it("in a past-tense sentence is the most recent one on or before the publication date", () => {
    expect(value(run("The senator on Thursday withdrew from the race."), "Thursday")).toBe("2015-10-15")
    expect(value(run("The bridge was reopened on Monday."), "Monday")).toBe("2015-10-12")
    // the publication day itself
    expect(value(run("Rangers found the hikers Saturday."), "Saturday")).toBe("2015-10-17")
  })

  it("in a future-tense sentence is the next one on or after it", () => {
    expect(value(run("The committee will vote on Thursday."), "Thursday")).toBe("2015-10-22")
    expect(value(run("The trial is expected to resume Monday."), "Monday")).toBe("2015-10-19")
  })

  it("reads a past tense the verb lexicon knows, not only the listed irregular ones", () => {
    // "upheld" and "oversaw" are in no list of the stage: without the lexicon the verb is unread and the Sunday after
    // a Saturday publication would be read as the next day
    expect(value(run("The appeals court upheld the verdict on Sunday."), "Sunday")).toBe("2015-10-11")
    expect(value(run("The new chairwoman oversaw the recount Sunday."), "Sunday")).toBe("2015-10-11")
  })

  it("takes the tense of its own clause, not of a future clause elsewhere in the sentence", () => {
    expect(value(run("Since the plan was announced on Tuesday, residents say they will appeal."), "Tuesday")).toBe("2015-10-13")
  })

  it("reads a plan in the progressive ('were planning to march on Monday') as looking ahead", () => {
    expect(value(run("Union leaders were planning to march on Monday."), "Monday")).toBe("2015-10-19")
    expect(value(run("The families are hoping to return Wednesday."), "Wednesday")).toBe("2015-10-21")
  })

  it("reads a planning verb as looking ahead, and a verb that comes after the date too", () => {
    expect(value(run("Organisers have scheduled a rally for Wednesday."), "Wednesday")).toBe("2015-10-21")
    expect(value(run("On Wednesday, the regulator fined the bank."), "Wednesday")).toBe("2015-10-14")
  })
})

describe("a month or a day without its year", () => {
  it("in a past-tense sentence is the most recent one on or before the publication date", () => {
    expect(value(run("The factory closed in December."), "December")).toBe("2014-12")
    expect(value(run("The treaty was signed on Nov. 3 in Oslo."), "Nov. 3")).toBe("2014-11-03")
    expect(value(run("Prices fell to a low in March, after a record in February."), "February")).toBe("2015-02")
  })

  it("in a future-tense sentence is the next one on or after it", () => {
    expect(value(run("The new terminal will open in March."), "March")).toBe("2016-03")
    expect(value(run("Elections are scheduled for Feb. 2."), "Feb. 2")).toBe("2016-02-02")
  })

  it("is ahead when a payment, a rule or a deadline takes effect on it, whatever the verb", () => {
    expect(value(run("The board approved a dividend, payable Jan. 15 to holders of record."), "Jan. 15")).toBe("2016-01-15")
    expect(value(run("The city has set Nov. 30 as the deadline for comments."), "Nov. 30")).toBe("2015-11-30")
  })

  it("is on or before the publication date after 'since'", () => {
    expect(value(run("The ship has been in dry dock since November."), "November")).toBe("2014-11")
  })

  it("reads an adjective participle ('a still unannounced date') as no verb", () => {
    expect(value(run("Bonds will be repaid at a still unannounced date in January."), "January")).toBe("2016-01")
  })
})

describe("relative expressions", () => {
  it("in reported speech take the document's date", () => {
    const ms = run(`"We will finish the survey tomorrow," the surveyor said, adding that work began yesterday.`)
    expect(value(ms, "tomorrow")).toBe("2015-10-18")
    expect(value(ms, "yesterday")).toBe("2015-10-16")
  })

  it("last week and next month count from the document's date", () => {
    const ms = run("Turnout rose last week and the count ends next month.")
    expect(value(ms, "last week")).toBe("2015-W41")
    expect(value(ms, "next month")).toBe("2015-11")
  })
})

describe("counted from the date the text has just named (earlier, later, the following), or from the publication (ago)", () => {
  it("'three days later', 'the following year' and 'a year earlier' count from the date written before them", () => {
    const ms = run("The dam was finished on March 3, 1962. Three days later the valley flooded, and the following year the village was gone. A year earlier, engineers had warned of cracks.")
    expect(value(ms, "Three days later")).toBe("1962-03-06")
    expect(value(ms, "the following year")).toBe("1963")
    expect(value(ms, "A year earlier")).toBe("1962")
  })

  it("'the previous Friday' and 'the following Monday' count from the day just named, else from the publication", () => {
    const ms = run("The ferry sank on Tuesday, June 2, 1998. The following Monday, divers reached the wreck. The captain had checked the hull the previous Friday.")
    expect(value(ms, "The following Monday")).toBe("1998-06-08")
    // the day just named is now that Monday: the Friday before it
    expect(value(ms, "the previous Friday")).toBe("1998-06-05")
    // with no day written before, from the publication date (a Saturday): the Friday before it
    expect(value(run("Stocks closed lower than the previous Friday."), "the previous Friday")).toBe("2015-10-16")
  })

  it("'a year ago Tuesday', 'ten years ago today' name an anniversary: the day next to the publication, years back", () => {
    // published on Saturday 2015-10-17: "Sunday" of the anniversary is tomorrow, whatever the tense of the event
    expect(value(run("A year ago Sunday, the levee broke."), "A year ago Sunday")).toBe("2014-10-18")
    expect(value(run("Ten years ago today the old mill burned down."), "Ten years ago today")).toBe("2005-10-17")
    expect(value(run("Two years ago Thursday the bridge was closed."), "Two years ago Thursday")).toBe("2013-10-15")
    // "ago" alone keeps the year
    expect(value(run("Two years ago the bridge was closed."), "Two years ago")).toBe("2013")
  })

  it("'ago' counts from the publication date, whatever was written before", () => {
    expect(value(run("The dam was finished in 1962. Two years ago engineers found cracks."), "Two years ago")).toBe("2013")
  })

  it("'ten days before the vote' counts from the vote, which has no date: no value", () => {
    expect(run("The mayor resigned in May 2014, ten days before the vote.").map((m) => m.text)).toEqual(["May 2014"])
  })
})

describe("May and March, which are also a verb and a name", () => {
  it("are months between a determiner and the noun they qualify", () => {
    expect(value(run("The March referendum was postponed."), "March")).toMatch(/^\d{4}-03$/)
    expect(value(run("Its May report showed a surplus."), "May")).toMatch(/^\d{4}-05$/)
  })

  it("are not months as a verb, a noun or a name", () => {
    expect(run("The march was long and the crowd was quiet.").map((m) => m.text)).toEqual([])
    expect(run("Theresa May spoke and the May Queen danced.").map((m) => m.text)).toEqual([])
    expect(run("The March was long.").map((m) => m.text)).toEqual([])
  })

  it("a month whose figure a present one is compared with lies in the past ('down from the March high')", () => {
    // published 2015-10-17: next March is closer than last March, yet the high was measured already
    expect(value(run("Output is still down from the March peak of 40 tonnes."), "March")).toBe("2015-03")
    expect(value(run("Output is still down from the December peak of 40 tonnes."), "December")).toBe("2014-12")
    // a month qualifying a noun with no comparison is the nearer one ("the December deadline", said in October)
    expect(value(run("The December deadline worries the growers."), "December")).toBe("2015-12")
  })
})

describe("a habitual sentence names a month or a day that recurs every year", () => {
  it("leaves the year out ('usually', 'tend to', 'each year')", () => {
    expect(value(run("The lagoon usually freezes in January."), "January")).toBe("--01")
    const ms = run("Storms tend to strike the coast from August to November.")
    expect(value(ms, "August")).toBe("--08")
    expect(value(ms, "November")).toBe("--11")
    expect(value(run("Each year on June 21 the village lights a bonfire."), "June 21")).toBe("--06-21")
    expect(run("The lagoon usually freezes in January.")[0]).toMatchObject({ earliest: null, latest: null })
  })

  it("in Russian too ('обычно', 'каждый год')", () => {
    expect(value(run("Озеро обычно замерзает в январе.", published, "ru"), "январе")).toBe("--01")
    expect(value(run("Каждый год 21 июня в деревне жгут костёр.", published, "ru"), "21 июня")).toBe("--06-21")
    expect(value(run("Озеро замёрзло в январе.", published, "ru"), "январе")).toBe("2015-01")
  })

  it("keeps the year of one occasion", () => {
    expect(value(run("The lagoon froze in January."), "January")).toBe("2015-01")
    expect(value(run("The lagoon froze on January 9."), "January 9")).toBe("2015-01-09")
  })
})

describe("nothing resolves after the publication date unless the sentence is about the future", () => {
  const body = [
    "The mayor visited the flooded district on Friday and met families in a school.",
    "In September the river rose two metres.",
    "The council approved the budget on Oct. 28 after a long debate.",
    "Crews cleared the last road on Sunday.",
    "Repairs will start in November and the bridge is to reopen on Tuesday."
  ].join("\n\n")
  const ms = run(body)

  it("past sentences stay on or before it", () => {
    for (const text of ["Friday", "September", "Oct. 28", "Sunday"]) expect(ms.find((m) => m.text === text)!.latest! <= published, text).toBe(true)
  })

  it("future sentences may go beyond it", () => {
    expect(value(ms, "November")).toBe("2015-11")
    expect(value(ms, "Tuesday")).toBe("2015-10-20")
  })
})

describe("Russian: the tense of a past form (-л, -ла, -ли) and of будет", () => {
  it("a weekday or a month in a past sentence lies before the publication date, in a future sentence after it", () => {
    const ms = run("В четверг мэр открыл новую библиотеку. В марте здание закрыли на ремонт. В пятницу будет концерт. В декабре откроется каток.", published, "ru")
    expect(value(ms, "четверг")).toBe("2015-10-15")
    expect(value(ms, "марте")).toBe("2015-03")
    expect(value(ms, "пятницу")).toBe("2015-10-23")
    expect(value(ms, "декабре")).toBe("2015-12")
  })
})
