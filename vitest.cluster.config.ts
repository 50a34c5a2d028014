import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:cluster`: the clustered stack under faults (test/cluster: the fault test and the
// bank test). Each file starts its own NATS cluster, Postgres primary and replica, HAProxy and
// 20 service processes — too heavy for `npm test`, so it runs on its own (docs/scaling.md, "The
// cluster on one machine"). Same resolution as the main config; no shared stack (globalSetup),
// one file at a time.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/cluster/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: [],
    maxWorkers: 1,
  },
});
