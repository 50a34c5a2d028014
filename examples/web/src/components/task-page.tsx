import { useLiveTask, useTaskBids, useViewer, type TaskView } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import { BidForm } from './bid-form';
import { BidList } from './bid-list';
import { ErrorMessage } from './error-message';
import { TaskPayment } from './task-payment';
import { TaskQuestions } from './task-questions';
import { TaskReviews } from './task-reviews';

/** Bids a tasker can still change or win; with one of these there is no second bid to place. */
const ACTIVE_BID = new Set(['PENDING', 'ACCEPTING', 'ACCEPTED']);

/**
 * One task, live: its status follows `taskEvents`. The poster sees bids arrive, accepts one and
 * watches the payment; anyone else bids and sees their own bid's fate.
 */
export function TaskPage({ taskId }: { taskId: string }) {
  const { task, missing, error } = useLiveTask(taskId);

  if (missing) return <p role="alert">There is no such task.</p>;
  if (!task) return error ? <ErrorMessage message={error.message} /> : <p>Loading…</p>;
  return (
    <article aria-labelledby="task-heading">
      <h2 id="task-heading">{task.title}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd aria-live="polite" data-testid="task-status">
          {task.status}
        </dd>
        <dt>Budget</dt>
        <dd>{formatMoney(task.budget)}</dd>
        <dt>Category</dt>
        <dd>{task.category.toLowerCase()}</dd>
        <dt>Posted by</dt>
        <dd>{task.poster?.name ?? 'a former user'}</dd>
        <dt>Assigned to</dt>
        <dd>{task.assignee?.name ?? 'nobody yet'}</dd>
        {task.location ? (
          <>
            <dt>Where</dt>
            <dd>{whereText(task.location)}</dd>
          </>
        ) : null}
      </dl>
      {task.description ? <p>{task.description}</p> : null}
      <ErrorMessage message={error?.message ?? null} />
      <TaskBids task={task} />
    </article>
  );
}

/** The street address for the poster and the assignee; for everyone else the locality, marked approximate. */
function whereText(location: NonNullable<TaskView['location']>): string {
  if (!location.approximate) return location.address ?? `${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`;
  return `${location.locality ?? 'Exact place'} (approximate; the address shows once you are assigned)`;
}

function TaskBids({ task }: { task: TaskView }) {
  const viewer = useViewer();
  const isPoster = viewer.id === task.poster?.id;
  const { bids, put, error } = useTaskBids(task.id, isPoster);
  const isOpen = task.status === 'OPEN';
  const hasActiveBid = bids.some((bid) => ACTIVE_BID.has(bid.status));
  const involved = isPoster || task.assignee?.id === viewer.id;

  return (
    <>
      <section aria-labelledby="bids-heading">
        <h3 id="bids-heading">{isPoster ? 'Bids' : 'Your bids'}</h3>
        <BidList label={isPoster ? 'Bids' : 'Your bids'} bids={bids} canAccept={isPoster && isOpen} onAccepting={(bid) => put([bid])} />
        <ErrorMessage message={error?.message ?? null} />
      </section>
      {!isPoster && isOpen && !hasActiveBid ? <BidForm task={task} onPlaced={(bid) => put([bid])} /> : null}
      {involved ? <TaskPayment taskId={task.id} /> : null}
      <TaskQuestions taskId={task.id} canAsk={isOpen && !isPoster && viewer.id !== null} isPoster={isPoster} />
      {task.status === 'COMPLETED' ? <TaskReviews taskId={task.id} viewerId={viewer.id} participant={involved} /> : null}
    </>
  );
}
