import {
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** A list field without `first` returns a page of this many (docs/decisions.md). */
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** A mutation field does a write: it costs this much besides its selection. */
export const MUTATION_FIELD_COST = 10;
/** Costs are only compared with budgets, so counting stops here (fragment fan-out can explode). */
const COST_CEILING = 1_000_000;

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
}

function pageSize(field: FieldNode, returnType: GraphQLNamedType | undefined, walk: Walk): number {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  const value = first ? literalNumber(first, walk.variables) : null;
  if (value !== null) return Math.min(MAX_PAGE_SIZE, Math.max(1, value));
  return returnType?.name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : 1;
}

function literalNumber(node: ValueNode, variables: Readonly<Record<string, unknown>>): number | null {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
  }
  return null;
}

function fieldsOf(type: GraphQLNamedType | undefined) {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined;
}

/** Each field costs 1, times the page size of every list around it. */
function selectionCost(set: SelectionSetNode, parent: GraphQLNamedType | undefined, multiplier: number, walk: Walk): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (cost >= COST_CEILING) return COST_CEILING;
    if (selection.kind === Kind.FIELD) {
      cost += multiplier;
      if (!selection.selectionSet) continue;
      const returnType = fieldsOf(parent)?.[selection.name.value]?.type;
      const named = returnType ? getNamedType(returnType) : undefined;
      cost += selectionCost(selection.selectionSet, named, multiplier * pageSize(selection, named, walk), walk);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      cost += selectionCost(selection.selectionSet, on ?? parent, multiplier, walk);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment) cost += selectionCost(fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value) ?? parent, multiplier, walk);
    }
  }
  return Math.min(cost, COST_CEILING);
}

/**
 * What one operation costs against a caller's request budget: every field it asks for, counted
 * once per item of the pages around it (`first`, or 20 for a connection without it), plus
 * MUTATION_FIELD_COST for each write. So a page of 100 tasks with their bids costs far more
 * than `me { name }`, and the budget bounds the work a caller makes, not its number of requests.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = schema.getRootType(operation.operation) ?? undefined;
  const cost = selectionCost(operation.selectionSet, root, 1, { schema, fragments, variables });
  const writes = operation.operation === 'mutation' ? operation.selectionSet.selections.length * MUTATION_FIELD_COST : 0;
  return Math.max(1, Math.min(COST_CEILING, cost + writes));
}
