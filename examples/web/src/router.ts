import { useEffect, useState } from 'react';

// Routes live in the hash (#/tasks/<id>), so the built app works from any static server and the
// query string (?api=…) stays as it was.

export type Route = { name: 'nearby' } | { name: 'post' } | { name: 'task'; taskId: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const task = /^\/tasks\/([^/]+)$/.exec(path);
  if (task?.[1]) return { name: 'task', taskId: decodeURIComponent(task[1]) };
  if (path === '/post') return { name: 'post' };
  return { name: 'nearby' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'task') return `#/tasks/${encodeURIComponent(route.taskId)}`;
  if (route.name === 'post') return '#/post';
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
