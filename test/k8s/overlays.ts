import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@sx/stack';
import { renderKustomization, type Manifest } from './kustomize.js';

export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');
export const OVERLAYS = ['dev', 'production'] as const;

/** The primary's and the read-only service's URLs of the Cluster in deploy/postgres, with one password. */
function databaseUrls(password: string): { DATABASE_URL: string; DATABASE_READ_URL: string } {
  return {
    DATABASE_URL: `postgres://sx:${password}@sx-postgres-rw:5432/service_exchange`,
    DATABASE_READ_URL: `postgres://sx:${password}@sx-postgres-replicas:5432/service_exchange`,
  };
}

/** What an operator exports before deploying: made up here, fresh for every run. */
export function deployEnvironment(): Record<string, string> {
  const random = (bytes: number) => randomBytes(bytes).toString('hex');
  return {
    IDENTITY_SECRET: random(32),
    JWT_SECRET: random(32),
    METRICS_TOKEN: random(32),
    POSTGRES_PASSWORD: random(16),
    NATS_PASSWORD: random(16),
    ...databaseUrls(random(16)),
    REDIS_URL: `redis://:${random(16)}@redis:6379`,
    NATS_URL: `nats://sx:${random(16)}@nats:4222`,
    CORS_ORIGINS: 'https://app.example.com',
    APP_URL: 'https://app.example.com',
    S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com',
    S3_BUCKET: 'sx-files-example',
    S3_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
    S3_SECRET_ACCESS_KEY: random(20),
  };
}

/** Runs deploy/k8s/write-env.sh of `deployDir` with only `env` (and PATH) in its environment. */
export function writeEnv(deployDir: string, overlay: string, env: Record<string, string>): string {
  return execFileSync('bash', [path.join(deployDir, 'k8s/write-env.sh'), path.join(deployDir, 'k8s/overlays', overlay)], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface RenderedOverlays {
  /** The copy of deploy/ the overlays were rendered from, with their env files written. */
  deployDir: string;
  env: Record<string, string>;
  objects: Record<(typeof OVERLAYS)[number], Manifest[]>;
  remove: () => void;
}

/**
 * Copies deploy/ (without any env files an operator left there), writes the env files with the
 * real write-env.sh from a made-up environment, and renders each overlay as kubectl would.
 */
export function renderOverlays(): RenderedOverlays {
  const root = mkdtempSync(path.join(tmpdir(), 'sx-k8s-'));
  const deployDir = path.join(root, 'deploy');
  cpSync(DEPLOY_DIR, deployDir, { recursive: true, filter: (source) => !source.endsWith('.env') });
  const env = deployEnvironment();
  const objects = Object.fromEntries(
    OVERLAYS.map((overlay) => {
      writeEnv(deployDir, overlay, env);
      return [overlay, renderKustomization(path.join(deployDir, 'k8s/overlays', overlay))];
    }),
  ) as RenderedOverlays['objects'];
  return { deployDir, env, objects, remove: () => rmSync(root, { recursive: true, force: true }) };
}
