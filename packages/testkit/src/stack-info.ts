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
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
