/**
 * Shared by the release tests: two published releases (1.0.0 from the repository's raw texts, 1.1.0 after one text
 * is added) in a temporary output folder, and a JSON-LD expander that works offline with only the contexts bundled in
 * tests/fixtures/standards.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import jsonld from "jsonld"
import { buildOk, copyRaw, tempDir } from "../helpers.js"

export const ADDED_DOC = "zz_added_release_text"
export const ADDED_TEXT =
  "Border guards reinforce the Tajik-Afghan frontier\n\nRussian and Tajik border guards held a joint exercise near the Afghan frontier this week, officials in Dushanbe said, with more troops expected.\n"

export interface TwoReleases {
  readonly raw: string
  readonly out: string
  readonly first: Awaited<ReturnType<typeof buildOk>>
  readonly unchanged: Awaited<ReturnType<typeof buildOk>>
  readonly second: Awaited<ReturnType<typeof buildOk>>
  /** out/catalog.jsonld and out/index.html after the first build, and after the unchanged one */
  readonly afterFirst: { readonly catalog: string; readonly index: string }
  readonly afterUnchanged: { readonly catalog: string; readonly index: string }
  readonly cleanup: () => void
}

/** Build, build again (nothing changed; skipped with unchanged: false), add a text, build: 1.0.0 and 1.1.0. */
export const buildTwoReleases = async (options: { unchanged?: boolean } = {}): Promise<TwoReleases> => {
  const raw = copyRaw()
  const out = tempDir("out-")
  const snapshot = () => ({ catalog: fs.readFileSync(path.join(out, "catalog.jsonld"), "utf8"), index: fs.readFileSync(path.join(out, "index.html"), "utf8") })
  const first = await buildOk({ raw, out })
  const afterFirst = snapshot()
  const unchanged = options.unchanged === false ? first : await buildOk({ raw, out })
  const afterUnchanged = snapshot()
  fs.writeFileSync(path.join(raw, `${ADDED_DOC}.txt`), ADDED_TEXT)
  const second = await buildOk({ raw, out })
  return {
    raw,
    out,
    first,
    unchanged,
    second,
    afterFirst,
    afterUnchanged,
    cleanup: () => {
      fs.rmSync(raw, { recursive: true, force: true })
      fs.rmSync(out, { recursive: true, force: true })
    }
  }
}

const STANDARDS = path.join(import.meta.dirname, "..", "fixtures", "standards")

/** The only documents the loader serves: JSON-LD contexts copied into tests/fixtures/standards. */
const BUNDLED_CONTEXTS: Readonly<Record<string, string>> = {
  "https://w3id.org/ro/crate/1.2/context": "ro-crate-1.2.jsonld",
  "http://www.w3.org/ns/csvw": "csvw.jsonld",
  "https://www.w3.org/ns/csvw": "csvw.jsonld"
}

export const loaded: Array<string> = []

/** A jsonld document loader that serves bundled contexts and refuses every other URL (no network). */
export const offlineLoader = async (url: string) => {
  const file = BUNDLED_CONTEXTS[url]
  if (!file) throw new Error(`refused to load ${url}: only contexts bundled in tests/fixtures/standards are served`)
  loaded.push(url)
  return { contextUrl: null, documentUrl: url, document: JSON.parse(fs.readFileSync(path.join(STANDARDS, file), "utf8")) as object }
}

export type Expanded = Array<Record<string, unknown>>

/**
 * Expands a JSON-LD file in safe mode (a dropped term or an unresolvable relative IRI is an error), resolving relative
 * IRIs against the file's own location, as a processor that fetched it would.
 */
export const expandOffline = async (file: string): Promise<Expanded> =>
  (await jsonld.expand(JSON.parse(fs.readFileSync(file, "utf8")), {
    documentLoader: offlineLoader as never,
    safe: true,
    base: pathToFileURL(file).href
  } as never)) as unknown as Expanded

/** The nodes of an expanded document, flattened, keyed by @id. */
export const flattenOffline = async (file: string): Promise<Expanded> => {
  const expanded = await expandOffline(file)
  const flat = (await jsonld.flatten(expanded as never, null as never, { documentLoader: offlineLoader as never, base: pathToFileURL(file).href } as never)) as unknown
  return (Array.isArray(flat) ? flat : ((flat as { "@graph": Expanded })["@graph"] ?? [])) as Expanded
}

export const values = (node: Record<string, unknown> | undefined, prop: string): Array<string> =>
  ((node?.[prop] as Array<Record<string, unknown>> | undefined) ?? []).map((v) => String(v["@value"] ?? v["@id"] ?? ""))

export const typesOf = (node: Record<string, unknown>): Array<string> => (node["@type"] as Array<string> | undefined) ?? []
