import { describe, expect, it } from "vitest"
import { RecordBatchStreamWriter, tableFromIPC } from "apache-arrow"
import { readParquet } from "parquet-wasm/node"
import { TABLES, type Row } from "../../pipeline/model.js"
import { recordBatch } from "../../pipeline/emit/arrow.js"
import { parquetPart } from "../../pipeline/emit/parquet.js"
import { openParquetJoin } from "../../pipeline/emit/parquet-join.js"
import { readStruct, writeStruct } from "../../pipeline/emit/thrift.js"

const removedLines = (doc: number, count: number): Array<Row> =>
  Array.from({ length: count }, (_, i) => ({ doc_id: `d${String(doc).padStart(3, "0")}`, line_no: i + 1, text: i % 7 === 0 ? "" : `line ${i} of ${doc}: “Душанбе” ${"x".repeat(i % 50)}`, reason: ["nav", "share", "byline"][i % 3]! }))

const ipc = (rows: ReadonlyArray<Row>) => RecordBatchStreamWriter.writeAll([recordBatch(TABLES.removed_lines, rows)]).toUint8Array(true)

const join = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const chunks: Array<Uint8Array> = []
  const j = openParquetJoin((c) => chunks.push(c.slice()))
  for (const p of parts) j.add(p)
  j.finish()
  return Buffer.concat(chunks)
}

const rowsOf = (parquet: Uint8Array) => tableFromIPC(readParquet(parquet).intoIPCStream()).toArray().map((r) => ({ ...r.toJSON() }))

describe("a Parquet file joined from its slices' parts", () => {
  it("holds every part's rows, in order, with the types, as one file a reader opens", () => {
    const slices = [removedLines(1, 3), removedLines(2, 700), removedLines(3, 1), removedLines(4, 40)]
    const joined = join(slices.map((s) => parquetPart(ipc(s))))
    expect(rowsOf(joined)).toEqual(slices.flat().map((r) => ({ ...r })))
    const whole = tableFromIPC(readParquet(joined).intoIPCStream())
    expect(whole.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(["doc_id:Utf8", "line_no:Int32", "text:Utf8", "reason:Utf8"])
  })

  it("is the same bytes whichever way its parts were made, and a part's bytes are copied, not encoded again", () => {
    const slices = [removedLines(1, 10), removedLines(2, 20)]
    const parts = slices.map((s) => parquetPart(ipc(s)))
    const a = join(parts)
    expect(Buffer.from(join(slices.map((s) => parquetPart(ipc(s))))).equals(Buffer.from(a))).toBe(true)
    // the second part's row group bytes lie in the joined file as they were
    const second = parts[1]!
    const footerStart = second.length - 8 - new DataView(second.buffer, second.byteOffset).getUint32(second.length - 8, true)
    const body = Buffer.from(second.subarray(4, Math.min(footerStart, 200)))
    expect(Buffer.from(a).indexOf(body)).toBeGreaterThan(4)
  })

  it("reads and writes Thrift's compact protocol back to the same bytes", () => {
    const part = parquetPart(ipc(removedLines(9, 30)))
    const footerLength = new DataView(part.buffer, part.byteOffset).getUint32(part.length - 8, true)
    const footer = part.subarray(part.length - 8 - footerLength, part.length - 8)
    const { value, end } = readStruct(footer)
    expect(end).toBe(footer.length)
    expect(Buffer.from(writeStruct(value)).equals(Buffer.from(footer))).toBe(true)
  })
})
