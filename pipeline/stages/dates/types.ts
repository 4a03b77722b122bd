/** The stage's input and output, the candidates the grammar finds, and the per-document context passed between steps. */
import type { DateModifier, DatePrecision, DateRow } from "../../model.js"
import type { CleanResult } from "../clean/index.js"
import type { PartOfDay, Season, VagueRef } from "./calendar.js"
import type { MarkCache } from "./tense.js"

export interface DatesConfig {
  /** named events used as dates, e.g. "September 11 attacks" -> 2001-09-11 */
  readonly events: ReadonlyArray<{ readonly name: string; readonly value: string }>
  /**
   * also report vague references to the present, past and future ("now", "recently", "the future") with the values
   * PRESENT_REF, PAST_REF and FUTURE_REF, and relative expressions whose anchor is unknown ("three days later") with an
   * empty value (pipeline.yaml `dates.vague`, default false: none of them covers known calendar days)
   */
  readonly vague?: boolean
}

export interface DatesInput {
  readonly cleaned: CleanResult
  /** a publication date the source metadata states (ISO 8601 at its precision); it wins over anything inferred */
  readonly statedPublished: string | null
  /** the reference date to anchor relative and yearless dates when nothing in the text gives one (benchmarks set this) */
  readonly referenceDate: string | null
  /** the document's BCP 47 language tag, null when unknown */
  readonly language: string | null
}

/**
 * One date of the document: a row of the dates table without its doc_id (offsets into cleaned.body in Unicode code
 * points, -1 when the date is outside the body; earliest and latest null when the value has no known year).
 */
export type DateMention = Omit<DateRow, "doc_id">

export interface DatesResult {
  readonly published: { readonly value: string; readonly precision: DatePrecision; readonly earliest: string | null; readonly latest: string | null } | null
  readonly dateline: { readonly place: string | null; readonly value: string | null } | null
  readonly mentions: ReadonlyArray<DateMention>
  /** posted dates of cleaned.comments, same order, ISO 8601 at precision or null */
  readonly commentDates: ReadonlyArray<string | null>
}

export type Rel = "last" | "next" | "this" | null

/** What a candidate says, before it is resolved against the reference date. */
export type Kind =
  | { readonly k: "full"; readonly y: number; readonly m: number | null; readonly d: number | null; readonly pod?: PartOfDay } // year written
  | { readonly k: "yearless"; readonly m: number; readonly d: number; readonly wd?: number; readonly pod?: PartOfDay } // month + day (+ weekday) written
  | { readonly k: "month"; readonly m: number; readonly rel: Rel } // month alone
  /** `fromFocus`: "the previous Friday", "the following Monday", counted from the day named just before (else from the reference) */
  | { readonly k: "weekday"; readonly wd: number; readonly rel: Rel; readonly pod?: PartOfDay; readonly fromFocus?: "before" | "after" }
  | { readonly k: "days"; readonly n: number; readonly pod?: PartOfDay; readonly anaphoric?: Anaphoric } // today / yesterday / N days ago, tonight
  | { readonly k: "unit"; readonly unit: CalendarUnit; readonly n: number; readonly anaphoric?: Anaphoric } // last year, this month, 2 years ago
  | { readonly k: "quarter"; readonly q: number; readonly y: number | null; readonly shift: number } // third quarter (of 1989), last year's fourth quarter
  | { readonly k: "half"; readonly h: number; readonly y: number | null; readonly shift: number } // the first half (of 1990)
  | { readonly k: "season"; readonly season: Season; readonly y: number | null; readonly rel: Rel }
  | { readonly k: "decade"; readonly first: number; readonly century: boolean } // the 1990s; "the nineties" (century: false, its century inferred)
  | { readonly k: "century"; readonly hundreds: number } // the 20th century -> 19
  | { readonly k: "event"; readonly value: string; readonly name: string }
  | { readonly k: "vague"; readonly ref: VagueRef | null } // now, recently, the future; null: no calendar value ("three days later")
  | { readonly k: "monthOfYear"; readonly m: number; readonly n: number } // June last year
  /** the latest quarter, the year-ago quarter; discussed: the quarter the text has named, when there is one; year: "the 1988 quarter" */
  | { readonly k: "latestQuarter"; readonly back: boolean; readonly yearBack: number; readonly discussed?: boolean; readonly year?: number }
  | { readonly k: "weekOf"; readonly day: Extract<Kind, { k: "full" | "yearless" }> } // the week of May 12
  /** "a year ago Tuesday", "ten years ago today": an anniversary, the day near the reference that many years back */
  | { readonly k: "yearsBefore"; readonly years: number; readonly day: Extract<Kind, { k: "weekday" | "days" | "yearless" }> }
  | { readonly k: "weekend"; readonly coming: boolean } // "the weekend", "this weekend": the last one or the next one, by tense
  | { readonly k: "yearAgo"; readonly n: number; readonly anaphoric?: Anaphoric } // a year ago, a year earlier: the period under discussion, a year back
  | { readonly k: "holiday"; readonly name: string; readonly day: (y: number) => { m: number; d: number } }
  | { readonly k: "anaphor"; readonly unit: "day" | "month" | "year" } // that year, later that day: an earlier date of the text

/**
 * counted from the date the text has just named, not from the reference ("three days later", "the following year",
 * TimeML's temporal focus); with none named before, from the reference ("reference") or no value ("none")
 */
export interface Anaphoric {
  readonly fallback: "reference" | "none"
}

export type CalendarUnit = "week" | "weekend" | "month" | "year" | "quarter" | "half" | "decade" | "century"

export interface Cand {
  s: number // UTF-16 offsets in the body
  e: number
  kind: Kind
  modifier: DateModifier | null
  /** lower number wins ties between overlapping candidates of equal length */
  prio: number
}

/** how a grammar rule records a candidate (offsets relative to the text it reads) */
export type Add = (s: number, e: number, kind: Kind, prio: number, modifier?: DateModifier | null) => void

export interface Paragraph {
  /** UTF-16 offset of the paragraph in the body */
  readonly s: number
  readonly text: string
}

/** What every step reads about one document. */
export interface DocContext {
  readonly input: DatesInput
  readonly config: DatesConfig
  /** the grammar the body is read with besides English: "ru", another chrono-node locale, or "en" */
  readonly lang: string
  readonly body: string
  readonly paras: ReadonlyArray<Paragraph>
  /** UTF-16 index of the body -> Unicode code point offset */
  readonly cp: (i: number) => number
  /** what is kept between the documents of one configuration (a build): see `StageMemo` */
  readonly memo: StageMemo
}

/**
 * Results kept between documents read with one configuration object (a build passes the same one to every document;
 * each keeps a few thousand entries at most): what each word marks for tense, and the days each value covers.
 */
export interface StageMemo {
  readonly marks: MarkCache
  readonly intervals: Map<string, { readonly earliest: string; readonly latest: string } | null>
}

/** a candidate of the body: offsets into the body, and the paragraph it was found in */
export type BodyCand = Cand & { readonly para: number }

export interface Dateline {
  readonly place: string
  readonly s: number
  readonly e: number
  readonly kind: Kind
}

/** the publication date chosen, with where it was read (-1 offsets: outside the body) */
export interface Published {
  readonly value: string
  readonly s: number
  readonly e: number
  readonly text: string
  readonly source: string
}
