/** Every process of the supergraph, in start order (subgraphs first, then the gateway). */
export interface ServiceSpec {
  name: string;
  /** Folder relative to the repository root; the entry point is `src/index.ts` inside it. */
  dir: string;
  /** Port used by `npm start` and docker-compose. */
  defaultPort: number;
}

export const SUBGRAPHS: readonly ServiceSpec[] = [
  { name: 'users', dir: 'subgraphs/users', defaultPort: 4001 },
  { name: 'tasks', dir: 'subgraphs/tasks', defaultPort: 4002 },
  { name: 'bids', dir: 'subgraphs/bids', defaultPort: 4003 },
  { name: 'wallet', dir: 'subgraphs/wallet', defaultPort: 4004 },
  { name: 'reviews', dir: 'subgraphs/reviews', defaultPort: 4005 },
  { name: 'notifications', dir: 'subgraphs/notifications', defaultPort: 4006 },
  { name: 'files', dir: 'subgraphs/files', defaultPort: 4010 },
  { name: 'analytics', dir: 'subgraphs/analytics', defaultPort: 4008 },
  { name: 'groups', dir: 'subgraphs/groups', defaultPort: 4007 },
];

export const GATEWAY: ServiceSpec = { name: 'gateway', dir: 'gateway', defaultPort: 4000 };

/** The gateway finds subgraph `name` at the URL in this variable (USERS_URL, …). */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}
