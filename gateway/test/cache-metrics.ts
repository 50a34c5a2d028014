import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStreams, NAMESPACED_STREAM_MAX_BYTES } from '@sx/events';
import { metricSample, scrapeMetrics } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';

/**
 * Cache lookups a gateway made of one subgraph's answers, by outcome: over both scopes, or only
 * the shared public one or the viewers' own.
 */
export async function lookups(gateway: RunningGateway, subgraph: string, scope?: 'public' | 'viewer'): Promise<{ hit: number; miss: number }> {
  const text = await scrapeMetrics(gateway.url);
  const count = (outcome: string) =>
    (['public', 'viewer'] as const)
      .filter((s) => scope === undefined || s === scope)
      .reduce((sum, s) => sum + (metricSample(text, 'sx_gateway_cache_lookups_total', [`subgraph="${subgraph}"`, `outcome="${outcome}"`, `scope="${s}"`]) ?? 0), 0);
  return { hit: count('hit'), miss: count('miss') };
}

/** Requests a gateway answered whole from its response cache. */
export async function responseHits(gateway: RunningGateway): Promise<number> {
  return metricSample(await scrapeMetrics(gateway.url), 'sx_gateway_response_cache_lookups_total', ['outcome="hit"']) ?? 0;
}

/** Fetches a gateway sent to one subgraph (its own and shared ones), reads and writes alike. */
export async function fetchesOf(gateway: RunningGateway, subgraph: string): Promise<number> {
  const text = await scrapeMetrics(gateway.url);
  return ['true', 'false'].reduce((sum, shared) => sum + (metricSample(text, 'sx_gateway_subgraph_fetches_total', [`subgraph="${subgraph}"`, `shared="${shared}"`]) ?? 0), 0);
}

/** An events namespace whose streams exist but carry no events: a gateway reading it hears of no change. */
export async function silentNamespace(): Promise<string> {
  const namespace = `quiet${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    await ensureStreams(await jetstreamManager(nc), { namespace, maxBytes: NAMESPACED_STREAM_MAX_BYTES });
  } finally {
    await nc.close();
  }
  return namespace;
}
