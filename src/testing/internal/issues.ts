/**
 * What a schema refused, one problem a place, worded as the emulator has always worded it:
 * `Expected string, actual 7`, `is missing`, a filter's own message, and every alternative of a
 * union (`Expected "audio", actual "screen"`, `Expected "video", actual "screen"`…) as one problem
 * each at the union's place. Read from an issue decoded with the model's `decodeOptions`
 * (`reportInput: true`), so that each refused value can be shown.
 */
import * as Formatter from "effect/Formatter"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import { decodeOptions } from "../../internal/model.js"

/** One problem: where (the keys and indexes from the top), and what. */
export interface Problem {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const annotation = (annotations: unknown, key: string): string | undefined => {
  const value = (annotations as Record<string, unknown> | undefined)?.[key]
  return typeof value === "string" ? value : undefined
}

/** A node's own name for what it holds, if it has one. */
const named = (ast: AST.AST): string | undefined =>
  annotation(ast.annotations, "identifier") ?? annotation(ast.annotations, "title") ??
    annotation(ast.annotations, "description")

/**
 * The encoded sides of the structs that decode a field through a transformation (a default for an
 * absent key), of every schema whose issues were read: a union that has a default refuses a value
 * on its encoded side, which is not the struct itself.
 */
const encodedSides = new WeakSet<AST.AST>()
const registered = new WeakSet<AST.AST>()

/** Whether a struct decodes a field through a transformation, or is the encoded side of one that does. */
const transforms = (ast: AST.Objects): boolean =>
  encodedSides.has(ast) || ast.propertySignatures.some((signature) => signature.type.encoding !== undefined)

/** Notes the encoded sides of the structs of a schema that transform a field. */
const register = (root: AST.AST): void => {
  if (registered.has(root)) return
  registered.add(root)
  const seen = new Set<AST.AST>()
  const pending = [root]
  while (pending.length > 0) {
    const ast = pending.pop()!
    if (seen.has(ast)) continue
    seen.add(ast)
    switch (ast._tag) {
      case "Objects":
        if (ast.propertySignatures.some((signature) => signature.type.encoding !== undefined)) {
          encodedSides.add(AST.toEncoded(ast))
        }
        pending.push(...ast.propertySignatures.map((signature) => signature.type))
        pending.push(...ast.indexSignatures.map((index) => index.type))
        break
      case "Arrays":
        pending.push(...ast.elements, ...ast.rest)
        break
      case "Union":
        pending.push(...ast.types)
        break
    }
  }
}

const literal = (value: unknown): string => typeof value === "bigint" ? `${value}n` : JSON.stringify(value)

/** What a node holds, before its checks. */
const describeBase = (ast: AST.AST): string => {
  switch (ast._tag) {
    case "String":
      return "string"
    case "Number":
      return "number"
    case "Boolean":
      return "boolean"
    case "BigInt":
      return "bigint"
    case "Symbol":
      return "symbol"
    case "Null":
      return "null"
    case "Undefined":
      return "undefined"
    case "Void":
      return "void"
    case "Never":
      return "never"
    case "Unknown":
      return "unknown"
    case "Any":
      return "any"
    case "ObjectKeyword":
      return "object"
    case "Literal":
      return literal(ast.literal)
    case "Union":
      return ast.types.map(describe).join(" | ")
    case "Arrays":
      return ast.elements.length === 0 && ast.rest.length === 1
        ? `ReadonlyArray<${describe(ast.rest[0]!)}>`
        : `readonly [${
          [...ast.elements.map(describe), ...ast.rest.map((rest) => `...${describe(rest)}[]`)].join(", ")
        }]`
    case "Objects": {
      if (transforms(ast)) return "(Struct (Encoded side) <-> Struct (Type side))"
      const fields = [
        ...ast.propertySignatures.map((signature) =>
          `readonly ${String(signature.name)}${AST.isOptional(signature.type) ? "?" : ""}: ${describe(signature.type)}`
        ),
        ...ast.indexSignatures.map((index) => `readonly [x: ${describe(index.parameter)}]: ${describe(index.type)}`)
      ]
      return fields.length === 0 ? "{}" : `{ ${fields.join("; ")} }`
    }
    case "Declaration":
      return "<declaration schema>"
    default:
      return ast._tag
  }
}

/** What a node holds: its name, or its last check's description, or its kind, filtered. */
const describe = (ast: AST.AST): string =>
  named(ast) ?? (ast.checks === undefined ? describeBase(ast) : describeChecks(ast, ast.checks))

/** A node with these of its checks, as a refinement of a refinement describes itself. */
const describeChecks = (ast: AST.AST, checks: ReadonlyArray<AST.Check<unknown>>): string => {
  const last = checks[checks.length - 1]!
  const described = annotation(last.annotations, "description") ?? annotation(last.annotations, "expected")
  if (described !== undefined) return described
  return `{ ${checks.length === 1 ? describeBase(ast) : describeChecks(ast, checks.slice(0, -1))} | filter }`
}

/** What a value that failed a node's type was expected to be: its kind, the checks never ran. */
const expectedType = (ast: AST.AST): string => {
  if (AST.isObjects(ast) && transforms(ast)) return "Struct (Encoded side)"
  return ast.checks === undefined ? describe(ast) : describeBase(ast)
}

const actual = (issue: SchemaIssue.Issue): string =>
  SchemaIssue.hasInput(issue) ? `, actual ${Formatter.format(issue.input)}` : ""

const decoders = new WeakMap<AST.AST, (input: unknown) => Result.Result<unknown, Schema.SchemaError>>()

/** How a value fails one member of a union, as that member alone would refuse it. */
const memberIssue = (member: AST.AST, input: unknown): SchemaIssue.Issue | undefined => {
  let decode = decoders.get(member)
  if (decode === undefined) {
    decode = Schema.decodeUnknownResult(Schema.make<Schema.Codec<unknown, unknown>>(member), decodeOptions)
    decoders.set(member, decode)
  }
  const decoded = decode(input)
  return Result.isFailure(decoded) ? decoded.failure.issue : undefined
}

/** The problems of an issue of a value decoded by `schema`, in order. */
export const problems = (issue: SchemaIssue.Issue, schema: AST.AST): Array<Problem> => {
  register(schema)
  return problemsAt(issue, [])
}

const problemsAt = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): Array<Problem> => {
  switch (issue._tag) {
    case "Pointer":
      return problemsAt(issue.issue, [...path, ...issue.path])
    case "Composite":
      return issue.issues.flatMap((inner) => problemsAt(inner, path))
    case "Encoding":
      return problemsAt(issue.issue, path)
    case "Filter": {
      const message = annotation(issue.filter.annotations, "message")
      if (message !== undefined) return [{ path, message }]
      const expected = annotation(issue.filter.annotations, "description") ??
        annotation(issue.filter.annotations, "expected") ?? "{ filter }"
      return [{ path, message: `Expected ${expected}${actual(issue)}` }]
    }
    case "AnyOf": {
      const message = annotation(issue.ast.annotations, "message")
      if (message !== undefined) return [{ path, message }]
      if (!SchemaIssue.hasInput(issue)) return [{ path, message: `Expected ${describe(issue.ast)}` }]
      // each alternative, as it alone refuses the value
      return issue.ast.types.flatMap((member) => {
        const refused = memberIssue(member, issue.input)
        return refused === undefined ? [] : problemsAt(refused, path)
      })
    }
    case "InvalidType":
      return [{
        path,
        message: annotation(issue.ast.annotations, "message") ?? `Expected ${expectedType(issue.ast)}${actual(issue)}`
      }]
    case "InvalidValue":
      return [{ path, message: annotation(issue.annotations, "message") ?? `Invalid value${actual(issue)}` }]
    case "MissingKey":
      return [{ path, message: annotation(issue.annotations, "messageMissingKey") ?? "is missing" }]
    case "UnexpectedKey":
      return [{ path, message: "is unexpected" }]
    case "Forbidden":
      return [{ path, message: annotation(issue.annotations, "message") ?? "is forbidden" }]
    case "OneOf":
      return [{ path, message: `Expected exactly one of ${describe(issue.ast)}${actual(issue)}` }]
  }
}
