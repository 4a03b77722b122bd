/**
 * The seal step: provenance.jsonld (PROV-O: the build, what it used, every file it generated with its sha256), then
 * SHA256SUMS over every other file. Both lists come from the staging registry; nothing is hashed a second time.
 */
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import type { Staging } from "../staging.js"
import { provenanceJsonLd, type ProvenanceInput } from "../describe/provenance.js"

export const sealRelease = (staging: Staging, provenance: Omit<ProvenanceInput, "outputs">): Effect.Effect<void, IoError> =>
  Effect.gen(function* () {
    yield* staging.expectComplete("crate")
    const outputs = staging.files((s) => s.inProvenance).map((f) => ({ path: f.name, sha256: f.sha256 }))
    yield* staging.write("provenance.jsonld", JSON.stringify(provenanceJsonLd({ ...provenance, outputs }), null, 2) + "\n")
    yield* staging.expectComplete("provenance")
    const sums = staging
      .files((s) => s.inChecksums)
      .map((f) => `${f.sha256}  ${f.name}\n`)
      .join("")
    yield* staging.write("SHA256SUMS", sums)
  })
