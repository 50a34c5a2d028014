import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: the fault suite alone, at full length (docs/reliability.md). The shared
// stack of the global setup serves the property-based ledger tests; the bank test and the
// process races start stacks of their own. (Not mergeConfig: it would append to `include`.)
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/faults/**/*.test.ts'] },
});
