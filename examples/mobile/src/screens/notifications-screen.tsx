import { useNotificationFeed, type NotificationItem, type UnreadNotifications } from '@sx/react';
import { RefreshControl, ScrollView, Text, View } from 'react-native';
import { Button, ErrorText, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { useNavigation } from '../navigation';

/** The feed, newest first and paginated: new ones appear as they arrive; mark one or all read. */
export function NotificationsScreen({ unread }: { unread: UnreadNotifications }) {
  const feed = useNotificationFeed(unread);
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} refreshControl={<RefreshControl refreshing={feed.refreshing} onRefresh={() => void feed.refresh()} />}>
      <Heading>Notifications</Heading>
      <Button secondary title="Mark all read" onPress={() => void feed.markRead({ all: true })} busy={feed.marking} disabled={unread.count === 0} />
      {feed.loading ? <Loading /> : null}
      {!feed.loading && feed.items.length === 0 ? <Muted>Nothing yet.</Muted> : null}
      <View role="list" aria-label="Notifications" style={{ gap: 8 }}>
        {feed.items.map((n) => (
          <NotificationRow key={n.id} notification={n} onMarkRead={() => void feed.markRead({ ids: [n.id] })} />
        ))}
      </View>
      {feed.hasMore ? <Button secondary title="Show older" onPress={() => void feed.loadMore()} busy={feed.loadingMore} /> : null}
      <ErrorText message={feed.error?.message} />
    </ScrollView>
  );
}

function NotificationRow({ notification: n, onMarkRead }: { notification: NotificationItem; onMarkRead: () => void }) {
  const { push } = useNavigation();
  const task = n.task;
  return (
    <View role="listitem" style={[styles.card, !n.readAt && { borderColor: '#1f6feb', borderLeftWidth: 4 }]}>
      <Text style={[styles.text, { fontWeight: n.readAt ? '400' : '700' }]}>{n.title}</Text>
      <Text style={styles.text}>{n.body}</Text>
      <Muted>
        {new Date(n.createdAt).toLocaleString()}
        {n.readAt ? ' · read' : ' · unread'}
      </Muted>
      <View style={styles.row}>
        {task ? <Button secondary title={`Open ${task.title}`} label={`Open the task ${task.title}`} onPress={() => push({ name: 'task', taskId: task.id })} /> : null}
        {n.readAt ? null : <Button secondary title="Mark read" label={`Mark read: ${n.title}`} onPress={onMarkRead} />}
      </View>
    </View>
  );
}
