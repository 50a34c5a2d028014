import type { Identity } from '@sx/core';
import { z } from 'zod';

/** Who caused an event: a user, or the system itself (jobs, sagas). */
export const actorSchema = z.object({
  kind: z.enum(['user', 'system']),
  id: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null };

/** The actor of an event caused by a request: the signed-in caller, or the system for anonymous work. */
export function actorOf(identity: Identity): Actor {
  return identity.userId ? { kind: 'user', id: identity.userId } : SYSTEM_ACTOR;
}

/** The wire shape of every event; `data` is validated separately against the catalogue. */
export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z]+\.[a-z_]+\.[a-z_]+$/),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime(),
  actor: actorSchema,
  traceparent: z.string().nullable(),
  data: z.unknown(),
});

export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  actor: Actor;
  /** W3C trace context of the request that caused the event, when there was one. */
  traceparent: string | null;
  data: T;
}

/** `bids.bid.placed` → `bids`: the domain, and so the stream, an event belongs to. */
export function domainOf(type: string): string {
  return type.split('.', 1)[0] ?? type;
}
