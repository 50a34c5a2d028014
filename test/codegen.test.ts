import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { resolverTypesPath, SUBGRAPHS } from '../codegen.js';

// The resolver types are committed; CI must fail when a subgraph's SDL changed without them.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

interface GeneratedFile {
  filename: string;
  content: string;
}

describe('generated resolver types', () => {
  const fresh = new Map<string, string>();

  beforeAll(async () => {
    // saveToFile=false: generate in memory, so the test compares and never rewrites the tree.
    const files = (await generate({ ...config, cwd: repoRoot }, false)) as GeneratedFile[];
    for (const file of files) fresh.set(file.filename, file.content);
  });

  it('generates one resolver-types file per subgraph and nothing else', () => {
    expect([...fresh.keys()].sort()).toEqual(SUBGRAPHS.map(resolverTypesPath).sort());
  });

  it.each(SUBGRAPHS)('has the committed %s resolver types up to date with its schema.graphql', (name) => {
    const path = resolverTypesPath(name);
    const committed = readFileSync(`${repoRoot}${path}`, 'utf8');
    expect(committed, `${path} is stale: run \`npm run codegen\` and commit the result`).toBe(fresh.get(path));
  });

  it('types the tasks mutations, e.g. postTask, against the service context', () => {
    const tasks = fresh.get(resolverTypesPath('tasks')) ?? '';
    const mutationResolvers = /export type MutationResolvers<[^\n]*\n([\s\S]*?)\n\}>;/.exec(tasks)?.[1] ?? '';
    expect(mutationResolvers).toMatch(/^\s+postTask\?: Resolver<ResolversTypes\['Task'\]/m);
    expect(tasks).toContain("import type { ServiceContext } from '@sx/runtime';");
    expect(tasks).toContain('ContextType = ServiceContext<unknown>');
  });

  it('gives every @key entity a __resolveReference resolver (federation mode)', () => {
    const users = fresh.get(resolverTypesPath('users')) ?? '';
    const userResolvers = /export type UserResolvers<[^\n]*\n([\s\S]*?)\n\}>;/.exec(users)?.[1] ?? '';
    expect(userResolvers).toContain('__resolveReference?: ReferenceResolver<');
  });
});
