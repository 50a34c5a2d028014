import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@sx/runtime';
import type { GatewayContext } from './auth-context.js';

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** Counts one answered request (also for answers given before Apollo, refused-documents.ts). */
export interface RequestRecorder {
  record: (operationType: string, outcome: string, seconds?: number) => void;
  /** A document refused before, answered again without parsing it (counted in `record` too). */
  recordKnownRefusal: () => void;
}

/**
 * One log line and two metrics per request, and the request id echoed to the caller so a
 * support request can be matched to the logs. Metrics are labelled by operation type (query,
 * mutation, subscription, or unknown when the document did not parse or the request was
 * refused before) and outcome (`ok`, or the first error's code — a bounded set, since the
 * formatter only lets public codes through).
 */
export function requestTelemetry(metrics: Metrics): RequestRecorder & { plugin: ApolloServerPlugin<GatewayContext> } {
  const labelNames = ['operation_type', 'outcome'] as const;
  const requests = new Counter({
    name: 'sx_gateway_requests_total',
    help: 'GraphQL requests answered by the gateway',
    labelNames,
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    name: 'sx_gateway_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  const knownRefusals = new Counter({
    name: 'sx_gateway_known_refusals_total',
    help: 'Requests of a document the guards had refused before, answered again without parsing or validating it',
    registers: [metrics.registry],
  });
  const record = (operationType: string, outcome: string, seconds?: number) => {
    const labels = { operation_type: OPERATION_TYPES.has(operationType) ? operationType : 'unknown', outcome };
    requests.inc(labels);
    if (seconds !== undefined) duration.observe(labels, seconds);
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      record('unknown', typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.code;
          const outcome = !errors?.length ? 'ok' : typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operationType = operation?.operation ?? 'unknown';
          record(operationType, outcome, seconds);
          response.http.headers.set('x-request-id', contextValue.requestId);
          contextValue.log.info({ operationType, operationName, outcome, ms: Math.round(seconds * 1000) }, 'graphql request');
        },
      };
    },
  };
  return { record, recordKnownRefusal: () => knownRefusals.inc(), plugin };
}
