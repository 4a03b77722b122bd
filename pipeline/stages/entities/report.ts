/**
 * The entities report: per entity its mention count, the documents and the spellings seen; provisional
 * (discovered) entities listed by frequency so a maintainer can promote them into data/gazetteer.yaml.
 * Pure: takes the per-document results of the entities stage, returns rows and a text rendering.
 */
import type { EntityType } from "../../model.js"
import type { EntitiesResult } from "./index.js"

export interface DocEntities {
  readonly doc_id: string
  readonly result: EntitiesResult
  /** the document's BCP 47 language tag, when known */
  readonly language?: string | null
}

export interface Spelling {
  readonly surface: string
  readonly count: number
}

export interface EntityReportRow {
  readonly entity_id: string
  readonly name: string
  /** the most frequent type when documents disagree (possible for provisional entities) */
  readonly type: EntityType
  readonly wikidata_id: string | null
  readonly provisional: boolean
  readonly mentions: number
  readonly documents: ReadonlyArray<string>
  /** surfaces as written, most frequent first */
  readonly spellings: ReadonlyArray<Spelling>
  /** every type a document gave it, when more than one */
  readonly types: ReadonlyArray<EntityType>
  /** the language of most of the documents that mention it ("und" when unknown) */
  readonly language: string
}

export interface EntityReport {
  readonly documents: number
  readonly mentions: number
  /** gazetteer entities, most mentioned first */
  readonly known: ReadonlyArray<EntityReportRow>
  /** provisional entities by frequency (mentions, then documents): candidates for the gazetteer */
  readonly provisional: ReadonlyArray<EntityReportRow>
  /** the same provisional entities, grouped by language (most provisional entities first) */
  readonly provisionalByLanguage: ReadonlyArray<{ readonly language: string; readonly rows: ReadonlyArray<EntityReportRow> }>
}

interface Acc {
  entity_id: string
  name: string
  wikidata_id: string | null
  provisional: boolean
  mentions: number
  documents: Set<string>
  spellings: Map<string, number>
  types: Map<EntityType, number>
  languages: Map<string, number>
}

const byFrequency = (a: EntityReportRow, b: EntityReportRow): number =>
  b.mentions - a.mentions || b.documents.length - a.documents.length || a.name.localeCompare(b.name)

export const entityReport = (docs: Iterable<DocEntities>): EntityReport => {
  const acc = new Map<string, Acc>()
  let documents = 0
  let mentions = 0
  for (const { doc_id, result, language } of docs) {
    documents++
    const local = new Map(result.entities.map((e) => [e.entity_id, e]))
    for (const e of result.entities) {
      let a = acc.get(e.entity_id)
      if (!a) {
        a = {
          entity_id: e.entity_id,
          name: e.name,
          wikidata_id: e.wikidata_id,
          provisional: e.provisional,
          mentions: 0,
          documents: new Set(),
          spellings: new Map(),
          types: new Map(),
          languages: new Map()
        }
        acc.set(e.entity_id, a)
      }
      a.documents.add(doc_id)
      const lang = language ?? "und"
      a.languages.set(lang, (a.languages.get(lang) ?? 0) + 1)
      a.types.set(e.type, (a.types.get(e.type) ?? 0) + 1)
    }
    for (const m of result.mentions) {
      mentions++
      const a = acc.get(m.entity_id)
      if (!a || !local.has(m.entity_id)) continue
      a.mentions++
      a.spellings.set(m.surface, (a.spellings.get(m.surface) ?? 0) + 1)
    }
  }
  const rows: Array<EntityReportRow> = [...acc.values()].map((a) => {
    const types = [...a.types.entries()].sort((x, y) => y[1] - x[1])
    return {
      entity_id: a.entity_id,
      name: a.name,
      type: types[0]![0],
      wikidata_id: a.wikidata_id,
      provisional: a.provisional,
      mentions: a.mentions,
      documents: [...a.documents].sort(),
      spellings: [...a.spellings.entries()]
        .map(([surface, count]) => ({ surface, count }))
        .sort((x, y) => y.count - x.count || x.surface.localeCompare(y.surface)),
      types: types.length > 1 ? types.map(([t]) => t) : [],
      language: [...a.languages].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? "und"
    }
  })
  const provisional = rows.filter((r) => r.provisional).sort(byFrequency)
  const byLanguage = new Map<string, Array<EntityReportRow>>()
  for (const r of provisional) byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r])
  return {
    documents,
    mentions,
    known: rows.filter((r) => !r.provisional).sort(byFrequency),
    provisional,
    provisionalByLanguage: [...byLanguage]
      .map(([language, list]) => ({ language, rows: list }))
      .sort((x, y) => y.rows.length - x.rows.length || x.language.localeCompare(y.language))
  }
}

/** A plain-text rendering for `pipeline report`. */
export const formatEntityReport = (report: EntityReport, options: { readonly limit?: number } = {}): string => {
  const limit = options.limit ?? 50
  const line = (r: EntityReportRow): string => {
    const spell = r.spellings
      .slice(0, 6)
      .map((s) => `${s.surface} ×${s.count}`)
      .join("; ")
    const docs = r.documents.length <= 3 ? r.documents.join(", ") : `${r.documents.slice(0, 3).join(", ")}, … (${r.documents.length})`
    const conflict = r.types.length > 0 ? ` [types: ${r.types.join("/")}]` : ""
    return `  ${String(r.mentions).padStart(5)}  ${r.entity_id}  ${r.name} (${r.type}${r.wikidata_id ? `, ${r.wikidata_id}` : ""})${conflict}\n         docs: ${docs}\n         spellings: ${spell}`
  }
  const out: Array<string> = []
  out.push(`Entities: ${report.documents} documents, ${report.mentions} mentions`)
  out.push(`\nGazetteer entities (${report.known.length}), most mentioned first:`)
  for (const r of report.known.slice(0, limit)) out.push(line(r))
  if (report.known.length > limit) out.push(`  … ${report.known.length - limit} more`)
  out.push(`\nProvisional entities (${report.provisional.length}) by language, then frequency — candidates for data/gazetteer.yaml:`)
  for (const { language, rows } of report.provisionalByLanguage) {
    out.push(`\n  language ${language} (${rows.length}):`)
    for (const r of rows.slice(0, limit)) out.push(line(r))
    if (rows.length > limit) out.push(`  … ${rows.length - limit} more`)
  }
  return out.join("\n")
}
