/**
 * Predicates compiled once, at load, from a schema's AST: each answers what `Schema.is` answers for
 * that schema, with the schema's own refinements (SID patterns, URL and date checks), and without
 * the interpreter's allocations. A node the compiler does not know fails at load, not at run time.
 */
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/** A compiled check: `true` exactly when `Schema.is` of the schema it was compiled from is. */
export type Predicate = (input: unknown) => boolean

const always: Predicate = () => true
const parseOptions: AST.ParseOptions = {}

const isRecord = (input: unknown): input is Record<PropertyKey, unknown> =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const some = (members: ReadonlyArray<Predicate>): Predicate => (input) => {
  for (let i = 0; i < members.length; i++) {
    if (members[i]!(input)) return true
  }
  return false
}

const arrayOf = (item: Predicate): Predicate => (input) => {
  if (!Array.isArray(input)) return false
  for (let i = 0; i < input.length; i++) {
    if (!item(input[i])) return false
  }
  return true
}

/** A struct, and records: as the interpreter reads them, a missing required key is read as `undefined`. */
const typeLiteral = (ast: AST.TypeLiteral): Predicate => {
  const properties = ast.propertySignatures.map((property) => {
    if (typeof property.name !== "string") throw new Error(`cannot compile the symbol key ${String(property.name)}`)
    return { name: property.name, optional: property.isOptional, check: compile(property.type) }
  })
  const records = ast.indexSignatures.map((signature) => {
    if (!AST.isStringKeyword(signature.parameter)) {
      throw new Error(`cannot compile an index signature of ${signature.parameter}`)
    }
    return compile(signature.type)
  })
  return (input) => {
    if (!isRecord(input)) return false
    for (let i = 0; i < properties.length; i++) {
      const { check, name, optional } = properties[i]!
      if (optional && !Object.prototype.hasOwnProperty.call(input, name)) continue
      if (!check(input[name])) return false
    }
    if (records.length > 0) {
      for (const key of Object.keys(input)) {
        for (let i = 0; i < records.length; i++) {
          if (!records[i]!(input[key])) return false
        }
      }
    }
    return true
  }
}

/** Compiles the predicate of `ast`, or throws for a node it does not know. */
export const compile = (ast: AST.AST): Predicate => {
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => typeof input === "string"
    case "NumberKeyword":
      return (input) => typeof input === "number"
    case "BooleanKeyword":
      return (input) => typeof input === "boolean"
    case "UndefinedKeyword":
      return (input) => input === undefined
    case "UnknownKeyword":
    case "AnyKeyword":
      return always
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal
    }
    case "Union":
      return some(ast.types.map(compile))
    case "Refinement": {
      const from = compile(ast.from)
      const filter = ast.filter
      return (input) => from(input) && Option.isNone(filter(input, parseOptions, ast))
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Error(`cannot compile the tuple ${ast}`)
      return arrayOf(compile(ast.rest[0]!.type))
    }
    case "TypeLiteral":
      return typeLiteral(ast)
    default:
      throw new Error(`cannot compile a ${ast._tag} schema (${ast})`)
  }
}
