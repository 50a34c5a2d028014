import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@sx/stack';
import { crossReferenceErrors } from './k8s/cross-references.js';
import { createFieldChecker, type FieldChecker } from './k8s/known-fields.js';
import { renderKustomization, type Manifest } from './k8s/kustomize.js';
import { podPolicyErrors } from './k8s/pod-policy.js';
import { schemaErrors } from './k8s/schemas.js';

// The checks k8s-manifests.test.ts runs on our overlays find nothing there; this proves they
// would, on a planted overlay with one mistake per object (test/fixtures/k8s-broken).

const objects = renderKustomization(path.join(REPO_ROOT, 'test/fixtures/k8s-broken'));
let fields: FieldChecker;
beforeAll(() => {
  fields = createFieldChecker(REPO_ROOT);
});

const having = (...parts: string[]) => parts.map((part) => expect.stringContaining(part));
/** Each part is in one of the errors (other errors the broken objects cause are allowed). */
const expectAmong = (errors: string[], ...parts: string[]) => expect(errors).toEqual(expect.arrayContaining(having(...parts)));

describe('the manifest checks, on a broken overlay', () => {
  it('refuse values of the wrong type and kinds without a schema', () => {
    expect(objects.flatMap(schemaErrors)).toEqual(
      having('Deployment api: data/spec/replicas must be integer', 'Cluster pg: data/spec/instances must be integer', 'ConfigMapp settings: no schema'),
    );
  });

  it('refuse misspelt fields that the schemas alone let through', () => {
    const unknown = (o: Manifest) => fields.unknownFields(`${o.apiVersion}/${o.kind}`, o);
    expect(unknown(objects.find((o) => o.kind === 'Deployment') as Manifest)).toEqual(['spec.template.spec.containers[0].readinesProbe']);
    expect(unknown(objects.find((o) => o.kind === 'Cluster') as Manifest)).toEqual(['spec.storage.sizee']);
  });

  it('find objects that do not point at each other', () => {
    expectAmong(
      crossReferenceErrors(objects),
      'Service api: its selector matches 0 Deployments',
      'HorizontalPodAutoscaler api: targets Deployment apu, which does not exist',
      'PodDisruptionBudget api: its selector matches 0 Deployments',
      'Deployment api: no PodDisruptionBudget',
      'Deployment api: sets replicas although an autoscaler owns the count',
      'NetworkPolicy api-from-gateway: its podSelector matches no pods',
      'Deployment api: IDENTITY_SECRET reads key IDENTITY_SECRT, which Secret sx-secrets does not have',
      'Deployment api: JWT_SECRET reads Secret sx-other-secrets, which the overlay does not make',
    );
  });

  it('find pods without probes, resources, restricted security or time to drain', () => {
    expectAmong(
      podPolicyErrors(objects),
      'readinessProbe must GET /readyz',
      'livenessProbe uses port metrics, which the container does not name',
      'resources.requests.cpu is not set',
      'the pod must set securityContext.runAsNonRoot',
      'the root file system must be read-only',
      'terminationGracePeriodSeconds 30 leaves no time after preStop 0 s + SHUTDOWN_TIMEOUT_MS 30000 ms',
    );
  });
});

describe('the renderer', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sx-kustomize-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const kustomization = (name: string, body: string) => {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`);
    return path.join(dir, name);
  };

  it('refuses a kustomize feature it does not implement, instead of ignoring it', () => {
    expect(() => renderKustomization(kustomization('common-labels', 'commonLabels:\n  a: b\n'))).toThrow(/fields this renderer does not implement: commonLabels/);
  });

  it('refuses a patch that matches nothing', () => {
    const overlay = kustomization('stray-patch', 'resources: []\npatches:\n  - path: patch.yaml\n');
    writeFileSync(path.join(overlay, 'patch.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nobody\n');
    expect(() => renderKustomization(overlay)).toThrow(/matches no resource/);
  });

  it('refuses a generator whose env file was not written', () => {
    expect(() => renderKustomization(kustomization('no-env', 'secretGenerator:\n  - name: s\n    envs: [secrets.env]\n'))).toThrow(/env file secrets.env of Secret s is missing/);
  });
});
