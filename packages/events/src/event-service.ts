import { type BaseConfig, type Db, type ReadDb, runService, type RunningSubgraph, type ServiceDeps, type ServiceLocation, type SubgraphResolvers, type WiredService } from '@sx/runtime';
import type { z } from 'zod';
import type { EventConsumer } from './consumer.js';
import type { EventsConfig } from './env.js';
import { EventRuntime } from './event-runtime.js';
import type { DeadLetterTable, InboxTable, OutboxTable } from './tables.js';

type EventServiceConfig = BaseConfig & EventsConfig & { PORT: number };

/** A durable consumer a service declares: its name, the domain whose stream it reads, its handlers. */
export interface ConsumerSpec<C extends EventServiceConfig> {
  /** Durable name, e.g. `bids_from_tasks`. */
  name: string;
  domain: string;
  /** Registers the handlers (`consumer.on(type, command)`); config is there for handler options. */
  subscribe: (consumer: EventConsumer, deps: ServiceDeps<C>) => unknown;
}

/** Work a service runs beside its requests (an interval job, a sweep); stopped before the events. */
export interface BackgroundJob {
  stop: () => Promise<void>;
}

/** What differs from one subgraph to the next; runEventService does the rest. */
export type EventServiceDefinition<C extends EventServiceConfig, L> = ServiceLocation & {
  name: string;
  envSchema: z.ZodObject;
  /** The service's outbox, inbox and dead-letter tables (in its own Postgres schema). */
  tables: { outbox: OutboxTable; inbox: InboxTable; deadLetters: DeadLetterTable };
  consumers?: readonly ConsumerSpec<C>[];
  /**
   * Per-request loaders over the service's database (a fresh set for each request); `readDb` is
   * for the reads that may lag (the replica when DATABASE_READ_URL is set, else the primary).
   */
  loaders: (db: Db, readDb: ReadDb) => L;
  /** The resolvers, and whatever resources they hold (closed by onShutdown, after the events). */
  wire: (deps: ServiceDeps<C>) => Promise<{ resolvers: SubgraphResolvers; onShutdown?: () => Promise<void>; routes?: WiredService<L>['routes'] }>;
  /** Started once the events run (so what they write is relayed at once). */
  jobs?: (deps: ServiceDeps<C>) => BackgroundJob[];
};

/**
 * runService for a subgraph with an event runtime: builds the EventRuntime over the service's
 * tables, declares its consumers, starts the relay and consumers, then its jobs; on shutdown
 * stops the jobs, then the events, then the wiring's own resources; /readyz shows the events' health.
 */
export function runEventService<C extends EventServiceConfig, L>(def: EventServiceDefinition<C, L>): Promise<RunningSubgraph> {
  const { tables, consumers = [], loaders, wire, jobs: startJobs, ...service } = def;
  return runService<C, L>({
    ...service,
    wire: async (deps) => {
      const { db, pool, readDb, config, log, metrics } = deps;
      const events = new EventRuntime({ service: def.name, config, db, pool, log, registry: metrics.registry, tables });
      for (const spec of consumers) spec.subscribe(events.consumer(spec.name, spec.domain), deps);
      const wired = await wire(deps);
      events.start();
      const jobs = startJobs?.(deps) ?? [];
      return {
        resolvers: wired.resolvers,
        createLoaders: () => loaders(db, readDb),
        onShutdown: async () => {
          await Promise.all(jobs.map((job) => job.stop()));
          await events.stop();
          await wired.onShutdown?.();
        },
        healthDetails: () => events.health(),
        // Writes go on while NATS is away (the outbox keeps the events): readiness only degrades.
        dependencies: [{ name: 'nats', required: false, probe: () => events.ping() }],
        ...(wired.routes ? { routes: wired.routes } : {}),
      };
    },
  });
}
