// @ts-check
/**
 * The layering rules of docs/architecture.md, checked by test/boundaries.test.ts on every
 * `npm test` (by hand: `npm run check:boundaries`).
 *
 * Paths are relative to the folder being cruised (the repository; a fixture tree in the
 * test), so code outside it — the workspace packages, node_modules — resolves as `../…`.
 */

/** Any number of `../` first: a target outside the cruised folder. */
const UP = '^(\\.\\./)*';

/** An npm package (or its @types), by name. */
const npm = (/** @type {string[]} */ names) => `${UP}node_modules/(@types/)?(${names.join('|')})/`;

/** Server, database and broker libraries: what pure code must not load. */
const SERVER_SIDE = ['express', 'pg', 'drizzle-orm', 'ioredis', '@nats-io/[^/]+'];

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: 'subgraphs-never-import-each-other',
    comment: 'A subgraph reaches another domain only through federation and events (docs/architecture.md).',
    severity: 'error',
    from: { path: '^subgraphs/([^/]+)/' },
    to: { path: `${UP}subgraphs/`, pathNot: '^subgraphs/$1/' },
  },
  {
    name: 'domain-is-pure',
    comment: 'Rules are plain functions over plain data: @sx/core, sibling domain files and zod only.',
    severity: 'error',
    from: { path: '^subgraphs/[^/]+/src/domain/' },
    to: {
      path: [
        '^subgraphs/[^/]+/src/(db|resolvers|commands|events|generated|jobs|live)/',
        '^subgraphs/[^/]+/src/loaders\\.ts$',
        `${UP}packages/(runtime|events)/`,
        npm(SERVER_SIDE),
      ],
    },
  },
  {
    name: 'resolvers-reach-the-database-only-through-commands-and-loaders',
    comment: 'A resolver parses, calls a command or a loader, and maps: no tables, queries or SQL.',
    severity: 'error',
    from: { path: '^subgraphs/[^/]+/src/resolvers/' },
    to: { path: ['^subgraphs/[^/]+/src/db/', npm(['drizzle-orm', 'pg'])] },
  },
  {
    name: 'packages-never-import-subgraphs',
    comment: 'Shared code serves every subgraph and knows none of them.',
    severity: 'error',
    from: { path: '^packages/' },
    to: { path: `${UP}subgraphs/` },
  },
  {
    name: 'core-stands-alone',
    comment: '@sx/core is the pure base every layer may import: its own files and zod, nothing else.',
    severity: 'error',
    from: { path: '^packages/core/', pathNot: '\\.test\\.ts$' },
    to: { pathNot: ['^packages/core/', npm(['zod'])] },
  },
  {
    name: 'imports-resolve',
    comment: 'An import the cruiser cannot resolve would escape every rule above.',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluded modules vanish as dependencies too, and the npm rules need them.
    exclude: { path: '(^|/)dist/' },
    // Type-only imports count: a resolver importing a db/ row type still leans on storage.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages export their TypeScript source ("exports": "./src/index.ts").
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['sx-source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      // Type-only packages (@graphql-typed-document-node/core) have only `typings`.
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
