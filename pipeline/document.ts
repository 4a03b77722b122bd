/**
 * The work on one document, as one pure function: clean → dates → entities, then the rows it contributes to each
 * table. Everything here is deterministic in its inputs, so results can be cached by content hash and run on any core.
 */
import type { CommentRow, DateRow, DocumentRow, MentionRow, RemovedLineRow } from "./model.js"
import { cleanText } from "./stages/clean/index.js"
import { detectLanguage } from "./stages/language.js"
import type { CleanRules } from "./stages/clean/rules.js"
import { resolveDates, type DatesConfig } from "./stages/dates/index.js"
import type { EntitiesInput, EntitiesResult, FoundEntity } from "./stages/entities/index.js"

/** What a scraper's sidecar `<name>.meta.json` may state; it wins over what the stages infer. */
export interface SourceMeta {
  readonly url?: string | undefined
  readonly retrieved_at?: string | undefined
  readonly publisher?: string | undefined
  readonly published_date?: string | undefined
  readonly language?: string | undefined
  readonly title?: string | undefined
  readonly authors?: ReadonlyArray<string> | undefined
}

export interface SourceText {
  readonly doc_id: string
  readonly source_path: string
  readonly sha256: string
  readonly text: string
  readonly meta: SourceMeta | null
}

export interface StageContext {
  readonly rules: CleanRules
  readonly dates: DatesConfig
  readonly findEntities: (input: EntitiesInput) => EntitiesResult
}

export interface DocumentResult {
  readonly document: DocumentRow
  readonly comments: ReadonlyArray<CommentRow>
  readonly dates: ReadonlyArray<DateRow>
  readonly mentions: ReadonlyArray<MentionRow>
  readonly removed_lines: ReadonlyArray<RemovedLineRow>
  readonly entities: ReadonlyArray<FoundEntity>
}

export type ProcessOutcome =
  | { readonly ok: true; readonly result: DocumentResult }
  | { readonly ok: false; readonly reason: string }

const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu

export const countWords = (text: string): number => {
  let n = 0
  for (const _ of text.matchAll(WORD)) n++
  return n
}

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export const processDocument = (source: SourceText, ctx: StageContext): ProcessOutcome => {
  const { doc_id } = source
  const meta = source.meta ?? {}
  const cleaned = cleanText(source.text, ctx.rules, { url: meta.url ?? null, retrieved_at: meta.retrieved_at ?? null })
  if (cleaned.body.trim() === "") return { ok: false, reason: "no text is left after cleaning" }
  // the scraper's word wins; otherwise the body's letters decide (null when they do not say clearly)
  const language = meta.language ?? detectLanguage(cleaned.body)

  const dated = resolveDates(
    { cleaned, statedPublished: meta.published_date ?? null, referenceDate: null, language },
    ctx.dates
  )
  const found = ctx.findEntities({ body: cleaned.body, authors: meta.authors ?? cleaned.authors, language })

  const comments: Array<CommentRow> = cleaned.comments.map((c, i) => ({
    doc_id,
    comment_no: c.comment_no,
    author: c.author,
    // a written date first; else the date a shown age points to from the capture time
    posted_date: dated.commentDates[i] ?? c.posted_date ?? null,
    body: c.body
  }))
  const dates: Array<DateRow> = dated.mentions
    .map((m) => ({ doc_id, ...m }))
    .sort((a, b) => a.start - b.start || codePointOrder(a.role, b.role))
  const mentions: Array<MentionRow> = found.mentions
    .map((m) => ({ doc_id, ...m }))
    .sort((a, b) => a.start - b.start || a.end - b.end)
  const removed_lines: Array<RemovedLineRow> = cleaned.removed
    .map((r) => ({ doc_id, ...r }))
    .sort((a, b) => a.line_no - b.line_no)

  // the dates stage already lets a stated publication date win over anything it infers
  const published = dated.published
  const document: DocumentRow = {
    doc_id,
    source_path: source.source_path,
    source_sha256: source.sha256,
    kind: cleaned.kind,
    title: meta.title ?? cleaned.title,
    authors: meta.authors ?? cleaned.authors,
    publisher: meta.publisher ?? null,
    published_date: published?.value ?? null,
    published_precision: published?.precision ?? null,
    published_earliest: published?.earliest ?? null,
    published_latest: published?.latest ?? null,
    dateline_place: dated.dateline?.place ?? null,
    dateline_date: dated.dateline?.value ?? null,
    language,
    url: meta.url ?? null,
    body: cleaned.body,
    word_count: countWords(cleaned.body),
    comment_count: comments.length,
    removed_line_count: removed_lines.length
  }
  return { ok: true, result: { document, comments, dates, mentions, removed_lines, entities: found.entities } }
}
