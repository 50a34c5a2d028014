import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseEnvSchema, ConfigError, parseConfig } from './config.js';

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

  it('refuses to start in production with the development secrets', () => {
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'production', IDENTITY_SECRET: 'x'.repeat(40) })).toThrow('JWT_SECRET');
    const ok = parseConfig(baseEnvSchema, { NODE_ENV: 'production', IDENTITY_SECRET: 'x'.repeat(40), JWT_SECRET: 'y'.repeat(40) });
    expect(ok.NODE_ENV).toBe('production');
    const secrets = { IDENTITY_SECRET: 'x'.repeat(40), JWT_SECRET: 'y'.repeat(40) };
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'production', ...secrets, CLOCK_OFFSET_MS: '20000' })).toThrow('CLOCK_OFFSET_MS');
    expect(() => parseConfig(baseEnvSchema, { NODE_ENV: 'test', CLOCK_OFFSET_MS: 'soon' })).toThrow(ConfigError);
  });
});
