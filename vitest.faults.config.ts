import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: the fault suite alone, at full length (docs/reliability.md). The shared
// stack of the global setup serves the property-based ledger tests; the bank test and the
// process races start stacks of their own.
export default mergeConfig(base, {
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
