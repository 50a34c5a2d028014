import { formatMoney, getFragmentData, TaskCardFragmentDoc, type FragmentType } from '@sx/sdk';
import { Pressable, Text } from 'react-native';
import { useNavigation } from '../navigation';
import { styles } from './theme';
import { Muted } from './ui';

/** One task in a list; tapping it opens the task. */
export function TaskCard(props: { task: FragmentType<typeof TaskCardFragmentDoc> }) {
  const task = getFragmentData(TaskCardFragmentDoc, props.task);
  const { push } = useNavigation();
  return (
    <Pressable role="link" aria-label={task.title} onPress={() => push({ name: 'task', taskId: task.id })} style={[styles.card, { marginBottom: 10 }]}>
      <Text style={styles.subheading}>{task.title}</Text>
      <Text style={styles.text}>
        {formatMoney(task.budget)} · {task.category.toLowerCase()} · {task.bidCount} {task.bidCount === 1 ? 'bid' : 'bids'}
      </Text>
      <Muted>
        by {task.poster?.name ?? 'a former user'}
        {task.location ? ` · ${task.location.address ?? task.location.locality ?? 'on site'}` : ''}
      </Muted>
    </Pressable>
  );
}
