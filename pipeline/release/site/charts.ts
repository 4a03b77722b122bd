/**
 * What the download page draws and previews, decided from a release's summary (pure): the periods of the
 * publication chart and the order of the preview's columns.
 */

export interface PublicationChart {
  /** what one bar counts */
  readonly unit: "month" | "year"
  /** [YYYY-MM or YYYY, documents], in time order */
  readonly bars: ReadonlyArray<readonly [string, number]>
  /** true when periods without documents are left out (the axis is then not uniform) */
  readonly gaps: boolean
}

/** At most this share of the bars may be empty periods: beyond it the chart spends its width on nothing. */
const MAX_EMPTY_SHARE = 0.5
const MAX_BARS = 240

/** Every period from first to last, the empty ones too, so the axis is time. */
const range = (first: number, last: number, label: (i: number) => string, count: (key: string) => number) =>
  Array.from({ length: last - first + 1 }, (_, i) => {
    const key = label(first + i)
    return [key, count(key)] as const
  })

/**
 * Documents per month when most months of the span have some; else per year when most years do; else only the years
 * that have documents (a corpus of a few scattered dates gets a few bars, not hundreds of empty months).
 */
export const publicationChart = (byMonth: ReadonlyMap<string, number>): PublicationChart => {
  const months = [...byMonth.keys()].filter((k) => /^\d{4}-\d{2}$/.test(k)).sort()
  if (months.length === 0) return { unit: "month", bars: [], gaps: false }
  const index = (k: string) => Number(k.slice(0, 4)) * 12 + Number(k.slice(5, 7)) - 1
  const monthLabel = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`
  const span = index(months[months.length - 1]!) - index(months[0]!) + 1
  if (span <= MAX_BARS && months.length >= span * (1 - MAX_EMPTY_SHARE)) {
    return { unit: "month", bars: range(index(months[0]!), index(months[months.length - 1]!), monthLabel, (k) => byMonth.get(k) ?? 0), gaps: false }
  }
  const byYear = new Map<string, number>()
  for (const [k, n] of byMonth) byYear.set(k.slice(0, 4), (byYear.get(k.slice(0, 4)) ?? 0) + n)
  const years = [...byYear.keys()].sort()
  const [y0, y1] = [Number(years[0]), Number(years[years.length - 1])]
  if (y1 - y0 + 1 <= MAX_BARS && years.length >= (y1 - y0 + 1) * (1 - MAX_EMPTY_SHARE)) {
    return { unit: "year", bars: range(y0, y1, String, (k) => byYear.get(k) ?? 0), gaps: false }
  }
  return { unit: "year", bars: years.map((y) => [y, byYear.get(y)!] as const), gaps: true }
}

/** The documents preview leads with what a reader recognises; identifiers and checksums come last. */
const LEADING: Readonly<Record<string, ReadonlyArray<string>>> = {
  documents: ["title", "published_date", "kind", "authors", "publisher", "body", "word_count"],
  comments: ["author", "posted_date", "body"],
  entities: ["name", "type", "wikidata_id", "aliases"],
  mentions: ["surface", "entity_id"],
  dates: ["text", "value", "precision", "role"],
  removed_lines: ["text", "reason"]
}

/** The preview's column order for a table: its leading columns, then the rest in table order. */
export const previewOrder = (table: string, header: ReadonlyArray<string>): Array<number> => {
  const lead = (LEADING[table] ?? []).map((c) => header.indexOf(c)).filter((i) => i >= 0)
  return [...lead, ...header.map((_, i) => i).filter((i) => !lead.includes(i))]
}
