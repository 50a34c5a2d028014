import { TaskDocument, TaskEventsDocument } from '@sx/sdk';
import { useEffect, useState } from 'react';
import { formatMoney } from '../money';
import { useViewer } from '../session';
import { sx } from '../sx-client';
import { taskView, type TaskView } from '../task-view';
import { useLiveEvents } from '../use-live';
import { useTaskBids } from '../use-task-bids';
import { BidForm } from './bid-form';
import { BidList } from './bid-list';
import { ErrorMessage } from './error-message';
import { TaskPayment } from './task-payment';

/** Bids a tasker can still change or win; with one of these there is no second bid to place. */
const ACTIVE_BID = new Set(['PENDING', 'ACCEPTING', 'ACCEPTED']);

/**
 * One task, live: its status follows `taskEvents`. The poster sees bids arrive, accepts one and
 * watches the payment; anyone else bids and sees their own bid's fate.
 */
export function TaskPage({ taskId }: { taskId: string }) {
  const [task, setTask] = useState<TaskView | 'missing' | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Subscribed before the fetch answers: a change in between arrives as an event.
  const liveFailure = useLiveEvents(TaskEventsDocument, { taskId }, ({ taskEvents }) => setTask(taskView(taskEvents.task)));
  useEffect(() => {
    let cancelled = false;
    setTask(null);
    void sx.request(TaskDocument, { id: taskId }).then((res) => {
      if (cancelled) return;
      if (!res.ok) return setError(res.error.message);
      const fetched = res.data.task ? taskView(res.data.task) : 'missing';
      setTask((current) => newer(current, fetched));
    });
    return () => {
      cancelled = true;
    };
  }, [taskId]);

  if (task === 'missing') return <p role="alert">There is no such task.</p>;
  if (!task) return error ? <ErrorMessage message={error} /> : <p>Loading…</p>;
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
        <dd>{task.poster.name}</dd>
        <dt>Assigned to</dt>
        <dd>{task.assignee?.name ?? 'nobody yet'}</dd>
        {task.location?.address ? (
          <>
            <dt>Where</dt>
            <dd>{task.location.address}</dd>
          </>
        ) : null}
      </dl>
      {task.description ? <p>{task.description}</p> : null}
      <ErrorMessage message={liveFailure} />
      <TaskBids task={task} />
    </article>
  );
}

/** An event may have brought a newer state than the fetch, which was under way meanwhile. */
function newer(current: TaskView | 'missing' | null, fetched: TaskView | 'missing'): TaskView | 'missing' {
  if (current && current !== 'missing' && fetched !== 'missing' && current.updatedAt > fetched.updatedAt) return current;
  return fetched;
}

function TaskBids({ task }: { task: TaskView }) {
  const viewer = useViewer();
  const isPoster = viewer.id === task.poster.id;
  const { bids, put, error } = useTaskBids(task.id, isPoster);
  const isOpen = task.status === 'OPEN';
  const hasActiveBid = bids.some((bid) => ACTIVE_BID.has(bid.status));
  const involved = isPoster || task.assignee?.id === viewer.id;

  return (
    <>
      <section aria-labelledby="bids-heading">
        <h3 id="bids-heading">{isPoster ? 'Bids' : 'Your bids'}</h3>
        <BidList label={isPoster ? 'Bids' : 'Your bids'} bids={bids} canAccept={isPoster && isOpen} onAccepting={(bid) => put([bid])} />
        <ErrorMessage message={error} />
      </section>
      {!isPoster && isOpen && !hasActiveBid ? <BidForm task={task} onPlaced={(bid) => put([bid])} /> : null}
      {involved ? <TaskPayment taskId={task.id} /> : null}
    </>
  );
}
