import type { ApolloServerPlugin } from '@apollo/server';
import { findInputProblem, inputProblemError, refusalError } from '@sx/runtime';
import { sessionEndedError, type GatewayContext } from '../auth-context.js';
import { checkOperationChoice } from './operation-checks.js';
import { operationCost } from './query-cost.js';
import type { RequestBudget } from './request-budget.js';
import { retryAfterSecondsOf, tidyErrors } from './response-errors.js';

export interface EdgeOptions {
  budget: RequestBudget;
  /** Errors one response carries at most (MAX_RESPONSE_ERRORS). */
  maxErrors: number;
}

/**
 * What the gateway decides about a client's request before any subgraph hears of it, in this
 * order: is there one query or mutation to run; are its inputs clean (no control characters,
 * real date-times); can the caller's budget pay for its cost. And what every answer gets on its
 * way out: distinct errors, at most `maxErrors`, and `Retry-After` when it says RATE_LIMITED.
 */
export function edgePlugin(opts: EdgeOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          checkOperationChoice(ctx);
          // Operations the gateway runs itself (live payloads) have no HTTP request and no client budget.
          if (!ctx.request.http || !ctx.operation) return;
          const problem = findInputProblem(ctx.schema, ctx.document, ctx.operation, ctx.request.variables);
          if (problem) throw inputProblemError(problem, 400);
          const cost = operationCost(ctx.schema, ctx.document, ctx.operation, ctx.request.variables);
          // The request's one Redis round trip: its session's end (if it names one) and its budget.
          const { identity, endedSessionKey } = ctx.contextValue;
          const charge = await opts.budget.charge({ identity, cost, endedSessionKey });
          if (charge.allowed) return;
          if ('sessionEnded' in charge) throw sessionEndedError();
          throw refusalError(
            'TOO_MANY_REQUESTS',
            `Too many requests: your request budget is spent for now (this one costs ${cost}); try again in ${charge.retryAfterSeconds} seconds.`,
            { retryAfterSeconds: charge.retryAfterSeconds, http: { status: 429 } },
          );
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = tidyErrors(result.errors, opts.maxErrors);
          const retryAfter = retryAfterSecondsOf(result.errors);
          if (retryAfter !== null) response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
