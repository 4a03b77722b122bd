/**
 * Dates stage: date mentions of one cleaned document, its publication date and dateline. Pure.
 * (Foundation version: finds nothing; the real logic lands with the dates issue. Columns stay empty, never guessed.)
 */
import type { DateModifier, DatePrecision, DateResolution, DateRole } from "../model.js"
import type { CleanResult } from "./clean.js"

export interface DatesConfig {
  /** named events used as dates, e.g. "September 11 attacks" -> 2001-09-11 */
  readonly events: ReadonlyArray<{ readonly name: string; readonly value: string }>
}

export interface DatesInput {
  readonly cleaned: CleanResult
  /** a publication date the source metadata states (ISO 8601 at its precision); it wins over anything inferred */
  readonly statedPublished: string | null
  /** the reference date to anchor relative and yearless dates when nothing in the text gives one (benchmarks set this) */
  readonly referenceDate: string | null
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

export const resolveDates = (input: DatesInput, _config: DatesConfig): DatesResult => ({
  published: input.statedPublished ? { value: input.statedPublished, precision: precisionOf(input.statedPublished) } : null,
  dateline: null,
  mentions: [],
  commentDates: input.cleaned.comments.map(() => null)
})

export const precisionOf = (iso: string): DatePrecision =>
  iso.startsWith("--") ? "day_of_year_unknown" : iso.length === 4 ? "year" : iso.length === 7 ? "month" : "day"
