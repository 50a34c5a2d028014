import { containersOf, podSpecOf, type Manifest } from './kustomize.js';
import { isObject, type Json, type JsonObject } from './strategic-merge.js';

/**
 * What every pod of ours must have, whichever service it runs: the health endpoints as probes,
 * resources (the CPU autoscaler needs requests), the restricted Pod Security Standard, a
 * writable /tmp on a read-only root, and a grace period longer than the drain.
 */

/** The processes' health endpoints (packages/runtime/src/server.ts, gateway/src/server.ts). */
export const READINESS_PATH = '/readyz';
export const LIVENESS_PATH = '/livez';

const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const get = (value: Json | undefined, ...keys: string[]): Json | undefined =>
  keys.reduce<Json | undefined>((at, key) => (isObject(at) ? at[key] : undefined), value);

export function podPolicyErrors(objects: Manifest[]): string[] {
  return objects.filter((o) => o.kind === 'Deployment').flatMap((deployment) => {
    const pod = podSpecOf(deployment) ?? {};
    const where = `Deployment ${deployment.metadata.name}`;
    return [...podLevelErrors(pod, where), ...containersOf(deployment).flatMap((c) => containerErrors(c, pod, `${where}, container ${String(c.name)}`))];
  });
}

function podLevelErrors(pod: JsonObject, where: string): string[] {
  const errors: string[] = [];
  if (get(pod, 'securityContext', 'runAsNonRoot') !== true) errors.push(`${where}: the pod must set securityContext.runAsNonRoot`);
  if (get(pod, 'securityContext', 'seccompProfile', 'type') !== 'RuntimeDefault') errors.push(`${where}: the pod must use the RuntimeDefault seccomp profile`);
  if (pod.automountServiceAccountToken !== false) errors.push(`${where}: the pod must not mount a service account token (nothing of ours calls the API server)`);
  return errors;
}

function containerErrors(container: JsonObject, pod: JsonObject, where: string): string[] {
  const errors: string[] = [];
  const ports = list(container.ports).map((p) => p.name);
  const probe = (name: string, path: string) => {
    const httpGet = get(container, name, 'httpGet');
    if (get(httpGet, 'path') !== path) errors.push(`${where}: ${name} must GET ${path}`);
    else if (!ports.includes(get(httpGet, 'port') as string)) errors.push(`${where}: ${name} uses port ${String(get(httpGet, 'port'))}, which the container does not name`);
  };
  probe('readinessProbe', READINESS_PATH);
  probe('livenessProbe', LIVENESS_PATH);
  probe('startupProbe', LIVENESS_PATH);
  for (const field of [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory']] as const) {
    if (get(container, 'resources', ...field) === undefined) errors.push(`${where}: resources.${field.join('.')} is not set`);
  }
  const security = (field: string) => get(container, 'securityContext', field);
  if (security('allowPrivilegeEscalation') !== false) errors.push(`${where}: allowPrivilegeEscalation must be false`);
  if (security('readOnlyRootFilesystem') !== true) errors.push(`${where}: the root file system must be read-only`);
  if (!JSON.stringify(get(container, 'securityContext', 'capabilities', 'drop') ?? []).includes('"ALL"')) errors.push(`${where}: capabilities must drop ALL`);
  const tmp = list(container.volumeMounts).find((m) => m.mountPath === '/tmp');
  const volume = list(pod.volumes).find((v) => tmp && v.name === tmp.name);
  if (!volume || !isObject(volume.emptyDir)) errors.push(`${where}: /tmp must be a writable emptyDir (tsx caches there)`);
  errors.push(...terminationErrors(container, pod, where));
  return errors;
}

/** SIGTERM comes after preStop; the process then drains for SHUTDOWN_TIMEOUT_MS before exiting. */
function terminationErrors(container: JsonObject, pod: JsonObject, where: string): string[] {
  const shutdown = list(container.env).find((e) => e.name === 'SHUTDOWN_TIMEOUT_MS');
  if (!shutdown || typeof shutdown.value !== 'string') return [`${where}: SHUTDOWN_TIMEOUT_MS must be set literally, beside the grace period`];
  const command = get(container, 'lifecycle', 'preStop', 'exec', 'command');
  const preStopSeconds = Array.isArray(command) && command[0] === 'sleep' ? Number(command[1]) : 0;
  const graceSeconds = typeof pod.terminationGracePeriodSeconds === 'number' ? pod.terminationGracePeriodSeconds : 30;
  const neededSeconds = preStopSeconds + Number(shutdown.value) / 1000;
  return graceSeconds > neededSeconds
    ? []
    : [`${where}: terminationGracePeriodSeconds ${graceSeconds} leaves no time after preStop ${preStopSeconds} s + SHUTDOWN_TIMEOUT_MS ${shutdown.value} ms`];
}
