import type { Identity } from '@sx/core';
import type { Logger } from 'pino';

/** What every resolver receives: who calls, per-request loaders, a logger. */
export interface ServiceContext<L> {
  identity: Identity;
  loaders: L;
  log: Logger;
}
