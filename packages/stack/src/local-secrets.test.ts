import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { weakSecretReason } from '@sx/runtime';
import { localSecrets } from './local-secrets.js';
import { REPO_ROOT } from './launch.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-local-secrets-'));
  dirs.push(dir);
  return path.join(dir, '.env.local');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm start's local secrets", () => {
  it('generates strong random secrets once, into a file only the owner can read', () => {
    const file = tempFile();
    const first = localSecrets(file, {});
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const value of Object.values(first.secrets)) expect(weakSecretReason(value)).toBeNull();
    const again = localSecrets(file, {});
    expect(again).toEqual({ secrets: first.secrets, created: false });
  });

  it('gives every install its own secrets', () => {
    const a = localSecrets(tempFile(), {}).secrets;
    const b = localSecrets(tempFile(), {}).secrets;
    expect(a.identitySecret).not.toBe(b.identitySecret);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
  });

  it('lets the environment override the file, and tightens a file copied with a loose mode', () => {
    const file = tempFile();
    localSecrets(file, {});
    writeFileSync(file, readFileSync(file, 'utf8'), { mode: 0o644 });
    const given = 'Zt4kQ9wXb2nR7mV1cY5pL8sD3fG6hJ0aE-uIoKqWzTy';
    expect(localSecrets(file, { JWT_SECRET: given }).secrets.jwtSecret).toBe(given);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is ignored by git, so it is never committed', () => {
    const ignored = execFileSync('git', ['check-ignore', '--no-index', '.env.local'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ignored.trim()).toBe('.env.local');
  });
});
