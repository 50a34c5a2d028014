import { useMutation, useQuery, useViewer, type TaskView } from '@sx/react';
import { AddDisputeMessageDocument, DisputeDetailFragmentDoc, formatMoney, getFragmentData, OpenDisputeDocument, TaskDisputeDocument, WithdrawFromTaskDocument, type DisputeReason } from '@sx/sdk';
import { useEffect, type FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

const REASONS: readonly DisputeReason[] = ['WORK_NOT_DONE', 'POOR_QUALITY', 'NOT_AS_DESCRIBED', 'NO_SHOW', 'OTHER'];
/** How often an open dispute is fetched again: there is no live feed of dispute messages yet. */
const DISPUTE_REFRESH_MS = 3_000;
const words = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/**
 * The parties' side of a task in trouble (issue 17): the assignee's withdraw button while the task
 * is ASSIGNED, opening a dispute on an ASSIGNED or DONE task, and following one — its status, the
 * admin's decision and the conversation, where both parties write.
 */
export function TaskDispute({ task }: { task: TaskView }) {
  const viewer = useViewer();
  const isAssignee = task.assignee?.id === viewer.id;
  const isParty = isAssignee || task.poster?.id === viewer.id;
  const query = useQuery(TaskDisputeDocument, { taskId: task.id, messagesFirst: 100 }, { skip: !isParty });
  const dispute = getFragmentData(DisputeDetailFragmentDoc, query.data?.task?.dispute ?? null);
  const { refresh } = query;
  // The task's status comes live; the dispute follows it, and is polled while open.
  useEffect(() => {
    if (!isParty) return undefined;
    void refresh();
    if (task.status !== 'DISPUTED') return undefined;
    const timer = setInterval(() => void refresh(), DISPUTE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [isParty, task.status, refresh]);

  if (!isParty) return null;
  const canDispute = task.status === 'ASSIGNED' || task.status === 'DONE';
  return (
    <section aria-labelledby="dispute-heading">
      <h3 id="dispute-heading">Problems</h3>
      {isAssignee && task.status === 'ASSIGNED' ? <WithdrawButton taskId={task.id} /> : null}
      {dispute ? (
        <div aria-label="Dispute">
          <p aria-live="polite" data-testid="dispute-status">
            Dispute <strong>{dispute.status}</strong> ({words(dispute.reason)}), opened by {dispute.openedBy.name ?? 'a former user'}
            {dispute.refundAmount && dispute.releaseAmount
              ? `: ${formatMoney(dispute.refundAmount)} back to the poster, ${formatMoney(dispute.releaseAmount)} released to the tasker`
              : ''}
          </p>
          {dispute.details ? <p>{dispute.details}</p> : null}
          <ol aria-label="Dispute messages">
            {dispute.messages.edges.map(({ node }) => (
              <li key={node.id}>
                <strong>{node.author.name ?? 'a former user'}:</strong> {node.text}
              </li>
            ))}
          </ol>
          {dispute.status === 'OPEN' ? <MessageForm disputeId={dispute.id} onSent={() => void refresh()} /> : null}
        </div>
      ) : null}
      {canDispute && dispute?.status !== 'OPEN' ? <OpenDisputeForm taskId={task.id} onOpened={() => void refresh()} /> : null}
      <ErrorMessage message={query.error?.message ?? null} />
    </section>
  );
}

function WithdrawButton({ taskId }: { taskId: string }) {
  const [withdraw, state] = useMutation(WithdrawFromTaskDocument);
  return (
    <p>
      <button type="button" disabled={state.loading} onClick={() => void withdraw({ taskId })}>
        Withdraw from this task
      </button>{' '}
      The poster gets their money back, the task takes bids again, and the withdrawal shows on your profile.
      <ErrorMessage message={state.error?.message ?? null} />
    </p>
  );
}

function OpenDisputeForm({ taskId, onOpened }: { taskId: string; onOpened: () => void }) {
  const [open, state] = useMutation(OpenDisputeDocument);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason')) as DisputeReason;
    const result = await open({ input: { taskId, reason, details: String(form.get('details') ?? '') }, messagesFirst: 100 });
    if (result.ok) onOpened();
  }
  return (
    <form aria-labelledby="open-dispute-heading" onSubmit={(e) => void onSubmit(e)}>
      <h4 id="open-dispute-heading">Open a dispute</h4>
      <p>The payment stays frozen until an admin decides.</p>
      <Field label="What went wrong">
        {(id) => (
          <select id={id} name="reason" defaultValue="POOR_QUALITY">
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {words(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Details">{(id) => <textarea id={id} name="details" rows={3} maxLength={5000} />}</Field>
      <button type="submit" disabled={state.loading}>
        Open dispute
      </button>
      <ErrorMessage message={state.error?.message ?? null} />
    </form>
  );
}

function MessageForm({ disputeId, onSent }: { disputeId: string; onSent: () => void }) {
  const [send, state] = useMutation(AddDisputeMessageDocument);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const text = String(new FormData(formElement).get('text') ?? '');
    const result = await send({ input: { disputeId, text } });
    if (result.ok) {
      formElement.reset();
      onSent();
    }
  }
  return (
    <form aria-label="Write in the dispute" onSubmit={(e) => void onSubmit(e)}>
      <Field label="Message">{(id) => <textarea id={id} name="text" rows={2} maxLength={2000} required />}</Field>
      <button type="submit" disabled={state.loading}>
        Send message
      </button>
      <ErrorMessage message={state.error?.message ?? null} />
    </form>
  );
}
