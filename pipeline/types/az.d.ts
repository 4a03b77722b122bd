/** The part of Az.js (Russian morphology on the OpenCorpora dictionary) the entities stage uses. */
declare module "az" {
  interface AzTag {
    readonly POST?: string
    readonly CAse?: string
    readonly GNdr?: string
    readonly NMbr?: string
    readonly [grammeme: string]: unknown
  }
  interface AzParse {
    readonly word: string
    readonly tag: AzTag
    readonly parser: string
    readonly score: number
    normalize(keepPOS?: boolean): AzParse
    inflect(grammemes: ReadonlyArray<string>): AzParse | false
  }
  interface AzMorphFn {
    (word: string, options?: object): Array<AzParse>
    init(path: string, callback: (error: unknown) => void): void
  }
  const Az: {
    Morph: AzMorphFn
    load: (url: string, responseType: string, callback: (error: unknown, data?: unknown) => void) => void
  }
  export default Az
  export type { AzParse, AzTag, AzMorphFn }
}
