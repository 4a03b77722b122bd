/**
 * What kind of page an article is: a news article (an agency dateline or credit), a blog post (blog or comment
 * furniture), or a page (too little text to say). Pure.
 */
import type { DocKind } from "../../model.js"
import type { Decision } from "./context.js"
import type { Line } from "./lines.js"

/** an agency dateline or credit in capitals: "WASHINGTON (AP)", "MOSCOW, March 3 (Reuters)" */
const AGENCY_DATELINE_RE = /^[\p{Lu}][\p{Lu} .,-]{2,40}\b.{0,40}\(?(?:AP|AFP|Reuters|TASS|UPI|dpa)\)?/u
/** an agency's code between slashes: "/AFP/", "/ITAR-TASS/." */
const AGENCY_SLASHES_RE = /\/[A-Z]{2,8}\/\.?/
/** a line whose second character is a lower-case ASCII letter (most lines) is no dateline: not read with the pattern */
const mayBeDateline = (s: string): boolean => {
  const c = s.charCodeAt(1)
  return !(c >= 97 && c <= 122) && AGENCY_DATELINE_RE.test(s)
}

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
    if (mayBeDateline(l.core) || (l.core.includes("/") && AGENCY_SLASHES_RE.test(l.core))) newsSignals++
  }
  if (words < 60) return "page"
  if (newsSignals > 0) return "news_article"
  if (blogSignals > 0) return "blog_post"
  return "news_article"
}
