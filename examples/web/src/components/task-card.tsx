import { formatMoney, getFragmentData, TaskCardFragmentDoc, type FragmentType } from '@sx/sdk';
import { hrefOf } from '../router';

/** One task in a list: its title links to the task's page. */
export function TaskCard(props: { task: FragmentType<typeof TaskCardFragmentDoc> }) {
  const task = getFragmentData(TaskCardFragmentDoc, props.task);
  return (
    <li className="card">
      <a href={hrefOf({ name: 'task', taskId: task.id })}>{task.title}</a>
      <span>
        {' '}
        · {formatMoney(task.budget)} · {task.category.toLowerCase()} · {task.bidCount} {task.bidCount === 1 ? 'bid' : 'bids'} · by {task.poster?.name ?? 'a former user'}
        {task.location ? ` · ${task.location.address ?? task.location.locality ?? 'on site'}` : ''}
      </span>
    </li>
  );
}
