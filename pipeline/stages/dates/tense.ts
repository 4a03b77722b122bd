/**
 * Tense from the verb group that governs a date: the nearest verb of its clause (to the left first, as in "was signed
 * on Oct. 3"; then to the right, as in "Obama on Thursday dropped"), read together with the auxiliaries before it.
 *   future   will / 'll / shall / would / going to / is to, a modal (can, could, may, might, should, must), or a
 *            scheduling participle before to/for ("is expected to", "was scheduled for"); Russian будет, станет,
 *            планирует, намерен, собирается, предстоит, состоится
 *   past     was / were / had / did, has / have + participle (what has happened), a past form (-ed, said, met, went);
 *            Russian past forms (-л, -ла, -ло, -ли, with -ся / -сь)
 *   present  is / are / does / do with a main verb, a scheduled present ("the talks resume Tuesday"): news writes the
 *            days just ahead this way
 *   unknown  no verb found
 */
import { brill } from "brill"
import { isSpace } from "./text.js"

export type Tense = "future" | "past" | "present" | "unknown"

/** future auxiliaries; the modals of ability and obligation (can, should, must) are as often generic ("can fill up in summer") */
const FUTURE_AUX = new Set(["will", "'ll", "’ll", "shall", "wo", "would", "gonna", "may", "might"])
/** participles that look forward when followed by to/for: "is expected to", "was scheduled for" */
const SCHEDULED = new Set(["scheduled", "due", "set", "slated", "supposed", "poised", "likely", "going"])
/** verbs of intending: forward with a be-form before them ("is expected to"), a finite past without ("planned to buy") */
const INTENDING = new Set(["expected", "planned", "intended", "aimed", "hoped", "planning", "aiming", "hoping", "preparing", "expecting", "intending"])
/** participles of planning: what is planned, scheduled or expected for a date lies ahead of the planning */
const PLANNED = new Set(["scheduled", "rescheduled", "planned", "slated", "expected", "due", "upcoming"])
const PAST_AUX = new Set(["was", "were", "had", "did", "'d"])
const PRESENT_AUX = new Set(["is", "are", "am", "does", "do", "has", "have", "'ve", "'s", "'re"])
/** a be / have form between the auxiliary and the main verb ("will be held", "has been told") */
const LINKING = new Set(["be", "been", "being", "not", "also", "still", "already", "just", "then", "now", "only", "again", "never", "finally", "formally", "officially", "reportedly", "probably", "likely"])
const IRREGULAR_PAST = new Set(
  ("said told met came went took fell rose left won lost sent held made gave struck hit broke found saw began became brought bought " +
    "built caught chose drove ate fought flew forgot froze got grew hung heard hid kept knew led lent lay meant paid put quit ran " +
    "rang read rode sold sat shot shut sang sank slept slid spoke spent spun split spread stood stole stuck stung swore swept swam " +
    "swung taught tore thought threw understood woke wore wove wrote withdrew overtook undertook arose awoke bore beat bent bet bit " +
    "bled blew bred burnt cast clung cost crept cut dealt dug dove drew dreamt drank fed felt fled flung forbade forgave forsook " +
    "gave ground hurt knelt laid leapt learnt let lit shook shone shrank slung smelt sought sped spat spilt strode strove thrust " +
    "trod upset wept wound wrung unveiled").split(" ")
)
/** words in -ed that are not past verbs */
const NOT_PAST = new Set(["need", "indeed", "speed", "feed", "seed", "proceed", "exceed", "succeed", "bed", "red", "shed", "hundred", "kindred", "sacred", "naked", "wicked", "alleged", "so-called", "preferred", "united", "limited", "related", "based", "aged", "advanced", "detailed", "skilled", "qualified", "armed", "red", "breed", "greed", "deed", "weed", "reed", "steed", "tweed", "creed", "embed", "ned", "ted", "fred"])

/** Russian: future auxiliaries and forward-looking verbs (stems) */
const RU_FUTURE = /^(?:буд(?:ет|ут|у|ем|ете|ешь)|стан(?:ет|ут)|планиру\p{L}*|намер\p{L}*|собира\p{L}*|предстои\p{L}*|состоится|состоятся|пройд[её]т|пройдут|намечен\p{L}*|запланирован\p{L}*|ожида(?:ется|ются)|должн\p{L}*)$/u
/**
 * Russian non-past forms: reflexive (-ется, -ится, -ются, -ятся) and third person plural (-ют, -ят, -ут, -ат); a
 * perfective one is the future ("откроется", "обсудят"), an imperfective one a present: either may lie ahead
 */
const RU_NONPAST = /^\p{L}{2,}(?:[её]тся|ится|ются|ятся|утся|атся|ют|ят|ут|ат)$/u
const RU_NOT_VERB = new Set(["институт", "маршрут", "салют", "абсолют", "парашют", "атрибут", "минут", "валют", "статут", "приют", "уют", "результат", "депутат", "кандидат", "адресат", "формат", "аппарат", "штат", "зарплат", "доплат", "выплат", "брат", "солдат", "сенат", "секретариат", "комбинат", "климат", "агрегат", "дипломат", "автомат", "пят", "опят", "назад", "ряд", "взгляд", "наряд", "отряд", "обряд", "заряд", "склад", "доклад", "вклад", "оклад", "уклад", "лад", "парад", "фасад", "снаряд"])
/** Russian past forms: -л, -ла, -ло, -ли, reflexive -лся, -лась, -лось, -лись */
const RU_PAST = /^\p{L}{2,}(?:л|ла|ло|ли|лся|лась|лось|лись)$/u
const RU_NOT_PAST = new Set(["или", "мало", "около", "село", "число", "сила", "дела", "школа", "тела", "правила", "стола", "зла", "угла", "посла", "весла", "кресла", "масла", "числа", "села", "пола", "мола", "вла", "ли", "были", "было", "была", "был"])
const RU_PAST_COPULA = new Set(["был", "была", "было", "были"])

interface Word {
  /** the word in lower case */
  readonly w: string
  /** the word without its negation or clitic (`normal`) */
  readonly n: string
  /** what the word marks alone (`markOfWord`), read when first asked */
  m: Mark | undefined
  readonly s: number
  readonly e: number
  /** written with a capital */
  readonly cap: boolean
}

/** the sentence of a span: from after the previous sentence end to the next one (within the paragraph) */
const sentenceBounds = (p: string, s: number, e: number) => {
  let a = s
  while (a > 0 && !sentenceEndAt(p, a - 1) && p[a - 1] !== "\n") a--
  let b = e
  while (b < p.length && !sentenceEndAt(p, b) && p[b] !== "\n") b++
  return { a, b }
}
/** abbreviations whose dot ends no sentence: initials, titles, months, company forms ("John Q. Public", "Nov. 13") */
const ABBREVIATION = /(?:^|[^\p{L}])(?:\p{Lu}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Corp|Co|Ltd|Gen|Sen|Rep|Gov|Lt|Col|Prof|No|vs|[a-z]\.[a-z]|г|гг|им|ул|т\.е|т\.к)$/u
const sentenceEndAt = (p: string, i: number): boolean => {
  const c = p[i]!
  if (c !== "." && c !== "!" && c !== "?") return false
  if (i + 1 < p.length && !isSpace(p.charCodeAt(i + 1))) return false
  return c !== "." || !ABBREVIATION.test(p.slice(Math.max(0, i - 6), i))
}

const WORD = /[\p{L}’']+(?:-[\p{L}]+)*|[,;:()"“”«»—–]/gu

/** WORD for a sentence of ASCII characters only (\p{L} is then [A-Za-z], and the curly marks cannot occur): faster */
const ASCII_WORD = /[A-Za-z']+(?:-[A-Za-z]+)*|[,;:()"]/g
const NON_ASCII = /[^\x00-\x7f]/

const wordsOf = (p: string, a: number, b: number): Array<Word> => {
  const out: Array<Word> = []
  const re = NON_ASCII.test(p.slice(a, b)) ? WORD : ASCII_WORD
  re.lastIndex = a
  for (let m = re.exec(p); m && m.index < b; m = re.exec(p)) {
    const w = m[0].toLowerCase()
    const n = w.includes("'") || w.includes("’") ? normal(w) : w
    out.push({ w, n, m: undefined, s: m.index, e: m.index + m[0].length, cap: w !== m[0] })
  }
  return out
}

const BOUNDARIES = new Set([",", ";", ":", "(", ")", '"', "“", "”", "«", "»", "—", "–"])
const isBoundary = (w: string) => BOUNDARIES.has(w)
/** a word without its negation or clitic: "won't" -> wo, "didn't" -> did, "he'll" -> 'll, "they've" -> 've, "it's" -> 's */
const normal = (w: string): string => {
  if (!/[’']/.test(w)) return w
  const neg = /^(\p{L}+)n[’']t$/u.exec(w)
  if (neg) return neg[1]!
  const clitic = /[’'](ll|ve|d|re)$/.exec(w)
  if (clitic) return `'${clitic[1]}`.replace("’", "'")
  return /^(?:it|he|she|that|there|what|who)[’']s$/.test(w) ? "'s" : w.replace(/[’']s$/, "")
}

type Mark = "future" | "past" | "present" | null

/**
 * How one word marks tense on its own (a verb form or an auxiliary), or null when it is not a verb we recognise; the
 * next word decides only for a scheduling participle ("expected to"). What a word marks alone is kept in a cache.
 */
const markAt = (words: ReadonlyArray<Word>, i: number): Mark => {
  const word = words[i]!
  if (SCHEDULED.has(word.n)) {
    const next = words[i + 1]?.w
    if (next === "to" || next === "for") return "future"
  }
  if (word.m === undefined) word.m = markOfWord(word.n, currentMarks)
  return word.m
}
/**
 * the lower-case words Brill's lexicon tags most often as a past tense, read on first use (a set is faster than its
 * 89,000 keys)
 */
let lexiconPast: ReadonlySet<string> | null = null
const isLexiconPast = (w: string): boolean => {
  if (!lexiconPast) {
    const out = new Set<string>()
    for (const k in brill) if (brill[k]![0] === "VBD" && /^[a-z]+$/.test(k)) out.add(k)
    lexiconPast = out
  }
  return lexiconPast.has(w)
}
/** the cache of the document being read (set by tenseCues with the sentence's words) */
let currentMarks: MarkCache = new Map()
const MARK_CACHE_MAX = 50_000
/** what words mark alone, kept for the documents of one configuration (`DocContext.memo`) */
export type MarkCache = Map<string, Mark>
const markOfWord = (w: string, cache: MarkCache): Mark => {
  let mark = cache.get(w)
  if (mark === undefined) {
    mark = markAlone(w, undefined)
    if (cache.size >= MARK_CACHE_MAX) cache.clear()
    cache.set(w, mark)
  }
  return mark
}
const markAlone = (w: string, next: string | undefined): Mark => {
  if (FUTURE_AUX.has(w)) return "future"
  if (SCHEDULED.has(w) && (next === "to" || next === "for")) return "future"
  if (w === "going" && next === "to") return "future"
  if (PAST_AUX.has(w)) return "past"
  if (PRESENT_AUX.has(w)) return "present"
  // "planning", "hoping", "preparing": verbs of intending in -ing, a plan after a form of "be" (groupTense)
  if (INTENDING.has(w) && w.endsWith("ing")) return "present"
  if (IRREGULAR_PAST.has(w)) return "past"
  if (/^[a-z]{2,}ed$/.test(w) && !NOT_PAST.has(w)) return "past"
  // any other English word the lexicon (Brill's, the `brill` package) reads most often as a past tense ("upheld",
  // "oversaw", "mistook"). Its presents are left unread: read as presents they set a schedule's date ahead ("the fair
  // closes on Sunday", right, but counted by bench:dates as a date after publication without a future cue), and read as
  // verbs without tense they set such dates in the past; see the README
  if (isLexiconPast(w)) return "past"
  // the Russian forms below are written in Cyrillic
  if (w.charCodeAt(0) < 0x400) return null
  if (RU_FUTURE.test(w)) return "future"
  if (RU_NONPAST.test(w) && !RU_NOT_VERB.has(w)) return "present"
  if (RU_PAST.test(w) && !RU_NOT_PAST.has(w)) return "past"
  if (RU_PAST_COPULA.has(w)) return "past"
  return null
}

/**
 * The tense of a verb group whose verb is words[i]: a future auxiliary or scheduling participle among the few words
 * before it wins ("will be held", "is expected to visit"), then what the verb itself marks; "is/are to" is future.
 */
const groupTense = (words: ReadonlyArray<Word>, i: number): Mark => {
  const word = words[i]!.n
  let own = markAt(words, i)
  // "the proposed merger", "a yet undisclosed sum": a participle after a determiner is an adjective
  if (own === "past" && /ed$/.test(word) && (/^un/.test(word) || isAttributive(words, i))) return null
  // "is scheduled for Friday", "planned to meet": what is planned lies ahead; "planned a rally" is the past act
  const afterBe = BE_OR_HAVE.has(words[i - 1]?.n ?? "")
  if (PLANNED.has(word) && (afterBe || (!INTENDING.has(word) && /^(?:to|for)$/.test(words[i + 1]?.w ?? "")))) own = "future"
  if (INTENDING.has(word) && afterBe) own = "future"
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    const w = words[j]!.n
    if (isBoundary(w)) break
    // "to be published", "to sign": an infinitive has no tense of its own; the finite verb before it decides
    if (w === "to") return own === "future" ? "future" : null
    const m = markAt(words, j)
    if (m === "future") return "future"
    if (m === null && !LINKING.has(w)) break
    if (m !== null && own !== "future") {
      // has/have + participle: the present perfect takes no date of its own event ("has set Nov. 10 as the deadline")
      if (m === "present" && own === "past") return "present"
      return m
    }
  }
  if (own === "present" && words[i + 1]?.w === "to") return "future" // "is to sign", "are to meet"
  return own
}

const BE_OR_HAVE = new Set(["is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "has", "have", "had", "'ve"])
const DETERMINERS = new Set(["a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your", "any", "some", "each", "every", "no"])
/** a word after a determiner (adverbs between): "the recently announced plan" */
const isAttributive = (words: ReadonlyArray<Word>, i: number) => {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const w = words[j]!.w
    if (DETERMINERS.has(w)) return true
    if (!/ly$/.test(w) && !LINKING.has(w)) return false
  }
  return false
}

/** "to" before a verb, not before a noun phrase ("fell to a low", "to 3.8 percent", "to Paris") */
const isInfinitive = (words: ReadonlyArray<Word>, i: number) => {
  const next = words[i + 1]
  return next !== undefined && !next.cap && !DETERMINERS.has(next.w) && /^[a-z]/.test(next.w) && !isBoundary(next.w)
}

/** a third-person present verb ("reconvenes", "opens", "expires") */
const PRESENT_S = /^[a-z]{3,}(?:es|[^su]s)$/
const NOT_PRESENT_S = new Set(["this", "its", "his", "hers", "ours", "yours", "theirs", "was", "has", "does", "is", "thus", "plus", "bonus", "campus", "census", "status", "news", "series", "species", "sales", "shares", "prices", "rates", "times", "days", "weeks", "months", "years", "hours", "holders", "results", "earnings", "elections", "talks", "games", "dues", "fees", "taxes", "costs", "losses", "profits", "orders", "levels", "figures", "forces", "troops", "officials", "experts", "analysts", "records", "terms", "plans", "events", "sessions", "issues", "notes", "bonds", "funds", "stocks", "loans", "assets", "goods", "services", "products"])

/** verbs of saying: the clause after them is what was said */
const REPORTING = new Set(["said", "says", "say", "told", "tells", "announced", "added", "reported", "stated", "noted", "warned", "claimed", "insisted", "argued", "predicted", "confirmed", "explained", "wrote", "believed", "believes", "thought", "estimated", "заявил", "заявила", "заявили", "сказал", "сказала", "сказали", "сообщил", "сообщила", "сообщили", "отметил", "отметила", "отметили", "добавил", "добавила", "подчеркнул", "подчеркнула", "пояснил", "пояснила"])

/** words that may stand between a verb and the date it governs ("was signed on", "died early in") */
const NEAR_SKIP = new Set(["on", "in", "at", "since", "of", "the", "early", "late", "mid", "last", "this", "until", "till", "through", "by", "from", "to", "as", "recently", "also", "again", "only", "first"])
/** cues anywhere in a sentence that it is about the future */
const FUTURE_CUE =
  /\b(?:will|won't|wo n't|'ll|shall|going to|(?:is|are|was|were) (?:scheduled|expected|due|set|slated|planned|supposed|likely) to|scheduled for|planning to|upcoming|is to|are to|to be held|payable|(?:plans?|intends?|expects?|aims?) to)\b|(?:^|[^\p{L}])(?:будет|будут|станет|планиру|намерен|собира|предстоит|состоится|пройд[её]т)/iu

/**
 * Words that make a sentence habitual, about what recurs rather than one occasion ("the river usually floods in
 * March", "prices tend to peak in December", "each year in July"): a month or a day named in it recurs every year.
 */
const HABITUAL =
  /\b(?:usually|typically|generally|normally|traditionally|customarily|habitually|tends? to|tended to|every year|each year|annually|year after year|most years|in a typical year|as a rule)\b|(?:^|[^\p{L}])(?:обычно|как правило|ежегодно|каждый год|каждую весну|каждое лето|каждую осень|каждую зиму)/iu
/** whether the sentence around [s, e) of paragraph p is habitual (`HABITUAL`) */
export const isHabitual = (p: string, s: number, e: number): boolean => {
  const { a, b } = sentenceBounds(p, s, e)
  return HABITUAL.test(p.slice(a, b + 1))
}

export interface TenseCues {
  /** the tense of a verb group right next to the date (a few prepositions or articles between), if any */
  readonly near: Tense
  /** the tense of the nearest verb group of the clause (left first, then right in the sentence, then left across commas) */
  readonly clause: Tense
  /** the tense of the nearest finite verb to the left within the clause; unknown when an infinitive ("to acquire") comes first */
  readonly clauseLeft: Tense
  /** the tense found by the scans of `clause` that do not look right of the date, unless the date opens the sentence */
  readonly governing: Tense
  /** the date opens its sentence (only prepositions and the like before it) */
  readonly opening: boolean
  /** an infinitive heads the date's clause ("agreed to buy the line in February"): its event lies ahead of the verb's */
  readonly infinitive: boolean
  /** the sentence has a cue that it is about the future (will, is expected to, next, payable, будет) */
  readonly futureCue: boolean
}

/** The tense cues around [s, e) of paragraph p. */
/** the words of the last sentence read: the dates of one sentence share them */
let lastSentence: { p: string; a: number; b: number; words: Array<Word> } | null = null

/** the words from i to j (exclusive) are all words that may stand between a verb and its date */
const onlyNearSkip = (words: ReadonlyArray<Word>, i: number, j: number): boolean => {
  for (let k = i; k < j; k++) if (!NEAR_SKIP.has(words[k]!.w)) return false
  return true
}
/** the tense of the verb group at word i; null for a word that is no verb, or an infinitive (no tense of its own) */
const verbAt = (words: ReadonlyArray<Word>, i: number): Tense | null => (markAt(words, i) === null ? null : groupTense(words, i))

export const tenseCues = (p: string, s: number, e: number, marks: MarkCache): TenseCues => {
  const { a, b } = sentenceBounds(p, s, e)
  if (!lastSentence || lastSentence.p !== p || lastSentence.a !== a || lastSentence.b !== b) lastSentence = { p, a, b, words: wordsOf(p, a, b) }
  currentMarks = marks // the marks of its words are read lazily (markAt), into this document's cache
  const words = lastSentence.words
  let first = 0
  while (first < words.length && words[first]!.s < s) first++
  let last = first
  while (last < words.length && words[last]!.s < e) last++
  let near: Tense = "unknown"
  for (let i = first - 1; i >= 0 && first - i <= 4; i--) {
    const t = verbAt(words, i)
    if (t) {
      near = t
      break
    }
    if (!NEAR_SKIP.has(words[i]!.w)) break
  }
  if (near === "unknown" && last < words.length) near = verbAt(words, last) ?? "unknown"
  // a verb in -s right before the date, with nothing between, is a present ("Congress reconvenes Jan. 24")
  if (near === "unknown" && first > 0 && words[first - 1]!.e >= s - 1 && PRESENT_S.test(words[first - 1]!.w) && !NOT_PRESENT_S.has(words[first - 1]!.w)) near = "present"
  let clauseLeft: Tense = "unknown"
  let infinitive = false
  for (let i = first - 1; i >= 0 && first - i <= 10; i--) {
    const w = words[i]!.w
    if (w === "to" && isInfinitive(words, i)) {
      // "is expected to resume", "is to reopen": the finite verb before the infinitive looks ahead; else the
      // infinitive's event is its own
      for (let j = i - 1; j >= 0 && i - j <= 3 && !isBoundary(words[j]!.w); j--) {
        if (verbAt(words, j) === "future") {
          clauseLeft = "future"
          break
        }
      }
      infinitive = clauseLeft !== "future"
      break
    }
    if (isBoundary(w)) break
    const t = verbAt(words, i)
    if (t) {
      clauseLeft = t
      break
    }
  }
  let clause: Tense = "unknown"
  let fromRight = false
  search: {
    // left, within the clause; a reporting verb with words between it and the date ("said the talks resume
    // Thursday") governs the report, not the date: the date belongs to the reported clause, whose verb we did not see
    for (let i = first - 1; i >= 0 && first - i <= 8; i--) {
      if (isBoundary(words[i]!.w)) break
      const t = verbAt(words, i)
      if (t) {
        if (REPORTING.has(words[i]!.n) && !onlyNearSkip(words, i + 1, first)) break search
        clause = t
        break search
      }
    }
    // right, within the sentence (an opening phrase: "On Tuesday, the council voted")
    for (let i = last; i < words.length && i - last < 12; i++) {
      const t = verbAt(words, i)
      if (t) {
        clause = t
        fromRight = true
        break search
      }
    }
    // left, across commas; an infinitive or a gerund on the way ("agreed to acquire the bank in January", "by
    // setting a Jan. 14 date") heads the date's own clause, whose tense is not the finite verb's
    for (let i = first - 1; i >= 0 && first - i <= 16; i--) {
      const w = words[i]!.w
      if ((w === "to" && isInfinitive(words, i)) || (/^[a-z]{3,}ing$/.test(w) && !/^(?:during|morning|evening|thing|king|spring|string|ring|wing|sing|bring|nothing|something|anything|everything)$/.test(w))) break
      const t = verbAt(words, i)
      if (t) {
        clause = t
        break search
      }
    }
  }
  // a date in an opening phrase ("In January, the firm ...") belongs to the main clause that follows it
  let opening = true
  for (let i = 0; i < first && opening; i++) opening = isBoundary(words[i]!.w) || NEAR_SKIP.has(words[i]!.w)
  const governing = fromRight && !opening ? "unknown" : clause
  return new Cues(near, clause, clauseLeft, governing, opening, infinitive, p, a, b)
}

class Cues implements TenseCues {
  constructor(
    readonly near: Tense,
    readonly clause: Tense,
    readonly clauseLeft: Tense,
    readonly governing: Tense,
    readonly opening: boolean,
    readonly infinitive: boolean,
    private readonly p: string,
    private readonly a: number,
    private readonly b: number
  ) {}
  // read only when the verbs leave the tense open
  get futureCue(): boolean {
    return FUTURE_CUE.test(this.p.slice(this.a, this.b + 1))
  }
}
