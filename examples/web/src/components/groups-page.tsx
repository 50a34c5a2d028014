import { useMyGroups } from '@sx/react';
import type { FormEvent } from 'react';
import { hrefOf, navigate } from '../router';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** The user's groups, the invitations waiting for them, and a form to start a group. */
export function GroupsPage() {
  const mine = useMyGroups();

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = await mine.createGroup(String(new FormData(event.currentTarget).get('name')));
    if (id) navigate({ name: 'group', groupId: id });
  }

  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">Groups</h2>
      {mine.invitations.length > 0 ? (
        <ul aria-label="Invitations">
          {mine.invitations.map((inv) => (
            <li key={inv.id}>
              {inv.invitedBy.name} invited you to <strong>{inv.groupName}</strong>{' '}
              <button
                type="button"
                onClick={() =>
                  void mine.accept(inv.id).then((id) => {
                    if (id) navigate({ name: 'group', groupId: id });
                  })
                }
              >
                Join {inv.groupName}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {mine.groups.length === 0 ? <p>You are not in a group yet.</p> : null}
      <ul aria-label="My groups">
        {mine.groups.map((g) => (
          <li key={g.id}>
            <a href={hrefOf({ name: 'group', groupId: g.id })}>{g.name}</a> ({g.myRole.toLowerCase()})
          </li>
        ))}
      </ul>
      <form aria-label="Start a group" onSubmit={(e) => void onCreate(e)} className="inline">
        <Field label="Group name">{(id) => <input id={id} name="name" required maxLength={80} />}</Field>
        <button type="submit">Start group</button>
      </form>
      <ErrorMessage message={mine.problem} />
    </section>
  );
}
