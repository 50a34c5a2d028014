import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import { nameRequestSpan, type Logger } from '@sx/runtime';
import { callerFromRequest, requestIdOf, type GatewayContext, type TokenCheck } from '../auth-context.js';
import type { RequestBudget } from '../edge/request-budget.js';
import { operationCost } from '../edge/query-cost.js';
import { plainRequestOf, wantsPlainJson } from '../plain-request.js';
import type { RequestRecorder } from '../request-telemetry.js';
import { viewerScope } from '../viewer-scope.js';
import type { ResponseCache } from './response-cache.js';
import { requestKeyOf } from './response-key.js';
import type { RequestSources } from './response-sources.js';

/**
 * Stores the answer of every successful query whose fetches were all opted in (see
 * ResponseCache.store for when it is kept). Runs after the edge plugin, so the cost is the one it
 * charged; mutations, errors, non-200 answers and the gateway's own operations (live payloads,
 * without HTTP) are never stored.
 */
export function responseCachePlugin(cache: ResponseCache, sources: RequestSources): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation, document, schema, contextValue }) {
          if (!request.http || operation?.operation !== 'query' || !document || response.body.kind !== 'single') return;
          if ((response.http.status ?? 200) !== 200 || response.body.singleResult.errors?.length || request.query === undefined) return;
          const built = sources.of(contextValue);
          if (!built) return;
          const cost = operationCost(schema, document, operation, request.variables);
          // Apollo's own serialisation (prettyJSONStringify), so a hit is byte for byte the same answer.
          const body = `${JSON.stringify(response.body.singleResult)}\n`;
          cache.store(viewerScope(contextValue.identity), requestKeyOf(request), { body, cost, operationName: request.operationName ?? undefined }, built);
        },
      };
    },
  };
}

export interface CachedAnswersOptions {
  cache: ResponseCache;
  tokens: TokenCheck;
  budget: RequestBudget;
  telemetry: RequestRecorder;
  registry: Registry;
  log: Logger;
}

/**
 * Answers a POST from the response cache before Apollo parses it, with the guards a request
 * passes on Apollo's path: the token is checked (a refused token goes on to Apollo, which answers
 * it 401), and the session's end and the request's cost are checked in the one budget script (an
 * ended session or an exhausted budget goes on to Apollo, which answers 401 or 429). The document and variables were validated when the answer was
 * stored, and their verdicts depend on nothing else.
 */
export function answerFromResponseCache(opts: CachedAnswersOptions): RequestHandler {
  const lookups = new Counter({
    name: 'sx_gateway_response_cache_lookups_total',
    help: 'Requests looked up in the whole-response cache, by outcome (hit; miss; refused: found but the session ended or the budget is spent, so Apollo answers it); a request no viewer has cached is not counted',
    labelNames: ['outcome'],
    registers: [opts.registry],
  });
  return (req, res, next) => {
    if (req.method !== 'POST' || opts.cache.size === 0 || !wantsPlainJson(req.headers.accept)) return next();
    const request = plainRequestOf(req.body);
    const requestKey = request && requestKeyOf(request);
    if (requestKey === undefined || !opts.cache.mayHave(requestKey)) return next();
    const started = process.hrtime.bigint();
    callerFromRequest(req, opts.tokens)
      .then(async ({ identity, endedSessionKey }) => {
        const hit = opts.cache.get(viewerScope(identity), requestKey);
        if (!hit) {
          lookups.inc({ outcome: 'miss' });
          return next();
        }
        // One Redis round trip, as on Apollo's path: the session's end and the budget together.
        if (!(await opts.budget.charge({ identity, cost: hit.cost, endedSessionKey })).allowed) {
          lookups.inc({ outcome: 'refused' });
          return next();
        }
        lookups.inc({ outcome: 'hit' });
        const requestId = requestIdOf(req);
        nameRequestSpan('query', hit.operationName);
        res.status(200).set({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId });
        res.send(hit.body);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        opts.telemetry.record('query', 'ok', seconds);
        opts.log.info({ requestId, userId: identity.userId ?? undefined, operationType: 'query', operationName: hit.operationName, outcome: 'ok', ms: Math.round(seconds * 1000), cachedResponse: true }, 'graphql request');
      }, () => next())
      .catch(next);
  };
}
