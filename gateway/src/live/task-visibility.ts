import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import type { GatewayContext } from '../auth-context.js';

const TASK_QUERY = 'query SxLiveTaskVisible($id: ID!) { task(id: $id) { id } }';
/** How long a task everyone can see is taken as still there (a cancelled task stays readable). */
const PUBLIC_TTL_MS = 30_000;
const PUBLIC_CACHE_SIZE = 10_000;

export type TaskVisibility = (taskId: string, viewer: Identity) => Promise<'visible' | 'hidden' | 'unknown'>;

/**
 * Whether a viewer may see a task, asked of the tasks subgraph through the gateway itself (so
 * its rules decide): `task(id)` is null for a task that does not exist or that the viewer may
 * not see. A task an anonymous viewer sees is public: that answer is kept for a while and shared
 * by every subscriber, so a thousand subscribers of one task cost one lookup. `unknown`: the
 * subgraph could not answer.
 */
export function createTaskVisibility(server: ApolloServer<GatewayContext>, log: Logger): TaskVisibility {
  const publicUntil = new Map<string, number>();

  const ask = async (taskId: string, identity: Identity): Promise<'visible' | 'hidden' | 'unknown'> => {
    const response = await server.executeOperation(
      { query: TASK_QUERY, variables: { id: taskId } },
      { contextValue: { identity, requestId: `live-task-${taskId.slice(0, 40)}`, log } },
    );
    if (response.body.kind !== 'single') return 'unknown';
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      log.warn({ taskId, errors: errors.map((e) => e.message) }, 'could not check a subscribed task');
      return 'unknown';
    }
    return data?.['task'] ? 'visible' : 'hidden';
  };

  return async (taskId, viewer) => {
    const key = taskId.toLowerCase();
    if ((publicUntil.get(key) ?? 0) > Date.now()) return 'visible';
    const anonymous = await ask(taskId, ANONYMOUS);
    if (anonymous === 'visible') {
      if (publicUntil.size >= PUBLIC_CACHE_SIZE) publicUntil.clear();
      publicUntil.set(key, Date.now() + PUBLIC_TTL_MS);
      return 'visible';
    }
    return anonymous === 'unknown' ? 'unknown' : ask(taskId, viewer);
  };
}
