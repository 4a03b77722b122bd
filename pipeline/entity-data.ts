/**
 * What the entities stage needs besides the document, loaded once: the gazetteer file, decoded and validated.
 * The benchmarks and tests load it synchronously with `loadEntityDataSync`; a build goes through context.ts.
 */
import * as fs from "node:fs"
import YAML from "yaml"
import { decodeGazetteer, type Gazetteer } from "./stages/entities/gazetteer.js"

export interface EntityData {
  readonly gazetteer: Gazetteer
}

export const loadEntityDataSync = (gazetteerFile: string): EntityData => ({
  gazetteer: decodeGazetteer(YAML.parse(fs.readFileSync(gazetteerFile, "utf8")))
})
