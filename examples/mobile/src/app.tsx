import { PaymentFeedProvider, SxProvider, useSession, useUnreadNotifications, type UnreadNotifications, type Viewer } from '@sx/react';
import { StatusBar } from 'expo-status-bar';
import { Pressable, Text, View } from 'react-native';
import { NotificationBell } from './components/notification-bell';
import { Button, ErrorText, Loading } from './components/ui';
import { colors, styles } from './components/theme';
import { CONFIG_PROBLEM } from './config';
import { NavigationProvider, TABS, useNavigation, type Route } from './navigation';
import { AuthScreen } from './screens/auth-screen';
import { MyTasksScreen } from './screens/my-tasks-screen';
import { NearbyScreen } from './screens/nearby-screen';
import { NotificationsScreen } from './screens/notifications-screen';
import { GroupScreen, GroupsScreen } from './screens/groups-screen';
import { PostScreen } from './screens/post-screen';
import { TaskScreen } from './screens/task-screen';
import { WalletScreen } from './screens/wallet-screen';
import { sx } from './sx-client';

export function App() {
  return (
    <View style={styles.page}>
      <View style={styles.frame}>
        <StatusBar style="dark" />
        {CONFIG_PROBLEM ? (
          <View style={styles.content}>
            <ErrorText message={CONFIG_PROBLEM} />
          </View>
        ) : (
          <SxProvider client={sx}>
            <Root />
          </SxProvider>
        )}
      </View>
    </View>
  );
}

function Root() {
  const { status, viewer } = useSession();
  if (status === 'restoring') return <Loading />;
  if (!viewer) return <AuthScreen />;
  // Keyed by the user: nothing of one session's live state or screens carries over to the next.
  return (
    <PaymentFeedProvider key={viewer.id}>
      <NavigationProvider>
        <SignedIn viewer={viewer} />
      </NavigationProvider>
    </PaymentFeedProvider>
  );
}

function SignedIn({ viewer }: { viewer: Viewer }) {
  const { signOut } = useSession();
  const { route } = useNavigation();
  // Here, above every screen: the bell's count stays live whichever screen is open.
  const unread = useUnreadNotifications();
  return (
    <View style={styles.screen}>
      <View style={styles.header}>
        <Text style={styles.text} testID="signed-in-as">
          Signed in as {viewer.name}
        </Text>
        <View style={styles.row}>
          <NotificationBell count={unread.count} />
          <Button secondary title="Sign out" onPress={() => void signOut()} />
        </View>
      </View>
      <View style={styles.screen}>
        <Screen route={route} unread={unread} />
      </View>
      <TabBar />
    </View>
  );
}

function Screen({ route, unread }: { route: Route; unread: UnreadNotifications }) {
  if (route.name === 'notifications') return <NotificationsScreen unread={unread} />;
  if (route.name === 'task') return <TaskScreen key={route.taskId} taskId={route.taskId} />;
  if (route.name === 'mine') return <MyTasksScreen />;
  if (route.name === 'post') return <PostScreen />;
  if (route.name === 'wallet') return <WalletScreen />;
  if (route.name === 'groups') return <GroupsScreen />;
  if (route.name === 'group') return <GroupScreen key={route.groupId} groupId={route.groupId} />;
  return <NearbyScreen />;
}

function TabBar() {
  const { route, switchTo } = useNavigation();
  return (
    <View role="tablist" style={styles.tabs}>
      {TABS.map((tab) => {
        const selected = route.name === tab.route.name;
        return (
          <Pressable key={tab.label} role="tab" aria-selected={selected} aria-label={tab.label} onPress={() => switchTo(tab.route)} style={[styles.tab, selected && styles.tabSelected]}>
            <Text style={{ color: selected ? colors.accent : colors.muted, fontWeight: '600' }}>{tab.label}</Text>
          </Pressable>
        );
      })}
    </View>
  );
}
