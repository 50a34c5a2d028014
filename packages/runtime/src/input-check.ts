import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { dateTimeInputProblem } from './scalars.js';
import { refusalError } from './error-format.js';

/**
 * Characters no text input of ours needs and some stores refuse (Postgres cannot hold NUL in
 * text): the C0 controls except tab, line feed and carriage return, DEL, and the C1 controls.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Scalars whose values are free text a person typed (or an id): the ones checked for controls. */
const TEXT_SCALARS = new Set(['String', 'ID']);

/** A client's input value that no resolver should see, and where it is. */
export interface InputProblem {
  reason: 'CONTROL_CHARACTER' | 'INVALID_INPUT';
  /** Where the value is: `input.title`, `dueAt`, `tags[2]`. */
  path: string;
  /** The innermost named input (argument or input field), for forms to mark. */
  field: string;
  message: string;
}

type Segment = string | number;

function describe(path: readonly Segment[]): { path: string; field: string } {
  const text = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  const field = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
  return { path: text, field };
}

function leafProblem(typeName: string, value: unknown, path: readonly Segment[]): InputProblem | null {
  if (TEXT_SCALARS.has(typeName) && typeof value === 'string') {
    const found = CONTROL_CHARACTER.exec(value);
    if (!found) return null;
    const where = describe(path);
    const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { reason: 'CONTROL_CHARACTER', ...where, message: `${where.path} holds a control character (${code}); remove it and send the text again.` };
  }
  if (typeName === 'DateTime') {
    const problem = dateTimeInputProblem(value);
    return problem === null ? null : { reason: 'INVALID_INPUT', ...describe(path), message: `${describe(path).path}: ${problem}` };
  }
  return null;
}

/** A JSON variable value against its declared type (values of the wrong shape are left to coercion). */
function checkValue(type: GraphQLInputType, value: unknown, path: Segment[]): InputProblem | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const problem = checkValue(type.ofType, item, Array.isArray(value) ? [...path, i] : path);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return null;
    for (const field of Object.values(type.getFields())) {
      const problem = checkValue(field.type, (value as Record<string, unknown>)[field.name], [...path, field.name]);
      if (problem) return problem;
    }
    return null;
  }
  return isScalarType(type) ? leafProblem(type.name, value, path) : null;
}

type Variables = Readonly<Record<string, unknown>>;

/**
 * A value in the document against its type. A variable is checked where it is used, with the
 * path of that place, so the problem names the input field (`input.name`), not the variable.
 */
function checkLiteral(type: GraphQLInputType, node: ValueNode, path: Segment[], variables: Variables): InputProblem | null {
  if (node.kind === Kind.VARIABLE) return checkValue(type, variables[node.name.value], path);
  if (node.kind === Kind.NULL) return null;
  if (isNonNullType(type)) return checkLiteral(type.ofType, node, path, variables);
  if (isListType(type)) {
    const items = node.kind === Kind.LIST ? node.values : [node];
    for (const [i, item] of items.entries()) {
      const problem = checkLiteral(type.ofType, item, node.kind === Kind.LIST ? [...path, i] : path, variables);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return null;
    const fields = type.getFields();
    for (const entry of node.fields) {
      const field = fields[entry.name.value];
      const problem = field ? checkLiteral(field.type, entry.value, [...path, entry.name.value], variables) : null;
      if (problem) return problem;
    }
    return null;
  }
  if (!isScalarType(type)) return null;
  return leafProblem(type.name, valueFromASTUntyped(node), path);
}

/**
 * The first input of an operation that no resolver should see: text holding a control
 * character, or a DateTime that is not one. Run once per request, after validation, by the
 * gateway and by every subgraph, so each resolver can trust its strings and dates.
 */
export function findInputProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables | undefined,
): InputProblem | null {
  const typeInfo = new TypeInfo(schema);
  let found: InputProblem | null = null;
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const argument = typeInfo.getArgument();
      if (found || !argument) return;
      found = checkLiteral(argument.type, node.value, [node.name.value], variables ?? {});
    },
  });
  // The operation and the fragments (validation left only fragments some operation uses).
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const node of [operation, ...fragments]) {
    visit(node, visitor);
    if (found) return found;
  }
  return null;
}

/** The refusal for an input problem; `status` is the HTTP status the answer should carry. */
export function inputProblemError(problem: InputProblem, status: number): GraphQLError {
  return refusalError(problem.reason, problem.message, { field: problem.field, inputPath: problem.path, http: { status } });
}
