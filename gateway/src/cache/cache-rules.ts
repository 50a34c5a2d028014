import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * Which subgraph fetches may be cached: opt-in, per root field (`Query.tasks`) or per entity
 * type (`User`: the gateway's `_entities` fetches of users). A fetch is cached only when every
 * root field it asks for, or every entity it resolves, is opted in.
 */
export class CacheRules {
  private readonly allowed: ReadonlySet<string>;
  /** Root fields of each subgraph query string the planner produced (few, reused for every request). */
  private readonly rootFields = new Map<string, readonly string[]>();
  private static readonly MAX_QUERIES = 5_000;

  constructor(list: readonly string[]) {
    this.allowed = new Set(list);
  }

  get enabled(): boolean {
    return this.allowed.size > 0;
  }

  cacheable(query: string, variables: Record<string, unknown> | undefined): boolean {
    const fields = this.fieldsOf(query);
    if (fields.length === 0) return false;
    if (fields.length === 1 && fields[0] === '_entities') {
      const representations = variables?.['representations'];
      if (!Array.isArray(representations) || representations.length === 0) return false;
      return representations.every((r) => typeof r === 'object' && r !== null && this.allowed.has(String((r as { __typename?: unknown }).__typename)));
    }
    return fields.every((field) => this.allowed.has(`Query.${field}`));
  }

  private fieldsOf(query: string): readonly string[] {
    let fields = this.rootFields.get(query);
    if (!fields) {
      const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      fields = operation?.operation === 'query' ? operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
      if (this.rootFields.size >= CacheRules.MAX_QUERIES) this.rootFields.clear();
      this.rootFields.set(query, fields);
    }
    return fields;
  }
}
