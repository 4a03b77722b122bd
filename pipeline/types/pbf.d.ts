/** The part of pbf 3 (Mapbox's protocol-buffer reader, BSD-3-Clause) that entity-data.ts uses to read the GeoNames cities. */
declare module "pbf" {
  export default class Pbf {
    constructor(buffer: Uint8Array)
    pos: number
    readonly length: number
    readMessage<T>(readField: (tag: number, result: T, pbf: Pbf) => void, result: T): T
    readSVarint(): number
    readVarint(): number
    readString(): string
  }
}
