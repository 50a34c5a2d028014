import type { StackSecrets } from '@sx/stack';

/** What the global setup hands to tests about the running supergraph. */
export interface StackInfo {
  /** http://127.0.0.1:<port>/graphql of the gateway. */
  gatewayUrl: string;
  /** The run's fresh database (already migrated by the services). */
  databaseUrl: string;
  /** EVENTS_NAMESPACE of this run: its streams are `<ns>_TASKS`, … and subjects `<ns>.tasks.…`. */
  eventsNamespace: string;
  /** The SMTP server the notifications service sends to: its HTTP side lists the mail received (GET /messages?to=). */
  mailCatcherUrl: string;
  /** Base URL (no path) of every process by name: users, tasks, bids, wallet, reviews, gateway. */
  services: Record<string, string>;
  /** The run's own random secrets (tests sign tokens and identities, and scrape /metrics, with them). */
  secrets: StackSecrets;
  /**
   * Against the clustered stack (STACK_CLUSTER=1): the base URL of every instance of each service,
   * whose metrics a test sums (`services` are then the load balancer's addresses).
   */
  instances?: Record<string, string[]>;
  /** The files service's local store directory (FILES_DIR): tests check that deleted files' bytes are gone. */
  filesDir: string;
  /** The NATS the stack uses, when it is not the machine's (the cluster's). */
  natsUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
