import { Pressable, Text } from 'react-native';
import { useNavigation } from '../navigation';
import { colors, styles } from './theme';

/** The bell in the header: the unread count (kept live by useUnreadNotifications); tapping opens the feed. */
export function NotificationBell({ count }: { count: number }) {
  const { route, push } = useNavigation();
  return (
    <Pressable
      role="link"
      aria-label={`Notifications: ${count} unread`}
      onPress={() => {
        if (route.name !== 'notifications') push({ name: 'notifications' });
      }}
      style={[styles.row, { paddingHorizontal: 8 }]}
    >
      <Text style={styles.text}>🔔</Text>
      <Text testID="unread-count" style={[styles.text, { fontWeight: '700', color: count > 0 ? colors.accent : colors.muted }]}>
        {count}
      </Text>
    </Pressable>
  );
}
