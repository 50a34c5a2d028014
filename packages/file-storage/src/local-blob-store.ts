import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertBlobKey, type BlobStore } from './blob-store.js';

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects as files under one directory (the default store: a developer machine, one node with
 * a volume). Written to a temporary name and renamed, so a crash never leaves half a file
 * under the real name.
 */
export function localBlobStore(directory: string): BlobStore {
  const root = path.resolve(directory);
  const fileOf = (key: string): string => {
    assertBlobKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    description: `local:${root}`,
    async put({ key, bytes }) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.part`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
