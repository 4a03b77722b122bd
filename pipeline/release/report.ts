/**
 * The entities report of a published release: reads its entities and mentions tables (no stage is rerun) and hands
 * them, per document, to the pure report of the entities stage.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { ReleaseError } from "../errors.js"
import { attemptAsync } from "../io.js"
import type { EntityType } from "../model.js"
import { entityReport, type DocEntities } from "../stages/entities/report.js"
import type { FoundEntity } from "../stages/entities/index.js"
import { csvRows } from "./csvread.js"
import { readLatest } from "./publish/publish.js"

export const releaseEntityReport = (outDir: string, version: string | undefined) =>
  Effect.gen(function* () {
    const latest = yield* readLatest(outDir)
    const v = version ?? latest?.version
    if (!v) return yield* new ReleaseError({ message: `No release in ${outDir} yet; run a build first.` })
    const dir = path.join(outDir, "releases", v)
    if (!fs.existsSync(path.join(dir, "SHA256SUMS"))) return yield* new ReleaseError({ message: `There is no complete release ${v} in ${path.join(outDir, "releases")}.` })
    return yield* attemptAsync(dir, "read the entities of", async () => {
        const entities = new Map<string, FoundEntity>()
        for await (const { header, row } of csvRows(path.join(dir, "entities.csv"))) {
          const get = (c: string) => row[header.indexOf(c)] ?? ""
          const id = get("entity_id")
          entities.set(id, {
            entity_id: id,
            name: get("name"),
            type: get("type") as EntityType,
            wikidata_id: get("wikidata_id") || null,
            geonames_id: get("geonames_id") || null,
            aliases: get("aliases") ? get("aliases").split("; ") : [],
            provisional: id.startsWith("x-")
          })
        }
        const languages = new Map<string, string | null>()
        for await (const { header, row } of csvRows(path.join(dir, "documents.csv"))) {
          const get = (c: string) => row[header.indexOf(c)] ?? ""
          languages.set(get("doc_id"), get("language") || null)
        }
        const docs: Array<DocEntities> = []
        let current: { doc_id: string; mentions: Array<{ entity_id: string; surface: string; start: number; end: number }> } | null = null
        const flush = () => {
          if (!current) return
          const ids = [...new Set(current.mentions.map((m) => m.entity_id))]
          docs.push({ doc_id: current.doc_id, language: languages.get(current.doc_id) ?? null, result: { entities: ids.flatMap((id) => entities.get(id) ?? []), mentions: current.mentions } })
        }
        for await (const { header, row } of csvRows(path.join(dir, "mentions.csv"))) {
          const get = (c: string) => row[header.indexOf(c)] ?? ""
          if (current?.doc_id !== get("doc_id")) {
            flush()
            current = { doc_id: get("doc_id"), mentions: [] }
          }
          current.mentions.push({ entity_id: get("entity_id"), surface: get("surface"), start: Number(get("start")), end: Number(get("end")) })
        }
        flush()
        return { version: v, report: entityReport(docs) }
    })
  })
