import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { LiveConnection } from './live-connection.js';
import { startSubscription, type ResumableVariables, type SubscriptionDeps, type SubscriptionHandlers } from './subscription.js';

/** The client's live subscriptions on its one connection: started, tracked, and ended together. */
export interface LiveSubscriptions {
  subscribe<TData, TVariables extends ResumableVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TData>,
  ): () => void;
  /** Ends every subscription (`complete` is called) and closes the connection; a later subscribe reopens it. */
  endAll(): void;
}

export function createLiveSubscriptions(deps: Omit<SubscriptionDeps, 'connection'> & { connection: LiveConnection }): LiveSubscriptions {
  const live = new Set<{ end: () => void }>();
  return {
    subscribe(document, variables, handlers) {
      const subscription = startSubscription(deps, document, variables, {
        ...handlers,
        error: (error, info) => {
          if (info.ended) live.delete(subscription);
          handlers.error(error, info);
        },
        complete: () => {
          live.delete(subscription);
          handlers.complete?.();
        },
      });
      live.add(subscription);
      return () => {
        live.delete(subscription);
        subscription.stop();
      };
    },
    endAll() {
      for (const subscription of [...live]) subscription.end();
      live.clear();
      deps.connection.dispose();
    },
  };
}
