/**
 * A table's Parquet file joined from Parquet files of its consecutive rows (one per slice, made where the slice was
 * encoded and kept with it in the cache): their row groups' bytes one after another behind the magic, and one footer
 * whose row groups are theirs with every file offset moved to where the bytes now lie. So a rebuild copies the row
 * groups of the slices nothing changed in, as it copies their CSV and Arrow bytes, instead of encoding the table again.
 * The parts' page indexes (optional in Parquet) are left out: their offsets would have to move too, and the footer's
 * column statistics stay.
 *
 * Parquet's metadata (parquet.thrift): FileMetaData 2 schema, 3 num_rows, 4 row_groups; RowGroup 1 columns,
 * 5 file_offset, 7 ordinal; ColumnChunk 2 file_offset, 3 meta_data, 4-7 the page indexes' offsets and lengths;
 * ColumnMetaData 7 total_compressed_size, 9 data_page_offset, 10 index_page_offset, 11 dictionary_page_offset,
 * 14 bloom_filter_offset.
 */
import { field, readStruct, T, writeStruct, type ThriftList, type ThriftStruct } from "./thrift.js"

const MAGIC = Uint8Array.from([0x50, 0x41, 0x52, 0x31])

const FILE = { numRows: 3, rowGroups: 4 } as const
const GROUP = { columns: 1, fileOffset: 5, ordinal: 7 } as const
const CHUNK = { fileOffset: 2, metaData: 3, pageIndexes: [4, 5, 6, 7] } as const
const COLUMN = { compressedSize: 7, dataPage: 9, indexPage: 10, dictionaryPage: 11, bloomFilter: 14 } as const

const isMagic = (b: Uint8Array, at: number) => MAGIC.every((x, i) => b[at + i] === x)

/** A part's metadata and where its row groups' bytes end. */
const readPart = (part: Uint8Array) => {
  if (part.length < 12 || !isMagic(part, 0) || !isMagic(part, part.length - 4)) throw new Error("not a Parquet file")
  const footerLength = new DataView(part.buffer, part.byteOffset, part.byteLength).getUint32(part.length - 8, true)
  const meta = readStruct(part, part.length - 8 - footerLength).value
  const groups = (field(meta, FILE.rowGroups)?.value as ThriftList | undefined)?.items as Array<ThriftStruct> | undefined ?? []
  let end = MAGIC.length
  for (const g of groups) {
    for (const chunk of (field(g, GROUP.columns)!.value as ThriftList).items as Array<ThriftStruct>) {
      const column = field(chunk, CHUNK.metaData)!.value as ThriftStruct
      if (field(column, COLUMN.bloomFilter)) throw new Error("a Parquet part with a bloom filter cannot be joined")
      const start = (field(column, COLUMN.dictionaryPage)?.value ?? field(column, COLUMN.dataPage)!.value) as bigint
      end = Math.max(end, Number(start + (field(column, COLUMN.compressedSize)!.value as bigint)))
    }
  }
  return { meta, groups, end, rows: field(meta, FILE.numRows)!.value as bigint }
}

const shiftField = (s: ThriftStruct, id: number, by: bigint) => {
  const f = field(s, id)
  if (f) f.value = (f.value as bigint) + by
}

/**
 * Writes one Parquet file from parts given in order (`sink` gets its bytes in order); `finish` writes the footer.
 * Every part must hold the same schema (the table's).
 */
export const openParquetJoin = (sink: (chunk: Uint8Array) => void) => {
  let at = 0
  let template: ThriftStruct | null = null
  const groups: Array<ThriftStruct> = []
  let rows = 0n
  return {
    get started() {
      return template !== null
    },
    add: (part: Uint8Array): void => {
      const p = readPart(part)
      if (!template) {
        sink(MAGIC)
        at = MAGIC.length
        template = p.meta
      }
      const by = BigInt(at - MAGIC.length)
      for (const g of p.groups) {
        shiftField(g, GROUP.fileOffset, by)
        const ordinal = field(g, GROUP.ordinal)
        if (ordinal) ordinal.value = groups.length
        for (const chunk of (field(g, GROUP.columns)!.value as ThriftList).items as Array<ThriftStruct>) {
          shiftField(chunk, CHUNK.fileOffset, by)
          const column = field(chunk, CHUNK.metaData)!.value as ThriftStruct
          for (const id of [COLUMN.dataPage, COLUMN.indexPage, COLUMN.dictionaryPage]) shiftField(column, id, by)
          for (let i = chunk.length - 1; i >= 0; i--) if ((CHUNK.pageIndexes as ReadonlyArray<number>).includes(chunk[i]!.id)) chunk.splice(i, 1)
        }
        groups.push(g)
      }
      rows += p.rows
      sink(part.subarray(MAGIC.length, p.end))
      at += p.end - MAGIC.length
    },
    finish: (): void => {
      if (!template) throw new Error("no part to join")
      const meta = template.map((f) =>
        f.id === FILE.numRows ? { ...f, value: rows } : f.id === FILE.rowGroups ? { ...f, value: { elementType: T.STRUCT, items: groups } satisfies ThriftList } : f
      )
      const footer = writeStruct(meta)
      const tail = new Uint8Array(8)
      new DataView(tail.buffer).setUint32(0, footer.length, true)
      tail.set(MAGIC, 4)
      sink(footer)
      sink(tail)
    }
  }
}
