import { useAcceptBid, type BidListProps } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import { Text, View } from 'react-native';
import { Button, ErrorText, Muted } from '../components/ui';
import { styles } from '../components/theme';

/** Bids as they arrive, each with its tasker, price, message and status. */
export function BidList({ label, bids, canAccept, onAccepting }: BidListProps) {
  const { accept, accepting, error } = useAcceptBid(onAccepting);

  if (bids.length === 0) return <Muted>No bids yet. They appear here as they are placed.</Muted>;
  return (
    <View role="list" aria-label={label} aria-live="polite" style={{ gap: 10 }}>
      {bids.map((bid) => (
        <View key={bid.id} role="listitem" style={styles.card}>
          <Text style={styles.text}>
            {bid.tasker?.name ?? 'a former user'} offers {formatMoney(bid.amount)} — status {bid.status}
          </Text>
          {bid.message ? <Muted>“{bid.message}”</Muted> : null}
          {bid.acceptFailure ? <Text style={styles.error}>Accepting failed: {bid.acceptFailure.reason.toLowerCase().replace(/_/g, ' ')}.</Text> : null}
          {canAccept && bid.status === 'PENDING' ? (
            <Button title="Accept" label={`Accept the bid of ${bid.tasker?.name ?? 'a former user'}`} busy={accepting === bid.id} disabled={accepting !== null} onPress={() => void accept(bid.id)} />
          ) : null}
        </View>
      ))}
      <ErrorText message={error?.message} />
    </View>
  );
}
