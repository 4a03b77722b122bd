/** Frictionless Table Schemas of the tables, derived from model.ts; the same objects go to schemas/ and datapackage.json. */
import { type Column, TABLE_NAMES, TABLES, type TableSpec } from "../model.js"
import { LIST_SEPARATOR } from "../emit/cells.js"

const fieldType = (c: Column): Record<string, unknown> => {
  switch (c.type) {
    case "string":
      return { type: "string" }
    case "int32":
    case "int64":
      return { type: "integer" }
    case "bool":
      return { type: "boolean", trueValues: ["true"], falseValues: ["false"] }
    case "date":
      return { type: "date", format: "default" }
    case "timestamp":
      return { type: "datetime", format: "default" }
    case "list":
      return { type: "list", delimiter: LIST_SEPARATOR, itemType: "string" }
  }
}

export const tableSchema = (spec: TableSpec) => ({
  fields: spec.columns.map((c) => ({
    name: c.name,
    ...fieldType(c),
    description: c.description,
    constraints: {
      required: c.required,
      ...(c.enum ? { enum: [...c.enum] } : {}),
      ...(c.pattern ? { pattern: c.pattern } : {})
    }
  })),
  primaryKey: [...spec.primaryKey],
  foreignKeys: spec.foreignKeys.map((fk) => ({ fields: [...fk.fields], reference: { resource: fk.reference.resource, fields: [...fk.reference.fields] } })),
  missingValues: [""]
})

/** The contents of schemas/: one Table Schema per table, keyed by file name. */
export const schemaFiles = (): Record<string, object> =>
  Object.fromEntries(
    TABLE_NAMES.map((name) => [
      `${name}.schema.json`,
      { $schema: "https://datapackage.org/profiles/2.0/tableschema.json", title: TABLES[name].title, description: TABLES[name].description, ...tableSchema(TABLES[name]) }
    ])
  )

/** Column names and types in order: what a MAJOR version change is judged on. */
export const schemaSignature = (): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(TABLE_NAMES.map((name) => [name, TABLES[name].columns.map((c) => `${c.name}:${c.type}`)]))
