import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { Manifest } from './kustomize.js';
import { isObject } from './strategic-merge.js';

interface Validatable {
  validate(): void;
}

/**
 * The kinds our manifests may hold, each with its model from kubernetes-models (the Kubernetes
 * OpenAPI schemas) or @kubernetes-models/cloudnative-pg (the operator's CRD). A kind not listed
 * here is an error, so nothing reaches a cluster unvalidated.
 */
// any: each model takes its own typed data, and a manifest parsed from YAML has no static type;
// validate() is what checks it.
const MODELS: Record<string, (data: any) => Validatable> = {
  'apps/v1/Deployment': (data) => new Deployment(data),
  'v1/Service': (data) => new Service(data),
  'v1/Secret': (data) => new Secret(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Namespace': (data) => new Namespace(data),
  'autoscaling/v2/HorizontalPodAutoscaler': (data) => new HorizontalPodAutoscaler(data),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
  'networking.k8s.io/v1/NetworkPolicy': (data) => new NetworkPolicy(data),
  'postgresql.cnpg.io/v1/Cluster': (data) => new Cluster(data),
};

export const VALIDATED_KINDS = Object.keys(MODELS);

/** Problems of one object against its schema, each naming the object and the path. */
export function schemaErrors(object: Manifest): string[] {
  const id = `${object.kind} ${object.metadata.name}`;
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!model) return [`${id}: no schema for ${object.apiVersion} ${object.kind} (add its model to test/k8s/schemas.ts)`];
  try {
    model(withUnwrappedSecretData(object)).validate();
    return [];
  } catch (err) {
    return [`${id}: ${(err as Error).message}`];
  }
}

/**
 * kustomize writes long Secret values as base64 in lines of 70; the API server's decoder (Go's
 * base64) skips the newlines, but the schema's "byte" format does not, so they go before validating.
 */
function withUnwrappedSecretData(object: Manifest): Manifest {
  const copy = structuredClone(object);
  if (copy.kind === 'Secret' && isObject(copy.data)) {
    for (const [key, value] of Object.entries(copy.data)) if (typeof value === 'string') copy.data[key] = value.replaceAll('\n', '');
  }
  return copy;
}
