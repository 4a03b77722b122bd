import { readFileSync } from "node:fs"
import { describe, it, expect } from "vitest"
import type { CleanResult, PublishedHint } from "../../pipeline/stages/clean/index.js"
import { resolveDates, type DateMention, type DatesConfig, type DatesInput } from "../../pipeline/stages/dates/index.js"
import { loadEventsFile } from "../../pipeline/stages/events.js"

const cleaned = (body: string, opts: Partial<CleanResult> = {}): CleanResult => ({
  title: null,
  authors: [],
  kind: "news_article",
  body,
  comments: [],
  removed: [],
  publishedHint: null,
  ...opts
})
const hint = (text: string, source: PublishedHint["source"] = "page_date"): PublishedHint => ({ text, source })
const config: DatesConfig = { events: [{ name: "September 11 attacks", value: "2001-09-11" }] }
const run = (body: string, more: Partial<DatesInput> & { hint?: PublishedHint } = {}) =>
  resolveDates(
    {
      cleaned: cleaned(body, more.hint ? { publishedHint: more.hint } : {}),
      statedPublished: more.statedPublished ?? null,
      language: more.language ?? "en",
      referenceDate: more.referenceDate ?? null
    },
    config
  )
const mention = (ms: ReadonlyArray<DateMention>, text: string) => {
  const m = ms.find((x) => x.text === text)
  if (!m) throw new Error(`no mention "${text}" in ${JSON.stringify(ms.map((x) => x.text))}`)
  return m
}
const cpSlice = (s: string, a: number, b: number) => [...s].slice(a, b).join("")

describe("publication date", () => {
  it("takes a page date line from the clean stage's hint ('Thursday, February 17, 2022' form)", () => {
    const r = run("The council met again to discuss the bridge repairs.", { hint: hint("Tuesday, March 8, 2022") })
    expect(r.published).toEqual({ value: "2022-03-08", precision: "day", earliest: "2022-03-08", latest: "2022-03-08" })
    const p = r.mentions.find((m) => m.role === "published")!
    expect(p).toMatchObject({ start: -1, end: -1, value: "2022-03-08", resolution: "explicit" })
  })

  it("reads a hint whose year is glued to the next text, preferring the publication over the update", () => {
    const r = run("Body text.", { hint: hint("Posted on March 2, 2020Updated April 9, 2021") })
    expect(r.published?.value).toBe("2020-03-02")
  })

  it("does not anchor a relative hint ('3 hours ago') to the clock", () => {
    expect(run("Body text.", { hint: hint("Published 3 hours ago") }).published).toBeNull()
  })

  it("lets metadata win over the hint", () => {
    const r = run("Nothing dated here.", { hint: hint("May 2, 2019"), statedPublished: "2019-05-03" })
    expect(r.published?.value).toBe("2019-05-03")
  })

  it("cuts a stated publication timestamp back to its date", () => {
    expect(run("Nothing dated here.", { statedPublished: "2018-11-30T08:15:00Z" }).published).toEqual({ value: "2018-11-30", precision: "day", earliest: "2018-11-30", latest: "2018-11-30" })
  })

  it("takes a forum's thread start ('Oct 17, 2015' form), never a member's join date", () => {
    const body = [
      "Any tips for overwintering figs?",
      "gardener42 Senior Member",
      "Jan 5, 2010",
      "Likes Received:",
      "My tree lost every leaf last winter and I wonder whether to wrap it."
    ].join("\n\n")
    const r = run(body, { hint: hint("Discussion in 'Fruit trees' started by gardener42, Sep 3, 2016.", "thread_start") })
    expect(r.published?.value).toBe("2016-09-03")
  })

  it("does not take a join date in the body as the publication date when there is no hint", () => {
    const body = ["bluefin Regular Member", "Joined:", "Mar 2, 2012", "Messages:", "What bait do you use for mackerel in the harbour these days?"].join("\n\n")
    expect(run(body).published).toBeNull()
  })

  it("leaves the publication date empty when nothing states one", () => {
    const r = run("Farmers in the valley switched to drip irrigation to save water.")
    expect(r.published).toBeNull()
    expect(r.mentions).toEqual([])
  })

  it("finds a stand-alone page date line at the top of a body the clean stage did not split", () => {
    const body = [
      "Home",
      "Recipes",
      "Slow-cooked lentil soup for cold evenings",
      "Published: 12 January 2021",
      "Lentils are cheap, filling and forgiving, which makes them the ideal base for a soup you can leave on the stove while you get on with other things in the kitchen."
    ].join("\n\n")
    const r = run(body)
    expect(r.published).toEqual({ value: "2021-01-12", precision: "day", earliest: "2021-01-12", latest: "2021-01-12" })
    const p = r.mentions.find((m) => m.role === "published")!
    expect(cpSlice(body, p.start, p.end)).toBe("12 January 2021")
  })

  it("does not take an update day for the publication when the line states the publication at a coarser precision", () => {
    const line = "First published in June 2019. Last updated on April 2, 2023."
    expect(run("Beekeepers check their hives every week in spring.", { hint: hint(line) }).published).toBeNull()
    const body = ["Beekeeping basics", line, "Beekeepers check their hives every week in spring, looking for eggs, brood and stores of honey, and they add boxes when the colony grows."].join("\n\n")
    expect(run(body).published).toBeNull()
    // a publication day on the line is still taken
    expect(run("Beekeepers check their hives.", { hint: hint("Published June 3, 2019 · Updated April 2, 2023") }).published?.value).toBe("2019-06-03")
  })

  it("does not take a span of days (an event's) for the publication date", () => {
    expect(run("The workshop covers soldering and safety.", { hint: hint("Dates: 2024-05-06 - 2024-05-09") }).published).toBeNull()
  })
})

describe("dateline", () => {
  it("resolves a yearless dateline ('Dec. 26' form) to the year before when the publication year would put it after publication", () => {
    const body = "Lisbon, Dec. 28 – Port workers ended their strike after the union accepted the offer."
    const r = run(body, { hint: hint("Tuesday, March 1, 2022") })
    expect(r.dateline).toEqual({ place: "Lisbon", value: "2021-12-28" })
    expect(mention(r.mentions, "Dec. 28")).toMatchObject({ role: "dateline", value: "2021-12-28", resolution: "year_inferred", precision: "day" })
    expect(mention(r.mentions, "Dec. 28").anchor).toContain("2022-03-01")
  })

  it("gives a yearless dateline the publication year when that is not after publication", () => {
    const r = run("Lisbon, Feb. 27 – Port workers ended their strike.", { hint: hint("March 1, 2022") })
    expect(r.dateline?.value).toBe("2022-02-27")
  })

  it("keeps an agency dateline ('MOSCOW, April 8. /TASS/.' form) with an unknown year when no publication date exists", () => {
    const body = "BERLIN, May 14. /DPA/. Officials said the new rail line would open ahead of schedule."
    const r = run(body)
    expect(r.dateline).toEqual({ place: "BERLIN", value: "--05-14" })
    expect(mention(r.mentions, "May 14")).toMatchObject({ role: "dateline", value: "--05-14", precision: "day", earliest: null, latest: null, anchor: null })
    expect(r.published).toBeNull()
  })

  it("uses a dateline that states its year as the publication date", () => {
    const r = run("OSLO, June 3, 2019 – The ferry company announced new routes.")
    expect(r.published?.value).toBe("2019-06-03")
    expect(r.dateline).toEqual({ place: "OSLO", value: "2019-06-03" })
  })
})

describe("explicit dates and precision", () => {
  it("keeps month precision for 'in December 2014' (chrono's implied day 1 never survives)", () => {
    const m = mention(run("The plant closed in December 2014 after a long decline.").mentions, "December 2014")
    expect(m).toMatchObject({ value: "2014-12", precision: "month", resolution: "explicit", anchor: null })
  })

  it("reads a full written date with its weekday at day precision", () => {
    const m = mention(run("The ceremony took place on Saturday, June 4, 2011 in the old hall.").mentions, "Saturday, June 4, 2011")
    expect(m).toMatchObject({ value: "2011-06-04", precision: "day" })
  })

  it("reads bare years after in/since/until/of/by", () => {
    const ms = run("The levee has stood since 1998 and will be rebuilt by 2030, the plan of 2019 says.").mentions
    expect(mention(ms, "1998").value).toBe("1998")
    expect(mention(ms, "2030")).toMatchObject({ value: "2030", precision: "year" })
    expect(mention(ms, "2019").value).toBe("2019")
  })

  it("records start, mid, end and approximate modifiers and joins their words to the text", () => {
    const ms = run("Work began in early 2014, slowed by mid-2016, stopped around 2019 and resumed at the beginning of March 2021.").mentions
    expect(mention(ms, "early 2014")).toMatchObject({ value: "2014", modifier: "start" })
    expect(mention(ms, "mid-2016")).toMatchObject({ value: "2016", modifier: "mid" })
    expect(mention(ms, "around 2019")).toMatchObject({ value: "2019", modifier: "approximate" })
    expect(mention(ms, "the beginning of March 2021")).toMatchObject({ value: "2021-03", modifier: "start", precision: "month" })
  })

  it("does not read a count of things as a year", () => {
    const ms = run("Nearly 2000 volunteers and 1500 soldiers joined the cleanup.").mentions
    expect(ms).toEqual([])
  })

  it("does not read a bare 'September 11' as the named event", () => {
    const m = mention(run("On September 11, the council approved the budget.").mentions, "September 11")
    expect(m).toMatchObject({ value: "--09-11", precision: "day" })
  })

  it("reads a named event from config as its date", () => {
    const m = mention(run("Security at airports changed after the September 11 attacks.").mentions, "September 11 attacks")
    expect(m).toMatchObject({ value: "2001-09-11", precision: "day", resolution: "explicit" })
  })
})

describe("relative and yearless dates anchored on the reference date", () => {
  const ref = { referenceDate: "2023-05-10" } // a Wednesday

  it("resolves 'last Thursday' to the Thursday before the reference", () => {
    const m = mention(run("The mayor resigned last Thursday.", ref).mentions, "last Thursday")
    expect(m).toMatchObject({ value: "2023-05-04", precision: "day", resolution: "relative" })
    expect(m.anchor).toContain("2023-05-10")
  })

  it("resolves 'on Monday' in past-tense reporting to the most recent Monday on or before the reference", () => {
    const ms = run("Talks collapsed on Monday.", ref).mentions
    expect(ms[0]).toMatchObject({ value: "2023-05-08", resolution: "relative" })
  })

  it("resolves a weekday naming the reference day itself to that day", () => {
    expect(run("The bridge reopened Wednesday.", ref).mentions[0]?.value).toBe("2023-05-10")
  })

  it("resolves a weekday in a future-tense sentence forward", () => {
    expect(run("The committee will vote on Friday.", ref).mentions[0]?.value).toBe("2023-05-12")
  })

  it("resolves 'the end of last year' to the previous year with modifier end", () => {
    const m = mention(run("Prices peaked at the end of last year.", ref).mentions, "the end of last year")
    expect(m).toMatchObject({ value: "2022", precision: "year", modifier: "end", resolution: "relative" })
  })

  it("resolves 'the middle of last March' to a month with modifier mid", () => {
    const m = mention(run("Floods hit the region in the middle of last March.", ref).mentions, "the middle of last March")
    expect(m).toMatchObject({ value: "2023-03", precision: "month", modifier: "mid", resolution: "relative" })
  })

  it("resolves 'last <month>' said right after that month to the year before", () => {
    const m = mention(run("Sales fell last April.", ref).mentions, "last April")
    expect(m.value).toBe("2022-04")
  })

  it("resolves a yearless past date ('Oct 3' form governed by a past verb) to on or before the reference", () => {
    const m = mention(run("The ship was launched on Oct. 3 in the northern yard.", ref).mentions, "Oct. 3")
    expect(m).toMatchObject({ value: "2022-10-03", resolution: "year_inferred" })
  })

  it("lets a written weekday fix the year of a yearless day", () => {
    // 2022-05-09 was a Monday: even in past-tense reporting the weekday wins over 'on or before the reference'
    const m = mention(run("The plant was closed on Monday, May 9 for repairs.", { referenceDate: "2022-05-06" }).mentions, "Monday, May 9")
    expect(m).toMatchObject({ value: "2022-05-09", resolution: "year_inferred" })
  })

  it("resolves yesterday, last year and two weeks ago", () => {
    const ms = run("It rained yesterday. Output doubled last year. The pump broke two weeks ago.", ref).mentions
    expect(mention(ms, "yesterday").value).toBe("2023-05-09")
    expect(mention(ms, "last year").value).toBe("2022")
    expect(mention(ms, "two weeks ago").value).toBe("2023-W17") // the ISO week two weeks before 2023-05-10's
  })

  it("anchors on the publication date in preference to the caller's reference date", () => {
    const r = run("The museum opened yesterday.", { referenceDate: "2020-01-01", hint: hint("June 9, 2021") })
    expect(mention(r.mentions, "yesterday")).toMatchObject({ value: "2021-06-08" })
  })
})

describe("no reference date: nothing is inferred", () => {
  it("keeps a yearless day partial ('April 8' form) and never takes a year from the clock", () => {
    const r = run("The ministry published the figures on April 8.")
    const m = mention(r.mentions, "April 8")
    expect(m).toMatchObject({ value: "--04-08", precision: "day", earliest: null, latest: null, resolution: "explicit", anchor: null })
    expect(JSON.stringify(r)).not.toContain(String(new Date().getFullYear()))
  })

  it("leaves relative dates empty", () => {
    const ms = run("The mayor resigned last Thursday, and the budget passed on Monday. Growth slowed last year.").mentions
    for (const t of ["last Thursday", "Monday", "last year"]) {
      expect(mention(ms, t)).toMatchObject({ value: null, precision: null, anchor: null, resolution: "relative" })
    }
  })

  it("keeps a month without a year partial ('--09'), covering no known days", () => {
    expect(mention(run("Harvest starts in September.").mentions, "September")).toMatchObject({ value: "--09", precision: "month", earliest: null, latest: null })
  })
})

describe("offsets", () => {
  it("counts offsets in Unicode code points when astral characters come before the date", () => {
    const body = "🎉🎉 Festival news 𝒜\n\nThe parade is planned for June 21, 2025 downtown."
    const m = mention(run(body).mentions, "June 21, 2025")
    expect(cpSlice(body, m.start, m.end)).toBe("June 21, 2025")
    expect(m.start).toBe([...body].length - [..." downtown."].length - [..."June 21, 2025"].length)
    expect(m.start).toBeLessThan(body.indexOf("June 21, 2025"))
  })

  it("keeps offsets right in a paragraph long enough to be cut into pieces", () => {
    const filler = "The committee reviewed another page of the report. ".repeat(200)
    const body = `${filler}It was adopted on 14 July 2016 by a show of hands.`
    const m = mention(run(body).mentions, "14 July 2016")
    expect(m.value).toBe("2016-07-14")
    expect(cpSlice(body, m.start, m.end)).toBe("14 July 2016")
  })
})

describe("comments", () => {
  it("normalises posted_text into commentDates, keeping what cannot be resolved empty", () => {
    const r = resolveDates(
      {
        cleaned: cleaned("A thread.", {
          comments: [
            { comment_no: 1, author: "a", posted_text: "Mar 15, 2011 at 4:02 PM", body: "x" },
            { comment_no: 2, author: "b", posted_text: "3 days ago", body: "y" },
            { comment_no: 3, author: "c", posted_text: null, body: "z" }
          ]
        }),
        statedPublished: null,
        referenceDate: null,
        language: "en"
      },
      config
    )
    expect(r.commentDates).toEqual(["2011-03-15", null, null])
  })
})

describe("events file", () => {
  it("decodes data/events.yaml and expands aliases", () => {
    const events = loadEventsFile(readFileSync(new URL("../../data/events.yaml", import.meta.url), "utf8"))
    expect(events).toContainEqual({ name: "September 11 attacks", value: "2001-09-11" })
    expect(events.length).toBeGreaterThan(5)
  })

  it("rejects an event whose value is not ISO 8601 at a precision", () => {
    expect(() => loadEventsFile("version: 1\nevents:\n  - name: Harvest fair\n    value: sometime in autumn\n")).toThrow()
  })
})

describe("windows around trigger tokens", () => {
  it("finds the same dates in a long paragraph as in its sentences alone, with offsets into the body", () => {
    const filler = "Volunteers painted the fence and planted roses along the path. ".repeat(40)
    const sentence = "The garden reopened on 3 June 2019 after repairs."
    const body = `${filler}${sentence} ${filler}Last spring the pond was drained, and the new gate arrived on Friday, March 6, 2020.`
    const ms = run(body, { referenceDate: "2020-04-01" }).mentions
    const june = mention(ms, "3 June 2019")
    expect(june.value).toBe("2019-06-03")
    expect(cpSlice(body, june.start, june.end)).toBe("3 June 2019")
    expect(mention(ms, "Friday, March 6, 2020").value).toBe("2020-03-06")
    expect(mention(ms, "Last spring").value).toBe("2019-SP")
    expect(run(sentence).mentions.map((m) => m.value)).toEqual(["2019-06-03"])
  })

  it("reads a configured event whose name holds no date word", () => {
    const cfg: DatesConfig = { events: [{ name: "Great Harbour Fire", value: "1911-08-02" }] }
    const r = resolveDates({ cleaned: cleaned("Much of the old town burned in the great harbour fire and was rebuilt in stone."), statedPublished: null, referenceDate: null, language: "en" }, cfg)
    expect(mention(r.mentions, "great harbour fire")).toMatchObject({ value: "1911-08-02", resolution: "explicit" })
  })

  it("gives the same mentions when the same page furniture repeats across documents", () => {
    const chrome = "Posted in Local News | Tuesday, 14 February 2017 | 3 comments"
    const a = run(`${chrome}\n\nThe ferry timetable changes next week.`, { referenceDate: "2017-02-15" })
    const b = run(`${chrome}\n\nA new bakery opened on the corner yesterday.`, { referenceDate: "2017-02-15" })
    expect(mention(a.mentions, "Tuesday, 14 February 2017")).toEqual(mention(b.mentions, "Tuesday, 14 February 2017"))
    expect(mention(b.mentions, "yesterday").value).toBe("2017-02-14")
  })
})

describe("linear time on a 1 MB line", () => {
  const within = (body: string, ms: number) => {
    const t0 = process.cpuUsage()
    run(body, { referenceDate: "2020-06-15" })
    const dt = process.cpuUsage(t0)
    expect((dt.user + dt.system) / 1000).toBeLessThan(ms)
  }
  it("handles a line of digits, of month names, of relative words and of spaces without backtracking", () => {
    within("1".repeat(1_000_000), 8000)
    within("May 2019 ".repeat(110_000), 20000)
    within("in the year ".repeat(85_000), 8000)
    within(" ".repeat(1_000_000) + "x", 8000)
    within("Jan".repeat(330_000), 8000)
    within("March 3-5, 2024 to ".repeat(52_000), 30000)
    within("that day today's world of tomorrow the 20th century ".repeat(19_000), 20000)
  }, 120_000)
})

describe("year choice and anaphora", () => {
  it("reads the second day of 'March 4 and 5' as a day of that month", () => {
    const ms = run("The festival runs on March 4 and 5, 2021 in the square.").mentions
    expect(mention(ms, "5")).toMatchObject({ value: "2021-03-05", precision: "day" })
  })

  it("resolves 'that year' and 'later that year' to the year of the date written before", () => {
    const ms = run("The mill closed in May 2004. Later that year the workers formed a cooperative.", { referenceDate: "2010-01-01" }).mentions
    expect(mention(ms, "Later that year")).toMatchObject({ value: "2004", resolution: "relative", anchor: "earlier date 2004-05" })
  })

  it("takes a month named without tense cue more than four months ahead as the past one", () => {
    // reference in October: "April" is six months ahead, so the April just past is meant
    expect(mention(run("Figures for April showed a surplus.", { referenceDate: "2015-10-20" }).mentions, "April").value).toBe("2015-04")
    // "January" is three months ahead: the coming one
    expect(mention(run("Figures for January are due.", { referenceDate: "2015-10-20" }).mentions, "January").value).toBe("2016-01")
  })

  it("takes a yearless day without tense cue more than 120 days ahead as the past one", () => {
    expect(mention(run("The Nov. 2 figures are in the annex.", { referenceDate: "2016-04-10" }).mentions, "Nov. 2").value).toBe("2015-11-02")
    expect(mention(run("The May 20 figures are in the annex.", { referenceDate: "2016-04-10" }).mentions, "May 20").value).toBe("2016-05-20")
  })

  it("resolves a weekday naming the day after the reference to that next day even in a past-tense clause", () => {
    // 2023-05-10 is a Wednesday; Thursday six days back would be written 'last Thursday'
    expect(mention(run("Officials said the talks resume Thursday.", { referenceDate: "2023-05-10" }).mentions, "Thursday").value).toBe("2023-05-11")
  })
})

describe("chrono without its time and relative parsers", () => {
  it("keeps a date followed by a time of day at day precision, without the time in its text", () => {
    const ms = run("Comment posted Dec 18, 2025 18:30 by a reader.\n\nThe log shows 2016-09-19 14:47:46 +00:00 as the last entry.").mentions
    expect(mention(ms, "Dec 18, 2025").value).toBe("2025-12-18")
    expect(mention(ms, "2016-09-19").value).toBe("2016-09-19")
  })
})

describe("relative words written as names", () => {
  const ref = { referenceDate: "2021-03-10" }
  it("does not read a programme or paper title ('This Week', 'Gazette Today') as a date", () => {
    const ms = run("The minister told the panel on the broadcaster's This Week programme that cuts were coming.", ref).mentions
    expect(ms.find((m) => m.text === "This Week")).toBeUndefined()
    const ms2 = run("A columnist for the Riverside Gazette Today wrote about the harbour.", ref).mentions
    expect(ms2.find((m) => m.text === "Today")).toBeUndefined()
  })

  it("still reads capitalised relative words at a sentence start", () => {
    const ms = run("The vote failed. Last Week the council had promised a new plan.", ref).mentions
    expect(mention(ms, "Last Week").value).not.toBeNull()
    expect(mention(run("Today the bridge reopened.", ref).mentions, "Today").value).toBe("2021-03-10")
  })
})

describe("tense of a yearless day after a past verb", () => {
  it("does not force a deadline set by a past verb ('extended to Nov. 20') into the past", () => {
    const m = mention(run("The board extended to Nov. 20 its offer for the remaining shares.", { referenceDate: "2019-11-02" }).mentions, "Nov. 20")
    expect(m.value).toBe("2019-11-20")
  })

  it("reads the end of a completed period ('the year ended March 31') as past even in a sentence about plans", () => {
    const m = mention(run("The unit it plans to sell had sales of $40 million in the year ended March 31.", { referenceDate: "2019-11-02" }).mentions, "March 31")
    expect(m.value).toBe("2019-03-31")
  })

  it("reads 'to be completed around <day>' forward", () => {
    const m = mention(run("The sale is to be completed around Dec. 4, the firm said.", { referenceDate: "2019-11-02" }).mentions, "around Dec. 4")
    expect(m.value).toBe("2019-12-04")
  })
})

describe("centuries", () => {
  it("writes an ordinal century as its two leading digits (the 19th century: 18) with its modifier", () => {
    const ms = run("The mill was built in the late 19th century and rebuilt after a quarter-century of neglect.").mentions
    expect(mention(ms, "the late 19th century")).toMatchObject({ value: "18", precision: "century", earliest: "1800-01-01", latest: "1899-12-31", modifier: "end" })
    expect(ms.find((m) => /quarter-century/.test(m.text))).toBeUndefined()
  })
})

describe("generic today and tomorrow", () => {
  const ref = { referenceDate: "2022-06-01" }
  it("does not read 'today's world', 'in today's dollars' or 'the cities of tomorrow' as a day", () => {
    const ms = run("In today's world the cost, in today's dollars, would be higher. Planners sketched the cities of tomorrow.", ref).mentions
    expect(ms).toEqual([])
  })

  it("still reads 'today's vote' and 'tomorrow' as days", () => {
    const ms = run("Today's vote was close. The count ends tomorrow.", ref).mentions
    expect(mention(ms, "Today").value).toBe("2022-06-01")
    expect(mention(ms, "tomorrow").value).toBe("2022-06-02")
  })

  it("drops 'that day' without a day written before it unless vague references are asked for", () => {
    const body = "Traders remember the crash. Losses that day were heavy."
    expect(run(body, ref).mentions.find((m) => m.text === "that day")).toBeUndefined()
    const vague = resolveDates({ cleaned: cleaned(body), statedPublished: null, referenceDate: "2022-06-01", language: "en" }, { ...config, vague: true })
    expect(mention(vague.mentions, "that day").value).toBeNull()
  })
})

describe("ranges", () => {
  it("reads each end of a range as its own date ('Aug. 26 to Oct. 20', 'March 3-5, 2024', 'October 3 to 13')", () => {
    const ms = run("The exhibit ran from Aug. 26 to Oct. 20, 2019. The fair is held March 3-5, 2024. Repairs last October 3 to 13, 2021.").mentions
    expect(mention(ms, "Aug. 26").value).toBe("2019-08-26")
    expect(mention(ms, "Oct. 20, 2019").value).toBe("2019-10-20")
    expect(mention(ms, "March 3").value).toBe("2024-03-03")
    expect(mention(ms, "5, 2024").value).toBe("2024-03-05")
    expect(mention(ms, "13, 2021").value).toBe("2021-10-13")
  })
})
