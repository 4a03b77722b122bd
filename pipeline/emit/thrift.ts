/**
 * Thrift's compact protocol, read and written without a schema: a struct is its fields in the order they came, each
 * with its id, wire type and value, so a message read here and written again has the same bytes, and a field can be
 * changed or dropped without knowing the rest. Parquet's file metadata is such a message (parquet-join.ts).
 */

/** The wire types. */
export const T = { TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const
export type T = (typeof T)[keyof typeof T]

export type Value = boolean | number | bigint | Uint8Array | ThriftList | ThriftMap | ThriftStruct
export interface Field {
  readonly id: number
  readonly type: T
  value: Value
}
export type ThriftStruct = Array<Field>
export interface ThriftList {
  readonly elementType: T
  readonly items: Array<Value>
}
export interface ThriftMap {
  readonly keyType: T
  readonly valueType: T
  readonly entries: Array<readonly [Value, Value]>
}

export const readStruct = (bytes: Uint8Array, start = 0): { value: ThriftStruct; end: number } => {
  let at = start
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const varint = (): bigint => {
    let result = 0n
    let shift = 0n
    for (;;) {
      const b = bytes[at++]
      if (b === undefined) throw new Error("thrift: the message ends inside a number")
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
      shift += 7n
    }
  }
  const zigzag = (): bigint => {
    const n = varint()
    return (n >> 1n) ^ -(n & 1n)
  }
  const value = (type: T): Value => {
    switch (type) {
      case T.TRUE:
        return true
      case T.FALSE:
        return false
      case T.BYTE:
        return view.getInt8(at++)
      case T.I16:
      case T.I32:
        return Number(zigzag())
      case T.I64:
        return zigzag()
      case T.DOUBLE: {
        const d = view.getFloat64(at, true)
        at += 8
        return d
      }
      case T.BINARY: {
        const length = Number(varint())
        // a copy: a view would keep the whole message's buffer (a slice's cache entry) alive as long as the value
        const b = bytes.slice(at, at + length)
        at += length
        return b
      }
      case T.LIST:
      case T.SET: {
        const head = bytes[at++]!
        const elementType = (head & 0x0f) as T
        const size = head >> 4 === 15 ? Number(varint()) : head >> 4
        const items: Array<Value> = []
        // a boolean in a list is a byte of its own: 1 true, anything else false
        for (let i = 0; i < size; i++) items.push(elementType === T.TRUE || elementType === T.FALSE ? bytes[at++] === T.TRUE : value(elementType))
        return { elementType, items }
      }
      case T.MAP: {
        const size = Number(varint())
        if (size === 0) return { keyType: T.BINARY, valueType: T.BINARY, entries: [] }
        const types = bytes[at++]!
        const keyType = (types >> 4) as T
        const valueType = (types & 0x0f) as T
        const entries: Array<readonly [Value, Value]> = []
        for (let i = 0; i < size; i++) entries.push([value(keyType), value(valueType)])
        return { keyType, valueType, entries }
      }
      case T.STRUCT:
        return struct()
      default:
        throw new Error(`thrift: unknown wire type ${String(type)}`)
    }
  }
  const struct = (): ThriftStruct => {
    const fields: ThriftStruct = []
    let last = 0
    for (;;) {
      const head = bytes[at++]
      if (head === undefined) throw new Error("thrift: the message ends inside a struct")
      if (head === 0) return fields
      const type = (head & 0x0f) as T
      const delta = head >> 4
      const id = delta === 0 ? Number(zigzag()) : last + delta
      last = id
      fields.push({ id, type, value: value(type) })
    }
  }
  const v = struct()
  return { value: v, end: at }
}

export const writeStruct = (s: ThriftStruct): Uint8Array => {
  const out: Array<number> = []
  const varint = (n: bigint) => {
    let v = n
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    out.push(Number(v))
  }
  const zigzag = (n: bigint) => varint(n >= 0n ? n << 1n : ((-n) << 1n) - 1n)
  const value = (type: T, v: Value) => {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return
      case T.BYTE:
        out.push((v as number) & 0xff)
        return
      case T.I16:
      case T.I32:
        return zigzag(BigInt(v as number))
      case T.I64:
        return zigzag(v as bigint)
      case T.DOUBLE: {
        const b = new Uint8Array(8)
        new DataView(b.buffer).setFloat64(0, v as number, true)
        out.push(...b)
        return
      }
      case T.BINARY: {
        const b = v as Uint8Array
        varint(BigInt(b.length))
        for (const x of b) out.push(x)
        return
      }
      case T.LIST:
      case T.SET: {
        const l = v as ThriftList
        if (l.items.length < 15) out.push((l.items.length << 4) | l.elementType)
        else {
          out.push(0xf0 | l.elementType)
          varint(BigInt(l.items.length))
        }
        for (const item of l.items) {
          if (l.elementType === T.TRUE || l.elementType === T.FALSE) out.push(item ? T.TRUE : T.FALSE)
          else value(l.elementType, item)
        }
        return
      }
      case T.MAP: {
        const m = v as ThriftMap
        varint(BigInt(m.entries.length))
        if (m.entries.length === 0) return
        out.push((m.keyType << 4) | m.valueType)
        for (const [k, x] of m.entries) {
          value(m.keyType, k)
          value(m.valueType, x)
        }
        return
      }
      case T.STRUCT:
        return struct(v as ThriftStruct)
    }
  }
  const struct = (fields: ThriftStruct) => {
    let last = 0
    for (const f of fields) {
      // a boolean field carries its value in its type
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type
      const delta = f.id - last
      if (delta > 0 && delta <= 15) out.push((delta << 4) | type)
      else {
        out.push(type)
        zigzag(BigInt(f.id))
      }
      last = f.id
      value(type, f.value)
    }
    out.push(0)
  }
  struct(s)
  return Uint8Array.from(out)
}

export const field = (s: ThriftStruct, id: number): Field | undefined => s.find((f) => f.id === id)
