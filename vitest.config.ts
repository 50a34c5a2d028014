import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/slow-files-first.js';

const require = createRequire(import.meta.url);
/** vitest's own default conditions (Vite's server ones without `module`), and `sx-source` first. */
const TEST_CONDITIONS = ['sx-source', 'node', 'development|production'];

// Two cores: run test files in at most two forks so the stack the e2e tests start is not starved.
export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS entry (Apollo and graphql-ws load that one); Vite
    // would pick the .mjs for our own code, and a schema or error from one copy is not
    // recognised by the other. One copy, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
    // Published workspace packages (@sx/sdk) export their sources under `sx-source` (as tsconfig's
    // customConditions): tests run the sources, never a stale dist/. The rest are vitest's defaults.
    conditions: TEST_CONDITIONS,
  },
  ssr: { resolve: { conditions: TEST_CONDITIONS } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx', 'subgraphs/*/src/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'e2e/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    // The cluster fault test runs alone, under `npm run test:cluster` (vitest.cluster.config.ts).
    exclude: ['**/node_modules/**', 'test/cluster/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Each fork runs file after file: the modules the files share (the gateway, Apollo, drizzle,
    // the SDK) are loaded once per fork instead of once per file. Test files therefore leave the
    // process as they found it: env variables restored, servers and pools closed in afterAll.
    isolate: false,
    // The longest files first, so that the two forks finish together (test/slow-files-first.ts).
    sequence: { sequencer: SlowFilesFirst },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['packages/testkit/src/global-setup.ts'],
  },
});
