/**
 * Date values at every granularity, as TimeML writes them, and the calendar days each covers (earliest, latest).
 * Sentences written for these tests.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { parse } from "yaml"
import { DATE_VALUE_PATTERN } from "../../pipeline/model.js"
import { cleanText, type CleanResult } from "../../pipeline/stages/clean/index.js"
import { CleanRules } from "../../pipeline/stages/clean/rules.js"
import { intervalOf, precisionOf } from "../../pipeline/stages/dates/calendar.js"
import { resolveDates, type DateMention, type DatesConfig } from "../../pipeline/stages/dates/index.js"

const cleaned = (body: string): CleanResult => ({ title: null, authors: [], kind: "news_article", body, comments: [], removed: [], publishedHint: null })
const run = (body: string, referenceDate: string | null = null, config: DatesConfig = { events: [] }, language = "en") =>
  resolveDates({ cleaned: cleaned(body), statedPublished: null, referenceDate, language }, config).mentions
const value = (ms: ReadonlyArray<DateMention>, text: string) => {
  const m = ms.find((x) => x.text === text)
  if (!m) throw new Error(`no mention "${text}" in ${JSON.stringify(ms.map((x) => x.text))}`)
  return m.value
}

describe("the days a value covers", () => {
  it.each([
    ["2022-02-17", "day", "2022-02-17", "2022-02-17"],
    ["2000-01-05TEV", "part_of_day", "2000-01-05", "2000-01-05"],
    ["2014-12", "month", "2014-12-01", "2014-12-31"],
    ["2016", "year", "2016-01-01", "2016-12-31"],
    ["1998-Q3", "quarter", "1998-07-01", "1998-09-30"],
    ["1998-H1", "half", "1998-01-01", "1998-06-30"],
    ["1998-SU", "season", "1998-06-01", "1998-08-31"],
    ["1998-WI", "season", "1997-12-01", "1998-02-28"],
    ["2024-WI", "season", "2023-12-01", "2024-02-29"],
    ["1998-W08", "week", "1998-02-16", "1998-02-22"],
    ["1998-W08-WE", "week", "1998-02-21", "1998-02-22"],
    ["2021-W01", "week", "2021-01-04", "2021-01-10"],
    ["2020-W53", "week", "2020-12-28", "2021-01-03"],
    ["199X", "decade", "1990-01-01", "1999-12-31"],
    ["19", "century", "1900-01-01", "1999-12-31"]
  ])("%s is a %s from %s to %s", (v, precision, earliest, latest) => {
    expect(precisionOf(v)).toBe(precision)
    expect(intervalOf(v)).toEqual({ earliest, latest })
    expect(new RegExp(DATE_VALUE_PATTERN).test(v)).toBe(true)
  })

  it.each([
    ["--12-26", "day"],
    ["--12", "month"],
    ["PRESENT_REF", "vague"],
    ["PAST_REF", "vague"],
    ["FUTURE_REF", "vague"]
  ])("%s (no known year) covers no known days", (v, precision) => {
    expect(precisionOf(v)).toBe(precision)
    expect(intervalOf(v)).toBeNull()
    expect(new RegExp(DATE_VALUE_PATTERN).test(v)).toBe(true)
  })

  it("refuses forms the stage does not write", () => {
    for (const v of ["1998-Q5", "1998-SUMMER", "19980217", "XXXX-12-26", "1998-W8"]) expect(new RegExp(DATE_VALUE_PATTERN).test(v), v).toBe(false)
    expect(intervalOf("1998-02-30")).toBeNull()
  })
})

describe("English expressions at every granularity (reference Wednesday 1998-02-18)", () => {
  const ref = "1998-02-18"
  it("quarters and halves, written or counted from the reference", () => {
    const ms = run(
      "Sales rose in the third quarter of 1997. The first half of 1996 was weak. Profit in the fourth quarter fell. Next year's second quarter looks better.",
      ref
    )
    expect(value(ms, "the third quarter of 1997")).toBe("1997-Q3")
    expect(value(ms, "The first half of 1996")).toBe("1996-H1")
    // the fourth quarter has not begun by February: last year's
    expect(value(ms, "the fourth quarter")).toBe("1997-Q4")
    expect(value(ms, "Next year's second quarter")).toBe("1999-Q2")
  })

  it("a half written as 'the last half' or as two quarters of a year; not a half-hour, not a match's last half", () => {
    const ms = run("Exports slowed in the last half of 1996 and may recover in the first two quarters of 1999.", ref)
    expect(value(ms, "the last half of 1996")).toBe("1996-H2")
    expect(value(ms, "the first two quarters of 1999")).toBe("1999-H1")
    expect(run("The first half-hour of the auction was slow.", ref).map((m) => m.text)).toEqual([])
    expect(run("The visitors scored twice in the last half.", ref).map((m) => m.text)).toEqual([])
    // "the last two quarters" without a year is a stretch of time, not a half
    expect(run("Orders fell in the last two quarters.", ref).some((m) => m.precision === "half")).toBe(false)
  })

  it("seasons, with the winter named by its January", () => {
    const ms = run("The trail closed last summer. Repairs are planned for this spring. It snowed hard in the winter of 1995.", ref)
    expect(value(ms, "last summer")).toBe("1997-SU")
    expect(value(ms, "this spring")).toBe("1998-SP")
    expect(value(ms, "winter of 1995")).toBe("1995-WI")
  })

  it("weeks and weekends as ISO weeks", () => {
    const ms = run("The union met last week. Voting ends this week. Crowds are expected over the weekend. The plant shut down six weeks ago.", ref)
    expect(value(ms, "last week")).toBe("1998-W07")
    expect(value(ms, "this week")).toBe("1998-W08")
    expect(value(ms, "over the weekend")).toBe("1998-W08-WE")
    expect(value(ms, "six weeks ago")).toBe("1998-W02")
    expect(value(run("The appeal will be heard the week of March 9.", ref), "the week of March 9")).toBe("1998-W11")
  })

  it("reads 'last Oct. 23' as a day, not as the month", () => {
    expect(value(run("The clinic was attacked last Oct. 23 by a gunman.", ref), "Oct. 23")).toBe("1997-10-23")
  })

  it("decades and centuries", () => {
    const ms = run("Jazz clubs flourished in the 1920s and again in the late fifties. The abbey dates from the 12th century.", ref)
    expect(value(ms, "the 1920s")).toBe("192X")
    expect(value(ms, "the late fifties")).toBe("195X")
    expect(value(ms, "the 12th century")).toBe("11")
  })

  it("centuries written in words, and this or last decade and century", () => {
    const ms = run("The mill ran through the nineteenth century; its owners hope it lasts into the late twenty-first century. Wages barely moved over the last decade, as they did early this century.", ref)
    expect(value(ms, "the nineteenth century")).toBe("18")
    expect(value(ms, "the late twenty-first century")).toBe("20")
    expect(value(ms, "last decade")).toBe("198X")
    expect(value(ms, "early this century")).toBe("19")
    expect(ms.find((m) => m.text === "early this century")?.modifier).toBe("start")
  })

  it("parts of the day", () => {
    const ms = run("The ferry sank on Monday night. Rescuers resumed the search yesterday morning. Talks continue tonight.", ref)
    expect(value(ms, "Monday night")).toBe("1998-02-16TNI")
    expect(value(ms, "yesterday morning")).toBe("1998-02-17TMO")
    expect(value(ms, "tonight")).toBe("1998-02-18TNI")
  })

  it("'last night' and 'this morning' on their own, with no other relative word near", () => {
    const ms = run("The storm knocked out power across the valley last night.\n\nCrews were still at work this morning.", ref)
    expect(value(ms, "last night")).toBe("1998-02-17TNI")
    expect(value(ms, "this morning")).toBe("1998-02-18TMO")
  })

  it("'the night of' a written day is that part of that day", () => {
    const ms = run("Witnesses saw the van on the night of Feb. 3, and again on the morning of Friday.", ref)
    expect(value(ms, "the night of Feb. 3")).toBe("1998-02-03TNI")
    expect(value(ms, "the morning of Friday")).toBe("1998-02-13TMO")
  })

  it("vague references only with vague: true", () => {
    const text = "Prices are high now. The mayor recently resigned. Nobody knows what the future holds."
    expect(run(text, ref).map((m) => m.value)).toEqual([])
    const ms = run(text, ref, { events: [], vague: true })
    expect(value(ms, "now")).toBe("PRESENT_REF")
    expect(value(ms, "recently")).toBe("PAST_REF")
    expect(value(ms, "the future")).toBe("FUTURE_REF")
    expect(ms.every((m) => m.earliest === null && m.latest === null && m.precision === "vague")).toBe(true)
  })

  it("'the past two months' is a duration, not a vague past", () => {
    expect(run("Rents have risen over the past two months.", ref, { events: [], vague: true }).map((m) => m.text)).toEqual([])
  })

  it("a year ago in a quarterly report is the same quarter a year back", () => {
    const ms = run("Net income in the third quarter rose to $4 million from $3 million a year earlier.", "1998-10-20")
    expect(value(ms, "the third quarter")).toBe("1998-Q3")
    expect(value(ms, "a year earlier")).toBe("1997-Q3")
    expect(value(run("The lake froze a year ago.", "1998-10-20"), "a year ago")).toBe("1997")
  })

  it("the reported quarter is a closed one: a quarter still running or ahead, named in passing, does not replace it", () => {
    const ms = run(
      "The brewer's profit fell in the third quarter. Traders expect a weak fourth quarter. In the year-ago period the brewer earned $9 million.",
      "1998-10-20"
    )
    expect(value(ms, "fourth quarter")).toBe("1998-Q4")
    expect(value(ms, "the year-ago period")).toBe("1997-Q3")
    // "the latest quarter" is the last closed one, not the one a forecast named
    const latest = run("The bank posted a third-quarter loss. Analysts see a weak fourth quarter. In the latest quarter, the bank lost $2 million.", "1998-11-05")
    expect(value(latest, "the latest quarter")).toBe("1998-Q3")
  })

  it("'the comparable year-ago quarter' is read whole, not as 'the comparable year'", () => {
    const ms = run("Output grew in the third quarter. In the comparable year-ago quarter, the mine was closed.", "1998-10-20")
    expect(value(ms, "the comparable year-ago quarter")).toBe("1997-Q3")
  })

  it("the first quarter a report names is the reported one, whatever its label (a fiscal year)", () => {
    const ms = run("The grocer reported lower fourth-quarter earnings. Sales in the latest period were $3 billion.", "1998-10-20")
    expect(value(ms, "the latest period")).toBe("1998-Q4")
    // a fiscal quarter said to have ended is closed too
    const closed = run("Sales in its fourth quarter ended Sept. 30 rose. They fell a year earlier.", "1998-10-20")
    expect(value(closed.filter((m) => m.text !== "its fourth quarter"), "a year earlier")).toBe("1997-Q4")
  })
})

describe("earliest and latest", () => {
  const corpus = [
    "The dam opened on March 3, 2004, and its turbines reached full power in the summer of 2005.",
    "Fishing quotas were cut in the second half of 2011 and again in the first quarter of 2012.",
    "Archives from the 1870s and the 18th century were digitised last year.",
    "On Friday the council met; the week before, it had postponed the vote until next month.",
    "The museum reopens April 8 after work that began in late November.",
    "Visitors now queue for hours, as they did in the past and will in the future."
  ].join("\n\n")

  it("are in order for every mention, and empty exactly when the value has no known year", () => {
    for (const ref of [null, "2013-06-30", "2000-01-01"]) {
      for (const m of run(corpus, ref, { events: [], vague: true })) {
        const hasYear = m.value !== null && /^\d/.test(m.value) && !m.value.startsWith("--")
        if (hasYear) {
          expect(m.earliest, `${m.text} -> ${m.value}`).not.toBeNull()
          expect(m.earliest! <= m.latest!, `${m.text} -> ${m.value}`).toBe(true)
        } else {
          expect([m.earliest, m.latest], `${m.text} -> ${m.value}`).toEqual([null, null])
        }
      }
    }
  })

  it("hold for every date row of the seed texts in raw/", () => {
    const rules = Schema.decodeUnknownSync(CleanRules)(parse(readFileSync(new URL("../../data/clean-rules.yaml", import.meta.url), "utf8")))
    const raw = new URL("../../raw/", import.meta.url).pathname
    const files = readdirSync(raw).filter((f) => f.endsWith(".txt"))
    expect(files.length).toBeGreaterThan(0)
    let rows = 0
    for (const f of files) {
      const r = resolveDates({ cleaned: cleanText(readFileSync(join(raw, f), "utf8"), rules), statedPublished: null, referenceDate: null, language: null }, { events: [], vague: true })
      for (const m of r.mentions) {
        rows++
        const hasYear = m.value !== null && /^\d/.test(m.value)
        expect(hasYear ? m.earliest !== null && m.earliest <= m.latest! : m.earliest === null && m.latest === null, `${f}: ${m.text} -> ${m.value}`).toBe(true)
      }
      if (r.published) expect(r.published.earliest! <= r.published.latest!).toBe(true)
    }
    expect(rows).toBeGreaterThan(0)
  })
})

describe("written dates in the other languages chrono-node reads, when the document's language says so", () => {
  it("reads a German and a French day with its month and year", () => {
    expect(value(run("Der Vertrag wurde am 20. Mai 2017 in Berlin unterzeichnet.", null, { events: [] }, "de"), "20. Mai 2017")).toBe("2017-05-20")
    expect(value(run("Le traité a été signé le 3 mars 2016 à Paris.", null, { events: [] }, "fr-FR"), "3 mars 2016")).toBe("2016-03-03")
  })

  it("does not read them as dates in an English document", () => {
    expect(run("Le traité a été signé le 3 mars 2016 à Paris.", null, { events: [] }, "en").map((m) => m.text)).not.toContain("3 mars 2016")
  })
})
