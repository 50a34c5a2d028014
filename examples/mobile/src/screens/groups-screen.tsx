import { useGroupPage, useMyGroups, useViewer, type GroupPageData } from '@sx/react';
import { useState } from 'react';
import { ScrollView, Text, View } from 'react-native';
import { Button, ErrorText, Field, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';
import { useNavigation } from '../navigation';
import { GroupMoney } from './group-money';

/** The user's groups and invitations; starting a group; each group opens its own screen. */
export function GroupsScreen() {
  const mine = useMyGroups();
  const { push } = useNavigation();
  const [name, setName] = useState('');
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content}>
      <Heading>Groups</Heading>
      {mine.invitations.map((inv) => (
        <View key={inv.id} style={styles.card}>
          <Text style={styles.text}>
            {inv.invitedBy.name} invited you to {inv.groupName}
          </Text>
          <Button title={`Join ${inv.groupName}`} onPress={() => void mine.accept(inv.id).then((id) => id && push({ name: 'group', groupId: id }))} />
        </View>
      ))}
      {mine.groups.length === 0 ? <Muted>You are not in a group yet.</Muted> : null}
      <View role="list" aria-label="My groups" style={{ gap: 8 }}>
        {mine.groups.map((g) => (
          <Button key={g.id} secondary title={g.name} label={`Open ${g.name}`} onPress={() => push({ name: 'group', groupId: g.id })} />
        ))}
      </View>
      <Field label="Group name" value={name} onChangeText={setName} maxLength={80} />
      <Button title="Start group" disabled={!name.trim()} onPress={() => void mine.createGroup(name).then((id) => id && push({ name: 'group', groupId: id }))} />
      <ErrorText message={mine.problem} />
    </ScrollView>
  );
}

/** One group: tasks to do, the leaderboard, the shared expenses, balances and settling up. */
export function GroupScreen({ groupId }: { groupId: string }) {
  const page = useGroupPage(groupId);
  const group = page.group;
  if (!group) return page.loading ? <Loading /> : <ErrorText message={page.problem ?? 'This group is not available.'} />;
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content}>
      <Heading>{group.name}</Heading>
      <GroupTasks group={group} page={page} />
      <Heading level={2}>Leaderboard</Heading>
      {group.leaderboard.length === 0 ? <Muted>No points yet.</Muted> : null}
      <View role="list" aria-label="Points">
        {group.leaderboard.map((e) => (
          <Text role="listitem" key={e.user.id} style={styles.text}>
            {e.rank}. {e.user.name}: {e.points} points
          </Text>
        ))}
      </View>
      <GroupMoney group={group} page={page} />
      <ErrorText message={page.problem} />
    </ScrollView>
  );
}

type Page = ReturnType<typeof useGroupPage>;

function GroupTasks({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  return (
    <View role="list" aria-label="Group tasks" style={{ gap: 8 }}>
      {group.tasks.edges.map(({ node: t }) => (
        <View role="listitem" key={t.id} style={styles.card}>
          <Text style={styles.text}>
            {t.title} · {t.assignee.name} · {t.rewardPoints} points · {t.status.toLowerCase()}
          </Text>
          {t.status === 'ASSIGNED' && t.assignee.id === viewer.id ? <Button title="Mark done" label={`Mark ${t.title} done`} onPress={() => void page.markDone(t.id)} /> : null}
          {t.status === 'DONE' && t.poster.id === viewer.id ? <Button title="Confirm" label={`Confirm ${t.title}`} onPress={() => void page.confirm(t.id)} /> : null}
        </View>
      ))}
    </View>
  );
}
