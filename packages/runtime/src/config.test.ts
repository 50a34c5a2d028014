import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { baseEnvSchema, ConfigError, parseConfig, SECRET_VARIABLES } from './config.js';
import { weakSecretReason } from './secret-strength.js';

describe('configuration', () => {
  it('works on a developer machine with no variables set', () => {
    const config = parseConfig(baseEnvSchema, {});
    expect(config.DATABASE_URL).toContain('127.0.0.1:5432');
    expect(config.NODE_ENV).toBe('development');
  });

  it('lists every bad variable at once', () => {
    const schema = baseEnvSchema.extend({ PORT: z.coerce.number().int().max(65535) });
    expect(() => parseConfig(schema, { PORT: '99999', DB_POOL_MAX: '0' })).toThrow(/PORT[\s\S]*DB_POOL_MAX|DB_POOL_MAX[\s\S]*PORT/);
  });

  it('holds no secret of its own: every secret variable is unset unless the environment sets it', () => {
    const config = parseConfig(baseEnvSchema, {});
    for (const name of SECRET_VARIABLES) expect(config[name], name).toBeUndefined();
  });

  it('refuses short secrets everywhere', () => {
    expect(() => parseConfig(baseEnvSchema, { JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('refuses low-entropy or made-up secrets in production, naming each', () => {
    const weak = { NODE_ENV: 'production', IDENTITY_SECRET: 'x'.repeat(40), JWT_SECRET: 'dev-jwt-secret-change-me-0123456789abcdef' };
    expect(() => parseConfig(baseEnvSchema, weak)).toThrow(ConfigError);
    expect(() => parseConfig(baseEnvSchema, weak)).toThrow(/IDENTITY_SECRET: is not random enough[\s\S]*JWT_SECRET: looks made up/);
    const typed = 'my-company-production-secret-for-the-api-2026';
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'production', METRICS_TOKEN: typed })).toThrow('METRICS_TOKEN');
  });

  it('starts in production with random secrets', () => {
    const random = () => randomBytes(48).toString('base64url');
    const ok = parseConfig(baseEnvSchema, { NODE_ENV: 'production', IDENTITY_SECRET: random(), JWT_SECRET: random(), METRICS_TOKEN: randomBytes(32).toString('hex') });
    expect(ok.NODE_ENV).toBe('production');
    const secrets = { IDENTITY_SECRET: 'x'.repeat(40), JWT_SECRET: 'y'.repeat(40) };
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'production', ...secrets, CLOCK_OFFSET_MS: '20000' })).toThrow('CLOCK_OFFSET_MS');
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'test', CLOCK_OFFSET_MS: 'soon' })).toThrow(ConfigError);
  });
});

describe('secret strength', () => {
  it('measures what it says', () => {
    expect(weakSecretReason('a'.repeat(31))).toContain('shorter than 32');
    expect(weakSecretReason('ab'.repeat(20))).toContain('not random enough');
    expect(weakSecretReason(randomBytes(16).toString('hex'))).toBeNull();
  });
});
