import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { storeEnvShape } from '@sx/file-storage';
import { baseEnvSchema } from '@sx/runtime';

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const envSchema = baseEnvSchema
  .extend(eventsEnvShape)
  .extend(storeEnvShape)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    /** The largest file accepted, in bytes (10 MiB: a phone photo or a scanned bill). */
    MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    /** How long an upload ticket's PUT URL works. */
    UPLOAD_URL_TTL_S: seconds(15 * 60, 86_400),
    /** How long a download URL works once Task.photos handed it out. */
    DOWNLOAD_URL_TTL_S: seconds(10 * 60, 86_400),
    /** Uploads never attached to anything are deleted this long after their ticket was issued. */
    UNATTACHED_TTL_S: seconds(24 * 3600, 30 * 86_400),
    /** Photos one task may carry. */
    MAX_PHOTOS_PER_TASK: z.coerce.number().int().min(1).max(50).default(10),
    /** The API's public origin (https://api.example.com); when set, upload and download URLs are absolute. */
    FILES_PUBLIC_URL: z.string().url().optional(),
    /** Pause between two runs of the sweeper that deletes removed and abandoned files. */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
    /** Files the sweeper deletes per run. */
    SWEEP_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
  });

export type FilesConfig = z.infer<typeof envSchema>;
