import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import type { GatewayContext } from '../auth-context.js';
import type { LiveEvent } from './bindings.js';
import { encodeCursor } from './cursor.js';
import type { Hydrate } from './live-hub.js';
import { isTransient, untilNotTransient } from './hydration-retry.js';
import { EVENT_ID_VARIABLE, type PreparedSubscription } from './selection.js';

/** graphql-ws serializes errors itself; Apollo hands them over already formatted (and masked). */
function toGraphQLError(formatted: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions });
}

/**
 * Builds payloads by running the prepared query through the gateway itself, as the viewer: the
 * query plan reaches every subgraph the selection needs, each subgraph applies its own rules
 * to that viewer, and errors are masked by the same formatter as HTTP answers.
 */
export function createHydrator(server: ApolloServer<GatewayContext>, log: Logger): Hydrate {
  // A hydration is the gateway's own request, one per event and group: its 'graphql request'
  // info line would be a synchronous log write per event (3 % of the gateway's CPU in bench:live).
  // Warnings and errors still show; sx_live_hydrations_total counts them.
  const hydrationLog = log.child({ live: true }, { level: 'warn' });
  return async (prepared: PreparedSubscription, identity: Identity, event: LiveEvent): Promise<ExecutionResult | null> => {
    const run = async () => {
      const response = await server.executeOperation(
        {
          query: prepared.hydrationQuery,
          operationName: prepared.operationName,
          variables: { ...prepared.hydrationVariables, [EVENT_ID_VARIABLE]: event.id },
        },
        { contextValue: { identity, requestId: `live-${event.id}`, log: hydrationLog } },
      );
      if (response.body.kind !== 'single') throw new Error('a hydration query never streams');
      return response.body.singleResult;
    };
    const { data, errors } = await untilNotTransient(run);
    const root = data?.[prepared.binding.hydrateField];
    // null without errors: the owning subgraph says this viewer may not see the event.
    if ((root === null || root === undefined) && !errors?.length) return null;
    if (root && typeof root === 'object') {
      const cursor = encodeCursor(prepared.binding.domain, event.seq);
      for (const key of prepared.cursorKeys) (root as Record<string, unknown>)[key] = cursor;
    }
    const payload = root === undefined ? null : { [prepared.responseKey]: root };
    return errors?.length ? { data: payload, errors: errors.map(toGraphQLError) } : { data: payload };
  };
}

/** Selections checked so far; a subscription with a known selection is not checked again. */
const PREFLIGHT_CACHE_SIZE = 1_000;
/** No event has this id, so a preflight reaches only the owning subgraph, which answers null. */
const NO_EVENT = '00000000-0000-0000-0000-000000000000';

/**
 * Runs a subscription's payload query once, for no event, before accepting it: the gateway's
 * whole request pipeline (query limits, plan) judges it then, so a client learns at subscribe
 * time, not at its first event, that its selection is refused.
 */
export function createPreflight(hydrate: Hydrate): (prepared: PreparedSubscription) => Promise<readonly GraphQLError[]> {
  const verdicts = new Map<string, Promise<readonly GraphQLError[]>>();
  return (prepared) => {
    const known = verdicts.get(prepared.selectionKey);
    if (known) return known;
    const verdict = hydrate(prepared, ANONYMOUS, { id: NO_EVENT, type: 'none', data: {}, seq: 0 }).then(
      (result) => (result?.errors ?? []) as readonly GraphQLError[],
    );
    if (verdicts.size >= PREFLIGHT_CACHE_SIZE) verdicts.clear();
    verdicts.set(prepared.selectionKey, verdict);
    // A verdict of a subgraph that was down (or a failure masked) is not the selection's: forget
    // it, or every later subscriber of this selection would be refused with it.
    void verdict.then((errors) => {
      if (verdicts.get(prepared.selectionKey) === verdict && isTransient(errors.map((e) => ({ message: e.message, extensions: e.extensions })))) verdicts.delete(prepared.selectionKey);
    });
    return verdict;
  };
}
