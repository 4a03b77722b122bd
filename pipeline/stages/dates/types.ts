/** The stage's input and output, the candidates the grammar finds, and the per-document context passed between steps. */
import type { DateModifier, DatePrecision, DateResolution, DateRole } from "../../model.js"
import type { CleanResult } from "../clean.js"

export interface DatesConfig {
  /** named events used as dates, e.g. "September 11 attacks" -> 2001-09-11 */
  readonly events: ReadonlyArray<{ readonly name: string; readonly value: string }>
  /**
   * also report vague temporal references ("now", "recently", "the future", decades) as mentions with an empty value
   * (default false: they carry no calendar value; the TempEval benchmark scores both ways)
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

export interface DateMention {
  readonly text: string
  /** offsets into cleaned.body in Unicode code points; -1 when the date is outside the body */
  readonly start: number
  readonly end: number
  readonly value: string | null
  readonly precision: DatePrecision | null
  readonly modifier: DateModifier | null
  readonly role: DateRole
  readonly resolution: DateResolution
  readonly anchor: string | null
}

export interface DatesResult {
  readonly published: { readonly value: string; readonly precision: DatePrecision } | null
  readonly dateline: { readonly place: string | null; readonly value: string | null } | null
  readonly mentions: ReadonlyArray<DateMention>
  /** posted dates of cleaned.comments, same order, ISO 8601 at precision or null */
  readonly commentDates: ReadonlyArray<string | null>
}

export type Kind =
  | { readonly k: "full"; readonly y: number; readonly m: number | null; readonly d: number | null } // year written
  | { readonly k: "yearless"; readonly m: number; readonly d: number; readonly wd?: number } // month + day (+ weekday) written
  | { readonly k: "month"; readonly m: number; readonly rel: "last" | "next" | "this" | null } // month alone
  | { readonly k: "weekday"; readonly wd: number; readonly rel: "last" | "next" | "this" | null }
  | { readonly k: "days"; readonly n: number } // today / yesterday / N days ago
  | { readonly k: "unit"; readonly unit: "week" | "weekend" | "month" | "year" | "quarter"; readonly n: number } // last year, this month, 2 years ago
  | { readonly k: "quarter"; readonly q: number; readonly y: number | null; readonly shift: number } // third quarter (of 1989), the year-ago quarter
  | { readonly k: "season"; readonly season: string; readonly y: number | null; readonly rel: "last" | "next" | "this" | null }
  | { readonly k: "event"; readonly value: string; readonly name: string }
  | { readonly k: "vague" } // now, recently, the 1990s: no calendar value
  | { readonly k: "monthOfYear"; readonly m: number; readonly n: number } // June last year
  | { readonly k: "latestQuarter"; readonly back: boolean; readonly yearBack: number } // the latest quarter, the year-ago quarter
  | { readonly k: "holiday"; readonly name: string; readonly day: (y: number) => { m: number; d: number } }
  | { readonly k: "anaphor"; readonly unit: "day" | "month" | "year" } // that year, later that day: an earlier date of the text

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
  readonly body: string
  readonly paras: ReadonlyArray<Paragraph>
  /** UTF-16 index of the body -> Unicode code point offset */
  readonly cp: (i: number) => number
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
