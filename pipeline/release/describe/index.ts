/**
 * The describe step: the files that say what a release is, written into the staging folder once its tables are
 * complete in every format. dataset.jsonld (schema.org), datapackage.json (Frictionless), README.md, changes.csv and
 * CHANGELOG.md against the previous release, LICENSE, CITATION.cff and csv-metadata.json (CSVW); then the crate step,
 * ro-crate-metadata.json (RO-Crate 1.2), which lists every file. Sizes and checksums come from the staging registry.
 * Nothing here reads the clock: every date comes from `created`, so a release built with SOURCE_DATE_EPOCH stays
 * byte-identical.
 */
import * as path from "node:path"
import { Effect } from "effect"
import type { IoError, InputProblem } from "../../errors.js"
import { attempt, attemptAsync, readText, type WrittenFile } from "../../io.js"
import type { DistributionEntry } from "../../emit/jsonld.js"
import type { EntityRow, TableName } from "../../model.js"
import type { Staging } from "../staging.js"
import { CHANGES_HEADER, changesRows, compareEntities, entityDigestsOfCsv, entityDigestsOfRows, compareLayouts, compareReleaseFolders, readLayout, summarise, type ChangeSummary } from "../history/changes.js"
import { LIST_LIMIT } from "../history/track.js"
import { changelog, changelogEntry } from "../history/changelog.js"
import type { ReleaseFingerprint } from "../history/version.js"
import { toCsv } from "../csvread.js"
import { citationCff, downloadUrl, licenseText } from "./citation.js"
import { csvMetadata } from "./csvw.js"
import { datapackageJson } from "./datapackage.js"
import type { DatasetRelease } from "../../dataset.js"
import { writeDatasetJsonLd } from "./dataset-jsonld.js"
import { releaseReadme } from "./readme.js"
import { roCrate } from "./rocrate.js"
import type { RawFiles } from "./provenance.js"
import { writeJson } from "../../emit/json-stream.js"

export interface Phase {
  readonly name: string
  readonly description: string
  readonly startedAt: string
  readonly endedAt: string
}

export interface ReleaseDescription {
  readonly staging: Staging
  /** the latest published release, to compare against; null for the first release */
  readonly previous: { readonly dir: string; readonly version: string } | null
  readonly dataset: DatasetRelease & { readonly datePublished: string }
  /** the release's timestamp (SOURCE_DATE_EPOCH when set) */
  readonly created: string
  /** the build's phases with their times, for RO-Crate CreateActions */
  readonly phases: ReadonlyArray<Phase>
  readonly counts: Readonly<Record<TableName, number>>
  readonly documentIds: () => Iterable<string>
  readonly documentPart: WrittenFile & { readonly file: string }
  readonly entities: ReadonlyArray<EntityRow>
  readonly rawFiles: RawFiles
  readonly refused: ReadonlyArray<InputProblem>
  readonly fingerprint: ReleaseFingerprint
  /** the documents' changes as the tables step found them (changes.csv written), or null to compare the tables now */
  readonly changes: Omit<ChangeSummary, "entities" | "schema"> | null
  /** sentences for the README about files this release lacks */
  readonly notes: ReadonlyArray<string>
  readonly pipelineVersion: string
  readonly gitCommit: string | null
}

/** The release's downloads of data (every table file and the workbook) with size and sha256, from the registry. */
export const distributionOf = (staging: Staging): Array<DistributionEntry> =>
  staging.files((s) => s.download).map((f) => ({ path: f.name, encodingFormat: f.spec.mediaType, bytes: f.bytes, sha256: f.sha256 }))

export const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n"

/**
 * The changes against the previous release for the CHANGELOG: the documents' from the tables step, with entities and
 * table layout added; or, when the previous release has no document digests (an older pipeline made it), everything
 * from comparing its tables with these, and changes.csv written from that.
 */
const summariseChanges = (d: ReleaseDescription): Effect.Effect<ChangeSummary, IoError> =>
  Effect.gen(function* () {
    const prevDir = d.previous?.dir ?? null
    if (d.changes) {
      const previous = prevDir ? yield* attemptAsync(prevDir, "read the entities of", () => entityDigestsOfCsv(path.join(prevDir, "entities.csv"))) : new Map<string, string>()
      const e = compareEntities(previous, entityDigestsOfRows(d.entities))
      const entities = { added: e.added.length, removed: e.removed.length, modified: e.modified.length }
      const schema = prevDir ? yield* attemptAsync(prevDir, "read the table layout of", async () => compareLayouts(await readLayout(prevDir), await readLayout(d.staging.dir))) : []
      return { ...d.changes, entities, schema }
    }
    const changes = yield* attemptAsync(prevDir ?? d.staging.dir, "compare the tables with the previous release in", () => compareReleaseFolders(prevDir, d.staging.dir))
    yield* d.staging.write("changes.csv", toCsv(CHANGES_HEADER, changesRows(changes)))
    return summarise(changes, LIST_LIMIT)
  })

const readPreviousChangelog = (previousDir: string | null) =>
  previousDir ? readText(path.join(previousDir, "CHANGELOG.md")).pipe(Effect.orElseSucceed(() => null)) : Effect.succeed(null)

export const describeRelease = (d: ReleaseDescription): Effect.Effect<{ readonly changelogEntry: string }, IoError> =>
  Effect.gen(function* () {
    const { staging, dataset: ds } = d
    yield* staging.expectComplete("formats")
    const distribution = distributionOf(staging)
    const jsonld = yield* staging.append("dataset.jsonld")
    yield* attempt(jsonld.file, "write", () => {
      writeDatasetJsonLd(jsonld, d.documentPart, ds, distribution, d.documentIds, d.entities)
      jsonld.close()
    })
    yield* staging.write("datapackage.json", json(datapackageJson({ dataset: ds, created: d.created, distribution, fingerprint: d.fingerprint, rawFileCount: d.rawFiles.count })))
    yield* staging.write("README.md", releaseReadme({ dataset: ds, counts: d.counts, refused: d.refused, created: d.created, notes: d.notes }))

    const changes = yield* summariseChanges(d)
    const date = d.created.slice(0, 10)
    const entry = changelogEntry({ version: ds.version, previousVersion: d.previous?.version ?? null, date, changes, counts: d.counts, refused: d.refused })
    yield* staging.write("CHANGELOG.md", changelog(ds.title, entry, yield* readPreviousChangelog(d.previous?.dir ?? null)))
    yield* staging.write("LICENSE", licenseText({ license: ds.license, title: ds.title, publisher: ds.publisher, version: ds.version, year: date.slice(0, 4) }))
    yield* staging.write("CITATION.cff", citationCff({ ...ds, date, download: downloadUrl(ds.url, ds.version) }))
    yield* staging.write(
      "csv-metadata.json",
      json(csvMetadata({ title: ds.title, description: ds.description, license: ds.license, publisher: ds.publisher, version: ds.version, created: d.created }))
    )
    return { changelogEntry: entry }
  })

/** The crate step: ro-crate-metadata.json lists every file, with size and sha256 where it is already written. */
export const writeCrate = (d: ReleaseDescription): Effect.Effect<void, IoError> =>
  Effect.gen(function* () {
    const { staging } = d
    yield* staging.expectComplete("describe")
    const files = staging.contents.flatMap((s) => {
      if (s.inCrate === "listed") return [{ path: s.name }]
      const f = s.inCrate === "hashed" ? staging.get(s.name) : undefined
      return f ? [{ path: f.name, bytes: f.bytes, sha256: f.sha256 }] : []
    })
    const crate = roCrate({
      dataset: d.dataset,
      version: d.dataset.version,
      created: d.created,
      files,
      counts: d.counts,
      phases: d.phases,
      rawFiles: d.rawFiles,
      pipelineVersion: d.pipelineVersion,
      gitCommit: d.gitCommit
    })
    const out = yield* staging.append("ro-crate-metadata.json")
    yield* attempt(out.file, "write", () => {
      writeJson(out.write, crate)
      out.write("\n")
      out.close()
    })
  })
