import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { wsUrlOf } from '@sx/testkit';

export interface PaymentEvent {
  cursor: string;
  kind: string;
  transaction: { id: string } | null;
  payment: { id: string } | null;
}

const QUERY = `subscription($after: String) { paymentEvents(after: $after) { cursor kind transaction { id } payment { id } } }`;

/**
 * A user's paymentEvents as an app keeps them: when the socket closes (its gateway died), it
 * connects again through the load balancer and resubscribes after the last cursor it received.
 */
export class ResumableFeed {
  readonly events: PaymentEvent[] = [];
  /** How many times the subscription was started again after losing its socket. */
  resumes = 0;
  /** Payloads that came with errors instead of the event. */
  failedPayloads = 0;
  private client: Client | null = null;
  private stopped = false;
  private ready: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {
    this.ready = this.open();
  }

  /** Resolves once the first subscription is acknowledged by a gateway. */
  started(): Promise<void> {
    return this.ready;
  }

  private open(): Promise<void> {
    const after = this.events.at(-1)?.cursor ?? null;
    const client = createClient({
      url: wsUrlOf(this.url),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${this.token}` },
      onNonLazyError: () => this.reopen(client),
    });
    this.client = client;
    return new Promise((resolve) => {
      client.on('connected', () => resolve());
      client.subscribe<{ paymentEvents: PaymentEvent }>(
        { query: QUERY, variables: { after } },
        {
          next: (r) => {
            // A payload the gateway could not build (errors, no event) is not a received event.
            if (r.data?.paymentEvents) this.events.push(r.data.paymentEvents);
            else this.failedPayloads += 1;
          },
          error: () => this.reopen(client),
          complete: () => this.reopen(client),
        },
      );
    });
  }

  private reopen(dead: Client): void {
    if (this.stopped || this.client !== dead) return;
    this.client = null;
    void dead.dispose();
    this.resumes += 1;
    setTimeout(() => {
      if (!this.stopped) void this.open();
    }, 300);
  }

  /** Transaction and payment ids this feed has received. */
  ids(): Set<string> {
    return new Set(this.events.flatMap((e) => [e.transaction?.id, e.payment?.id].filter((id): id is string => Boolean(id))));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
  }
}
