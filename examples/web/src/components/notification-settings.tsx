import { useMutation, useQuery } from '@sx/react';
import { NotificationPreferencesDocument, UnsubscribeFromEmailsDocument, UpdateNotificationPreferencesDocument, type NotificationChannel, type NotificationKind } from '@sx/sdk';
import { useEffect } from 'react';
import { ErrorMessage } from './error-message';

const label = (kind: string) => kind.charAt(0) + kind.slice(1).toLowerCase().replace(/_/g, ' ');

/** Every kind of notification with a checkbox per channel (in the app, by email). */
export function NotificationSettings() {
  const prefs = useQuery(NotificationPreferencesDocument);
  const [update, updating] = useMutation(UpdateNotificationPreferencesDocument);
  const all = prefs.data?.notificationPreferences ?? [];
  const kinds = [...new Set(all.map((p) => p.kind))];
  const enabled = (kind: string, channel: string) => all.find((p) => p.kind === kind && p.channel === channel)?.enabled ?? false;

  async function toggle(kind: NotificationKind, channel: NotificationChannel, on: boolean) {
    const result = await update({ input: { preferences: [{ kind, channel, enabled: on }] } });
    if (result.ok) prefs.update(() => ({ notificationPreferences: result.data.updateNotificationPreferences }));
  }

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Notification settings</h2>
      <table>
        <thead>
          <tr>
            <th>Notification</th>
            <th>In the app</th>
            <th>By email</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind}>
              <td>{label(kind)}</td>
              {(['IN_APP', 'EMAIL'] as const).map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${label(kind)} ${channel === 'EMAIL' ? 'by email' : 'in the app'}`}
                    checked={enabled(kind, channel)}
                    disabled={updating.loading}
                    onChange={(e) => void toggle(kind, channel, e.currentTarget.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage message={prefs.error?.message ?? updating.error?.message ?? null} />
    </section>
  );
}

/** The page an email's unsubscribe link opens: works signed out (the token is signed). */
export function UnsubscribePage({ token }: { token: string }) {
  const [unsubscribe, state] = useMutation(UnsubscribeFromEmailsDocument);
  useEffect(() => {
    void unsubscribe({ token });
  }, [unsubscribe, token]);
  return (
    <section aria-labelledby="unsubscribe-heading">
      <h2 id="unsubscribe-heading">Email settings</h2>
      {state.data ? <p>You will no longer get emails about “{label(state.data.unsubscribeFromEmails.kind)}”.</p> : null}
      <ErrorMessage message={state.error?.message ?? null} />
    </section>
  );
}
