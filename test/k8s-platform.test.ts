import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ICluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createEventMetrics } from '@sx/events';
import { createMetrics } from '@sx/runtime';
import { GATEWAY, REPO_ROOT, SUBGRAPHS } from '@sx/stack';
import { createFieldChecker } from './k8s/known-fields.js';
import { containersOf, parseEnvFile, type Manifest } from './k8s/kustomize.js';
import { DEPLOY_DIR, deployEnvironment, renderOverlays, writeEnv, type RenderedOverlays } from './k8s/overlays.js';
import { LIVENESS_PATH, READINESS_PATH } from './k8s/pod-policy.js';
import { containerEnv, unreadVariables } from './k8s/process-env.js';
import { schemaErrors } from './k8s/schemas.js';

// What the manifests assume of the code and of the servers beside them: the health paths the
// processes serve, the lag metric the autoscalers read, the database the Cluster makes, the
// NATS chart's values, and the script that turns the environment into secrets.

let rendered: RenderedOverlays;
beforeAll(() => {
  rendered = renderOverlays();
});
afterAll(() => rendered?.remove());

const production = () => rendered.objects.production;
const find = (objects: Manifest[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('the probes', () => {
  it('call paths every process serves', () => {
    for (const server of ['packages/runtime/src/server.ts', 'gateway/src/server.ts']) {
      for (const probePath of [READINESS_PATH, LIVENESS_PATH]) expect(read(server), server).toContain(`app.get('${probePath}'`);
    }
  });
});

describe('autoscaling on event lag', () => {
  type Metric = { type: string; external?: { metric: { name: string; selector: { matchLabels: Record<string, string> } } } };
  const externalMetrics = (name: string) =>
    ((find(production(), 'HorizontalPodAutoscaler', name)?.spec as { metrics: Metric[] }).metrics ?? []).filter((m) => m.type === 'External');
  // A durable consumer is declared on the EventRuntime (`events.consumer(…)`) or listed for runEventService (`consumers: [{ … }]`).
  const consumes = (dir: string) => /\.consumer\(|\bconsumers:\s*\[\s*\{/.test(read(`${dir}/src/index.ts`));

  it('scales every subgraph with durable consumers on their lag, and no other process', () => {
    for (const spec of [GATEWAY, ...SUBGRAPHS]) {
      const selectors = externalMetrics(spec.name).map((m) => m.external?.metric.selector.matchLabels);
      expect(selectors, spec.name).toEqual(consumes(spec.dir) ? [{ service: spec.name }] : []);
    }
    expect(SUBGRAPHS.filter((s) => consumes(s.dir)).length).toBeGreaterThanOrEqual(4);
  });

  it('reads a gauge the services export, labelled with the service, through a prometheus-adapter rule', async () => {
    const adapter = parse(readFileSync(path.join(DEPLOY_DIR, 'k8s/monitoring/prometheus-adapter-values.yaml'), 'utf8')) as {
      rules: { external: { seriesQuery: string; name: { as: string }; metricsQuery: string }[] };
    };
    const served = new Map(adapter.rules.external.map((rule) => [rule.name.as, rule]));
    const names = new Set(SUBGRAPHS.flatMap((s) => externalMetrics(s.name).map((m) => m.external?.metric.name ?? '')));
    expect([...names]).toEqual(['sx_events_consumer_pending']);
    for (const name of names) {
      const rule = served.get(name);
      expect(rule?.seriesQuery, name).toContain(`${name}{`);
      // The service's own registry, as /metrics serves it.
      const metrics = createMetrics('wallet');
      const events = createEventMetrics(metrics.registry);
      events.pending.set({ consumer: 'wallet_from_bids' }, 42);
      const exposition = await metrics.registry.metrics();
      expect(exposition).toMatch(new RegExp(`^${name}\\{[^}]*service="wallet"[^}]*\\} 42$`, 'm'));
      expect(rule?.metricsQuery).toContain('by (service)');
    }
  });
});

describe('the Postgres Cluster', () => {
  const clusterIn = (objects: Manifest[]) => find(objects, 'Cluster', 'sx-postgres') as unknown as ICluster & Manifest;
  const cluster = () => clusterIn(production());
  const initdb = () => cluster().spec?.bootstrap?.initdb;

  it('makes the service_exchange database with a replica and a read-only service for it', () => {
    expect(cluster().spec?.instances).toBeGreaterThanOrEqual(2);
    expect(initdb()?.database).toBe('service_exchange');
    expect(cluster().spec?.managed?.services?.additional).toEqual([expect.objectContaining({ selectorType: 'ro' })]);
    expect(schemaErrors(cluster())).toEqual([]);
  });

  it('takes its owner from a basic-auth secret the overlay makes from the environment', () => {
    const secret = find(production(), 'Secret', String(initdb()?.secret?.name));
    expect(secret?.type).toBe('kubernetes.io/basic-auth');
    expect(Buffer.from(String((secret?.data as Record<string, string>).password), 'base64').toString()).toBe(rendered.env.POSTGRES_PASSWORD);
    expect(Buffer.from(String((secret?.data as Record<string, string>).username), 'base64').toString()).toBe(initdb()?.owner);
  });

  it('creates, as superuser, every extension the migrations need', () => {
    const drizzle = SUBGRAPHS.map((s) => path.join(REPO_ROOT, s.dir, 'drizzle'));
    const statements = drizzle.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').match(/CREATE EXTENSION[^;]*/g) ?? []),
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(initdb()?.postInitApplicationSQL).toEqual(expect.arrayContaining(statements.map((s) => s.trim())));
  });

  it('allows the connections of every subgraph pod at the autoscalers’ maximum', () => {
    const subgraphs = production().filter((o) => o.kind === 'Deployment' && (o.metadata.labels as Record<string, string>)['app.kubernetes.io/component'] === 'subgraph');
    const connections = subgraphs.reduce((sum, d) => {
      const env = containerEnv(containersOf(d)[0] ?? {}, production());
      // A pod with DATABASE_READ_URL opens a second pool of the same size; after a failover
      // leaves one instance, both land on it.
      const pool = Number(env.DB_POOL_MAX) * (env.DATABASE_READ_URL ? 2 : 1);
      const maxReplicas = (find(production(), 'HorizontalPodAutoscaler', d.metadata.name)?.spec as { maxReplicas: number }).maxReplicas;
      return sum + pool * maxReplicas;
    }, 0);
    expect(connections).toBeGreaterThan(0);
    expect(Number(cluster().spec?.postgresql?.parameters?.max_connections)).toBeGreaterThanOrEqual(connections + 20);
  });

  it('runs one instance with no synchronous replica in the dev overlay', () => {
    const dev = clusterIn(rendered.objects.dev);
    expect(dev.spec?.instances).toBe(1);
    expect(dev.spec?.postgresql?.synchronous).toBeUndefined();
  });

  it('serves the reads that may lag from the replicas, in the processes that route reads there and no other', () => {
    const readService = (objects: Manifest[]) => clusterIn(objects).spec?.managed?.services?.additional?.[0];
    const host = readService(production())?.serviceTemplate.metadata?.name;
    expect(host).toBe('sx-postgres-replicas');
    // Production: replicas only; dev (one instance): any instance, so the same URL reaches the primary.
    expect(readService(production())?.selectorType).toBe('ro');
    expect(readService(rendered.objects.dev)).toMatchObject({ selectorType: 'r', serviceTemplate: { metadata: { name: host } } });
    for (const objects of [production(), rendered.objects.dev]) {
      const readers = objects
        .filter((o) => o.kind === 'Deployment')
        .map((d) => [d.metadata.name, containerEnv(containersOf(d)[0] ?? {}, objects)] as const)
        .filter(([, env]) => env.DATABASE_READ_URL !== undefined);
      // The subgraphs whose code calls readDb.read (docs/scaling.md, "Which reads go where").
      const routing = SUBGRAPHS.filter((s) => !unreadVariables(s.dir).includes('DATABASE_READ_URL')).map((s) => s.name);
      expect(routing.length).toBeGreaterThan(0);
      expect(readers.map(([name]) => name).sort()).toEqual(routing.sort());
      for (const [name, env] of readers) {
        expect(new URL(env.DATABASE_READ_URL ?? '').hostname, name).toBe(host);
        // Same database and owner as the writes.
        expect(new URL(env.DATABASE_READ_URL ?? '').pathname, name).toBe(new URL(env.DATABASE_URL ?? '').pathname);
      }
    }
  });
});

describe('the NATS chart values', () => {
  // any: the chart's values are free-form YAML; the parts that are Kubernetes objects are checked against their models.
  const values = parse(readFileSync(path.join(DEPLOY_DIR, 'nats/values.yaml'), 'utf8')) as Record<string, any>;

  it('run a three-node JetStream cluster on file storage, one per node, with a disruption budget', () => {
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true, pvc: { enabled: true } }, memoryStore: { enabled: false } });
    expect(values.podTemplate.topologySpreadConstraints['kubernetes.io/hostname']).toMatchObject({ whenUnsatisfiable: 'DoNotSchedule' });
    expect(values.podDisruptionBudget.enabled).toBe(true);
  });

  it('give the server container resources and a security context Kubernetes accepts', () => {
    const fields = createFieldChecker(REPO_ROOT);
    const container = { name: 'nats', ...values.container.merge };
    expect(fields.unknownFields('v1/Container', container)).toEqual([]);
    expect(fields.unknownFields('v1/PodSpec', values.podTemplate.merge.spec)).toEqual([]);
    expect(container.resources.requests).toEqual(container.resources.limits);
  });

  it('read the password from the secret the overlays make', () => {
    const ref = values.container.env.NATS_PASSWORD.valueFrom.secretKeyRef;
    expect(values.config.merge.authorization.password).toBe('<< $NATS_PASSWORD >>');
    const secret = find(production(), 'Secret', ref.name);
    expect(Object.keys((secret?.data as Record<string, string>) ?? {})).toContain(ref.key);
  });
});

describe('write-env.sh', () => {
  let deployDir: string;
  const overlayDir = () => path.join(deployDir, 'k8s/overlays/production');
  const envFiles = () => readdirSync(overlayDir()).filter((f) => f.endsWith('.env'));
  const run = (env: Record<string, string>) => {
    try {
      return { code: 0, out: writeEnv(deployDir, 'production', env) };
    } catch (err) {
      const failed = err as { status: number; stderr: string };
      return { code: failed.status, out: failed.stderr };
    }
  };

  beforeAll(() => {
    deployDir = path.join(mkdtempSync(path.join(tmpdir(), 'sx-write-env-')), 'deploy');
    cpSync(DEPLOY_DIR, deployDir, { recursive: true, filter: (source) => !source.endsWith('.env') });
  });
  afterAll(() => rmSync(path.dirname(deployDir), { recursive: true, force: true }));

  it('writes nothing, and names every missing variable, when one is unset', () => {
    const { JWT_SECRET: _jwt, CORS_ORIGINS: _cors, ...partial } = deployEnvironment();
    const result = run(partial);
    expect(result.code).toBe(1);
    expect(result.out).toContain('JWT_SECRET is not set');
    expect(result.out).toContain('CORS_ORIGINS is not set');
    expect(envFiles()).toEqual([]);
  });

  it('refuses a short secret', () => {
    const result = run({ ...deployEnvironment(), IDENTITY_SECRET: 'too-short' });
    expect(result.code).toBe(1);
    expect(result.out).toContain('IDENTITY_SECRET must be at least 32 characters');
    expect(envFiles()).toEqual([]);
  });

  it('writes one env file per key list, readable by its owner only, with the defaults filled in', () => {
    const env = deployEnvironment();
    expect(run(env).code).toBe(0);
    const keyLists = readdirSync(path.join(deployDir, 'k8s/env')).filter((f) => f.endsWith('.keys'));
    expect(envFiles().sort()).toEqual(keyLists.map((f) => f.replace(/\.keys$/, '.env')).sort());
    for (const file of envFiles()) expect(statSync(path.join(overlayDir(), file)).mode & 0o777, file).toBe(0o600);
    const settings = parseEnvFile(readFileSync(path.join(overlayDir(), 'settings.env'), 'utf8'), 'settings.env');
    expect(settings).toEqual({
      CORS_ORIGINS: env.CORS_ORIGINS,
      APP_URL: env.APP_URL,
      TRUST_PROXY: '1',
      LOG_LEVEL: 'info',
      S3_ENDPOINT: env.S3_ENDPOINT,
      S3_REGION: 'us-east-1',
      S3_BUCKET: env.S3_BUCKET,
    });
  });

  it('writes where git ignores the files', () => {
    const ignored = execFileSync('git', ['check-ignore', 'deploy/k8s/overlays/production/secrets.env', 'deploy/k8s/overlays/dev/settings.env'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toHaveLength(2);
  });
});
