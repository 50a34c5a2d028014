import { randomBytes } from 'node:crypto';
import { deriveIdentityKey } from '@sx/runtime';
import { GATEWAY } from './services.js';

/** The secrets of one running stack. The source holds none: each install or run makes its own. */
export interface StackSecrets {
  /** The gateway's master key; each subgraph gets only the key derived from it for itself. */
  identitySecret: string;
  /** Access-token key: users signs, the gateway verifies. */
  jwtSecret: string;
  /** Bearer token for /metrics and /readyz details on every process. */
  metricsToken: string;
}

/** 48 random bytes, base64url: 64 characters, 384 bits. */
export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

export function generateStackSecrets(): StackSecrets {
  return { identitySecret: randomSecret(), jwtSecret: randomSecret(), metricsToken: randomSecret() };
}

/**
 * What each process is given: the gateway the master identity secret and the token key; a
 * subgraph only its own derived identity key (users also the token key, to sign tokens). So a
 * subgraph's environment, if it leaks, signs for that subgraph alone and mints no tokens.
 */
export function secretEnvFor(service: string, secrets: StackSecrets): Record<string, string> {
  const env: Record<string, string> = { METRICS_TOKEN: secrets.metricsToken };
  if (service === GATEWAY.name) return { ...env, IDENTITY_SECRET: secrets.identitySecret, JWT_SECRET: secrets.jwtSecret };
  env['IDENTITY_KEY'] = deriveIdentityKey(secrets.identitySecret, service);
  if (service === 'users') env['JWT_SECRET'] = secrets.jwtSecret;
  return env;
}

/** Secrets a caller put in the stack's shared environment (the benches do), when all three are there. */
export function secretsFromEnv(env: Record<string, string> | undefined): StackSecrets | undefined {
  const identitySecret = env?.['IDENTITY_SECRET'];
  const jwtSecret = env?.['JWT_SECRET'];
  const metricsToken = env?.['METRICS_TOKEN'];
  return identitySecret && jwtSecret && metricsToken ? { identitySecret, jwtSecret, metricsToken } : undefined;
}
