import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { SDK_GENERATED_DIR } from '../../../codegen.js';

// The SDK's documents and types are committed; CI must fail when the API schema or an operation
// changed without them, and when an operation of API.md has no document.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const operationsDir = path.join(repoRoot, 'packages/sdk/src/operations');

/** The fields API.md names on entities (besides every root field), each needing a document. */
const API_MD_ENTITY_FIELDS = [
  'Task.bids',
  'Task.bidCount',
  'Task.payment',
  'Task.reviews',
  'User.bids',
  'User.wallet',
  'User.rating',
  'User.reviews',
  'User.postedTasks',
  'User.assignedTasks',
  'Wallet.transactions',
];

/**
 * Root fields the SDK leaves out on purpose: the gateway uses Query.*Event(id) to build live
 * payloads; clients get those events from the subscriptions.
 */
const NOT_FOR_CLIENTS = ['Query.bidEvent', 'Query.taskEvent', 'Query.paymentEvent', 'Query.notificationEvent'];

function operationDocuments(): DocumentNode[] {
  return readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => parse(readFileSync(path.join(operationsDir, f), 'utf8')));
}

/** Every Type.field the documents select anywhere. */
function selectedCoordinates(schemaSdl: string, documents: DocumentNode[]): Set<string> {
  const typeInfo = new TypeInfo(buildSchema(schemaSdl));
  const seen = new Set<string>();
  for (const document of documents) {
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (parent) seen.add(`${parent.name}.${node.name.value}`);
        },
      }),
    );
  }
  return seen;
}

interface GeneratedFile {
  filename: string;
  content: string;
}

describe('the SDK generated from schema/api.graphql and src/operations', () => {
  const fresh = new Map<string, string>();
  const apiSdl = readFileSync(path.join(repoRoot, 'schema/api.graphql'), 'utf8');

  beforeAll(async () => {
    const generates = config.generates as Record<string, unknown>;
    const sdkOnly = { ...config, cwd: repoRoot, generates: { [SDK_GENERATED_DIR]: generates[SDK_GENERATED_DIR] } };
    // saveToFile=false: generated in memory and compared, never written over the tree.
    const files = (await generate(sdkOnly as typeof config, false)) as GeneratedFile[];
    for (const file of files) fresh.set(path.relative(repoRoot, path.resolve(repoRoot, file.filename)), file.content);
  });

  it('is committed up to date in packages/sdk/src/generated', () => {
    expect(fresh.size).toBeGreaterThan(0);
    const committedDir = path.join(repoRoot, SDK_GENERATED_DIR);
    const committed = readdirSync(committedDir).map((f) => path.relative(repoRoot, path.join(committedDir, f)));
    expect(committed.sort(), 'a generated file is missing or left over: run `npm run codegen`').toEqual([...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      expect(readFileSync(path.join(repoRoot, file), 'utf8'), `${file} is stale: run \`npm run codegen\` and commit the result`).toBe(content);
    }
  });

  it('has a TypedDocumentNode for the operations the README uses', () => {
    const graphql = fresh.get(path.join(SDK_GENERATED_DIR, 'graphql.ts')) ?? '';
    for (const name of ['NearbyTasksDocument', 'PlaceBidDocument', 'BidEventsDocument', 'SignInDocument']) {
      expect(graphql).toMatch(new RegExp(`export const ${name} = .* as unknown as DocumentNode<\\w+, \\w+Variables>;`));
    }
  });

  it('has a document for every query, mutation and subscription of the API, and the entity fields API.md names', () => {
    const schema = buildSchema(apiSdl);
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((root) =>
      root ? Object.keys(root.getFields()).map((field) => `${root.name}.${field}`) : [],
    );
    const wanted = [...roots.filter((c) => !NOT_FOR_CLIENTS.includes(c)), ...API_MD_ENTITY_FIELDS];
    const selected = selectedCoordinates(apiSdl, operationDocuments());
    expect(wanted.filter((c) => !selected.has(c)), 'add an operation to packages/sdk/src/operations').toEqual([]);
  });

  it('has a coverage check that names what no document selects', () => {
    const selected = selectedCoordinates('type Query { a: Int b: Int }', [parse('{ a }')]);
    expect([...selected]).toEqual(['Query.a']);
  });

  it('lets subscriptions resume: each selects the event cursor and takes it as $after', () => {
    const subscriptions = operationDocuments().flatMap((d) =>
      d.definitions.filter((def) => def.kind === 'OperationDefinition' && def.operation === 'subscription'),
    );
    expect(subscriptions.length).toBe(4); // bidEvents, taskEvents, paymentEvents, notificationEvents
    for (const sub of subscriptions) {
      if (sub.kind !== 'OperationDefinition') continue;
      const root = sub.selectionSet.selections[0];
      const fields = root?.kind === 'Field' ? root.selectionSet?.selections.map((s) => (s.kind === 'Field' ? s.name.value : '')) : [];
      expect(fields, sub.name?.value).toContain('cursor');
      expect(sub.variableDefinitions?.map((v) => v.variable.name.value), sub.name?.value).toContain('after');
    }
  });
});
