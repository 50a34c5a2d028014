import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { traceIdOf, type Logger } from '@sx/runtime';
import { identityFromRequest, requestIdOf, type GatewayContext, type TokenCheck } from './auth-context.js';
import { plainRequestOf, wantsPlainJson } from './plain-request.js';
import type { RequestRecorder } from './request-telemetry.js';

/** What the gateway answered to a document it refused before planning (parse or validation). */
export interface Refusal {
  status: number;
  errors: readonly GraphQLFormattedError[];
  /** The first error's code: the outcome the request metrics count. */
  outcome: string;
}

/** Documents longer than this are refused afresh each time (they would make the map large). */
const MAX_CACHED_QUERY_LENGTH = 8_192;

/**
 * The verdicts on documents the guards refused (syntax, the token limit, validation with
 * graphql-armor's depth, alias, directive and cost limits). Those depend on the document's text
 * and the schema only — never on variables, the caller or the data — so a document refused once
 * is refused again without being parsed and validated again (issue 12: refusals cost us twice
 * Hive's CPU, mostly graphql's validation and the errors it builds). Bounded, oldest out; emptied
 * when the schema changes.
 */
export class RefusedDocuments {
  private readonly byQuery = new Map<string, Refusal>();

  constructor(private readonly maxEntries: number) {}

  get(query: string): Refusal | undefined {
    return this.byQuery.get(query);
  }

  remember(query: string, refusal: Refusal): void {
    if (query.length > MAX_CACHED_QUERY_LENGTH || this.byQuery.has(query)) return;
    if (this.byQuery.size >= this.maxEntries) {
      const oldest = this.byQuery.keys().next().value;
      if (oldest !== undefined) this.byQuery.delete(oldest);
    }
    this.byQuery.set(query, refusal);
  }

  clear(): void {
    this.byQuery.clear();
  }

  get size(): number {
    return this.byQuery.size;
  }
}

/**
 * Records the answer to every document refused while parsing or validating, as the client got it
 * (formatted, tidied: place it after the edge plugin, whose willSendResponse tidies the errors).
 */
export function refusedDocumentsPlugin(store: RefusedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let refusedBeforePlanning = false;
      return {
        async parsingDidStart() {
          return async (error?: Error) => {
            if (error) refusedBeforePlanning = true;
          };
        },
        async validationDidStart() {
          return async (errors?: readonly Error[]) => {
            if (errors?.length) refusedBeforePlanning = true;
          };
        },
        async willSendResponse({ source, response }) {
          if (!refusedBeforePlanning || source === undefined || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length || response.http.status === undefined) return;
          const code = errors[0]?.extensions?.code;
          store.remember(source, { status: response.http.status, errors, outcome: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
        },
      };
    },
  };
}

/**
 * Answers a POST of a document already refused with the same answer, before Apollo parses it:
 * the request id header, the request metrics and the log line as Apollo's path gives them. A
 * request with an Authorization header has its token checked first, as in Apollo's path (a bad
 * token is answered 401 before the document is looked at): if the token is refused, Apollo
 * answers it.
 */
export function answerKnownRefusals(opts: { store: RefusedDocuments; tokens: TokenCheck; telemetry: RequestRecorder; log: Logger }): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || opts.store.size === 0 || !wantsPlainJson(req.headers.accept)) return next();
    const query = plainRequestOf(req.body)?.query;
    const refusal = query === undefined ? undefined : opts.store.get(query);
    if (!refusal) return next();
    const started = process.hrtime.bigint();
    const signedIn = req.headers.authorization !== undefined && req.headers.authorization.trim() !== '';
    const tokenChecked = signedIn ? identityFromRequest(req, opts.tokens).then(() => true, () => false) : Promise.resolve(true);
    tokenChecked
      .then((tokenOk) => {
        if (!tokenOk) return next();
        const requestId = requestIdOf(req);
        res.status(refusal.status).set({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId });
        res.send(`${JSON.stringify({ errors: refusal.errors })}\n`);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        opts.telemetry.record('unknown', refusal.outcome, seconds);
        opts.telemetry.recordKnownRefusal();
        opts.log.info({ requestId, callerTraceId: traceIdOf(req.headers.traceparent), operationType: 'unknown', outcome: refusal.outcome, ms: Math.round(seconds * 1000), knownRefusal: true }, 'graphql request');
      })
      .catch(next);
  };
}
