/**
 * What the clean stage returns, and the per-document context its phases pass along (see index.ts for the order).
 */
import type { DocKind } from "../../model.js"
import type { Line } from "./lines.js"

export interface CleanedComment {
  /** position in the page, from 1 */
  readonly comment_no: number
  readonly author: string | null
  /** the date as written in the comment's header, for the dates stage to normalise */
  readonly posted_text: string | null
  readonly body: string
}

export interface RemovedLine {
  /** line number in the raw text, from 1 */
  readonly line_no: number
  readonly text: string
  /** the rule id or classifier signal that dropped it */
  readonly reason: string
}

/**
 * What states when the page was published, outside the body: a page date line, a thread's start line, a dated
 * byline, or the date in the page's address (its text then the ISO date).
 */
export interface PublishedHint {
  readonly text: string
  readonly source: "page_date" | "thread_start" | "byline" | "url"
}

export interface CleanResult {
  readonly title: string | null
  readonly authors: ReadonlyArray<string>
  readonly kind: DocKind
  /** content paragraphs separated by one blank line, inner white space folded */
  readonly body: string
  readonly comments: ReadonlyArray<CleanedComment>
  readonly removed: ReadonlyArray<RemovedLine>
  readonly publishedHint: PublishedHint | null
}

/** What the source says about the page besides its text (a scraper's sidecar). */
export interface CleanSource {
  readonly url?: string | null | undefined
}

/** jusText's classes of a line: running text, nearly, a short fragment, chrome */
export type Klass = "good" | "near" | "short" | "bad"

export interface LineClass {
  readonly klass: Klass
  /** the signal that decided the class (kept as the reason when the line is dropped) */
  readonly signal: string
}

export interface Decision {
  keep: boolean
  reason: string
}

/** One document as the phases see it: each phase reads what earlier ones filled in and adds its own part. */
export interface CleanContext {
  /** the non-blank lines of the page, in order */
  readonly lines: ReadonlyArray<Line>
  /** the address the page was read from, when the source says it */
  readonly url: string | null
  /** a thread page: every post is kept, the first as the body, the others as comments */
  readonly forum: boolean
  /** the line naming the thread's starter ("... started by X, date", "Thread starter X") */
  readonly threadStart: Line | null
  klass: ReadonlyArray<LineClass>
  scores: Array<number>
  /** the first headline of a teaser list (headline, name and date, blurb, three times) */
  teaserStart: ReadonlyArray<boolean>
  /** lines inside the main text (before the line-by-line decisions) */
  inMain: Array<boolean>
  /** the maximum-sum segment: first and last line, total score */
  main: { readonly start: number; readonly end: number; readonly score: number }
  decisions: Array<Decision>
  /** the first kept line after the decisions, -1 when none */
  firstKept: number
  titleIdx: number
  title: string | null
  authors: Array<string>
  /** the byline's line, -1 when none */
  bylineIdx: number
  publishedHint: PublishedHint | null
  comments: Array<CleanedComment>
  /** the lines of the body (for a thread: the opening post's) */
  bodyIdx: Array<number>
}

export const newContext = (
  lines: ReadonlyArray<Line>,
  thread: { forum: boolean; threadStart: Line | null },
  source: CleanSource
): CleanContext => ({
  lines,
  url: source.url ?? null,
  forum: thread.forum,
  threadStart: thread.threadStart,
  klass: [],
  scores: [],
  teaserStart: [],
  inMain: [],
  main: { start: 0, end: -1, score: -Infinity },
  decisions: [],
  firstKept: -1,
  titleIdx: -1,
  title: null,
  authors: [],
  bylineIdx: -1,
  publishedHint: null,
  comments: [],
  bodyIdx: []
})
