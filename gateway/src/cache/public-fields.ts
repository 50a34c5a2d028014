import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Fields whose answer is the same for every viewer, each with the audit that says so: its
 * resolver, the entity's `__resolveReference` on the subgraph that owns it, and everything they
 * read never look at the caller's identity, roles or IP, and the subgraph neither refuses nor
 * filters them by viewer. Everything else is private (the default). A field goes on this list
 * only with a probe in gateway/test/public-fields.test.ts that asks its subgraph as several
 * viewers and gets byte-identical answers.
 *
 * Audited and left private (docs/performance.md, "Public fields"): `Query.tasks` and
 * `Query.task` (hidden tasks are listed to administrators and their parties; `near` measures to
 * the exact point for the task's parties; signed-in listings read the primary), `Task.location`
 * (exact only for the parties), `Task.title`, `Task.description` and `Task.questions` (a hidden
 * task reached by reference is withheld, location included, but for its parties and
 * administrators), `Task.bids` and `User.bids` (by viewer), `User.email` and the
 * account-state fields, `User.wallet`, `Task.payment`, `User.reviews`/`Task.reviews` (hidden
 * reviews by viewer).
 */
export const PUBLIC_FIELDS: ReadonlyMap<string, string> = new Map([
  // bids: Task is a stub entity there (no __resolveReference); bidCount is a DataLoader over
  // activeBidCounts(db, taskIds): the count of PENDING/ACCEPTING bids, whoever asks.
  ['Task.bidCount', 'bids: activeBidCounts by task id only'],
  // users: __resolveReference is the user loader (by id, no visibility rule); name is the column.
  ['User.name', 'users: the row by id, the name column as stored'],
  // reviews: User is a stub entity there; rating is ratingOf(reviews.ratings totals by subject id).
  ['User.rating', 'reviews: rating totals by subject id'],
  ['Rating.average', 'reviews: computed from the totals alone'],
  ['Rating.count', 'reviews: the totals row'],
]);

type Verdict = 'public' | 'private';

/**
 * Decides, per subgraph query string the planner produced, whether every field it selects is
 * on the public list: then its answer is the same for every viewer and may be fetched once,
 * signed as anonymous, and shared. Until the schema is known every fetch is private.
 */
export class PublicFields {
  private schema: GraphQLSchema | undefined;
  private readonly verdicts = new Map<string, Verdict>();
  private static readonly MAX_QUERIES = 5_000;

  constructor(private readonly fields: ReadonlyMap<string, string> = PUBLIC_FIELDS) {}

  /** The API schema the planner's fetches are read against (on every load or update). */
  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.verdicts.clear();
  }

  isPublic(query: string): boolean {
    const schema = this.schema;
    if (!schema) return false;
    let verdict = this.verdicts.get(query);
    if (!verdict) {
      verdict = this.judge(schema, query);
      if (this.verdicts.size >= PublicFields.MAX_QUERIES) this.verdicts.clear();
      this.verdicts.set(query, verdict);
    }
    return verdict === 'public';
  }

  private judge(schema: GraphQLSchema, query: string): Verdict {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const queryType = schema.getQueryType();
    if (operation?.operation !== 'query' || !queryType) return 'private';
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const walk = (type: GraphQLNamedType | undefined, set: SelectionSetNode): boolean =>
      set.selections.every((selection) => {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          return walk(on ?? undefined, selection.selectionSet);
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          return fragment !== undefined && walk(schema.getType(fragment.typeCondition.name.value) ?? undefined, fragment.selectionSet);
        }
        const name = selection.name.value;
        if (name === '__typename') return true;
        if (!type || !(isObjectType(type) || isInterfaceType(type)) || !this.fields.has(`${type.name}.${name}`)) return false;
        const field = type.getFields()[name];
        if (!field) return false;
        return !selection.selectionSet || walk(getNamedType(field.type), selection.selectionSet);
      });
    // `_entities` (the planner's entity fetches) is not in the API schema: its fragments name the types.
    const root = operation.selectionSet.selections.every((selection) =>
      selection.kind === Kind.FIELD && selection.name.value === '_entities' && selection.selectionSet
        ? selection.selectionSet.selections.every((s) => s.kind !== Kind.FIELD || s.name.value === '__typename') && walk(undefined, selection.selectionSet)
        : walk(queryType, { kind: Kind.SELECTION_SET, selections: [selection] }),
    );
    return root ? 'public' : 'private';
  }
}
