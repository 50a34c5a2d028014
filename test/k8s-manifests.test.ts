import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '@sx/runtime';
import { GATEWAY, REPO_ROOT, SUBGRAPHS } from '@sx/stack';
import { crossReferenceErrors } from './k8s/cross-references.js';
import { createFieldChecker, type FieldChecker } from './k8s/known-fields.js';
import { containersOf, filesUsedBy, readManifests, renderKustomization, type Manifest } from './k8s/kustomize.js';
import { DEPLOY_DIR, OVERLAYS, renderOverlays, type RenderedOverlays } from './k8s/overlays.js';
import { podPolicyErrors } from './k8s/pod-policy.js';
import { containerEnv, developerMachineDefaults, envSchemaOf, unreadVariables } from './k8s/process-env.js';
import { schemaErrors } from './k8s/schemas.js';
import { isObject } from './k8s/strategic-merge.js';

// kubectl is not on every machine, so the overlays are rendered by test/k8s/kustomize.ts (checked
// against kubectl below, where it is installed) and every object is validated against the
// Kubernetes schemas of kubernetes-models, then checked for how the objects fit together.

let rendered: RenderedOverlays;
let fields: FieldChecker;

beforeAll(() => {
  rendered = renderOverlays();
  fields = createFieldChecker(REPO_ROOT);
});
afterAll(() => rendered?.remove());

const unknownFieldErrors = (objects: Manifest[]) =>
  objects.flatMap((o) => fields.unknownFields(`${o.apiVersion}/${o.kind}`, o).map((at) => `${o.kind} ${o.metadata.name}: unknown field ${at}`));

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(dir, f));

describe('the manifest files', () => {
  const files = OVERLAYS.map((overlay) => filesUsedBy(path.join(DEPLOY_DIR, 'k8s/overlays', overlay)));
  const resources = [...new Set(files.flatMap((f) => f.resources))];
  const used = new Set(files.flatMap((f) => [...f.kustomizations, ...f.resources, ...f.patches]));

  it('are each used by an overlay (no manifest nobody applies)', () => {
    const manifests = [...yamlFiles(path.join(DEPLOY_DIR, 'k8s/base')), ...yamlFiles(path.join(DEPLOY_DIR, 'k8s/overlays')), ...yamlFiles(path.join(DEPLOY_DIR, 'postgres'))];
    expect(manifests.filter((file) => !used.has(file))).toEqual([]);
  });

  it('validate one by one against the Kubernetes schemas, with no unknown field', () => {
    const objects = resources.flatMap(readManifests);
    expect(objects.length).toBeGreaterThan(25);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(unknownFieldErrors(objects)).toEqual([]);
  });
});

describe.each(OVERLAYS)('the %s overlay, rendered', (overlay) => {
  const objects = () => rendered.objects[overlay];

  it('validates against the Kubernetes and CloudNativePG schemas, with no unknown field', () => {
    expect(objects().flatMap(schemaErrors)).toEqual([]);
    expect(unknownFieldErrors(objects())).toEqual([]);
  });

  it('has a Deployment and a Service for every process npm start runs, on its port', () => {
    for (const spec of [GATEWAY, ...SUBGRAPHS]) {
      const deployment = objects().find((o) => o.kind === 'Deployment' && o.metadata.name === spec.name);
      const env = containerEnv(containersOf(deployment as Manifest)[0] ?? {}, objects());
      expect(env, spec.name).toMatchObject({ SERVICE_DIR: spec.dir, PORT: String(spec.defaultPort) });
      const service = objects().find((o) => o.kind === 'Service' && o.metadata.name === spec.name);
      expect(JSON.stringify(service?.spec), spec.name).toContain(`"port":${spec.defaultPort}`);
    }
  });

  it('fits together: selectors, autoscalers, disruption budgets, network policies, secret keys', () => {
    expect(crossReferenceErrors(objects())).toEqual([]);
  });

  it('runs every pod with probes on the health endpoints, resources, restricted security and a drain that fits the grace period', () => {
    expect(podPolicyErrors(objects())).toEqual([]);
  });

  it('lets only the gateway (and the metrics scraper) reach a subgraph, and the gateway only on its port', () => {
    const policies = objects().filter((o) => o.kind === 'NetworkPolicy');
    const ingressOf = (component: string) =>
      policies.filter((p) => JSON.stringify((p.spec as { podSelector: unknown }).podSelector).includes(`"app.kubernetes.io/component":"${component}"`)).flatMap((p) => (p.spec as { ingress: unknown[] }).ingress);
    const peers = ingressOf('subgraph').flatMap((rule) => (rule as { from?: unknown[] }).from ?? ['anyone']);
    expect(peers).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/component': 'gateway' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    expect(ingressOf('gateway')).toEqual([{ ports: [{ port: 'http' }] }]);
  });

  it('gives each process an environment its own config accepts in production, with everything a cluster must set', async () => {
    for (const deployment of objects().filter((o) => o.kind === 'Deployment')) {
      const env = containerEnv(containersOf(deployment)[0] ?? {}, objects());
      const serviceDir = env.SERVICE_DIR ?? '';
      const schema = await envSchemaOf(serviceDir);
      expect(env.NODE_ENV).toBe('production');
      expect(() => parseConfig(schema, env), serviceDir).not.toThrow();
      // A variable the process does not know is a typo or a leftover: it would be ignored.
      expect(Object.keys(env).filter((key) => key !== 'SERVICE_DIR' && !(key in schema.shape)), serviceDir).toEqual([]);
      const required = developerMachineDefaults(schema).filter((key) => !unreadVariables(serviceDir).includes(key));
      expect(required.filter((key) => env[key] === undefined), serviceDir).toEqual([]);
      // Credentials go only where they are read.
      expect(unreadVariables(serviceDir).filter((key) => env[key] !== undefined), serviceDir).toEqual([]);
    }
  });

  it('takes every secret from the environment written at deploy time, never from the repository', () => {
    const secrets = objects().filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => s.metadata.name.replace(/-[a-z0-9]{10}$/, '')).sort()).toEqual(['sx-nats-auth', 'sx-postgres-owner', 'sx-secrets']);
    const values = secrets.flatMap((s) => Object.values(s.data as Record<string, string>).map((v) => Buffer.from(v.replaceAll('\n', ''), 'base64').toString('utf8')));
    for (const value of [rendered.env.IDENTITY_SECRET, rendered.env.JWT_SECRET, rendered.env.DATABASE_URL, rendered.env.POSTGRES_PASSWORD, rendered.env.NATS_PASSWORD]) {
      expect(values).toContain(value);
    }
    // Pods roll when a secret they read changes: its name carries a hash of the contents.
    expect(secrets.find((s) => s.metadata.name.startsWith('sx-secrets-'))).toBeDefined();
  });

  it('puts everything in the overlay namespace', () => {
    const namespace = objects().find((o) => o.kind === 'Namespace')?.metadata.name;
    expect(namespace).toMatch(/^service-exchange/);
    expect(objects().filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace)).toEqual([]);
  });
});

describe('the production overlay', () => {
  it('runs a released image tag, never latest or an untagged name', () => {
    const images = rendered.objects.production.flatMap(containersOf).map((c) => String(c.image));
    expect(new Set(images).size).toBe(1);
    expect(images[0]).toMatch(/^[^:]+\/service-exchange:(?!latest$)[\w.-]+$/);
  });

  it('keeps at least two pods of every process, scaled on CPU, and the event consumers on event lag', () => {
    const hpas = rendered.objects.production.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    for (const hpa of hpas) {
      const spec = hpa.spec as { minReplicas: number; maxReplicas: number; metrics: { type: string; resource?: { name: string } }[] };
      expect(spec.minReplicas, hpa.metadata.name).toBeGreaterThanOrEqual(2);
      expect(spec.metrics.some((m) => m.type === 'Resource' && m.resource?.name === 'cpu'), hpa.metadata.name).toBe(true);
    }
    expect(hpas.map((h) => h.metadata.name).sort()).toEqual([GATEWAY, ...SUBGRAPHS].map((s) => s.name).sort());
  });
});

// Where kubectl is installed, the renderer must agree with it exactly (names with hashes, order,
// merged lists), so the test's view of the overlays is what a cluster would get.
const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(kubectl)('the renderer, against kubectl kustomize', () => {
  it.each(OVERLAYS)('renders the %s overlay as kubectl does', (overlay) => {
    const dir = path.join(rendered.deployDir, 'k8s/overlays', overlay);
    const theirs = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })).map((d) => d.toJS() as unknown);
    const sortKeys = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sortKeys) : isObject(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])])) : value;
    const byId = (objects: unknown[]) => new Map(objects.map((o) => [`${(o as Manifest).kind}/${(o as Manifest).metadata.name}`, sortKeys(o)]));
    expect(byId(renderKustomization(dir))).toEqual(byId(theirs));
  });
});
