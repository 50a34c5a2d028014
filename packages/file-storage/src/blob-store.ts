/**
 * Where attachment bytes live. Keys are opaque to callers but always match BLOB_KEY (the
 * registry builds them from ids), so no key can climb out of the store's directory or bucket.
 */
export interface BlobStore {
  /** What the store is, for logs and /readyz (never a credential). */
  readonly description: string;
  /** Writes the whole object; a reader never sees a half-written one. */
  put(args: { key: string; bytes: Uint8Array; contentType: string }): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the object; removing one that is gone is not an error. */
  delete(key: string): Promise<void>;
}

export const BLOB_KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function assertBlobKey(key: string): void {
  if (!BLOB_KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}
