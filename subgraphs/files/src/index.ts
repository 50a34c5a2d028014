import { runEventService } from '@sx/events';
import { storeFromConfig } from '@sx/file-storage';
import { subgraphIdentityKeys } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { FilesDeps } from './deps.js';
import { urlSigner } from './domain/file-urls.js';
import { envSchema, type FilesConfig } from './env.js';
import { consumeGroupEvents } from './events/group-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { fileRoutes } from './http/file-routes.js';
import { startSweeper } from './jobs/sweeper.js';
import { createLoaders, type FileLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

/** Built once: the store, the URL signer (keyed by this subgraph's own identity keys) and the limits. */
let built: FilesDeps | undefined;
const depsOf = (db: FilesDeps['db'], config: FilesConfig): FilesDeps =>
  (built ??= {
    db,
    store: storeFromConfig(config),
    // Signed with this subgraph's own key (and the previous one during a rotation): no new secret to manage.
    urls: urlSigner({ keys: subgraphIdentityKeys(config, 'files'), publicUrl: config.FILES_PUBLIC_URL }),
    limits: {
      maxUploadBytes: config.MAX_UPLOAD_BYTES,
      uploadUrlTtlS: config.UPLOAD_URL_TTL_S,
      downloadUrlTtlS: config.DOWNLOAD_URL_TTL_S,
      unattachedTtlS: config.UNATTACHED_TTL_S,
      maxPhotosPerTask: config.MAX_PHOTOS_PER_TASK,
    },
  });

await runEventService<FilesConfig, FileLoaders>({
  name: 'files',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'files_from_tasks', domain: 'tasks', subscribe: consumeTaskEvents },
    { name: 'files_from_groups', domain: 'groups', subscribe: consumeGroupEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db, config, log }) => {
    const deps = depsOf(db, config);
    log.info({ store: deps.store.description }, 'files store');
    return { resolvers: createResolvers(deps), routes: fileRoutes(deps, log) };
  },
  jobs: ({ db, log, config }) => [startSweeper(depsOf(db, config), { log, intervalMs: config.SWEEP_INTERVAL_MS, batch: config.SWEEP_BATCH })],
});
