import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type GroupsConfig } from './env.js';
import { consumeOwnEvents, consumeUserEvents, consumeWalletEvents } from './events/handlers.js';
import { createLoaders, type GroupLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runEventService<GroupsConfig, GroupLoaders>({
  name: 'groups',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'groups_from_users', domain: 'users', subscribe: consumeUserEvents },
    { name: 'groups_from_wallet', domain: 'wallet', subscribe: consumeWalletEvents },
    // Points follow from groups' own completions, like reviews' ratings: the confirm stays one write.
    { name: 'groups_points', domain: 'groups', subscribe: consumeOwnEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db }) => ({ resolvers: createResolvers({ db }) }),
});
