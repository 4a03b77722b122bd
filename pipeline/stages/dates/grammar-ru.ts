/**
 * The grammar of Russian dates, for documents whose language is Russian: chrono-node's `ru` locale reads a day with
 * its month ("20 мая 2017 года", "27-28 сентября 2014 года", "с 3 марта по 8 апреля"); these rules read the rest:
 * a month in any case ("в январе", "январь 2019", "в мае 2017 года", "в феврале этого года"), years ("в 2018 году",
 * "2001 г.", "в 1979–1980 годы", "1912-1914 гг."), decades ("1980-е", "в 1970-х годах", "90-е годы"), centuries
 * ("XX век", "в 19-м веке"), quarters and halves ("в третьем квартале", "в первой половине 2017 года"), seasons
 * ("весной 2012 года", "прошлой осенью"), weekdays ("в четверг", "в прошлую пятницу", "с понедельника"), the words of
 * the present day ("сегодня", "вчера вечером", "на сегодняшний день"), relative periods ("в прошлом году", "на
 * следующей неделе", "три года назад", "через два месяца"), modifiers ("в начале", "в конце", "в середине") and, with
 * `vague`, "сейчас", "недавно", "в будущем".
 * Word boundaries are written as look-arounds on letters: \b does not see Cyrillic.
 */
import type { DateModifier } from "../../model.js"
import { validDay } from "./calendar.js"
import { letterOrNumberBefore, type Rule, runRules } from "./rules.js"
import { T, type Triggers } from "./triggers.js"
import type { Add, Kind, Rel } from "./types.js"

/** every case form of the month names, and the common abbreviations */
const MONTH_FORMS: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>()
  const soft = ["январ", "феврал", "", "апрел", "", "июн", "июл", "", "сентябр", "октябр", "ноябр", "декабр"]
  soft.forEach((stem, i) => {
    if (stem) for (const end of ["ь", "я", "ю", "ём", "ем", "е"]) out.set(stem + end, i + 1)
  })
  for (const [stem, m] of [["март", 3], ["август", 8]] as const) for (const end of ["", "а", "у", "ом", "е"]) out.set(stem + end, m)
  for (const form of ["май", "мая", "маю", "маем", "мае"]) out.set(form, 5)
  const abbr: ReadonlyArray<[string, number]> = [["янв", 1], ["фев", 2], ["февр", 2], ["мар", 3], ["апр", 4], ["авг", 8], ["сен", 9], ["сент", 9], ["окт", 10], ["ноя", 11], ["нояб", 11], ["дек", 12]]
  for (const [a, m] of abbr) out.set(`${a}.`, m)
  return out
})()
const alternation = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/\./g, "\\.")).join("|")
/** a month form (the abbreviations end with their dot, so no letter may follow the others) */
const MONTH = `(?:${alternation(MONTH_FORMS.keys())})(?![\\p{L}])`
const monthOf = (w: string) => MONTH_FORMS.get(w.toLowerCase()) ?? 0

/** weekday forms: nominative, accusative ("в среду") and genitive ("с понедельника"); 0 = Sunday */
const WEEKDAY_FORMS: ReadonlyMap<string, number> = new Map([
  ...["понедельник", "понедельника"].map((w) => [w, 1] as const),
  ...["вторник", "вторника"].map((w) => [w, 2] as const),
  ...["среду", "среды", "среда"].map((w) => [w, 3] as const),
  ...["четверг", "четверга"].map((w) => [w, 4] as const),
  ...["пятницу", "пятницы", "пятница"].map((w) => [w, 5] as const),
  ...["субботу", "субботы", "суббота"].map((w) => [w, 6] as const),
  ...["воскресенье", "воскресенья"].map((w) => [w, 0] as const)
])
const WEEKDAY = `(?:${alternation(WEEKDAY_FORMS.keys())})(?![\\p{L}])`

const E = "(?![\\p{L}])" // no letter after
const YEAR = "(1[0-9]\\d\\d|20\\d\\d)"
/** the word "year" after a number, in any case, or its abbreviations г., гг. */
const YEAR_WORD = `(?:(?:-?(?:го|й|м))?\\s*(?:год(?:а|у|ом|ы|ов|ах|ам)?${E}|гг?\\.?(?![\\p{L}]))|-(?:го|й|м)${E})`
const rx = (src: string) => new RegExp(src, "giu")

/** "в январе 2019 года", "январь 2019", "в мае 2017-го" */
const RE_MONTH_YEAR = rx(`(${MONTH})\\s+${YEAR}(?:${YEAR_WORD})?(?![\\d])`)
/** a month with no day written before it ("в январе", "к маю", "до конца мая"); the day forms are chrono's */
const RE_MONTH = rx(`(${MONTH})`)
/** "в феврале этого года", "в сентябре прошлого года", "в следующем мае", "прошлым летом" */
const RE_MONTH_REL_YEAR = rx(`(${MONTH})\\s+(этого|текущего|прошлого|позапрошлого|минувшего|следующего|будущего)\\s+года${E}`)
const RE_REL_MONTH = rx(`(?:в|во)\\s+(прошлом|минувшем|этом|следующем|будущем)\\s+(${MONTH})`)
/** "20 мая 2017г", "11 сентября 2001 г." (chrono leaves a year glued to its "г") */
const RE_DAY_MONTH_YEAR_G = rx(`(\\d{1,2})\\s+(${MONTH})\\s+${YEAR}\\s*(?:года|гг?\\.?)(?![\\p{L}])`)

/**
 * The month rules tried at the month tokens (rules.ts `at`): the same expressions, sticky, with what they read before
 * the month (a day, "в прошлом") as a part of their own. The trigger scan finds every month form but "мар.": a window
 * holding one runs the searching expressions above instead.
 */
const sticky = (src: string) => new RegExp(src, "iuy")
const AT_MONTH_YEAR = sticky(RE_MONTH_YEAR.source)
const AT_MONTH = sticky(RE_MONTH.source)
const AT_MONTH_REL_YEAR = sticky(RE_MONTH_REL_YEAR.source)
const AT_REL_MONTH = sticky(`(${MONTH})`)
const REL_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:в|во)\\s+(прошлом|минувшем|этом|следующем|будущем)\\s+$`, "iu")
const AT_DAY_MONTH_YEAR_G = sticky(`(${MONTH})\\s+${YEAR}\\s*(?:года|гг?\\.?)(?![\\p{L}])`)
const DAY_BEFORE = /(?<![\p{L}\p{N}])(\d{1,2})\s+$/u
const MARCH_ABBREVIATION = /мар\./iu
/** years with the word "year" (any case) or a preposition: "в 2018 году", "2001 г.", "с 2013 года", "за 2018 год" */
const RE_YEAR_WORD = rx(`${YEAR}${YEAR_WORD}`)
const RE_YEAR_RANGE = rx(`${YEAR}\\s*(?:[-–—]|по|до)\\s*${YEAR}(?:${YEAR_WORD})?(?![\\d])`)
/** a bare year after a preposition, or standing alone between punctuation ("в 1929", "с 1994 по 2000", "2013,") */
const RE_YEAR_BARE = rx(`${YEAR}(?![\\d.,:%]\\d|\\s*(?:%|[-–—]\\s*\\d|тыс|млн|млрд|руб|долл|евро|чел|км|м(?![\\p{L}])|кг|т(?![\\p{L}])|тонн|штук|голос|мест|сум|сомони))`)
/**
 * the year rules tried at the year tokens of the trigger scan (15xx-20xx): where the window holds no year before 1500
 * and no numeric date (whose year no token starts), else searched
 */
const AT_YEAR_WORD = new RegExp(RE_YEAR_WORD.source, "iuy")
const AT_YEAR_RANGE = new RegExp(RE_YEAR_RANGE.source, "iuy")
const AT_YEAR_BARE = new RegExp(RE_YEAR_BARE.source, "iuy")
const YEARS_NOT_AT_TOKENS = /(?<!\d)1[0-4]\d\d(?!\d)|\d[-/.]\d{1,2}[-/.]\d/
const BARE_YEAR_BEFORE = /(?:^|[\s(«"„—–-])(?:в|во|с|со|до|к|ко|по|от|после|между|около|и|или|на|за|года?|году|лет)\s*$|(?:^|[\n(«"„])\s*$|[.,;:]\s*$|\p{L}-$/iu
const YEAR_LIST_AFTER = /^\s*(?:,|и|или)\s*(?:1[0-9]|20)\d\d(?!\d)/u
/** decades: "1980-е", "в 1970-х годах", "90-е годы", "2000-х" */
const RE_DECADE = rx(`(1[5-9]\\d0|20\\d0|[1-9]0)\\s*-?\\s*(?:е|х|ые|ых|ым|ми)${E}(?:\\s+год(?:ы|ов|ах|ам)${E})?`)
/** centuries: "XX век", "в XIX веке", "19-й век", "в 19-м веке", "XXI столетие" */
const RE_CENTURY = rx(`([IVXLХ]{1,6}|\\d{1,2}(?:-?(?:й|го|м|ом))?)\\s+(?:век(?:а|е|у|ом)?|столети(?:е|я|и|ю))${E}`)
const ORDINAL_FORMS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^перв/u, 1], [/^втор/u, 2], [/^трет/u, 3], [/^четв[её]рт/u, 4], [/^(?:I|1)$/u, 1], [/^(?:II|2)$/u, 2], [/^(?:III|3)$/u, 3], [/^(?:IV|4)$/u, 4]
]
const ordinalOf = (w: string) => ORDINAL_FORMS.find(([re]) => re.test(w))?.[1] ?? 0
/** quarters: "в третьем квартале 2019 года", "II квартал", "за первый квартал" */
const RE_QUARTER = rx(`(перв\\p{L}*|втор\\p{L}*|трет\\p{L}*|четв[её]рт\\p{L}*|I{1,3}|IV|[1-4]-?(?:й|м|го)?)\\s+квартал(?:а|е|у|ом)?${E}(?:\\s+(?:${YEAR}(?:${YEAR_WORD})?|(этого|текущего|прошлого|следующего)\\s+года${E}))?`)
/** halves: "в первой половине 2017 года", "во второй половине года"; before a decade or month it is a modifier */
const RE_HALF = rx(`(перв|втор)(?:ой|ая|ую)\\s+половин(?:е|а|у|ы)\\s+(?:${YEAR}(?:${YEAR_WORD})?|(этого|текущего|прошлого|следующего)?\\s*года${E})`)
const SEASON_FORMS: ReadonlyMap<string, "SP" | "SU" | "FA" | "WI"> = new Map([
  ...["весной", "весна", "весну", "весны", "весне"].map((w) => [w, "SP"] as const),
  ...["летом", "лето", "лета", "лете"].map((w) => [w, "SU"] as const),
  ...["осенью", "осень", "осени"].map((w) => [w, "FA"] as const),
  ...["зимой", "зима", "зиму", "зимы", "зиме"].map((w) => [w, "WI"] as const)
])
/** seasons: "весной 2012 года", "осенью 2018 года", "прошлой осенью", "этим летом", "летом" */
const RE_SEASON = rx(
  `(?:(прошл\\p{L}*|минувш\\p{L}*|эт(?:ой|им|у|о|а)|нынешн\\p{L}*|следующ\\p{L}*|будущ\\p{L}*|ближайш\\p{L}*)\\s+)?(${alternation(SEASON_FORMS.keys())})${E}(?:\\s+(?:${YEAR}(?:${YEAR_WORD})?|(этого|текущего|прошлого|следующего)\\s+года${E}))?`
)
/** the season rule tried at a season token, with the relative word that may lead it ("прошлой осенью") */
const SEASON_LEAD_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(прошл\\p{L}*|минувш\\p{L}*|эт(?:ой|им|у|о|а)|нынешн\\p{L}*|следующ\\p{L}*|будущ\\p{L}*|ближайш\\p{L}*)\\s+)$`, "iu")
const AT_SEASON = sticky(`(${alternation(SEASON_FORMS.keys())})${E}(?:\\s+(?:${YEAR}(?:${YEAR_WORD})?|(этого|текущего|прошлого|следующего)\\s+года${E}))?`)
/** weekdays with a preposition or a relative word: "в четверг", "во вторник", "в прошлую пятницу", "с понедельника" */
const RE_WEEKDAY = rx(
  `(?:(?:в|во|на|с|со|до|к|ко|по|и|или|в\\s+ночь\\s+на)\\s+)?(?:(прошл\\p{L}*|минувш\\p{L}*|эт(?:у|от|о)|следующ\\p{L}*|будущ\\p{L}*|ближайш\\p{L}*)\\s+)?(${WEEKDAY})(?:\\s+(утром|днём|днем|вечером|ночью))?`
)
/** "сегодня", "вчера вечером", "завтра утром", "на сегодняшний день", "с сегодняшнего дня" */
const RE_CASUAL = rx(`(сегодня|вчера|завтра|позавчера|послезавтра|сегодняшн\\p{L}*\\s+(?:день|дня|дню|днём|днем))${E}(?:\\s+(утром|днём|днем|вечером|ночью)${E})?`)
/** "в прошлом году", "в этом месяце", "на следующей неделе", "прошлого года", "в текущем году" */
const RE_REL_UNIT = rx(
  `(?:(?:в|во|на|за)\\s+)?(прошл\\p{L}*|позапрошл\\p{L}*|минувш\\p{L}*|эт(?:ом|ой|от|ого|у|а)|текущ\\p{L}*|нынешн\\p{L}*|следующ\\p{L}*|будущ\\p{L}*|наступающ\\p{L}*)\\s+(году|года|год|месяце|месяца|месяц|неделе|недели|неделю|квартале|квартала|квартал)${E}`
)
/** the relative unit rule tried at the unit's token, with the relative word (and preposition) before it */
const REL_UNIT_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:в|во|на|за)\\s+)?(прошл\\p{L}*|позапрошл\\p{L}*|минувш\\p{L}*|эт(?:ом|ой|от|ого|у|а)|текущ\\p{L}*|нынешн\\p{L}*|следующ\\p{L}*|будущ\\p{L}*|наступающ\\p{L}*)\\s+$`, "iu")
const AT_REL_UNIT = sticky(`(году|года|год|месяце|месяца|месяц|неделе|недели|неделю|квартале|квартала|квартал)${E}`)
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["один", 1], ["одну", 1], ["одна", 1], ["два", 2], ["две", 2], ["три", 3], ["четыре", 4], ["пять", 5], ["шесть", 6], ["семь", 7],
  ["восемь", 8], ["девять", 9], ["десять", 10], ["пятнадцать", 15], ["двадцать", 20], ["тридцать", 30], ["полтора", 1.5]
])
/** "три года назад", "месяц назад", "через два дня", "неделю спустя" */
const RE_AGO = rx(
  `(?:(через)\\s+)?(?:(\\d{1,3}|${alternation(NUMBER_WORDS.keys())})\\s+)?(дн(?:я|ей)|день|недел(?:ю|и|ь)|месяц(?:а|ев)?|год(?:а)?|лет)${E}(?:\\s+(назад|тому\\s+назад))?`
)
/** vague references (with `vague`) */
const RE_VAGUE = rx(`(?:(сейчас|ныне|в\\s+настоящее\\s+время|на\\s+данный\\s+момент|в\\s+наши\\s+дни)|(недавно|в\\s+прошлом|ранее|прежде|в\\s+последнее\\s+время)|(в\\s+будущем|в\\s+ближайшее\\s+время|в\\s+перспективе|вскоре))${E}`)
/** modifiers before a date: "в начале", "в конце", "в середине", "к концу", "до конца", "в первой/второй половине" */
const MOD_BEFORE = /(?:^|[^\p{L}])((?:в|к|до|с)\s+(?:самом\s+)?(начал[ае]|конц[ае]|середин[еуы])|(?:в|во)\s+(перв|втор)(?:ой)\s+половин[еы]|(?:около|примерно|приблизительно|порядка))\s+$/iu

const relOf = (w: string | undefined): Rel => {
  const l = (w ?? "").toLowerCase()
  if (!l) return null
  if (/^(?:прошл|минувш|позапрошл)/u.test(l)) return "last"
  if (/^(?:следующ|будущ|наступающ|ближайш)/u.test(l)) return "next"
  return "this"
}
const relYear = (w: string | undefined): number => {
  const r = relOf(w)
  return /^позапрошл/iu.test(w ?? "") ? -2 : r === "last" ? -1 : r === "next" ? 1 : 0
}
const PODS: Readonly<Record<string, "MO" | "AF" | "EV" | "NI">> = { утром: "MO", днём: "AF", днем: "AF", вечером: "EV", ночью: "NI" }
const romanOf = (s: string): number => {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, Х: 10 }
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!.toUpperCase()] ?? 0
    const b = v[s[i + 1]?.toUpperCase() ?? ""] ?? 0
    n += a < b ? -a : a
  }
  return n
}

const at = (m: RegExpExecArray) => [m.index, m.index + m[0].length] as const
const DIGIT = /\d/
const DECADE_WORDS = /\d0\s*-?\s*[ехым]/iu
const CENTURY_WORDS = /век|столет/iu
const QUARTER_WORDS = /квартал/iu
const HALF_WORDS = /половин/iu
/** "среда" (nominative) is no trigger: it is mostly the noun (environment) */
const NOMINATIVE_WEDNESDAY = /среда/iu
const WEEKDAY_BEFORE = new RegExp(`${WEEKDAY}\\s+$`, "iu")

// What a match means, shared by the two forms of a rule: tried at the scan's trigger tokens (AT_*), and searched
// for in the window where the scan found no token of its kind (RE_*).
const readDayMonthYear: RussianRule["read"] = (m, p, add) => {
  const d = Number(m[1])
  const mo = monthOf(m[2]!)
  const y = Number(m[3])
  if (validDay(y, mo, d)) add(...at(m), { k: "full", y, m: mo, d }, 0)
}

const readMonthYear: RussianRule["read"] = (m, p, add) => add(...at(m), { k: "full", y: Number(m[2]), m: monthOf(m[1]!), d: null }, 2)

const readMonthOfRelativeYear: RussianRule["read"] = (m, p, add) => add(...at(m), { k: "monthOfYear", m: monthOf(m[1]!), n: relYear(m[2]) }, 1)

const readRelativeMonth: RussianRule["read"] = (m, p, add) => add(...at(m), { k: "month", m: monthOf(m[2]!), rel: relOf(m[1]) }, 2)

const readMonth: RussianRule["read"] = (m, p, add) => {
  // a month after a day number is chrono's ("20 мая"); "май" and "март" are also names: keep them after a preposition
  if (/\d\s*[-–—]?\s*$/u.test(p.slice(Math.max(0, m.index - 4), m.index))) return
  if (/^(?:ма[йяюе]|март|август)$/iu.test(m[1]!) && /^[А-ЯЁ]/u.test(m[1]!) && !/(?:^|[^\p{L}])(?:в|во|с|до|к|по|на|от|конц[ае]|начал[ае]|середин[еуы])\s+$/iu.test(p.slice(Math.max(0, m.index - 12), m.index))) return
  add(...at(m), { k: "month", m: monthOf(m[1]!), rel: null }, 5)
}

const readYearRange: RussianRule["read"] = (m, p, add) => {
  // "в 1979–1980 годы": each year its own mention
  const s2 = m.index + m[0].indexOf(m[2]!, m[1]!.length)
  add(m.index, m.index + m[1]!.length, { k: "full", y: Number(m[1]), m: null, d: null }, 2)
  add(s2, m.index + m[0].length, { k: "full", y: Number(m[2]), m: null, d: null }, 2)
}

const readYearWord: RussianRule["read"] = (m, p, add) => add(...at(m), { k: "full", y: Number(m[1]), m: null, d: null }, 3)

const readBareYear: RussianRule["read"] = (m, p, add) => {
  // after a preposition or punctuation, or first of a list of years ("1984 и 1986")
  if (!BARE_YEAR_BEFORE.test(p.slice(Math.max(0, m.index - 16), m.index)) && !YEAR_LIST_AFTER.test(p.slice(m.index + m[0].length, m.index + m[0].length + 12))) return
  add(...at(m), { k: "full", y: Number(m[1]), m: null, d: null }, 4)
}

/**
 * The rules of the Russian grammar, in the order they run, each with the trigger classes its matches hold and, where
 * a word it needs is no trigger, a test of the window. Every expression opens with "no letter or digit before",
 * tested on the character before a match (rules.ts).
 */
/** what a rule needs of its window besides triggers: a digit; month forms found by the scan only, or "мар." written */
interface RussianRule extends Rule {
  readonly needsDigit?: boolean
  readonly months?: "at tokens" | "searched"
  readonly years?: "at tokens" | "searched"
  /** a weekday rule: runs where a weekday token is, or "среда" (no trigger) is written */
  readonly weekday?: boolean
}
const RULES: ReadonlyArray<RussianRule> = [
  {
    re: AT_DAY_MONTH_YEAR_G,
    at: T.RU_MONTH,
    before: DAY_BEFORE,
    beforeRequired: true,
    needsDigit: true,
    months: "at tokens",
    when: [T.RU_MONTH],
    read: readDayMonthYear
  },
  {
    re: RE_DAY_MONTH_YEAR_G,
    when: [],
    needsDigit: true,
    months: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readDayMonthYear
  },
  {
    re: AT_MONTH_YEAR,
    at: T.RU_MONTH,
    needsDigit: true,
    months: "at tokens",
    when: [T.RU_MONTH],
    rejectAfter: letterOrNumberBefore,
    read: readMonthYear
  },
  {
    re: RE_MONTH_YEAR,
    when: [],
    needsDigit: true,
    months: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readMonthYear
  },
  {
    re: AT_MONTH_REL_YEAR,
    at: T.RU_MONTH,
    months: "at tokens",
    when: [T.RU_MONTH],
    rejectAfter: letterOrNumberBefore,
    read: readMonthOfRelativeYear
  },
  {
    re: RE_MONTH_REL_YEAR,
    when: [],
    months: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readMonthOfRelativeYear
  },
  {
    re: AT_REL_MONTH,
    at: T.RU_MONTH,
    before: REL_BEFORE,
    beforeRequired: true,
    months: "at tokens",
    when: [T.RU_MONTH],
    read: readRelativeMonth
  },
  {
    re: RE_REL_MONTH,
    when: [],
    months: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readRelativeMonth
  },
  {
    re: AT_MONTH,
    at: T.RU_MONTH,
    months: "at tokens",
    when: [T.RU_MONTH],
    rejectAfter: letterOrNumberBefore,
    read: readMonth
  },
  {
    re: RE_MONTH,
    when: [],
    months: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readMonth
  },
  {
    re: AT_YEAR_RANGE,
    at: T.YEAR,
    when: [],
    needsDigit: true,
    years: "at tokens",
    rejectAfter: letterOrNumberBefore,
    read: readYearRange
  },
  {
    re: RE_YEAR_RANGE,
    when: [],
    needsDigit: true,
    years: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readYearRange
  },
  {
    re: AT_YEAR_WORD,
    at: T.YEAR,
    when: [],
    needsDigit: true,
    years: "at tokens",
    rejectAfter: letterOrNumberBefore,
    read: readYearWord
  },
  {
    re: RE_YEAR_WORD,
    when: [],
    needsDigit: true,
    years: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readYearWord
  },
  {
    re: AT_YEAR_BARE,
    at: T.YEAR,
    when: [],
    needsDigit: true,
    years: "at tokens",
    rejectAfter: letterOrNumberBefore,
    read: readBareYear
  },
  {
    re: RE_YEAR_BARE,
    when: [],
    needsDigit: true,
    years: "searched",
    rejectAfter: letterOrNumberBefore,
    read: readBareYear
  },
  {
    re: RE_DECADE,
    when: [],
    needsDigit: true,
    gate: (p) => DECADE_WORDS.test(p),
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const n = Number(m[1])
      add(...at(m), n >= 100 ? { k: "decade", first: n, century: true } : { k: "decade", first: 1900 + n, century: false }, 3)
    }
  },
  {
    re: RE_CENTURY,
    when: [T.RU_UNIT],
    gate: (p) => CENTURY_WORDS.test(p),
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const n = /^\d/.test(m[1]!) ? parseInt(m[1]!, 10) : romanOf(m[1]!)
      if (n >= 1 && n <= 22) add(...at(m), { k: "century", hundreds: n - 1 }, 3)
    }
  },
  {
    re: RE_QUARTER,
    when: [T.RU_UNIT],
    gate: (p) => QUARTER_WORDS.test(p),
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const q = ordinalOf(m[1]!.replace(/-.*$/u, ""))
      if (!q) return
      const y = m[2] ? Number(m[2]) : null
      add(...at(m), { k: "quarter", q, y, shift: m[3] ? relYear(m[3]) : 0 }, 2)
    }
  },
  {
    re: RE_HALF,
    when: [T.RU_UNIT],
    gate: (p) => HALF_WORDS.test(p),
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const y = m[2] ? Number(m[2]) : null
      add(...at(m), { k: "half", h: /^перв/iu.test(m[1]!) ? 1 : 2, y, shift: m[3] ? relYear(m[3]) : 0 }, 1)
    }
  },
  {
    re: AT_SEASON,
    at: T.RU_SEASON,
    before: SEASON_LEAD_BEFORE,
    when: [T.RU_SEASON],
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const season = SEASON_FORMS.get(m[2]!.toLowerCase())!
      const y = m[3] ? Number(m[3]) : null
      // a bare nominative season ("лето", "зима") is a word, not a date: keep the instrumental ("летом") or a year or a relative word
      if (!m[1] && !y && !m[4] && !/(?:ом|ой|ью)$/u.test(m[2]!)) return
      if (m[4]) return add(...at(m), { k: "season", season, y: null, rel: relYear(m[4]) < 0 ? "last" : relYear(m[4]) > 0 ? "next" : "this" }, 2)
      add(...at(m), { k: "season", season, y, rel: relOf(m[1]) }, 3)
    }
  },
  {
    re: RE_WEEKDAY,
    when: [],
    weekday: true,
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const wd = WEEKDAY_FORMS.get(m[2]!.toLowerCase())!
      const hasLead = m[0].length > m[2]!.length + (m[3] ? m[3].length + 1 : 0)
      // "среда" (environment), a bare "пятница": a weekday needs a preposition, a relative word, a date after it or a
      // time before it ("в 17:00 понедельника")
      const timeBefore = /\d[:.]\d\d\s+$/u.test(p.slice(Math.max(0, m.index - 8), m.index))
      if (!hasLead && !timeBefore && !/^\s*,?\s*\d/u.test(p.slice(m.index + m[0].length, m.index + m[0].length + 4))) return
      // "и субботу" continues a list of weekdays only
      if (/^(?:и|или)\s/iu.test(m[0]) && !WEEKDAY_BEFORE.test(p.slice(Math.max(0, m.index - 14), m.index))) return
      const pod = m[3] ? PODS[m[3].toLowerCase()] : undefined
      // the date proper: a relative word and the weekday, not the preposition before them
      const wdAt = m[0].lastIndexOf(m[2]!, m[3] ? m[0].length - m[3].length - 1 : m[0].length)
      const start = m.index + (m[1] ? m[0].lastIndexOf(m[1], wdAt) : wdAt)
      const kind: Kind = pod ? { k: "weekday", wd, rel: relOf(m[1]), pod } : { k: "weekday", wd, rel: relOf(m[1]) }
      add(start, m.index + m[0].length, kind, 4)
    }
  },
  {
    re: RE_CASUAL,
    when: [T.RU_DAY],
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const w = m[1]!.toLowerCase()
      const n = w === "вчера" ? -1 : w === "завтра" ? 1 : w === "позавчера" ? -2 : w === "послезавтра" ? 2 : 0
      const pod = m[2] ? PODS[m[2].toLowerCase()] : undefined
      add(...at(m), pod ? { k: "days", n, pod } : { k: "days", n }, 3)
    }
  },
  {
    re: AT_REL_UNIT,
    at: T.RU_UNIT,
    before: REL_UNIT_BEFORE,
    beforeRequired: true,
    when: [T.RU_UNIT],
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const unit = /^год/iu.test(m[2]!) ? "year" : /^месяц/iu.test(m[2]!) ? "month" : /^недел/iu.test(m[2]!) ? "week" : "quarter"
      // the date proper: "прошлом году", not the preposition before it
      add(m.index + m[0].toLowerCase().lastIndexOf(m[1]!.toLowerCase(), m[0].length - m[2]!.length), m.index + m[0].length, { k: "unit", unit, n: relYear(m[1]) }, 2)
    }
  },
  {
    re: RE_AGO,
    when: [T.RU_AGO],
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => {
      const back = !!m[4]
      const ahead = !!m[1]
      if (!back && !ahead) return
      // "несколько лет назад", "много лет спустя": no count, no calendar value
      if (!m[2] && /(?:нескольк|много|пар[уы]|немало|считанн)\p{L}*\s+$/iu.test(p.slice(Math.max(0, m.index - 14), m.index))) return
      const n = m[2] ? (/^\d/.test(m[2]) ? Number(m[2]) : NUMBER_WORDS.get(m[2].toLowerCase()) ?? 0) : 1
      if (!Number.isInteger(n) || n <= 0) return
      const dir = back ? -1 : 1
      const u = m[3]!.toLowerCase()
      if (/^д/u.test(u)) add(...at(m), { k: "days", n: n * dir }, 3)
      else add(...at(m), { k: "unit", unit: /^недел/u.test(u) ? "week" : /^месяц/u.test(u) ? "month" : "year", n: n * dir }, 3)
    }
  },
  {
    re: RE_VAGUE,
    when: [],
    vague: true,
    rejectAfter: letterOrNumberBefore,
    read: (m, p, add) => add(...at(m), { k: "vague", ref: m[1] ? "PRESENT_REF" : m[2] ? "PAST_REF" : "FUTURE_REF" }, 7)
  }
]

/**
 * The rules for what a window holds, read once per window: a digit; "мар." (a month form the trigger scan does not
 * read: the month rules search the window instead of trying its month tokens); "среда" (a weekday no trigger stands
 * for); a year no token starts (before 1500, or in a numeric date: the year rules search). One table per combination,
 * in RULES' order.
 */
const tables = new Map<number, ReadonlyArray<Rule>>()
const rulesFor = (digit: boolean, march: boolean, wednesday: boolean, searchYears: boolean): ReadonlyArray<Rule> => {
  const key = (digit ? 1 : 0) | (march ? 2 : 0) | (wednesday ? 4 : 0) | (searchYears ? 8 : 0)
  let table = tables.get(key)
  if (!table) {
    table = RULES.filter(
      (r) => (digit || !r.needsDigit) && (r.months === undefined || (r.months === "searched") === march) && (r.years === undefined || (r.years === "searched") === searchYears)
    ).map((r) =>
      r.weekday ? { ...r, when: wednesday ? [] : [T.RU_WEEKDAY] } : r
    )
    tables.set(key, table)
  }
  return table
}

/** The Russian candidates of one paragraph (or window) holding the trigger tokens `triggers`. */
export const russianCandidates = (p: string, add: Add, vague: boolean, triggers: Triggers): void => {
  const digit = DIGIT.test(p)
  runRules(rulesFor(digit, MARCH_ABBREVIATION.test(p), NOMINATIVE_WEDNESDAY.test(p), digit && YEARS_NOT_AT_TOKENS.test(p)), p, triggers, vague, add)
}

/** A Russian modifier before a candidate ("в начале 2017 года", "в конце мая"): its length and meaning, or null. */
export const russianModifier = (before: string, kind: Kind): { length: number; modifier: DateModifier } | null => {
  const m = MOD_BEFORE.exec(before)
  if (!m) return null
  const w = (m[2] ?? m[3] ?? "").toLowerCase()
  // "в первой половине 2017 года" is a half of the year (its own rule); of a decade or a month, a modifier
  if ((w === "перв" || w === "втор") && kind.k === "full" && kind.m === null) return null
  const modifier: DateModifier = /^начал/u.test(w) || w === "перв" ? "start" : /^конц/u.test(w) || w === "втор" ? "end" : /^середин/u.test(w) ? "mid" : "approximate"
  return { length: before.length - (m.index + m[0].indexOf(m[1]!)), modifier }
}
