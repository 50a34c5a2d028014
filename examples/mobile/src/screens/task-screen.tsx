import { useLiveTask, useTaskBids, useTaskPayment, useTaskPhotos, useViewer, type TaskView } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import { RefreshControl, ScrollView, Text, View } from 'react-native';
import { AttachmentImage } from '../components/attachment-image';
import { Button, ErrorText, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { useNavigation } from '../navigation';
import { BidForm } from './bid-form';
import { BidList } from './bid-list';

/** Bids a tasker can still change or win; with one of these there is no second bid to place. */
const ACTIVE_BID = new Set(['PENDING', 'ACCEPTING', 'ACCEPTED']);

/**
 * One task, live: its status follows `taskEvents`. The poster sees bids arrive and accepts one;
 * a tasker bids and sees their bid's fate; both see the payment once money is held.
 */
export function TaskScreen({ taskId }: { taskId: string }) {
  const { back, canGoBack } = useNavigation();
  const live = useLiveTask(taskId);
  const { task } = live;
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} refreshControl={<RefreshControl refreshing={live.refreshing} onRefresh={() => void live.refresh()} />}>
      {canGoBack ? <Button secondary title="‹ Back" label="Back" onPress={back} /> : null}
      {live.missing ? <ErrorText message="There is no such task." /> : null}
      {!task && !live.missing ? live.error ? <ErrorText message={live.error.message} /> : <Loading /> : null}
      {task ? <TaskDetail task={task} /> : null}
      {task ? <ErrorText message={live.error?.message} /> : null}
    </ScrollView>
  );
}

function TaskDetail({ task }: { task: TaskView }) {
  const viewer = useViewer();
  const isPoster = viewer.id === task.poster?.id;
  const involved = isPoster || task.assignee?.id === viewer.id;
  const bids = useTaskBids(task.id, isPoster);
  const isOpen = task.status === 'OPEN';
  const hasActiveBid = bids.bids.some((bid) => ACTIVE_BID.has(bid.status));
  return (
    <View style={styles.section}>
      <Heading>{task.title}</Heading>
      <View style={styles.card}>
        <Text style={styles.text}>
          Status: <Text testID="task-status">{task.status}</Text>
        </Text>
        <Text style={styles.text}>Budget: {formatMoney(task.budget)}</Text>
        <Text style={styles.text}>Category: {task.category.toLowerCase()}</Text>
        <Text style={styles.text}>Posted by {task.poster?.name ?? 'a former user'}</Text>
        <Text style={styles.text}>Assigned to {task.assignee?.name ?? 'nobody yet'}</Text>
        {task.location ? (
          // The poster and the assignee see the address; everyone else the locality (the API rounds the point to ~1 km).
          <Text style={styles.text}>Where: {task.location.approximate ? `${task.location.locality ?? 'on site'} (approximate)` : (task.location.address ?? 'on site')}</Text>
        ) : null}
        {task.description ? <Muted>{task.description}</Muted> : null}
      </View>
      <TaskPhotos taskId={task.id} />
      <Heading level={2}>{isPoster ? 'Bids' : 'Your bids'}</Heading>
      <BidList label={isPoster ? 'Bids' : 'Your bids'} bids={bids.bids} canAccept={isPoster && isOpen} onAccepting={(bid) => bids.put([bid])} />
      <ErrorText message={bids.error?.message} />
      {!isPoster && isOpen && !hasActiveBid ? <BidForm task={task} onPlaced={(bid) => bids.put([bid])} /> : null}
      {involved ? <PaymentSection taskId={task.id} /> : null}
    </View>
  );
}

/** The task's photos, from their short-lived signed URLs (added in the web app by the poster). */
function TaskPhotos({ taskId }: { taskId: string }) {
  const { photos, error } = useTaskPhotos(taskId);
  if (photos.length === 0) return <ErrorText message={error?.message} />;
  return (
    <View role="list" aria-label="Photos" style={styles.row}>
      {photos.map((photo, i) => (
        <View role="listitem" key={photo.id}>
          <AttachmentImage src={photo.src} label={`Photo ${i + 1} of the task`} />
        </View>
      ))}
    </View>
  );
}

/** The task's escrow payment, live (HELD when a bid is accepted, then RELEASED or REFUNDED). */
function PaymentSection({ taskId }: { taskId: string }) {
  const { payment, error } = useTaskPayment(taskId);
  return (
    <View style={styles.section}>
      <Heading level={2}>Payment</Heading>
      <Text style={styles.text} testID="task-payment">
        {payment
          ? `Payment: ${payment.status} — ${formatMoney(payment.amount)} from ${payment.payer?.name ?? 'a former user'} to ${payment.payee?.name ?? 'a former user'}${payment.fee ? `, fee ${formatMoney(payment.fee)}` : ''}`
          : 'No payment yet: accepting a bid holds its amount from the poster’s wallet.'}
      </Text>
      <ErrorText message={error?.message} />
    </View>
  );
}
