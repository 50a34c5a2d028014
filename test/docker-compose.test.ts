import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GATEWAY, REPO_ROOT, SUBGRAPHS, subgraphUrlVariable } from '@sx/stack';

interface ComposeService {
  image?: string;
  ports?: unknown[];
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }>;
}

// No Docker engine runs here, so the file is checked as data: every process `npm start` runs
// must be in it, wired the same way.
const text = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('runs the three servers with health checks', () => {
    for (const name of ['postgres', 'redis', 'nats']) {
      expect(compose.services[name]?.healthcheck?.test, name).toBeDefined();
    }
    expect(JSON.stringify(compose.services.nats)).toContain('-js');
  });

  it.each([...SUBGRAPHS, GATEWAY].map((s) => [s.name, s] as const))('runs %s from its own folder with a health check', (name, spec) => {
    const service = compose.services[name];
    expect(service, `service ${name} missing`).toBeDefined();
    expect(service?.environment?.SERVICE_DIR).toBe(spec.dir);
    expect(service?.environment?.PORT).toBe(String(spec.defaultPort));
    expect(service?.healthcheck?.test).toBeDefined();
    for (const server of ['postgres', 'redis', 'nats']) {
      expect(service?.depends_on?.[server]?.condition).toBe('service_healthy');
    }
  });

  it('gives every process the variables npm start gives it, pointing at the compose hosts', () => {
    for (const spec of [...SUBGRAPHS, GATEWAY]) {
      const env = compose.services[spec.name]?.environment ?? {};
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.NATS_URL).toBe('nats://nats:4222');
      expect(env.HOST).toBe('0.0.0.0');
      for (const sub of SUBGRAPHS) {
        expect(env[subgraphUrlVariable(sub.name)]).toBe(`http://${sub.name}:${sub.defaultPort}/graphql`);
      }
    }
  });

  it('sends the emails of the notifications service to Mailpit', () => {
    expect(compose.services.mailpit?.image).toMatch(/^axllent\/mailpit:/);
    expect(compose.services.notifications?.environment?.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(compose.services.notifications?.depends_on?.mailpit).toBeDefined();
  });

  it('starts the gateway only after every subgraph is healthy', () => {
    const deps = compose.services[GATEWAY.name]?.depends_on ?? {};
    for (const sub of SUBGRAPHS) expect(deps[sub.name]?.condition).toBe('service_healthy');
  });

  it('holds no secret: each one must be set, or compose refuses to start (F1, F2, F12)', () => {
    for (const spec of [...SUBGRAPHS, GATEWAY]) {
      const env = compose.services[spec.name]?.environment ?? {};
      for (const name of ['IDENTITY_SECRET', 'JWT_SECRET', 'METRICS_TOKEN']) {
        // ${NAME:?message}: interpolation fails when the variable is unset or empty.
        expect(env[name], `${spec.name} ${name}`).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
      }
      expect(env.NODE_ENV, spec.name).toBe('${NODE_ENV:-production}');
    }
    expect(text).not.toMatch(/change-me|dev-identity|dev-jwt/);
  });

  it("publishes only the gateway's port", () => {
    const published = Object.entries(compose.services).filter(([, service]) => (service.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual([GATEWAY.name]);
    expect(compose.services[GATEWAY.name]?.ports).toEqual(['4000:4000']);
  });
});
