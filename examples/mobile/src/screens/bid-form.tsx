import { usePlaceBid, type TaskView } from '@sx/react';
import { formatMoney, type BidDetailFragmentDoc, type FragmentType } from '@sx/sdk';
import { useState } from 'react';
import { View } from 'react-native';
import { Button, ErrorText, Field, Heading } from '../components/ui';
import { styles } from '../components/theme';

/** A tasker's offer on an open task, in the task's currency. */
export function BidForm({ task, onPlaced }: { task: TaskView; onPlaced: (bid: FragmentType<typeof BidDetailFragmentDoc>) => void }) {
  const [price, setPrice] = useState('');
  const [message, setMessage] = useState('');
  const { submit, loading, problem } = usePlaceBid(task, onPlaced);
  return (
    <View style={styles.section}>
      <Heading level={2}>Place a bid</Heading>
      <Field label={`Your price (${task.budget.currency}; the budget is ${formatMoney(task.budget)})`} value={price} onChangeText={setPrice} keyboardType="decimal-pad" />
      <Field label="Message to the poster" value={message} onChangeText={setMessage} multiline maxLength={2000} />
      <Button title="Place bid" onPress={() => void submit(price, message)} busy={loading} disabled={!price} />
      <ErrorText message={problem} />
    </View>
  );
}
