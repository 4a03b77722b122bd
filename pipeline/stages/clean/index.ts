/**
 * Clean stage: one raw text in, its content and the audit trail of what was dropped out. Pure.
 *
 * How it decides (text only, no HTML), one module per phase:
 *  1. lines.ts: every line is a unit (a `w3m -dump` page puts one paragraph, list item or menu entry on a line) with
 *     features in the spirit of jusText/boilerpipe: word count, stopword density, sentence punctuation, capitalised
 *     share, digits, link-like text, bullets, repetition across the page and the shape of its block.
 *  2. rules.ts: the chrome families of the rules file (data/clean-rules.yaml) mark lines as chrome, as the start of an
 *     end zone (comments, related lists, footers), as forum post headers, dates or bylines.
 *  3. forum.ts: a page whose forum post headers recur is a thread.
 *  4. segment.ts: each line gets a content score (positive for running text, negative for chrome); the main content
 *     is the span of lines with the highest total (a maximum-sum segment), so menus before and footers after fall
 *     away while short headings and list items between paragraphs stay; neighbouring spans of clear prose are added
 *     when the gap between them is small. Then each line is kept or dropped, with its reason.
 *  5. title.ts: the headline; byline.ts: the bylines as authors.
 *  6. page-date.ts: the line that states when the page was published, for the dates stage.
 *  7. forum.ts: a thread keeps every post: the first post is the body, the others become comments, their headers
 *     (user, rank, join date, counters) and signatures dropped.
 */
import type { DocKind } from "../../model.js"
import { findBylines } from "./byline.js"
import { newContext, type CleanContext, type CleanResult, type CleanSource, type RemovedLine } from "./context.js"
import { detectThread, spanThread, splitThread } from "./forum.js"
import { decideKind } from "./kind.js"
import { measureLines } from "./lines.js"
import { findPublishedHint } from "./page-date.js"
import { compileRules, markRules, type CleanRules } from "./rules.js"
import { decideLines, findMainText, scoreLines } from "./segment.js"
import { findTitle } from "./title.js"

export type { CleanedComment, CleanResult, CleanSource, PublishedHint, RemovedLine } from "./context.js"
export { normaliseAuthor } from "../text.js"

export const cleanText = (text: string, rules: CleanRules, source: CleanSource = {}): CleanResult => {
  const lines = measureLines(text)
  markRules(lines, compileRules(rules))
  const ctx = newContext(lines, detectThread(lines), source)
  scoreLines(ctx)
  findMainText(ctx)
  if (ctx.forum) spanThread(ctx)
  decideLines(ctx)
  findTitle(ctx)
  findBylines(ctx)
  findPublishedHint(ctx)
  if (ctx.forum) splitThread(ctx)
  else ctx.bodyIdx = keptIndices(ctx.decisions)
  return result(ctx)
}

/** the indices of the kept lines, in order (a loop: flatMap would make an array per line) */
const keptIndices = (decisions: ReadonlyArray<{ readonly keep: boolean }>): Array<number> => {
  const out: Array<number> = []
  for (let i = 0; i < decisions.length; i++) if (decisions[i]!.keep) out.push(i)
  return out
}

const result = (ctx: CleanContext): CleanResult => {
  const { lines: present, decisions, forum, bodyIdx } = ctx
  const removed: Array<RemovedLine> = []
  decisions.forEach((d, i) => {
    if (!d.keep) removed.push({ line_no: present[i]!.no, text: present[i]!.text, reason: d.reason || "dropped" })
  })
  removed.sort((a, b) => a.line_no - b.line_no)

  const kind: DocKind = forum
    ? "forum_thread"
    : bodyIdx.length === 0
      ? "page"
      : decideKind(present, decisions)

  return {
    title: ctx.title,
    authors: ctx.authors,
    kind,
    body: bodyIdx.map((i) => present[i]!.text).join("\n\n"),
    comments: ctx.comments,
    removed,
    publishedHint: ctx.publishedHint
  }
}
