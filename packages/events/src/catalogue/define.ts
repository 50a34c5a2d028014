import type { z } from 'zod';

/**
 * One event type and every version of its payload. `upcast[n]` turns a version-n payload
 * into version n+1, so consumers handle old events still in a stream as the latest shape.
 */
export interface EventDefinition<Latest> {
  type: string;
  latest: number;
  versions: Record<number, z.ZodType>;
  upcast: Record<number, (data: never) => unknown>;
  /** The aggregate the event is about; the relay keeps order per aggregate. */
  aggregateId: (data: Latest) => string;
}

/** Any event definition (a parameter of type `never` accepts every payload type). */
export type AnyEventDefinition = EventDefinition<never>;

export function defineEvent<S extends z.ZodType>(def: {
  type: string;
  schema: S;
  aggregateId: (data: z.infer<S>) => string;
}): EventDefinition<z.infer<S>> {
  return { type: def.type, latest: 1, versions: { 1: def.schema }, upcast: {}, aggregateId: def.aggregateId };
}

/** Adds version latest+1 with its schema and the upcaster from the previous version. */
export function addVersion<Prev, S extends z.ZodType>(
  prev: EventDefinition<Prev>,
  next: { schema: S; upcast: (data: Prev) => z.infer<S>; aggregateId: (data: z.infer<S>) => string },
): EventDefinition<z.infer<S>> {
  const version = prev.latest + 1;
  return {
    type: prev.type,
    latest: version,
    versions: { ...prev.versions, [version]: next.schema },
    upcast: { ...prev.upcast, [prev.latest]: next.upcast as (data: never) => unknown },
    aggregateId: next.aggregateId,
  };
}

export type PayloadOf<D> = D extends { aggregateId: (data: infer L) => string } ? L : never;
