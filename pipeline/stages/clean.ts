/**
 * Clean stage: one raw text in, its content and the audit trail of what was dropped out. Pure.
 * (Foundation version: keeps every non-blank line as content; the real classifier lands with the cleaning issue.)
 */
import type { DocKind } from "../model.js"
import type { CleanRules } from "./rules.js"

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

/** A line outside the body that states when the page was published (a page date, a thread's start line, a dated byline). */
export interface PublishedHint {
  readonly text: string
  readonly source: "page_date" | "thread_start" | "byline"
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

export const cleanText = (text: string, _rules: CleanRules): CleanResult => {
  const removed: Array<RemovedLine> = []
  const paragraphs: Array<string> = []
  text.split("\n").forEach((line, i) => {
    const folded = line.replace(/\s+/g, " ").trim()
    if (folded === "") return
    paragraphs.push(folded)
    void i
  })
  return { title: null, authors: [], kind: "page", body: paragraphs.join("\n\n"), comments: [], removed, publishedHint: null }
}
