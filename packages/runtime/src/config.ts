import { z } from 'zod';
import { clockOffsetMs } from './clock.js';

/** Development-only secrets; a production process refuses to start with them. */
export const DEV_IDENTITY_SECRET = 'dev-identity-secret-change-me-0123456789';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';

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
  /** HMAC key shared by the gateway and the subgraphs for the identity header. */
  IDENTITY_SECRET: z.string().min(32).default(DEV_IDENTITY_SECRET),
  /** How old a signed identity header may be before a subgraph refuses it. */
  IDENTITY_MAX_SKEW_MS: z.coerce.number().int().positive().default(30_000),
  /** Key for HS256 access tokens, shared by users (signs) and the gateway (verifies). */
  JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

export class ConfigError extends Error {}

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
    const defaults = [] as string[];
    if (config.IDENTITY_SECRET === DEV_IDENTITY_SECRET) defaults.push('IDENTITY_SECRET');
    if (config.JWT_SECRET === DEV_JWT_SECRET) defaults.push('JWT_SECRET');
    if (defaults.length > 0) {
      throw new ConfigError(`Refusing to start in production with development secrets: ${defaults.join(', ')}`);
    }
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
