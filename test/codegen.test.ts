import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { resolverTypesPath, SUBGRAPHS } from '../codegen.js';

// Generated code is committed; CI must fail when an SDL changed without it.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

interface GeneratedFile {
  filename: string;
  content: string;
}

/** The body of `export type <name>… = {…};` in a generated file. */
const typeBody = (source: string, name: string): string =>
  new RegExp(`export type ${name}\\b[^\\n]*\\n([\\s\\S]*?)\\n\\};`).exec(source)?.[1] ?? '';

describe('generated code', () => {
  const fresh = new Map<string, string>();

  beforeAll(async () => {
    // saveToFile=false: generate in memory, so the test compares and never rewrites the tree.
    const files = (await generate({ ...config, cwd: repoRoot }, false)) as GeneratedFile[];
    for (const file of files) fresh.set(file.filename, file.content);
  });

  it('generates one resolver-types file per subgraph', () => {
    expect(SUBGRAPHS.map(resolverTypesPath).filter((path) => !fresh.has(path))).toEqual([]);
  });

  it.each(SUBGRAPHS)('has the committed %s resolver types up to date with its schema.graphql', (name) => {
    const path = resolverTypesPath(name);
    const committed = readFileSync(`${repoRoot}${path}`, 'utf8');
    expect(committed, `${path} is stale: run \`npm run codegen\` and commit the result`).toBe(fresh.get(path));
  });

  it('has every other generated file committed and up to date', () => {
    const resolverPaths = new Set<string>(SUBGRAPHS.map(resolverTypesPath));
    const stale = [...fresh]
      .filter(([path]) => !resolverPaths.has(path))
      .filter(([path, content]) => !existsSync(`${repoRoot}${path}`) || readFileSync(`${repoRoot}${path}`, 'utf8') !== content)
      .map(([path]) => path);
    expect(stale, 'stale generated files: run `npm run codegen` and commit the result').toEqual([]);
  });

  it('types the tasks mutations, e.g. postTask, against the tasks service context', () => {
    const tasks = fresh.get(resolverTypesPath('tasks')) ?? '';
    expect(typeBody(tasks, 'MutationResolvers')).toMatch(/^\s+postTask\?: Resolver<ResolversTypes\['Task'\]/m);
    expect(tasks).toContain("import type { ServiceContext } from '@sx/runtime';");
    expect(tasks).toContain("import type { TaskLoaders } from '../loaders.js';");
    expect(tasks).toContain('ContextType = ServiceContext<TaskLoaders>');
  });

  it('maps entities to what the resolvers really hold: rows, and bare references for other subgraphs', () => {
    const tasks = fresh.get(resolverTypesPath('tasks')) ?? '';
    expect(tasks).toContain("import type { Task as TaskMapper } from '../db/task-columns.js';");
    expect(typeBody(tasks, 'ResolversTypes')).toMatch(/^\s+Task: ResolverTypeWrapper<TaskMapper>;$/m);
    expect(typeBody(tasks, 'ResolversParentTypes')).toMatch(/^\s+User: \{ id: string \};$/m);
  });

  it('generates enums as string unions, so the domain unions (TaskStatus…) fit them', () => {
    const tasks = fresh.get(resolverTypesPath('tasks')) ?? '';
    expect(tasks).toMatch(/^export type TaskStatus =$/m);
    expect(tasks).not.toMatch(/^export enum /m);
  });

  it('gives every @key entity a __resolveReference resolver (federation mode)', () => {
    const users = fresh.get(resolverTypesPath('users')) ?? '';
    expect(typeBody(users, 'UserResolvers')).toContain('__resolveReference?: ReferenceResolver<');
  });
});
