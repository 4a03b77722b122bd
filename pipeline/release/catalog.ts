/**
 * What lives beside the releases and lists them all: out/catalog.jsonld (DCAT 3), out/index.html (the download page)
 * and out/releases/<version>.zip. Rebuilt from the release folders after every publish. (They land with issue 6.)
 */
import { Effect } from "effect"
import type { IoError } from "../errors.js"

export const updateCatalog = (_outDir: string): Effect.Effect<void, IoError> => Effect.void
