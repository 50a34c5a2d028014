import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { REPO_ROOT } from '@sx/stack';
import type { Manifest } from './kustomize.js';
import { isObject, type Json, type JsonObject } from './strategic-merge.js';

const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The environment a container starts with: literal values, and Secret / ConfigMap keys resolved from the overlay. */
export function containerEnv(container: JsonObject, objects: Manifest[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of list(container.env)) {
    const name = String(variable.name);
    if (typeof variable.value === 'string') env[name] = variable.value;
    const from = isObject(variable.valueFrom) ? variable.valueFrom : {};
    const secret = isObject(from.secretKeyRef) ? from.secretKeyRef : undefined;
    const configMap = isObject(from.configMapKeyRef) ? from.configMapKeyRef : undefined;
    const ref = secret ?? configMap;
    if (!ref) continue;
    const source = objects.find((o) => o.kind === (secret ? 'Secret' : 'ConfigMap') && o.metadata.name === ref.name);
    const raw = isObject(source?.data) ? source.data[String(ref.key)] : undefined;
    if (typeof raw !== 'string') continue;
    env[name] = secret ? Buffer.from(raw.replaceAll('\n', ''), 'base64').toString('utf8') : raw;
  }
  return env;
}

/** The zod schema a process validates its environment with: `<SERVICE_DIR>/src/env.ts`, export envSchema. */
export async function envSchemaOf(serviceDir: string): Promise<z.ZodObject> {
  const module = (await import(path.join(REPO_ROOT, serviceDir, 'src/env.ts'))) as { envSchema?: z.ZodObject };
  if (!module.envSchema) throw new Error(`${serviceDir}/src/env.ts exports no envSchema`);
  return module.envSchema;
}

/**
 * Variables whose default only works on a developer's machine (a loopback address), or that
 * have no default at all (the secrets a process requires): in a cluster each must be set, where the process reads it.
 */
export function developerMachineDefaults(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (!parsed.success) return [key];
    if (parsed.data === undefined) return [];
    const text = JSON.stringify(parsed.data);
    const local = /127\.0\.0\.1|localhost|\[::1\]/.test(text);
    return local ? [key] : [];
  });
}

function sourceOf(serviceDir: string): string {
  const dir = path.join(REPO_ROOT, serviceDir, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

/**
 * Variables of the shared schema that a process has but never reads, so it need not (and, for
 * credentials, should not) get them. Decided from the process's own source: the database is
 * opened by runService or runEventService (subgraphs), the replica where a loader uses readDb.read or readDb.readYourWrites, Redis by createRedis
 * (users' sign-in limits, the gateway's request budgets).
 */
export function unreadVariables(serviceDir: string): string[] {
  const source = sourceOf(serviceDir);
  const calls = (fn: string) => new RegExp(`\\b${fn}\\s*[<(]`).test(source);
  const opensDatabase = calls('runService') || calls('runEventService');
  // The replica is read only where a loader routes reads through readDb (tasks' listing, analytics),
  // called or passed on (`readDb.read`, `readDb.readYourWrites`).
  const readsReplica = /\breadDb\.read(?:YourWrites)?\b/.test(source);
  return [...(opensDatabase ? [] : ['DATABASE_URL']), ...(opensDatabase && readsReplica ? [] : ['DATABASE_READ_URL']), ...(calls('createRedis') ? [] : ['REDIS_URL'])];
}
