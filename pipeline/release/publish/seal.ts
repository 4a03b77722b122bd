/**
 * The seal: provenance.jsonld (PROV-O: the build, what it used, every file it generated with its sha256), then
 * manifest.json (every other file with its size and sha256, and the release in brief), then SHA256SUMS over every
 * file but itself. All three lists come from the staging registry; nothing is hashed a second time.
 */
import { Effect } from "effect"
import type { IoError } from "../../errors.js"
import { attempt } from "../../io.js"
import { writeJson } from "../../emit/json-stream.js"
import type { Staging } from "../staging.js"
import { provenanceJsonLd, type ProvenanceInput } from "../describe/provenance.js"
import { MANIFEST_FILE, MANIFEST_FORMAT, type ReleaseManifest } from "../describe/manifest.js"

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n"

export const sealRelease = (
  staging: Staging,
  provenance: Omit<ProvenanceInput, "outputs">,
  manifest: Omit<ReleaseManifest, "files" | "format">
): Effect.Effect<ReleaseManifest, IoError> =>
  Effect.gen(function* () {
    yield* staging.expectComplete("crate")
    const outputs = staging.files((s) => s.inProvenance).map((f) => ({ path: f.name, sha256: f.sha256 }))
    const out = yield* staging.append("provenance.jsonld")
    yield* attempt(out.file, "write", () => {
      writeJson(out.write, provenanceJsonLd({ ...provenance, outputs }))
      out.write("\n")
      out.close()
    })
    yield* staging.expectComplete("provenance")
    const sealed: ReleaseManifest = {
      format: MANIFEST_FORMAT,
      ...manifest,
      files: staging.files((s) => s.step !== "manifest" && s.step !== "checksums").map((f) => ({ path: f.name, bytes: f.bytes, sha256: f.sha256 }))
    }
    yield* staging.write(MANIFEST_FILE, json(sealed))
    yield* staging.expectComplete("manifest")
    const sums = staging
      .files((s) => s.inChecksums)
      .map((f) => `${f.sha256}  ${f.name}\n`)
      .join("")
    yield* staging.write("SHA256SUMS", sums)
    return sealed
  })
