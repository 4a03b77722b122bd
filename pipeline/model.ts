/**
 * The record types of every table of a release: the one source from which the CSV header, the Arrow schema,
 * the Frictionless Table Schemas in schemas/ and the row validation are all derived.
 */

export type ColumnType = "string" | "int32" | "int64" | "bool" | "date" | "timestamp" | "list"

export interface Column {
  readonly name: string
  readonly type: ColumnType
  readonly description: string
  /** false when every row has a value; missing values are written as the empty string in CSV and null in Arrow */
  readonly required: boolean
  readonly enum?: ReadonlyArray<string>
  /** a regular expression the value matches (Frictionless constraint), for ISO 8601 dates at their precision */
  readonly pattern?: string
}

export interface ForeignKey {
  readonly fields: ReadonlyArray<string>
  readonly reference: { readonly resource: TableName; readonly fields: ReadonlyArray<string> }
}

export interface TableSpec {
  readonly name: TableName
  readonly title: string
  readonly description: string
  readonly columns: ReadonlyArray<Column>
  readonly primaryKey: ReadonlyArray<string>
  readonly foreignKeys: ReadonlyArray<ForeignKey>
}

export const DOC_KINDS = ["news_article", "blog_post", "forum_thread", "page"] as const
export type DocKind = (typeof DOC_KINDS)[number]
export const ENTITY_TYPES = ["person", "organization", "place"] as const
export type EntityType = (typeof ENTITY_TYPES)[number]
export const DATE_ROLES = ["published", "dateline", "mentioned"] as const
export type DateRole = (typeof DATE_ROLES)[number]
/** the granularity of a date value, from the coarsest; vague: PRESENT_REF, PAST_REF, FUTURE_REF */
export const DATE_PRECISIONS = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "part_of_day", "vague"] as const
export type DatePrecision = (typeof DATE_PRECISIONS)[number]
export const DATE_RESOLUTIONS = ["explicit", "year_inferred", "relative"] as const
export type DateResolution = (typeof DATE_RESOLUTIONS)[number]
export const DATE_MODIFIERS = ["start", "mid", "end", "approximate"] as const
export type DateModifier = (typeof DATE_MODIFIERS)[number]

/** ISO 8601 at its stated precision: 2016, 2014-12, 2022-02-17, --12-26 (a day whose year is unknown) */
export const ISO_PARTIAL_DATE_PATTERN = "^(\\d{4}(-\\d{2}(-\\d{2})?)?|--\\d{2}-\\d{2})$"
/**
 * A date value as temporal taggers write it (ISO 8601 with TimeML's extensions): 2022-02-17, 2014-12, 2016, 1998-Q3,
 * 1998-H1, 1998-SU, 1998-W08, 1998-W08-WE, 199X (a decade), 19 (a century), 2000-01-05TEV (a part of the day), --12-26
 * and --12 (a day or month whose year is unknown), PRESENT_REF, PAST_REF, FUTURE_REF
 */
export const DATE_VALUE_PATTERN =
  "^(\\d{4}(-(\\d{2}(-\\d{2}(T(MO|AF|EV|NI))?)?|Q[1-4]|H[12]|SP|SU|FA|WI|W\\d{2}(-WE)?))?|\\d{3}X|\\d{2}|--\\d{2}(-\\d{2})?|PRESENT_REF|PAST_REF|FUTURE_REF)$"

const col = (
  name: string,
  type: ColumnType,
  description: string,
  options: { required?: boolean; enum?: ReadonlyArray<string>; pattern?: string } = {}
): Column => ({
  name,
  type,
  description,
  required: options.required ?? false,
  ...(options.enum ? { enum: options.enum } : {}),
  ...(options.pattern ? { pattern: options.pattern } : {})
})

export const TABLE_NAMES = ["documents", "comments", "entities", "mentions", "dates", "removed_lines"] as const
export type TableName = (typeof TABLE_NAMES)[number]

const docRef: ForeignKey = { fields: ["doc_id"], reference: { resource: "documents", fields: ["doc_id"] } }

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  documents: {
    name: "documents",
    title: "Documents",
    description: "One row per scraped text: its cleaned body and what the pipeline resolved about it.",
    primaryKey: ["doc_id"],
    foreignKeys: [],
    columns: [
      col("doc_id", "string", "The raw file's path relative to the raw folder, without the .txt extension", { required: true }),
      col("source_path", "string", "The raw file's path relative to the raw folder", { required: true }),
      col("source_sha256", "string", "sha256 of the raw file's bytes, in hex", { required: true }),
      col("kind", "string", "What the page is", { required: true, enum: DOC_KINDS }),
      col("title", "string", "The page's headline"),
      col("authors", "list", "Authors from the byline or the source metadata (in CSV joined with '; ')"),
      col("publisher", "string", "Publisher, as the source metadata states it"),
      col("published_date", "string", "Publication date in ISO 8601 at its precision", { pattern: ISO_PARTIAL_DATE_PATTERN }),
      col("published_precision", "string", "Precision of published_date", { enum: DATE_PRECISIONS }),
      col("published_earliest", "date", "The first calendar day published_date covers (2014-12 -> 2014-12-01)"),
      col("published_latest", "date", "The last calendar day published_date covers (2014-12 -> 2014-12-31)"),
      col("dateline_place", "string", "Place named in the dateline (MOSCOW, ...)"),
      col("dateline_date", "string", "Date of the dateline in ISO 8601 at its precision", { pattern: ISO_PARTIAL_DATE_PATTERN }),
      col("language", "string", "BCP 47 language tag: the source metadata's, else detected from the body; empty when the text does not say clearly"),
      col("url", "string", "Address the text was scraped from, as the source metadata states it"),
      col("body", "string", "The content: paragraphs separated by one blank line", { required: true }),
      col("word_count", "int32", "Words in body", { required: true }),
      col("comment_count", "int32", "Rows of this document in the comments table", { required: true }),
      col("removed_line_count", "int32", "Rows of this document in the removed_lines table", { required: true })
    ]
  },
  comments: {
    name: "comments",
    title: "Comments",
    description: "Forum replies and blog comments, split out of the page and stripped of their own chrome.",
    primaryKey: ["doc_id", "comment_no"],
    foreignKeys: [docRef],
    columns: [
      col("doc_id", "string", "The document the comment belongs to", { required: true }),
      col("comment_no", "int32", "Position of the comment in the page, from 1", { required: true }),
      col("author", "string", "Who wrote it, as shown"),
      col("posted_date", "string", "When it was posted, ISO 8601 at its precision", { pattern: ISO_PARTIAL_DATE_PATTERN }),
      col("body", "string", "The comment's text", { required: true })
    ]
  },
  entities: {
    name: "entities",
    title: "Entities",
    description: "People, organisations and places mentioned in the documents, one row per canonical entity.",
    primaryKey: ["entity_id"],
    foreignKeys: [],
    columns: [
      col("entity_id", "string", "Stable id: the gazetteer's id, or 'x-' and a slug of the name for a discovered (provisional) entity", {
        required: true
      }),
      col("name", "string", "Canonical name", { required: true }),
      col("type", "string", "Entity type", { required: true, enum: ENTITY_TYPES }),
      col("wikidata_id", "string", "Wikidata QID when verified"),
      col("geonames_id", "string", "GeoNames id of a place identified in GeoNames (https://sws.geonames.org/<id>/), when no Wikidata QID is known"),
      col("aliases", "list", "Other spellings (in CSV joined with '; ')")
    ]
  },
  mentions: {
    name: "mentions",
    title: "Mentions",
    description: "Where an entity is named in a document's body. Mentions may nest: a place named inside an organisation's or another place's name is a mention of its own.",
    primaryKey: ["doc_id", "start", "end"],
    foreignKeys: [docRef, { fields: ["entity_id"], reference: { resource: "entities", fields: ["entity_id"] } }],
    columns: [
      col("doc_id", "string", "The document", { required: true }),
      col("entity_id", "string", "The entity named", { required: true }),
      col("surface", "string", "The words as written", { required: true }),
      col("start", "int32", "Offset of the first character in documents.body, in Unicode code points from 0", { required: true }),
      col("end", "int32", "Offset after the last character, in Unicode code points", { required: true })
    ]
  },
  dates: {
    name: "dates",
    title: "Dates",
    description: "Every date expression found in a document, normalised to ISO 8601 at the precision the text supports.",
    primaryKey: ["doc_id", "start", "role"],
    foreignKeys: [docRef],
    columns: [
      col("doc_id", "string", "The document", { required: true }),
      col("text", "string", "The expression as written", { required: true }),
      col("start", "int32", "Offset in documents.body in Unicode code points; -1 when the date is outside the body (a page date line)", {
        required: true
      }),
      col("end", "int32", "Offset after the expression; -1 when outside the body", { required: true }),
      col("value", "string", "ISO 8601 at the precision the text states, with TimeML's extensions (1998-Q3, 1998-W08, 199X, 2000-01-05TEV, PRESENT_REF; --12-26 for a day whose year is unknown); empty when nothing could be resolved", { pattern: DATE_VALUE_PATTERN }),
      col("precision", "string", "Granularity of value", { enum: DATE_PRECISIONS }),
      col("earliest", "date", "The first calendar day value covers (1998-Q3 -> 1998-07-01); empty when value has no known year"),
      col("latest", "date", "The last calendar day value covers (1998-Q3 -> 1998-09-30); empty when value has no known year"),
      col("modifier", "string", "start, mid, end or approximate, when the text says so", { enum: DATE_MODIFIERS }),
      col("role", "string", "What the date is to the document", { required: true, enum: DATE_ROLES }),
      col("resolution", "string", "Which parts were written and which inferred", { required: true, enum: DATE_RESOLUTIONS }),
      col("anchor", "string", "What an inferred part came from (publication date, dateline, an earlier date)")
    ]
  },
  removed_lines: {
    name: "removed_lines",
    title: "Removed lines",
    description: "The audit trail of cleaning: every line of a raw text that is not in a body, with the rule or signal that dropped it.",
    primaryKey: ["doc_id", "line_no"],
    foreignKeys: [docRef],
    columns: [
      col("doc_id", "string", "The document", { required: true }),
      col("line_no", "int32", "Line number in the raw text, from 1", { required: true }),
      col("text", "string", "The line as it was (white space trimmed)", { required: true }),
      col("reason", "string", "The rule id or classifier signal that dropped it", { required: true })
    ]
  }
}

export type Cell = string | number | boolean | null | ReadonlyArray<string>
export type Row = Readonly<Record<string, Cell>>

export interface DocumentRow {
  readonly doc_id: string
  readonly source_path: string
  readonly source_sha256: string
  readonly kind: DocKind
  readonly title: string | null
  readonly authors: ReadonlyArray<string>
  readonly publisher: string | null
  readonly published_date: string | null
  readonly published_precision: DatePrecision | null
  readonly published_earliest: string | null
  readonly published_latest: string | null
  readonly dateline_place: string | null
  readonly dateline_date: string | null
  readonly language: string | null
  readonly url: string | null
  readonly body: string
  readonly word_count: number
  readonly comment_count: number
  readonly removed_line_count: number
}
export interface CommentRow {
  readonly doc_id: string
  readonly comment_no: number
  readonly author: string | null
  readonly posted_date: string | null
  readonly body: string
}
export interface EntityRow {
  readonly entity_id: string
  readonly name: string
  readonly type: EntityType
  readonly wikidata_id: string | null
  readonly geonames_id: string | null
  readonly aliases: ReadonlyArray<string>
}
export interface MentionRow {
  readonly doc_id: string
  readonly entity_id: string
  readonly surface: string
  readonly start: number
  readonly end: number
}
export interface DateRow {
  readonly doc_id: string
  readonly text: string
  readonly start: number
  readonly end: number
  readonly value: string | null
  readonly precision: DatePrecision | null
  readonly earliest: string | null
  readonly latest: string | null
  readonly modifier: DateModifier | null
  readonly role: DateRole
  readonly resolution: DateResolution
  readonly anchor: string | null
}
export interface RemovedLineRow {
  readonly doc_id: string
  readonly line_no: number
  readonly text: string
  readonly reason: string
}

export interface TableRows {
  readonly documents: ReadonlyArray<DocumentRow>
  readonly comments: ReadonlyArray<CommentRow>
  readonly entities: ReadonlyArray<EntityRow>
  readonly mentions: ReadonlyArray<MentionRow>
  readonly dates: ReadonlyArray<DateRow>
  readonly removed_lines: ReadonlyArray<RemovedLineRow>
}

