import { accountEmailRequested, appendEvent, type Executor, type PayloadOf } from '@sx/events';
import { outbox } from '../db/tables.js';
import { SERVICE } from './user-events.js';

/** Written with the token's row: notifications mails the link once the transaction commits. */
export function recordAccountEmailRequested(tx: Executor, data: PayloadOf<typeof accountEmailRequested>) {
  return appendEvent(tx, outbox, accountEmailRequested, data, { service: SERVICE, actor: { kind: 'user', id: data.userId } });
}
