/**
 * Dates stage: the date mentions of one cleaned document, its publication date and its dateline. Pure.
 *
 * The steps, each in its own module, with a per-document context (`DocContext`: input, config, body, paragraphs,
 * code point offsets) passed between them:
 *   1. triggers.ts  one linear scan of the body finds trigger tokens (month and weekday names, year-like numbers, the
 *                   head words of relative dates, event names) and cuts windows of a paragraph around them;
 *   2. grammar.ts   reads each window: chrono-node (chrono.ts) for written calendar dates, the stage's own grammar for
 *                   what chrono leaves, and Russian by grammar-ru.ts when the document is Russian; overlapping
 *                   candidates keep the longest;
 *   3. page-date.ts the dateline, then the publication date (stated metadata > the clean stage's hint > a dateline with
 *                   a year > a page date line above the main run of prose), which is the reference date (else the
 *                   caller's `referenceDate`);
 *   4. anchor.ts    every candidate resolved against the reference, by the tense of the verb group that governs it
 *                   (tense.ts), recording what was inferred (`resolution`) and from what (`anchor`: "published
 *                   2022-02-17", "event September 11 attacks");
 *   5. calendar.ts  the values (ISO 8601 at the precision the text states) and the days they cover.
 * The year of a weekday or of a date written without its year comes from the tense of the verb group that governs it
 * (tense.ts, anchor.ts); nothing is placed after the publication date unless its sentence points there. Values are
 * ISO 8601 at the precision the text states, with TimeML's extensions (calendar.ts lists them), and keep only what the
 * text states: chrono's implied parts are never read, and nothing is ever taken from the clock. With no reference date
 * a yearless day stays `--MM-DD`, a yearless month `--MM`, and a relative date empty.
 */
import { resolveCandidates } from "./anchor.js"
import { intervalOf, parseIso, precisionOf } from "./calendar.js"
import { chronoLanguage } from "./chrono.js"
import { bodyCandidates } from "./grammar.js"
import { choosePublished, commentDates, findDateline } from "./page-date.js"
import { codePointMap, paragraphs } from "./text.js"
import type { DateMention, DatesConfig, DatesInput, DatesResult, DocContext, StageMemo } from "./types.js"

export type { DateMention, DatesConfig, DatesInput, DatesResult } from "./types.js"
export { parseIso, precisionOf } from "./calendar.js"

/** The language whose grammar reads the body besides English: the primary subtag of the document's tag ("ru-RU" -> ru). */
const grammarLanguage = (tag: string | null): string => {
  const primary = (tag ?? "").toLowerCase().split(/[-_]/)[0] ?? ""
  return primary === "ru" || chronoLanguage(primary) ? primary : "en"
}

const memos = new WeakMap<DatesConfig, StageMemo>()
const memoOf = (config: DatesConfig): StageMemo => {
  let memo = memos.get(config)
  if (!memo) memos.set(config, (memo = { marks: new Map(), intervals: new Map() }))
  return memo
}

export const resolveDates = (input: DatesInput, config: DatesConfig): DatesResult => {
  const body = input.cleaned.body
  const doc: DocContext = { input, config, lang: grammarLanguage(input.language), body, paras: paragraphs(body), cp: codePointMap(body), memo: memoOf(config) }

  // pass 1: candidates in the windows around trigger tokens, then the dateline and the publication date
  const cands = bodyCandidates(doc)
  const { dateline, placeOnly } = findDateline(doc, cands)
  const published = choosePublished(doc, cands, dateline)
  const ref = published ? parseIso(published.value, "published") : parseIso(input.referenceDate, "reference")

  // pass 2: every candidate resolved against the reference
  const resolved = resolveCandidates(doc, cands, { dateline, published, ref })
  const publishedInterval = { earliest: intervalOf(published?.value ?? null)?.earliest ?? null, latest: intervalOf(published?.value ?? null)?.latest ?? null }
  const publishedMention: ReadonlyArray<DateMention> = published
    ? [
        {
          text: published.text,
          start: published.s < 0 ? -1 : doc.cp(published.s),
          end: published.e < 0 ? -1 : doc.cp(published.e),
          value: published.value,
          precision: precisionOf(published.value),
          ...publishedInterval,
          modifier: null,
          role: "published",
          resolution: "explicit",
          anchor: null
        }
      ]
    : []

  return {
    published: published ? { value: published.value, precision: precisionOf(published.value)!, ...publishedInterval } : null,
    dateline: dateline ? { place: dateline.place, value: resolved.datelineValue } : placeOnly ? { place: placeOnly, value: null } : null,
    mentions: [...publishedMention, ...resolved.mentions],
    commentDates: commentDates(doc)
  }
}
