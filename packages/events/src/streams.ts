import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DOMAINS } from './catalogue/index.js';

/** Limits of every domain stream; file storage so events survive a NATS restart. */
export const STREAM_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Window in which a repeated Nats-Msg-Id is dropped by JetStream (relay retries fall in it). */
export const STREAM_DUPLICATE_WINDOW_MS = 10 * 60_000;

/**
 * `bids` → stream `BIDS` carrying `bids.>`. A namespace (EVENTS_NAMESPACE) gives a test run its
 * own streams and subjects on a shared server: `t1_BIDS` carrying `t1.bids.>`.
 */
export function streamName(domain: string, namespace = ''): string {
  return namespace ? `${namespace}_${domain.toUpperCase()}` : domain.toUpperCase();
}

/** The subject an event type is published on. */
export function subjectOf(type: string, namespace = ''): string {
  return namespace ? `${namespace}.${type}` : type;
}

/** The event type a subject carries (the inverse of subjectOf). */
export function typeOfSubject(subject: string, namespace = ''): string {
  return namespace && subject.startsWith(`${namespace}.`) ? subject.slice(namespace.length + 1) : subject;
}

/** Per-install stream settings (EVENTS_NAMESPACE, EVENTS_STREAM_MAX_BYTES, EVENTS_STREAM_REPLICAS). */
export interface StreamSettings {
  namespace: string;
  maxBytes: number;
  replicas: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = { namespace: '', maxBytes: 1024 ** 3, replicas: 1 };

/**
 * The stream size of a namespaced run (tests, benches): JetStream reserves a stream's whole size
 * up front, so many runs on one shared server each ask for little.
 */
export const NAMESPACED_STREAM_MAX_BYTES = 64 * 1024 ** 2;

export function streamSettingsOf(config: { EVENTS_NAMESPACE: string; EVENTS_STREAM_MAX_BYTES: number; EVENTS_STREAM_REPLICAS: number }): StreamSettings {
  return { namespace: config.EVENTS_NAMESPACE, maxBytes: config.EVENTS_STREAM_MAX_BYTES, replicas: config.EVENTS_STREAM_REPLICAS };
}

export function streamConfig(domain: string, settings: Partial<StreamSettings> = {}): Partial<StreamConfig> & { name: string; subjects: string[] } {
  const { namespace, maxBytes, replicas } = { ...DEFAULT_STREAM_SETTINGS, ...settings };
  return {
    name: streamName(domain, namespace),
    subjects: [subjectOf(`${domain}.>`, namespace)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(STREAM_MAX_AGE_MS),
    max_bytes: maxBytes,
    duplicate_window: nanos(STREAM_DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  };
}

/** Creates or updates every domain stream; safe to run at every start and from every service. */
export async function ensureStreams(jsm: JetStreamManager, settings: Partial<StreamSettings> = {}): Promise<void> {
  for (const domain of DOMAINS) {
    const config = streamConfig(domain, settings);
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await jsm.streams.add(config);
      } catch (addErr) {
        // Another service created it meanwhile; the config is the same.
        if (!String(addErr).includes('already in use')) throw addErr;
      }
    }
  }
}

function isNotFound(err: unknown): boolean {
  return /not found/i.test(String((err as Error)?.message ?? err));
}
