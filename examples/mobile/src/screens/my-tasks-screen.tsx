import { useQuery } from '@sx/react';
import { MyAssignedTasksDocument, MyPostedTasksDocument, type FragmentType, type SxError, type TaskCardFragmentDoc } from '@sx/sdk';
import { RefreshControl, ScrollView, View } from 'react-native';
import { TaskCard } from '../components/task-card';
import { ErrorText, Heading, Loading, Muted } from '../components/ui';
import { styles } from '../components/theme';

/** An app shows the first page of each list; the API pages on with `after`. */
const PAGE_SIZE = 20;

/** The tasks the user posted and the tasks they were given, newest first, wherever they are. */
export function MyTasksScreen() {
  const posted = useQuery(MyPostedTasksDocument, { first: PAGE_SIZE });
  const assigned = useQuery(MyAssignedTasksDocument, { first: PAGE_SIZE });
  const refreshing = posted.refreshing || assigned.refreshing;
  const refresh = () => void Promise.all([posted.refresh(), assigned.refresh()]);
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} refreshControl={<RefreshControl refreshing={refreshing} onRefresh={refresh} />}>
      <Heading>My tasks</Heading>
      <TaskSection title="Posted by you" empty="You have not posted a task yet." loading={posted.loading} error={posted.error} tasks={posted.data?.me?.postedTasks.edges} />
      <TaskSection title="Given to you" empty="No task has been given to you yet." loading={assigned.loading} error={assigned.error} tasks={assigned.data?.me?.assignedTasks.edges} />
    </ScrollView>
  );
}

type TaskEdges = readonly { node: { id: string } & FragmentType<typeof TaskCardFragmentDoc> }[];

function TaskSection(props: { title: string; empty: string; loading: boolean; error: SxError | null; tasks: TaskEdges | undefined }) {
  return (
    <View style={styles.section} role="list" aria-label={props.title}>
      <Heading level={2}>{props.title}</Heading>
      {props.loading ? <Loading /> : null}
      <ErrorText message={props.error?.message} />
      {props.tasks?.length === 0 ? <Muted>{props.empty}</Muted> : null}
      {props.tasks?.map(({ node }) => (
        <View key={node.id} role="listitem">
          <TaskCard task={node} />
        </View>
      ))}
    </View>
  );
}
