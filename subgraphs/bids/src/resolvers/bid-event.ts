import { BID_EVENT_KINDS } from '@sx/events';
import { canSeeAcceptFailure, canSeeBid } from '../domain/bid-visibility.js';
import type { BidEventKind, QueryResolvers } from '../generated/resolvers-types.js';
import type { BidWithPoster } from '../loaders.js';

/** BidEvent as its resolvers receive it; `bid` is resolved by the Bid type's own resolvers. */
export interface BidEventView {
  id: string;
  cursor: string;
  kind: BidEventKind;
  bid: BidWithPoster;
  reason: string | null;
  occurredAt: string;
}

/**
 * Query.bidEvent: one of bids' own events, read back from its outbox, for the bid's tasker,
 * its task's poster and admins (the same rule as Bid itself); null for anyone else. The gateway
 * asks for it, as each subscriber, to build a live payload. `cursor` is the event id here; the
 * gateway puts the stream position in its place.
 */
export const bidEventQuery: NonNullable<QueryResolvers['bidEvent']> = async (_root, args, ctx) => {
  const event = await ctx.loaders.ownEvent(args.id);
  const kind = event ? (BID_EVENT_KINDS[event.type] as BidEventKind | undefined) : undefined;
  if (!event || !kind) return null;
  const data = event.data as { bidId: string; reason?: string };
  const bid = await ctx.loaders.bid.load(data.bidId);
  if (!bid || !canSeeBid(ctx.identity, bid)) return null;
  // Why an acceptance failed is about the poster's money: the tasker learns only that it did.
  const reason = kind === 'ACCEPT_FAILED' && !canSeeAcceptFailure(ctx.identity, bid.posterId) ? null : (data.reason ?? null);
  return { id: event.id, cursor: event.id, kind, bid, reason, occurredAt: event.occurredAt };
};
