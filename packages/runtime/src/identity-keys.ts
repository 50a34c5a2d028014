import { hkdfSync } from 'node:crypto';
import type { BaseConfig } from './config.js';
import { ConfigError } from './config.js';

// Versioned so a future change of the signed format cannot be confused with this one.
const HKDF_SALT = 'service-exchange/subgraph-identity/v2';

const derived = new Map<string, string>();

/**
 * Subgraph `name`'s signing key, derived from the gateway's master secret with HKDF-SHA256.
 * Each subgraph holds only its own, so a key taken from one subgraph signs for no other.
 */
export function deriveIdentityKey(masterSecret: string, subgraph: string): string {
  const cacheKey = `${subgraph}\n${masterSecret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterSecret, HKDF_SALT, `subgraph=${subgraph}`, 32)).toString('base64url');
    derived.set(cacheKey, key);
  }
  return key;
}

/**
 * The keys subgraph `name` accepts signatures under: its current key first, then the one
 * before a rotation. Either given directly (IDENTITY_KEY, IDENTITY_KEY_PREVIOUS) or derived
 * from a master secret (IDENTITY_SECRET, IDENTITY_SECRET_PREVIOUS).
 */
export function subgraphIdentityKeys(config: BaseConfig, subgraph: string): string[] {
  const keys = [
    config.IDENTITY_KEY,
    config.IDENTITY_SECRET && deriveIdentityKey(config.IDENTITY_SECRET, subgraph),
    config.IDENTITY_KEY_PREVIOUS,
    config.IDENTITY_SECRET_PREVIOUS && deriveIdentityKey(config.IDENTITY_SECRET_PREVIOUS, subgraph),
  ].filter((k): k is string => typeof k === 'string' && k.length > 0);
  if (keys.length === 0) {
    throw new ConfigError(`The ${subgraph} subgraph has no key to check the gateway's signatures: set IDENTITY_KEY (its own key) or IDENTITY_SECRET (the master).`);
  }
  return [...new Set(keys)];
}
