import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway } from './test-gateway.js';

// @apollo/gateway starts a usage-data exporter to Apollo unless APOLLO_TELEMETRY_DISABLED is
// 'true' or '1' when it is constructed; ours turns it off unless the operator chose otherwise.
describe('Apollo usage telemetry', () => {
  const before = process.env.APOLLO_TELEMETRY_DISABLED;
  afterEach(() => {
    if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = before;
  });

  it('is off by default', async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const gateway = await startTestGateway();
    try {
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    } finally {
      await gateway.stop();
    }
  });

  it("keeps the operator's choice", async () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    const gateway = await startTestGateway();
    try {
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('false');
    } finally {
      await gateway.stop();
    }
  });
});
