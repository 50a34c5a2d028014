import type { Identity } from '@sx/core';
import type { Logger } from 'pino';

/** What every resolver receives: who calls, per-request loaders, a logger. */
export interface ServiceContext<L> {
  identity: Identity;
  loaders: L;
  log: Logger;
  /** The gateway's x-request-id of this request (audit entries carry it); null without a plain one. */
  requestId?: string | null;
}
