import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What /metrics tells about the gateway's own subgraph fetches. */
export function createSubgraphMetrics(registry: Registry) {
  return {
    fetches: new Counter({
      name: 'sx_gateway_subgraph_fetches_total',
      help: 'Subgraph fetches the query plans asked for, by subgraph; shared="true" when an identical read in flight for the same viewer scope answered it',
      labelNames: ['subgraph', 'shared'],
      registers: [registry],
    }),
    cache: new Counter({
      name: 'sx_gateway_cache_lookups_total',
      help: 'Lookups of cacheable subgraph fetches in the event-invalidated cache, by subgraph, outcome (hit, miss) and scope (public: only public fields, shared by every viewer; viewer: the caller\'s own)',
      labelNames: ['subgraph', 'outcome', 'scope'],
      registers: [registry],
    }),
    // RED per subgraph: rate and errors by outcome, and duration (retries are separate fetches).
    requests: new Counter({
      name: 'sx_gateway_subgraph_requests_total',
      help: 'HTTP fetches sent to a subgraph, by outcome: ok (any HTTP answer below 500), error (HTTP 5xx), timeout, unreachable, circuit_open (refused by the open circuit, never sent)',
      labelNames: ['subgraph', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'sx_gateway_subgraph_request_duration_seconds',
      help: 'Time a subgraph fetch took, including failed ones',
      labelNames: ['subgraph'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'sx_gateway_subgraph_retries_total',
      help: 'Reads sent again after the subgraph could not be reached (mutations are never retried)',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    circuitState: new Gauge({
      name: 'sx_gateway_circuit_state',
      help: "State of a subgraph's circuit breaker: 0 closed, 1 half-open (probing), 2 open (failing fast)",
      labelNames: ['subgraph'],
      registers: [registry],
    }),
  };
}

export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;

/** What /metrics tells about the known-user check (known-users.ts): the users questions it costs. */
export function createKnownUsersMetrics(registry: Registry): { asked: (users: number) => void; learnt: () => void; preloaded: (users: number) => void } {
  const questions = new Counter({
    name: 'sx_gateway_known_user_questions_total',
    help: 'Requests the gateway sent to users asking whether token users exist (one per batch of users first seen together)',
    registers: [registry],
  });
  const askedAbout = new Counter({
    name: 'sx_gateway_known_user_questions_users_total',
    help: 'Users asked about in those requests',
    registers: [registry],
  });
  const learnt = new Counter({
    name: 'sx_gateway_known_users_learnt_total',
    help: 'Users known from their users.user.signed_up event, never asked about',
    registers: [registry],
  });
  const preloaded = new Counter({
    name: 'sx_gateway_known_users_preloaded_total',
    help: 'Users known from the start-up read of existing accounts, never asked about',
    registers: [registry],
  });
  return {
    asked: (users) => {
      questions.inc();
      askedAbout.inc(users);
    },
    learnt: () => learnt.inc(),
    preloaded: (users) => preloaded.inc(users),
  };
}
