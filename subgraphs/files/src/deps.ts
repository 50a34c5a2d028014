import type { BlobStore } from '@sx/file-storage';
import type { Db } from '@sx/runtime';
import type { UrlSigner } from './domain/file-urls.js';

/** The limits the commands enforce (env.ts names and bounds them). */
export interface FileLimits {
  maxUploadBytes: number;
  uploadUrlTtlS: number;
  downloadUrlTtlS: number;
  unattachedTtlS: number;
  maxPhotosPerTask: number;
}

/** What files' commands run on, built once at start-up (index.ts). */
export interface FilesDeps {
  db: Db;
  store: BlobStore;
  urls: UrlSigner;
  limits: FileLimits;
}
