/** The words of dates: month and weekday names, numbers, holidays, and the configured named events. */
import { wordTree } from "./alternation.js"
import { nthWeekday, parseIso } from "./calendar.js"
import type { DatesConfig } from "./types.js"

const MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
export const MONTH_INDEX: Record<string, number> = {}
MONTHS_FULL.forEach((name, i) => {
  MONTH_INDEX[name.toLowerCase()] = i + 1
  MONTH_INDEX[name.slice(0, 3).toLowerCase()] = i + 1
})
MONTH_INDEX["sept"] = 9
export const monthNo = (s: string) => MONTH_INDEX[s.toLowerCase().replace(/\.$/, "")] ?? 0
const cap = (w: string) => `${w}|${w.toUpperCase()}`
/** month names written with a capital (lower-case "may" / "march" are verbs) */
export const MONTH = `(?:${MONTHS_FULL.map(cap).join("|")}|(?:${["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
  .map(cap)
  .join("|")})\\.?)`
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
export const WEEKDAY = `(?:${WEEKDAYS.map(cap).join("|")})`
/** the words MONTH tries, in its order (an abbreviation with its dot first) */
const MONTH_WORDS = [
  ...MONTHS_FULL.flatMap((w) => [w, w.toUpperCase()]),
  ...["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"].flatMap((w) => [w, w.toUpperCase()]).flatMap((w) => [`${w}\\.`, w])
]
/** MONTH, and MONTH or WEEKDAY, as prefix trees (alternation.ts: the same matches, read faster) */
export const MONTH_TREE = wordTree(MONTH_WORDS, true)
export const WEEKDAY_TREE = wordTree(WEEKDAYS.flatMap((w) => [w, w.toUpperCase()]), true)
export const MONTH_OR_WEEKDAY_TREE = wordTree([...MONTH_WORDS, ...WEEKDAYS.flatMap((w) => [w, w.toUpperCase()])], true)
export const weekdayNo = (s: string) => WEEKDAYS.findIndex((w) => w.toLowerCase() === s.toLowerCase())
export const YEAR = `(?:1[5-9]\\d\\d|20\\d\\d)`
export const DAYNUM = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`
export const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30
}
export const NUM = `(?:\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)`
export const ORDINAL_Q: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 }
export const SEASON = `(?:spring|summer|fall|autumn|winter)`

const fixed = (m: number, d: number) => () => ({ m, d })
/** holidays whose name fixes the day within the year (Easter and lunar feasts are left out) */
export const HOLIDAYS: ReadonlyArray<{ name: string; re: RegExp; day: (y: number) => { m: number; d: number } }> = [
  { name: "New Year's Day", re: /\bNew Year['’]s Day\b/g, day: fixed(1, 1) },
  { name: "New Year's Eve", re: /\bNew Year['’]s Eve\b/g, day: fixed(12, 31) },
  { name: "Christmas Eve", re: /\bChristmas Eve\b/g, day: fixed(12, 24) },
  { name: "Christmas Day", re: /\bChristmas(?: Day)?\b(?!\s+(?:Island|tree|card|carol|market|present|gift|season|holidays?|shopping|sales?|party|break))/g, day: fixed(12, 25) },
  { name: "Boxing Day", re: /\bBoxing Day\b/g, day: fixed(12, 26) },
  { name: "Valentine's Day", re: /\b(?:St\.? )?Valentine['’]s Day\b/g, day: fixed(2, 14) },
  { name: "Halloween", re: /\bHalloween\b/g, day: fixed(10, 31) },
  { name: "Independence Day (US)", re: /\bFourth of July\b|\bJuly Fourth\b/g, day: fixed(7, 4) },
  { name: "Thanksgiving Day (US)", re: /\bThanksgiving(?: Day)?\b/g, day: (y) => nthWeekday(y, 11, 4, 4) },
  { name: "Labor Day (US)", re: /\bLabor Day\b/g, day: (y) => nthWeekday(y, 9, 1, 1) },
  { name: "Memorial Day (US)", re: /\bMemorial Day\b/g, day: (y) => nthWeekday(y, 5, 1, -1) },
  { name: "Election Day (US)", re: /\bElection Day\b/g, day: (y) => { const mon = nthWeekday(y, 11, 1, 1); return { m: 11, d: mon.d + 1 } } },
  { name: "Victory Day", re: /\bVictory Day\b/g, day: fixed(5, 9) }
]

export const HAS_MONTH = new RegExp(MONTH)
export const MONTH_OR_NUMERIC = new RegExp(`${MONTH}|\\d[-/.]\\d`)

const eventRegexCache = new WeakMap<DatesConfig["events"], ReadonlyArray<{ re: RegExp; value: string; name: string }>>()
const eventSource = (name: string) =>
  `(?<![\\w])${name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+")}(?![\\w])`
export const eventRegexes = (events: DatesConfig["events"]) => {
  const hit = eventRegexCache.get(events)
  if (hit) return hit
  const out = events
    .filter((e) => parseIso(e.value, "event") !== null)
    .map((e) => ({ re: new RegExp(eventSource(e.name), "gi"), value: e.value, name: e.name }))
  eventRegexCache.set(events, out)
  return out
}
/** one expression for every configured event name: a trigger, and the gate in front of the per-event expressions */
const anyEventCache = new WeakMap<DatesConfig["events"], RegExp | null>()
export const anyEvent = (events: DatesConfig["events"]): RegExp | null => {
  const hit = anyEventCache.get(events)
  if (hit !== undefined) return hit
  const list = eventRegexes(events)
  // no look-arounds: a superset of the per-event expressions that keeps the scan's first-character test fast
  const re =
    list.length === 0
      ? null
      : new RegExp(list.map((e) => e.name.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+")).join("|"), "gi")
  anyEventCache.set(events, re)
  return re
}
