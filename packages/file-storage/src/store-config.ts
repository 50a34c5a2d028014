import { z } from 'zod';
import type { BlobStore } from './blob-store.js';
import { localBlobStore } from './local-blob-store.js';
import { s3BlobStore } from './s3-blob-store.js';

/**
 * The storage variables (docs/attachments.md): FILES_STORE=local keeps bytes under FILES_DIR;
 * FILES_STORE=s3 sends them to an S3-compatible bucket (all S3_* but S3_SESSION_TOKEN/S3_PREFIX required).
 */
export const storeEnvShape = {
  FILES_STORE: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.string().min(1).default('.data/files'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_SESSION_TOKEN: z.string().min(1).optional(),
  S3_PREFIX: z.string().regex(/^[a-z0-9-]*$/).default(''),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
};

export type StoreConfig = z.infer<z.ZodObject<typeof storeEnvShape>>;

/** The store the configuration names; an S3 store without its settings stops the process with the missing names. */
export function storeFromConfig(config: StoreConfig): BlobStore {
  if (config.FILES_STORE === 'local') return localBlobStore(config.FILES_DIR);
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    const missing = Object.entries({ S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY })
      .filter(([, v]) => !v)
      .map(([k]) => k);
    throw new Error(`FILES_STORE=s3 needs ${missing.join(', ')}`);
  }
  return s3BlobStore({
    endpoint: S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: S3_BUCKET,
    prefix: config.S3_PREFIX,
    timeoutMs: config.S3_TIMEOUT_MS,
    credentials: { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY, ...(config.S3_SESSION_TOKEN ? { sessionToken: config.S3_SESSION_TOKEN } : {}) },
  });
}
