/**
 * Predicates compiled once, at load, from a schema's AST: each answers what `Schema.is` answers for
 * that schema, with the schema's own checks (SID patterns, URL and date checks), and without the
 * interpreter's allocations. A node the compiler does not know fails at load, not at run time.
 */
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

/** The filters of a node's checks, groups flattened. */
const filtersOf = (checks: AST.Checks | undefined): ReadonlyArray<AST.Filter<unknown>> => {
  const filters: Array<AST.Filter<unknown>> = []
  const visit = (check: AST.Check<unknown>) => {
    if (check._tag === "Filter") filters.push(check)
    else check.checks.forEach(visit)
  }
  checks?.forEach(visit)
  return filters
}

/** A struct, and records: as the interpreter reads them, a missing required key is read as `undefined`. */
const objects = (ast: AST.Objects): Predicate => {
  const properties = ast.propertySignatures.map((property) => {
    if (typeof property.name !== "string") throw new Error(`cannot compile the symbol key ${String(property.name)}`)
    return { name: property.name, optional: AST.isOptional(property.type), check: compile(property.type) }
  })
  const records = ast.indexSignatures.map((signature) => {
    if (!AST.isString(signature.parameter)) {
      throw new Error(`cannot compile an index signature of ${signature.parameter}`)
    }
    return compile(signature.type)
  })
  return (input) => {
    if (!isRecord(input)) return false
    for (let i = 0; i < properties.length; i++) {
      const { check, name, optional } = properties[i]!
      if (!Object.prototype.hasOwnProperty.call(input, name)) {
        if (optional) continue
        return false
      }
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

/** The predicate of a node without its checks. */
const base = (ast: AST.AST): Predicate => {
  switch (ast._tag) {
    case "String":
      return (input) => typeof input === "string"
    case "Number":
      return (input) => typeof input === "number"
    case "Boolean":
      return (input) => typeof input === "boolean"
    case "Undefined":
      return (input) => input === undefined
    case "Null":
      return (input) => input === null
    case "Unknown":
    case "Any":
      return always
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal
    }
    case "Union":
      return some(ast.types.map(compile))
    case "Arrays": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Error(`cannot compile the tuple ${ast}`)
      return arrayOf(compile(ast.rest[0]!))
    }
    case "Objects":
      return objects(ast)
    default:
      throw new Error(`cannot compile a ${ast._tag} schema (${ast})`)
  }
}

/** Compiles the predicate of `ast` (its type side), or throws for a node it does not know. */
export const compile = (ast: AST.AST): Predicate => {
  if (ast.encoding !== undefined) throw new Error(`cannot compile a transformation (${ast})`)
  const from = base(ast)
  const filters = filtersOf(ast.checks)
  if (filters.length === 0) return from
  return (input) => {
    if (!from(input)) return false
    for (let i = 0; i < filters.length; i++) {
      if (filters[i]!.run(input, ast, parseOptions) !== undefined) return false
    }
    return true
  }
}
