import { useEffect, useState } from 'react';

// Routes live in the hash (#/tasks/<id>), so the built app works from any static server and the
// query string (?api=…) stays as it was.

export type Route =
  | { name: 'nearby' }
  | { name: 'post' }
  | { name: 'task'; taskId: string }
  | { name: 'notifications' }
  | { name: 'groups' }
  | { name: 'group'; groupId: string }
  | { name: 'preferences' }
  | { name: 'unsubscribe'; token: string }
  | { name: 'verify-email'; token: string }
  | { name: 'reset-password'; token: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const task = /^\/tasks\/([^/]+)$/.exec(path);
  if (task?.[1]) return { name: 'task', taskId: decodeURIComponent(task[1]) };
  if (path === '/post') return { name: 'post' };
  const group = /^\/groups\/([^/]+)$/.exec(path);
  if (group?.[1]) return { name: 'group', groupId: decodeURIComponent(group[1]) };
  if (path === '/groups') return { name: 'groups' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/preferences') return { name: 'preferences' };
  // Emails link to #/unsubscribe, #/verify-email and #/reset-password with ?token=…: they open signed out too.
  const linked = /^\/(unsubscribe|verify-email|reset-password)\?token=([^&]+)$/.exec(path);
  if (linked?.[1] && linked[2]) return { name: linked[1] as 'unsubscribe' | 'verify-email' | 'reset-password', token: decodeURIComponent(linked[2]) };
  return { name: 'nearby' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'task') return `#/tasks/${encodeURIComponent(route.taskId)}`;
  if (route.name === 'post') return '#/post';
  if (route.name === 'groups') return '#/groups';
  if (route.name === 'group') return `#/groups/${encodeURIComponent(route.groupId)}`;
  if (route.name === 'notifications') return '#/notifications';
  if (route.name === 'preferences') return '#/preferences';
  if (route.name === 'unsubscribe' || route.name === 'verify-email' || route.name === 'reset-password') return `#/${route.name}?token=${encodeURIComponent(route.token)}`;
  return '#/';
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
