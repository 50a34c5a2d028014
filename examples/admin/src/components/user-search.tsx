import { useMutation, useQuery } from '@sx/react';
import { AdminSuspendUserDocument, AdminUnsuspendUserDocument, AdminUserRowFragmentDoc, AdminUserSearchDocument, getFragmentData, type AdminUserRowFragment } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Field } from './shared-ui';

export const USERS_PAGE_SIZE = 20;

/** Find users by name or email; suspend (with a reason) or unsuspend them. */
export function UserSearch() {
  const [search, setSearch] = useState('');
  const users = useQuery(AdminUserSearchDocument, { search: search || null, first: USERS_PAGE_SIZE }, { skip: search === '' });
  const rows = (users.data?.users.edges ?? []).map((e) => getFragmentData(AdminUserRowFragmentDoc, e.node));

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(String(new FormData(event.currentTarget).get('search')).trim());
  }

  return (
    <section aria-label="Users">
      <form aria-label="Find users" className="inline" onSubmit={onSearch}>
        <Field label="Name or email">{(id) => <input id={id} name="search" type="search" required />}</Field>
        <button type="submit">Search</button>
      </form>
      <ErrorMessage message={users.error?.message ?? null} />
      {search && users.data && rows.length === 0 ? <p>No user matches “{search}”.</p> : null}
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Roles</th>
              <th>Status</th>
              <th>Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <UserRow key={u.id} user={u} onChanged={() => void users.refresh()} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function UserRow({ user, onChanged }: { user: AdminUserRowFragment; onChanged: () => void }) {
  const [suspend, suspending] = useMutation(AdminSuspendUserDocument);
  const [unsuspend, unsuspending] = useMutation(AdminUnsuspendUserDocument);
  const [reason, setReason] = useState('');
  const problem = suspending.error?.message ?? unsuspending.error?.message ?? null;

  async function onSuspend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if ((await suspend({ userId: user.id, reason: reason.trim() })).ok) onChanged();
  }

  return (
    <tr>
      <td>{user.name}</td>
      <td>{user.email ?? '—'}</td>
      <td>{user.roles.join(', ')}</td>
      <td>{user.suspended ? `Suspended: ${user.suspensionReason ?? ''}` : 'Active'}</td>
      <td>
        {user.suspended ? (
          <button type="button" disabled={unsuspending.loading} onClick={() => void unsuspend({ userId: user.id }).then((r) => r.ok && onChanged())}>
            Unsuspend {user.name}
          </button>
        ) : (
          <form aria-label={`Suspend ${user.name}`} className="inline" onSubmit={(e) => void onSuspend(e)}>
            <Field label="Reason">{(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />}</Field>
            <button type="submit" disabled={suspending.loading}>
              Suspend
            </button>
          </form>
        )}
        <ErrorMessage message={problem} />
      </td>
    </tr>
  );
}
