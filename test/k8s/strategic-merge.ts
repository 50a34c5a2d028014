/**
 * The strategic-merge patch semantics our overlays use, as kustomize applies them: maps merge
 * key by key, `null` deletes a key, and the lists Kubernetes declares with a merge key
 * (containers and env by name, …) merge item by item; every other list is replaced.
 * Custom resources (a group outside *.k8s.io) get a plain JSON merge patch: no merge keys.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** List fields of the built-in kinds merged by a key, with the keys Kubernetes declares. */
const MERGE_KEYS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  // A container's ports merge by containerPort, a Service's by port.
  ports: ['containerPort', 'port'],
};

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an apiVersion belongs to Kubernetes itself (core, apps/v1, networking.k8s.io/v1, …). */
export function isBuiltIn(apiVersion: string): boolean {
  if (!apiVersion.includes('/')) return true;
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  return !group.includes('.') || group.endsWith('.k8s.io');
}

export function strategicMerge(target: Json, patch: Json, strategic: boolean): Json {
  if (!isObject(target) || !isObject(patch)) return structuredClone(patch);
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete merged[key];
      continue;
    }
    const current = merged[key];
    if (strategic && Array.isArray(current) && Array.isArray(value) && MERGE_KEYS[key]) {
      merged[key] = mergeList(current, value, MERGE_KEYS[key]);
    } else {
      merged[key] = current === undefined ? structuredClone(value) : strategicMerge(current, value, strategic);
    }
  }
  return merged;
}

function mergeList(current: Json[], patch: Json[], candidates: readonly string[]): Json[] {
  const key = candidates.find((k) => [...current, ...patch].some((item) => isObject(item) && item[k] !== undefined));
  if (key === undefined) return structuredClone(patch);
  const merged = current.map((item) => structuredClone(item));
  const added: Json[] = [];
  for (const item of patch) {
    const index = merged.findIndex((existing) => isObject(existing) && isObject(item) && existing[key] === item[key]);
    if (index === -1) added.push(structuredClone(item));
    else merged[index] = strategicMerge(merged[index] ?? null, item, true);
  }
  // kustomize puts the items a patch adds before the ones it had.
  return [...added, ...merged];
}
