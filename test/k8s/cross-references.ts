import { containersOf, type Manifest } from './kustomize.js';
import { mapSelector, podLabels, selectorMatches } from './selectors.js';
import { isObject, type Json, type JsonObject } from './strategic-merge.js';

/**
 * Checks that the objects of one rendered overlay point at each other: what kubectl would accept
 * one by one but what would not work together (a Service selecting no pod, an autoscaler of a
 * missing Deployment, a key missing from a Secret). Each function returns readable problems,
 * empty when all is well.
 */

const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const specOf = (object: Manifest): JsonObject => (isObject(object.spec) ? object.spec : {});
const byKind = (objects: Manifest[], kind: string) => objects.filter((o) => o.kind === kind);

export function crossReferenceErrors(objects: Manifest[]): string[] {
  return [...serviceErrors(objects), ...scalingErrors(objects), ...networkPolicyErrors(objects), ...configReferenceErrors(objects)];
}

/** Port names and numbers the containers of a workload declare. */
function containerPorts(workload: Manifest): (string | number)[] {
  return containersOf(workload).flatMap((c) => list(c.ports).flatMap((p) => [p.name, p.containerPort].filter((v): v is string | number => v !== undefined)));
}

function serviceErrors(objects: Manifest[]): string[] {
  const deployments = byKind(objects, 'Deployment');
  return byKind(objects, 'Service').flatMap((service) => {
    const selector = mapSelector(specOf(service).selector);
    const targets = deployments.filter((d) => selectorMatches(selector, podLabels(d)));
    if (targets.length !== 1) return [`Service ${service.metadata.name}: its selector matches ${targets.length} Deployments' pods (want exactly 1)`];
    const [target] = targets as [Manifest];
    return list(specOf(service).ports)
      .filter((port) => !containerPorts(target).includes((port.targetPort ?? port.port) as string | number))
      .map((port) => `Service ${service.metadata.name}: targetPort ${String(port.targetPort ?? port.port)} is no port of Deployment ${target.metadata.name}`);
  });
}

function scalingErrors(objects: Manifest[]): string[] {
  const deployments = byKind(objects, 'Deployment');
  const errors: string[] = [];
  for (const hpa of byKind(objects, 'HorizontalPodAutoscaler')) {
    const ref = isObject(specOf(hpa).scaleTargetRef) ? (specOf(hpa).scaleTargetRef as JsonObject) : {};
    if (!deployments.some((d) => ref.kind === 'Deployment' && d.metadata.name === ref.name)) {
      errors.push(`HorizontalPodAutoscaler ${hpa.metadata.name}: targets ${String(ref.kind)} ${String(ref.name)}, which does not exist`);
    }
  }
  for (const pdb of byKind(objects, 'PodDisruptionBudget')) {
    const targets = deployments.filter((d) => selectorMatches(specOf(pdb).selector, podLabels(d)));
    if (targets.length !== 1) errors.push(`PodDisruptionBudget ${pdb.metadata.name}: its selector matches ${targets.length} Deployments' pods (want exactly 1)`);
  }
  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    if (!byKind(objects, 'HorizontalPodAutoscaler').some((h) => isObject(specOf(h).scaleTargetRef) && (specOf(h).scaleTargetRef as JsonObject).name === name)) {
      errors.push(`Deployment ${name}: no HorizontalPodAutoscaler`);
    }
    if (!byKind(objects, 'PodDisruptionBudget').some((p) => selectorMatches(specOf(p).selector, podLabels(deployment)))) errors.push(`Deployment ${name}: no PodDisruptionBudget`);
    // With an autoscaler, a replicas field would reset the count on every apply.
    if (specOf(deployment).replicas !== undefined) errors.push(`Deployment ${name}: sets replicas although an autoscaler owns the count`);
    if (!selectorMatches(specOf(deployment).selector, podLabels(deployment))) errors.push(`Deployment ${name}: its selector does not match its own pods`);
  }
  return errors;
}

function networkPolicyErrors(objects: Manifest[]): string[] {
  const workloads = byKind(objects, 'Deployment');
  return byKind(objects, 'NetworkPolicy').flatMap((policy) => {
    const where = `NetworkPolicy ${policy.metadata.name}`;
    const selected = workloads.filter((w) => selectorMatches(specOf(policy).podSelector, podLabels(w)));
    if (selected.length === 0) return [`${where}: its podSelector matches no pods`];
    return list(specOf(policy).ingress).flatMap((rule) => [
      ...list(rule.from)
        .filter((peer) => peer.podSelector !== undefined && peer.namespaceSelector === undefined)
        .filter((peer) => !workloads.some((w) => selectorMatches(peer.podSelector, podLabels(w))))
        .map(() => `${where}: a podSelector in "from" matches no pods`),
      ...list(rule.ports)
        .filter((port) => !selected.every((w) => containerPorts(w).includes(port.port as string | number)))
        .map((port) => `${where}: port ${String(port.port)} is not a port of every selected pod`),
    ]);
  });
}

/** Every Secret and ConfigMap a container reads exists in the overlay and has the key. */
function configReferenceErrors(objects: Manifest[]): string[] {
  const keysOf = (kind: string, name: string): string[] | undefined => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) return undefined;
    return [found.data, found.stringData].flatMap((d) => (isObject(d) ? Object.keys(d) : []));
  };
  return objects.flatMap((object) =>
    containersOf(object).flatMap((container) =>
      list(container.env).flatMap((variable) => {
        const from = isObject(variable.valueFrom) ? variable.valueFrom : {};
        return (['secretKeyRef', 'configMapKeyRef'] as const).flatMap((field) => {
          const ref = from[field];
          if (!isObject(ref)) return [];
          const kind = field === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
          const keys = keysOf(kind, String(ref.name));
          const where = `${object.kind} ${object.metadata.name}: ${String(variable.name)}`;
          if (!keys) return [`${where} reads ${kind} ${String(ref.name)}, which the overlay does not make`];
          return keys.includes(String(ref.key)) ? [] : [`${where} reads key ${String(ref.key)}, which ${kind} ${String(ref.name)} does not have`];
        });
      }),
    ),
  );
}
