import { useGroupPage, useViewer, type GroupExpense, type GroupPageData } from '@sx/react';
import { formatMoney, type SplitMethod } from '@sx/sdk';
import type { FormEvent } from 'react';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';

type Page = ReturnType<typeof useGroupPage>;

/** One group: members and invitations, tasks, the leaderboard, expenses, balances and settle-up. */
export function GroupPage({ groupId }: { groupId: string }) {
  const page = useGroupPage(groupId);
  const group = page.group;
  if (!group) return page.loading ? <p>Loading…</p> : <ErrorMessage message={page.problem ?? 'This group is not available.'} />;
  return (
    <section aria-labelledby="group-heading">
      <h2 id="group-heading">{group.name}</h2>
      <Members group={group} page={page} />
      <Tasks group={group} page={page} />
      <Leaderboard group={group} />
      <Expenses group={group} page={page} />
      <SettleUp group={group} page={page} />
      <ErrorMessage message={page.problem} />
    </section>
  );
}

const formValue = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? '');

function Members({ group, page }: { group: GroupPageData; page: Page }) {
  function onInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    void page.invite(formValue(event, 'email')).then((ok) => ok && form.reset());
  }
  return (
    <section aria-label="Members">
      <h3>Members</h3>
      <ul aria-label="Member list">
        {group.members.edges.map(({ node }) => (
          <li key={node.user.id}>
            {node.user.name} {node.role === 'OWNER' ? '(owner)' : ''}
          </li>
        ))}
        {group.pendingInvitations.edges.map(({ node }) => (
          <li key={node.id}>{node.email} (invited)</li>
        ))}
      </ul>
      <form aria-label="Invite" onSubmit={onInvite} className="inline">
        <Field label="Email to invite">{(id) => <input id={id} name="email" type="email" required />}</Field>
        <button type="submit">Invite</button>
      </form>
    </section>
  );
}

function Tasks({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  function onPost(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const draft = { title: formValue(event, 'title'), assigneeId: formValue(event, 'assignee'), rewardPoints: Number(formValue(event, 'points') || 0) };
    void page.postTask(draft).then((ok) => ok && form.reset());
  }
  return (
    <section aria-label="Group tasks">
      <h3>Tasks</h3>
      <ul aria-label="Task list">
        {group.tasks.edges.map(({ node: t }) => (
          <li key={t.id}>
            <strong>{t.title}</strong> for {t.assignee.name} · {t.rewardPoints} points · {t.status.toLowerCase()}{' '}
            {t.status === 'ASSIGNED' && t.assignee.id === viewer.id ? (
              <button type="button" onClick={() => void page.markDone(t.id)}>
                Mark “{t.title}” done
              </button>
            ) : null}
            {t.status === 'DONE' && t.poster.id === viewer.id ? (
              <button type="button" onClick={() => void page.confirm(t.id)}>
                Confirm “{t.title}”
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <form aria-label="Post a group task" onSubmit={onPost}>
        <Field label="Task">{(id) => <input id={id} name="title" required maxLength={120} />}</Field>
        <Field label="Assign to">
          {(id) => (
            <select id={id} name="assignee">
              {group.members.edges.map(({ node }) => (
                <option key={node.user.id} value={node.user.id}>
                  {node.user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reward points">{(id) => <input id={id} name="points" inputMode="numeric" defaultValue="10" />}</Field>
        <button type="submit">Post task</button>
      </form>
    </section>
  );
}

function Leaderboard({ group }: { group: GroupPageData }) {
  return (
    <section aria-label="Leaderboard">
      <h3>Leaderboard</h3>
      {group.leaderboard.length === 0 ? <p>No points yet.</p> : null}
      <ol aria-label="Points">
        {group.leaderboard.map((e) => (
          <li key={e.user.id}>
            {e.user.name}: {e.points} points
          </li>
        ))}
      </ol>
    </section>
  );
}

function Expenses({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  const members = group.members.edges.map((e) => e.node.user);
  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const split = members.filter((m) => data.get(`in-${m.id}`) === 'on').map((m) => ({ userId: m.id, weightText: String(data.get(`weight-${m.id}`) ?? '1') }));
    const file = data.get('receipt');
    const receipt = file instanceof Blob && file.size > 0 ? file : null;
    const draft = { description: formValue(event, 'description'), amountText: formValue(event, 'amount'), currency: formValue(event, 'currency'), splitMethod: formValue(event, 'method') as SplitMethod, split, receipt };
    void page.addExpense(draft).then((ok) => ok && form.reset());
  }
  return (
    <section aria-label="Expenses">
      <h3>Expenses</h3>
      <ul aria-label="Expense list">
        {group.expenses.edges.map(({ node: e }) => (
          <li key={e.id}>
            <strong>{e.description}</strong> {formatMoney(e.amount)} paid by {e.payer.name}
            <Receipt expense={e} />
            <ul>
              {e.shares
                .filter((s) => s.user.id !== e.payer.id)
                .map((s) => (
                  <li key={s.id}>
                    {s.user.name} owes {formatMoney(s.amount)}: {s.paid ? `paid (${s.paidBy === 'IN_APP' ? 'in the app' : 'outside the app'})` : 'open'}{' '}
                    {!s.paid && s.user.id === viewer.id ? (
                      <button type="button" onClick={() => void page.payShare(s, e.payer.id)}>
                        Pay {formatMoney(s.amount)} for {e.description}
                      </button>
                    ) : null}
                    {!s.paid && e.payer.id === viewer.id ? (
                      <button type="button" onClick={() => void page.markSharePaid(s.id)}>
                        {s.user.name} paid me
                      </button>
                    ) : null}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <form aria-label="Add an expense" onSubmit={onAdd}>
        <Field label="What for">{(id) => <input id={id} name="description" required maxLength={200} />}</Field>
        <Field label="Amount">{(id) => <input id={id} name="amount" inputMode="decimal" required />}</Field>
        <CurrencyField label="Currency" />
        <Field label="Split">
          {(id) => (
            <select id={id} name="method" defaultValue="EQUAL">
              <option value="EQUAL">equally</option>
              <option value="SHARES">by shares</option>
              <option value="EXACT">by exact amounts</option>
            </select>
          )}
        </Field>
        <fieldset>
          <legend>Split among</legend>
          {members.map((m) => (
            <p key={m.id}>
              <label>
                <input type="checkbox" name={`in-${m.id}`} defaultChecked /> {m.name}
              </label>{' '}
              <input aria-label={`Weight for ${m.name}`} name={`weight-${m.id}`} defaultValue="1" size={6} />
            </p>
          ))}
        </fieldset>
        <Field label="Receipt photo (optional)">{(id) => <input id={id} name="receipt" type="file" accept={RECEIPT_TYPES} />}</Field>
        <button type="submit">Add expense</button>
      </form>
    </section>
  );
}

/** What the receipt picker offers; the server decides by the bytes anyway. */
const RECEIPT_TYPES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';

/** A photo of the receipt (linked to the full size), or a link to its PDF. */
function Receipt({ expense }: { expense: GroupExpense }) {
  const receipt = expense.receipt;
  if (!receipt) return null;
  const label = `Receipt for ${expense.description}`;
  return (
    <a href={receipt.src} target="_blank" rel="noreferrer" className="receipt">
      {receipt.contentType.startsWith('image/') ? <img src={receipt.src} alt={label} width={96} /> : `${label} (PDF)`}
    </a>
  );
}

function SettleUp({ group, page }: { group: GroupPageData; page: Page }) {
  const viewer = useViewer();
  return (
    <section aria-label="Balances">
      <h3>Balances</h3>
      <ul aria-label="Balance list">
        {group.balances.map((b) => (
          <li key={`${b.user.id}-${b.net.currency}`}>
            {b.user.name}: {b.net.amount === 0 ? 'settled' : b.net.amount > 0 ? `is owed ${formatMoney(b.net)}` : `owes ${formatMoney({ ...b.net, amount: -b.net.amount })}`}
          </li>
        ))}
      </ul>
      <h3>Settle up</h3>
      {group.settleUp.length === 0 ? <p>Everyone is settled.</p> : null}
      <ul aria-label="Settle-up payments">
        {group.settleUp.map((s) => (
          <li key={`${s.from.id}-${s.to.id}-${s.amount.currency}`}>
            {s.from.name} pays {s.to.name} {formatMoney(s.amount)}{' '}
            {s.from.id === viewer.id ? (
              <button type="button" onClick={() => void page.settle(s)}>
                Pay {s.to.name} {formatMoney(s.amount)}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
