import type { Db } from '@sx/runtime';

/** An open transaction of `db.transaction`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
