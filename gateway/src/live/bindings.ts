import { BID_EVENT_KINDS, notificationCreated, paymentEventFacts, TASK_EVENT_KINDS, taskEventParties } from '@sx/events';

/** A domain event as the gateway reads it off a stream: enough to route it, no more. */
export interface LiveEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** Position in the domain's stream; the cursor clients resume from. */
  seq: number;
}

/**
 * How an event reaches a subscriber: as the viewer themself (`self`: they are a party, or only
 * the subgraph can tell), or as an anonymous viewer (`public`: the event may be public, and
 * every non-party with the same selection shares one payload).
 */
export type ViewerScope = 'self' | 'public';

/**
 * One subscription root field: which stream it reads, which of that stream's events concern a
 * subscription's key (a task id, or the viewer for paymentEvents), and the Query field of the
 * owning subgraph that builds the payload (and decides who may see it).
 */
export interface LiveBinding {
  field: string;
  domain: string;
  /** Query field taking the event id, returning the event type: resolved by the owning subgraph. */
  hydrateField: string;
  /** The routing key of a subscription, from its arguments and viewer. */
  keyOf: (args: Record<string, unknown>, viewerId: string) => string;
  /** The keys an event is routed to (empty: no subscriber of this field cares). */
  keysOfEvent: (event: LiveEvent) => string[];
  /** How a subscriber whose key matched sees the event; null: not at all. */
  scopeFor: (event: LiveEvent, viewerId: string) => ViewerScope | null;
  /** The argument naming the task followed, which must exist and be visible to the subscriber. */
  taskArgument?: string;
}

const str = (data: Record<string, unknown>, key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
const lower = (id: string) => id.toLowerCase();

export const LIVE_BINDINGS: readonly LiveBinding[] = [
  {
    field: 'bidEvents',
    domain: 'bids',
    hydrateField: 'bidEvent',
    taskArgument: 'taskId',
    keyOf: (args) => lower(String(args['taskId'])),
    keysOfEvent: (e) => (BID_EVENT_KINDS[e.type] && str(e.data, 'taskId') ? [lower(str(e.data, 'taskId') ?? '')] : []),
    // The event names the tasker and the task's poster; older events without the poster are
    // asked of bids as each viewer (it answers null to anyone else).
    scopeFor: (e, viewerId) => {
      const posterId = str(e.data, 'posterId');
      if (posterId === null) return 'self';
      return viewerId === posterId || viewerId === str(e.data, 'taskerId') ? 'self' : null;
    },
  },
  {
    field: 'paymentEvents',
    domain: 'wallet',
    hydrateField: 'paymentEvent',
    keyOf: (_args, viewerId) => viewerId,
    keysOfEvent: (e) => paymentEventFacts(e)?.parties.map((p) => p.userId) ?? [],
    scopeFor: () => 'self',
  },
  {
    field: 'taskEvents',
    domain: 'tasks',
    hydrateField: 'taskEvent',
    taskArgument: 'taskId',
    keyOf: (args) => lower(String(args['taskId'])),
    keysOfEvent: (e) => (TASK_EVENT_KINDS[e.type] && str(e.data, 'taskId') ? [lower(str(e.data, 'taskId') ?? '')] : []),
    scopeFor: (e, viewerId) => (taskEventParties(e).includes(viewerId) ? 'self' : 'public'),
  },
  {
    // A notification concerns its recipient alone.
    field: 'notificationEvents',
    domain: 'notifications',
    hydrateField: 'notificationEvent',
    keyOf: (_args, viewerId) => viewerId,
    keysOfEvent: (e) => {
      const recipientId = e.type === notificationCreated.type ? str(e.data, 'recipientId') : null;
      return recipientId ? [recipientId] : [];
    },
    scopeFor: (e, viewerId) => (str(e.data, 'recipientId') === viewerId ? 'self' : null),
  },
];

export const LIVE_DOMAINS = [...new Set(LIVE_BINDINGS.map((b) => b.domain))];

export function bindingOf(field: string): LiveBinding | undefined {
  return LIVE_BINDINGS.find((b) => b.field === field);
}
