import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localBlobStore } from './local-blob-store.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('localBlobStore', () => {
  it('stores, reads back and deletes an object, leaving no temporary file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sx-files-'));
    const store = localBlobStore(dir);
    await store.put({ key: 'uploads/abc-1', bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' });
    expect(await store.get('uploads/abc-1')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await readdir(path.join(dir, 'uploads'))).toEqual(['abc-1']);
    await store.delete('uploads/abc-1');
    expect(await store.get('uploads/abc-1')).toBeNull();
    await expect(store.delete('uploads/abc-1')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its directory', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sx-files-'));
    const store = localBlobStore(dir);
    await expect(store.get('../etc/passwd')).rejects.toThrow(/invalid blob key/);
    await expect(store.put({ key: '/abs', bytes: new Uint8Array(), contentType: 'x' })).rejects.toThrow(/invalid blob key/);
  });
});
