import { CATALOGUE, type AnyEventDefinition, type PayloadOf } from './catalogue/index.js';
import { envelopeSchema, type EventEnvelope } from './envelope.js';

/** An event that does not match the catalogue: never published, never handled. */
export class EventSchemaError extends Error {}

function definitionOf(type: string): AnyEventDefinition {
  const def = CATALOGUE.get(type);
  if (!def) throw new EventSchemaError(`Unknown event type ${type}: add it to the catalogue.`);
  return def;
}

/** Checks a payload against the latest version of its type before it enters an outbox. */
export function validatePayload<D extends AnyEventDefinition>(def: D, data: PayloadOf<D>): PayloadOf<D> {
  const schema = def.versions[def.latest];
  const parsed = schema?.safeParse(data);
  if (!parsed?.success) {
    throw new EventSchemaError(`${def.type} v${def.latest} payload is invalid: ${parsed?.error.message ?? 'no schema'}`);
  }
  return parsed.data as PayloadOf<D>;
}

/**
 * Parses a message from a stream: envelope, then the payload against the version it was
 * written in, then upcasts it step by step to the latest version.
 */
export function decodeEvent(bytes: Uint8Array): EventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new EventSchemaError('Event is not JSON.');
  }
  return decodeEnvelope(json);
}

/** An envelope already parsed from JSON (e.g. an outbox row), validated and upcast. */
export function decodeEnvelope(json: unknown): EventEnvelope {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new EventSchemaError(`Event envelope is invalid: ${envelope.error.message}`);
  const def = definitionOf(envelope.data.type);
  const schema = def.versions[envelope.data.version];
  if (!schema) throw new EventSchemaError(`${def.type} has no version ${envelope.data.version}.`);
  const parsed = schema.safeParse(envelope.data.data);
  if (!parsed.success) {
    throw new EventSchemaError(`${def.type} v${envelope.data.version} payload is invalid: ${parsed.error.message}`);
  }
  let data: unknown = parsed.data;
  for (let v = envelope.data.version; v < def.latest; v++) {
    const up = def.upcast[v];
    if (!up) throw new EventSchemaError(`${def.type} cannot be upcast from v${v}.`);
    data = (up as (d: unknown) => unknown)(data);
  }
  return { ...envelope.data, version: def.latest, data };
}
