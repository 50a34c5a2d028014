import { createLogger, exitOnSignals, loadConfig } from '@sx/runtime';
import { envSchema } from './env.js';
import { startGateway } from './server.js';

const config = loadConfig(envSchema);
const log = createLogger('gateway', config.LOG_LEVEL);
try {
  const gateway = await startGateway(config, { log });
  exitOnSignals(gateway.stop, log, config.SHUTDOWN_TIMEOUT_MS);
} catch (err) {
  log.fatal({ err }, `gateway failed to start: ${(err as Error).message}`);
  process.exit(1);
}
