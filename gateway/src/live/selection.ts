import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  print,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { refusalError } from '@sx/runtime';
import { bindingOf, type LiveBinding } from './bindings.js';

/** The variable that carries the event id into a hydration query. */
export const EVENT_ID_VARIABLE = 'sxLiveEventId';

/**
 * A validated subscription, turned into the query that builds its payloads: the client's
 * selection on the event type, asked of the owning subgraph's `Query.<x>Event(id)` through the
 * whole supergraph, so it may reach fields of any subgraph.
 */
export interface PreparedSubscription {
  binding: LiveBinding;
  /** The root field's arguments, coerced (taskId, after). */
  args: Record<string, unknown>;
  /** Where the payload goes in `data` (the root field's alias or name). */
  responseKey: string;
  operationName: string;
  hydrationQuery: string;
  /** The client's variables the selection uses (not those of the root field's arguments). */
  hydrationVariables: Record<string, unknown>;
  /** Subscribers with equal keys and viewer scope share one hydration per event. */
  selectionKey: string;
  /** Response keys of the event's `cursor` field, which the gateway fills with the stream position. */
  cursorKeys: string[];
}

const badRequest = (message: string) => [refusalError('INVALID_SUBSCRIPTION', message)];
const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

function fragmentsUsedBy(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (set: SelectionSetNode) =>
    visit(set, {
      FragmentSpread(node) {
        const def = fragments.get(node.name.value);
        if (def && !used.has(def.name.value)) {
          used.set(def.name.value, def);
          walk(def.selectionSet);
        }
      },
    });
  walk(selectionSet);
  return [...used.values()];
}

function variablesUsedBy(nodes: readonly (SelectionSetNode | FragmentDefinitionNode)[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (v) => void names.add(v.name.value) });
  return names;
}

function cursorKeysOf(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, keys = new Set<string>()): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === 'cursor') keys.add(selection.alias?.value ?? 'cursor');
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cursorKeysOf(selection.selectionSet, fragments, keys);
    } else {
      const def = fragments.get(selection.name.value);
      if (def) cursorKeysOf(def.selectionSet, fragments, keys);
    }
  }
  return keys;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

function hydrationDocument(
  op: OperationDefinitionNode,
  field: FieldNode,
  binding: LiveBinding,
  fragments: FragmentDefinitionNode[],
  usedVariables: Set<string>,
  operationName: string,
): DocumentNode {
  const selectionSet = field.selectionSet;
  if (!selectionSet) throw new Error('a validated subscription field has a selection set');
  const eventIdDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: name(operationName),
    variableDefinitions: [eventIdDefinition, ...(op.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value))],
    directives: [],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          // No alias: the client's alias budget (graphql-armor) is theirs; the hydrator renames.
          name: name(binding.hydrateField),
          arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) } }],
          directives: [],
          selectionSet,
        },
      ],
    },
  };
  return { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
}

/**
 * Validates a subscription against the public schema and prepares its hydration query, or
 * returns the errors to send back (the socket stays open).
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Record<string, unknown> | null | undefined,
  requestedName: string | null | undefined,
): PreparedSubscription | readonly GraphQLError[] {
  const errors = validate(schema, document);
  if (errors.length > 0) return errors;
  const op = getOperationAST(document, requestedName ?? undefined);
  if (!op) return badRequest('Name the operation to run: the document holds several.');
  if (op.operation !== 'subscription') {
    return badRequest('The WebSocket carries subscriptions only: send queries and mutations over HTTP POST to the same URL.');
  }
  const [field, ...rest] = op.selectionSet.selections;
  if (!field || rest.length > 0 || field.kind !== Kind.FIELD) {
    return badRequest('Select exactly one subscription field directly (not through a fragment).');
  }
  const binding = bindingOf(field.name.value);
  const fieldDef = schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!binding || !fieldDef) return badRequest(`Subscription.${field.name.value} is not served live.`);
  const variables = rawVariables ?? {};
  if ((op.variableDefinitions ?? []).some((d) => d.variable.name.value === EVENT_ID_VARIABLE)) {
    return badRequest(`The variable name $${EVENT_ID_VARIABLE} is reserved.`);
  }
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables);
  if (coerced.errors) return coerced.errors;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(fieldDef, field, coerced.coerced);
  } catch (err) {
    return err instanceof GraphQLError ? [err] : badRequest((err as Error).message);
  }
  const fragmentMap = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const selectionSet = field.selectionSet;
  if (!selectionSet) return badRequest('Select fields of the event.');
  const fragments = fragmentsUsedBy(selectionSet, fragmentMap);
  const usedVariables = variablesUsedBy([selectionSet, ...fragments]);
  // Named after the client's operation, so subgraph metrics and logs tell whose payloads they build.
  const operationName = `SxLive_${op.name?.value ?? field.name.value}`;
  const hydration = hydrationDocument(op, field, binding, fragments, usedVariables, operationName);
  const hydrationErrors = validate(schema, hydration);
  if (hydrationErrors.length > 0) return hydrationErrors;
  const hydrationQuery = print(hydration);
  const hydrationVariables = Object.fromEntries(Object.entries(variables).filter(([k]) => usedVariables.has(k)));
  return {
    binding,
    args,
    responseKey: field.alias?.value ?? field.name.value,
    operationName,
    hydrationQuery,
    hydrationVariables,
    selectionKey: `${hydrationQuery}\n${stableJson(hydrationVariables)}`,
    cursorKeys: [...cursorKeysOf(selectionSet, fragmentMap)],
  };
}
