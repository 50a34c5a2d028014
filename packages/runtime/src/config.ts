import { z } from 'zod';
import { clockOffsetMs } from './clock.js';
import { weakSecretReason } from './secret-strength.js';

/**
 * A secret from the environment. The source holds none: `npm start` generates them once into
 * the git-ignored `.env.local`, the test and bench launchers make fresh ones per run, and a
 * deployment brings its own (docs/security.md, "Secrets").
 */
export const secretSchema = z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 48)');

/** The variables that hold secrets; a production process checks each one it was given. */
export const SECRET_VARIABLES = [
  'IDENTITY_SECRET',
  'IDENTITY_SECRET_PREVIOUS',
  'IDENTITY_KEY',
  'IDENTITY_KEY_PREVIOUS',
  'JWT_SECRET',
  'JWT_SECRET_PREVIOUS',
  'METRICS_TOKEN',
] as const;

/** Variables every process reads. Each service extends this with its own. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Interface to listen on: loopback on a developer machine, 0.0.0.0 in containers. */
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/service_exchange'),
  /**
   * A streaming replica for reads that may lag (public listings, search); absent: the primary.
   * docs/scaling.md lists which reads go there.
   */
  DATABASE_READ_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /**
   * The gateway's master key for subgraph signatures: each subgraph's key is derived from it
   * with HKDF (identity-keys.ts). A subgraph given it derives its own; better, give a subgraph
   * only IDENTITY_KEY.
   */
  IDENTITY_SECRET: secretSchema.optional(),
  /** The master key before a rotation, accepted (never used to sign) until every process has the new one. */
  IDENTITY_SECRET_PREVIOUS: secretSchema.optional(),
  /** A subgraph's own key, derived from the master (`npm run identity-key -- <subgraph>` prints it). */
  IDENTITY_KEY: secretSchema.optional(),
  IDENTITY_KEY_PREVIOUS: secretSchema.optional(),
  /** How far a signed request's timestamp may be from a subgraph's clock, either way (at most 5 s). */
  IDENTITY_MAX_SKEW_MS: z.coerce.number().int().positive().max(5_000).default(5_000),
  /** Key for HS256 access tokens: users signs with it, the gateway verifies. */
  JWT_SECRET: secretSchema.optional(),
  /** The access-token key before a rotation: still verified, never used to sign. */
  JWT_SECRET_PREVIOUS: secretSchema.optional(),
  /** Bearer token for /metrics and /readyz details; without it /metrics answers 404. */
  METRICS_TOKEN: secretSchema.optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

export class ConfigError extends Error {}

/** In production every secret given must be long and random (secret-strength.ts). */
function weakProductionSecrets(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = config[name];
    if (typeof value !== 'string') continue;
    const reason = weakSecretReason(value);
    if (reason) problems.push(`  ${name}: ${reason}`);
  }
  return problems;
}

/**
 * Parses the environment once at start. Every bad variable is listed, so a misconfigured
 * process stops with one message instead of failing later at first use.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data as z.infer<S> & Partial<BaseConfig>;
  try {
    // Checked at start (it is read again at each use): a bad or production offset stops the process here.
    clockOffsetMs({ ...env, NODE_ENV: config.NODE_ENV ?? env.NODE_ENV });
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  CLOCK_OFFSET_MS: ${(err as Error).message}`);
  }
  if (config.NODE_ENV === 'production') {
    const weak = weakProductionSecrets(config);
    if (weak.length > 0) throw new ConfigError(`Refusing to start in production with weak secrets:\n${weak.join('\n')}`);
  }
  return config;
}

/** Like parseConfig, but prints the problem and exits: for process entry points. */
export function loadConfig<S extends z.ZodObject>(schema: S): z.infer<S> {
  try {
    return parseConfig(schema);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
