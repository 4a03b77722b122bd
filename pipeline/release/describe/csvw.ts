/**
 * csv-metadata.json: the CSV files of a release as a W3C CSVW table group (Metadata Vocabulary for Tabular Data):
 * per table its url, columns with datatypes, required flags and list separators, primary key and foreign keys, and
 * the dialect the CSV writer uses. Derived from model.ts like every other description of the tables.
 */
import { type Column, TABLE_NAMES, TABLES } from "../../model.js"
import { LIST_SEPARATOR } from "../../emit/cells.js"
import { licenseUrl } from "../../emit/jsonld.js"

export const CSVW_CONTEXT = "http://www.w3.org/ns/csvw"

const datatype = (c: Column): string | Record<string, string> => {
  const base = c.type === "int32" ? "int" : c.type === "int64" ? "long" : c.type === "bool" ? "boolean" : c.type === "date" ? "date" : c.type === "timestamp" ? "dateTime" : "string"
  if (c.enum) return { base, format: `^(${c.enum.join("|")})$` }
  if (c.pattern) return { base, format: c.pattern }
  return base
}

const keyValue = (cols: ReadonlyArray<string>): string | Array<string> => (cols.length === 1 ? cols[0]! : [...cols])

export const csvMetadata = (p: { title: string; description: string; license: string; publisher: string; version: string; created: string }) => ({
  "@context": CSVW_CONTEXT,
  "dc:title": p.title,
  "dc:description": p.description,
  "dc:license": { "@id": licenseUrl(p.license) },
  "dc:publisher": p.publisher,
  "dc:hasVersion": p.version,
  "dc:created": { "@value": p.created, "@type": "xsd:dateTime" },
  dialect: { encoding: "utf-8", delimiter: ",", quoteChar: '"', doubleQuote: true, lineTerminators: ["\r\n"], header: true, headerRowCount: 1, trim: false },
  tables: TABLE_NAMES.map((name) => {
    const spec = TABLES[name]
    return {
      url: `${name}.csv`,
      "dc:title": spec.title,
      "dc:description": spec.description,
      tableSchema: {
        columns: spec.columns.map((c) => ({
          name: c.name,
          titles: c.name,
          "dc:description": c.description,
          datatype: datatype(c),
          required: c.required,
          null: "",
          ...(c.type === "list" ? { separator: LIST_SEPARATOR } : {})
        })),
        primaryKey: keyValue(spec.primaryKey),
        ...(spec.foreignKeys.length
          ? {
              foreignKeys: spec.foreignKeys.map((fk) => ({
                columnReference: keyValue(fk.fields),
                reference: { resource: `${fk.reference.resource}.csv`, columnReference: keyValue(fk.reference.fields) }
              }))
            }
          : {})
      }
    }
  })
})
