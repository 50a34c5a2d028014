import { useAcceptBid, type BidListProps } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import { ErrorMessage } from './error-message';

/** Bids as they arrive, each with its tasker, price, message and status. */
export function BidList({ label, bids, canAccept, onAccepting }: BidListProps) {
  const { accept, accepting, error } = useAcceptBid(onAccepting);

  return (
    <>
      {bids.length === 0 ? (
        <p>No bids yet. They appear here as they are placed.</p>
      ) : (
        <ul aria-label={label} aria-live="polite" className="cards">
          {bids.map((bid) => (
            <li key={bid.id} className="card">
              <strong>{bid.tasker?.name ?? 'a former user'}</strong> offers <strong>{formatMoney(bid.amount)}</strong> — status <span>{bid.status}</span>
              {bid.message ? <blockquote>{bid.message}</blockquote> : null}
              {bid.acceptFailure ? <p>Accepting failed: {bid.acceptFailure.reason.toLowerCase().replace(/_/g, ' ')}.</p> : null}
              {canAccept && bid.status === 'PENDING' ? (
                <button type="button" disabled={accepting !== null} onClick={() => void accept(bid.id)} aria-label={`Accept the bid of ${bid.tasker?.name ?? 'a former user'}`}>
                  Accept
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage message={error?.message ?? null} />
    </>
  );
}
