/**
 * What kind of page an article is: a news article (an agency dateline or credit), a blog post (blog or comment
 * furniture), or a page (too little text to say). Pure.
 */
import type { DocKind } from "../../model.js"
import type { Decision } from "./context.js"
import type { Line } from "./lines.js"

export const decideKind = (lines: ReadonlyArray<Line>, decisions: ReadonlyArray<Decision>): DocKind => {
  let words = 0
  let blogSignals = 0
  let newsSignals = 0
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (decisions[i]!.keep) words += l.words
    const r = l.rule
    if (r?.family === "comments" && /blog|comment/i.test(r.id)) blogSignals++
    if (l.words < 12 && /\b(?:blog|posted by|blogger|wordpress)\b/i.test(l.core)) blogSignals++
    if (/^[\p{Lu}][\p{Lu} .,-]{2,40}\b.{0,40}\(?(?:AP|AFP|Reuters|TASS|UPI|dpa)\)?/u.test(l.core) || /\/[A-Z]{2,8}\/\.?/.test(l.core)) newsSignals++
  }
  if (words < 60) return "page"
  if (newsSignals > 0) return "news_article"
  if (blogSignals > 0) return "blog_post"
  return "news_article"
}
