import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isBuiltIn, isObject, strategicMerge, type Json, type JsonObject } from './strategic-merge.js';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the features our manifests use
 * (kubectl is not on every machine that runs the tests): resources (files and folders),
 * namespace, labels, images, replicas, patches (strategic merge, matched by kind + name or by a
 * target), secretGenerator and configMapGenerator from env files. Any other field is refused,
 * so a manifest cannot quietly rely on a feature this renderer would ignore.
 */

export type Manifest = JsonObject & { apiVersion: string; kind: string; metadata: JsonObject & { name: string } };

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas', 'patches', 'secretGenerator', 'configMapGenerator']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition']);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export class KustomizeError extends Error {}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path: string; target?: { kind?: string; name?: string; labelSelector?: string } }[];
  secretGenerator?: Generator[];
  configMapGenerator?: Generator[];
}

interface Generator {
  name: string;
  type?: string;
  envs?: string[];
  options?: { disableNameSuffixHash?: boolean };
}

/** Every document of a YAML file, as manifests. */
export function readManifests(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0) throw new KustomizeError(`${file}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) return [];
    if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || !isObject(value.metadata)) {
      throw new KustomizeError(`${file}: a document without apiVersion, kind and metadata`);
    }
    return [value as Manifest];
  });
}

export function renderKustomization(dir: string): Manifest[] {
  const kustomization = loadKustomization(dir);
  const objects = (kustomization.resources ?? []).flatMap((entry) => loadResource(dir, entry));
  const renames = new Map<string, string>();
  for (const [kind, generators] of [['Secret', kustomization.secretGenerator], ['ConfigMap', kustomization.configMapGenerator]] as const) {
    for (const generator of generators ?? []) {
      const generated = generate(kind, generator, dir);
      if (generated.metadata.name !== generator.name) renames.set(`${kind}/${generator.name}`, generated.metadata.name);
      objects.push(generated);
    }
  }
  for (const patch of kustomization.patches ?? []) applyPatch(objects, dir, patch);
  if (kustomization.namespace) setNamespace(objects, kustomization.namespace);
  for (const label of kustomization.labels ?? []) addLabels(objects, label);
  for (const image of kustomization.images ?? []) setImage(objects, image);
  for (const replicas of kustomization.replicas ?? []) setReplicas(objects, replicas);
  renameReferences(objects, renames);
  refuseDuplicates(objects, dir);
  return objects;
}

function loadKustomization(dir: string): Kustomization {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const value = docs[0]?.toJS() as unknown;
  if (!isObject(value)) throw new KustomizeError(`${file}: not a mapping`);
  const unknown = Object.keys(value).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) throw new KustomizeError(`${file}: fields this renderer does not implement: ${unknown.join(', ')}`);
  return value as Kustomization;
}

function loadResource(dir: string, entry: string): Manifest[] {
  const target = path.resolve(dir, entry);
  if (!existsSync(target)) throw new KustomizeError(`${dir}: resource ${entry} does not exist`);
  return statSync(target).isDirectory() ? renderKustomization(target) : readManifests(target);
}

/** A Secret or ConfigMap from env files; named with a hash of its contents unless told not to. */
function generate(kind: 'Secret' | 'ConfigMap', generator: Generator, dir: string): Manifest {
  const data: Record<string, string> = {};
  for (const file of generator.envs ?? []) {
    const envFile = path.join(dir, file);
    if (!existsSync(envFile)) throw new KustomizeError(`${dir}: env file ${file} of ${kind} ${generator.name} is missing (deploy/k8s/write-env.sh writes it)`);
    Object.assign(data, parseEnvFile(readFileSync(envFile, 'utf8'), envFile));
  }
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const body: JsonObject =
    kind === 'Secret'
      ? { data: Object.fromEntries(Object.entries(sorted).map(([k, v]) => [k, kustomizeBase64(v)])), type: generator.type ?? 'Opaque' }
      : { data: sorted };
  const name = generator.options?.disableNameSuffixHash ? generator.name : `${generator.name}-${kustomizeHash(kind, body)}`;
  return { apiVersion: 'v1', kind, metadata: { name }, ...body };
}

/** Base64 as kustomize writes a generated Secret's values: lines of 70, ending in a newline when wrapped. */
function kustomizeBase64(value: string): string {
  const encoded = Buffer.from(value).toString('base64');
  return encoded.length > 70 ? `${encoded.match(/.{1,70}/g)?.join('\n')}\n` : encoded;
}

/**
 * kustomize's name suffix: sha256 of the Go JSON encoding of {data, kind, name: "", type} (keys
 * sorted, <>& escaped), the first 10 hex digits with 0 1 3 a e swapped for letters, so the names
 * match `kubectl kustomize` exactly.
 */
function kustomizeHash(kind: string, body: JsonObject): string {
  const goJson = JSON.stringify({ data: body.data ?? {}, kind, name: '', ...(body.type ? { type: body.type } : {}) }).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const swaps: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return createHash('sha256').update(goJson).digest('hex').slice(0, 10).replace(/[013ae]/g, (ch) => swaps[ch] ?? ch);
}

/** KEY=VALUE lines; blank lines and # comments skipped; the value is taken as written. */
export function parseEnvFile(text: string, where: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`${where}: "${line}" is not KEY=VALUE`);
    data[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return data;
}

function applyPatch(objects: Manifest[], dir: string, patch: NonNullable<Kustomization['patches']>[number]): void {
  const file = path.join(dir, patch.path);
  for (const doc of readManifests(file)) {
    const matches = objects.filter((o) => (patch.target ? matchesTarget(o, patch.target) : o.kind === doc.kind && o.metadata.name === doc.metadata.name));
    if (matches.length === 0) throw new KustomizeError(`${file}: the patch matches no resource`);
    // A targeted patch keeps each target's identity; its own name is a placeholder.
    const { metadata, apiVersion: _apiVersion, kind: _kind, ...content } = doc;
    const patchMetadata = patch.target ? { ...metadata, name: null } : metadata;
    for (const object of matches) {
      const merged = strategicMerge(object, { ...content, metadata: patchMetadata }, isBuiltIn(object.apiVersion)) as Manifest;
      merged.metadata.name = object.metadata.name;
      objects[objects.indexOf(object)] = merged;
    }
  }
}

function matchesTarget(object: Manifest, target: { kind?: string; name?: string; labelSelector?: string }): boolean {
  if (target.kind && object.kind !== target.kind) return false;
  if (target.name && object.metadata.name !== target.name) return false;
  if (!target.labelSelector) return true;
  const labels = (object.metadata.labels ?? {}) as Record<string, string>;
  return target.labelSelector.split(',').every((term) => {
    const [key, value] = term.split('=');
    if (key === undefined || value === undefined || term.includes('!')) throw new KustomizeError(`label selector "${target.labelSelector}": only key=value terms are implemented`);
    return labels[key.trim()] === value.trim();
  });
}

function setNamespace(objects: Manifest[], namespace: string): void {
  for (const object of objects) if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = namespace;
}

function ensureMap(parent: JsonObject, key: string): JsonObject {
  const existing = parent[key];
  if (isObject(existing)) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function addLabels(objects: Manifest[], label: NonNullable<Kustomization['labels']>[number]): void {
  for (const object of objects) {
    Object.assign(ensureMap(object.metadata, 'labels'), label.pairs);
    const spec = isObject(object.spec) ? object.spec : undefined;
    if (!spec) continue;
    if ((label.includeTemplates || label.includeSelectors) && WORKLOADS.has(object.kind) && isObject(spec.template)) {
      Object.assign(ensureMap(ensureMap(spec.template, 'metadata'), 'labels'), label.pairs);
    }
    if (!label.includeSelectors) continue;
    if (object.kind === 'Service') Object.assign(ensureMap(spec, 'selector'), label.pairs);
    if (WORKLOADS.has(object.kind) || object.kind === 'PodDisruptionBudget') Object.assign(ensureMap(ensureMap(spec, 'selector'), 'matchLabels'), label.pairs);
  }
}

/** The pod spec of a workload (undefined for other kinds). */
export function podSpecOf(object: Manifest): JsonObject | undefined {
  if (!WORKLOADS.has(object.kind) || !isObject(object.spec) || !isObject(object.spec.template)) return undefined;
  const spec = object.spec.template.spec;
  return isObject(spec) ? spec : undefined;
}

export function containersOf(object: Manifest): JsonObject[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  return [spec.containers, spec.initContainers].flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []));
}

function setImage(objects: Manifest[], image: NonNullable<Kustomization['images']>[number]): void {
  for (const container of objects.flatMap(containersOf)) {
    if (typeof container.image !== 'string') continue;
    const [name, tag] = splitImage(container.image);
    if (name !== image.name) continue;
    const newTag = image.newTag ?? tag;
    container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  }
}

/** `registry:5000/app:1.2` → [`registry:5000/app`, `1.2`]. */
export function splitImage(image: string): [string, string | undefined] {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

function setReplicas(objects: Manifest[], replicas: { name: string; count: number }): void {
  const targets = objects.filter((o) => WORKLOADS.has(o.kind) && o.metadata.name === replicas.name);
  if (targets.length === 0) throw new KustomizeError(`replicas: no workload named ${replicas.name}`);
  for (const target of targets) ensureMap(target, 'spec').replicas = replicas.count;
}

/** Points references to a generated Secret or ConfigMap at its hashed name. */
function renameReferences(objects: Manifest[], renames: Map<string, string>): void {
  if (renames.size === 0) return;
  const rename = (ref: Json | undefined, kind: string, field: string) => {
    if (!isObject(ref) || typeof ref[field] !== 'string') return;
    ref[field] = renames.get(`${kind}/${ref[field]}`) ?? ref[field];
  };
  for (const object of objects) {
    for (const container of containersOf(object)) {
      for (const variable of Array.isArray(container.env) ? container.env.filter(isObject) : []) {
        const from = isObject(variable.valueFrom) ? variable.valueFrom : undefined;
        rename(from?.secretKeyRef, 'Secret', 'name');
        rename(from?.configMapKeyRef, 'ConfigMap', 'name');
      }
      for (const source of Array.isArray(container.envFrom) ? container.envFrom.filter(isObject) : []) {
        rename(source.secretRef, 'Secret', 'name');
        rename(source.configMapRef, 'ConfigMap', 'name');
      }
    }
    const volumes = podSpecOf(object)?.volumes;
    for (const volume of Array.isArray(volumes) ? volumes.filter(isObject) : []) {
      rename(volume.secret, 'Secret', 'secretName');
      rename(volume.configMap, 'ConfigMap', 'name');
    }
  }
}

function refuseDuplicates(objects: Manifest[], dir: string): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (seen.has(id)) throw new KustomizeError(`${dir}: ${object.kind} ${object.metadata.name} is defined twice`);
    seen.add(id);
  }
}

export interface KustomizationFiles {
  kustomizations: string[];
  resources: string[];
  patches: string[];
}

/** The files a kustomization uses, through its sub-kustomizations. */
export function filesUsedBy(dir: string): KustomizationFiles {
  const kustomization = loadKustomization(dir);
  const files: KustomizationFiles = {
    kustomizations: [path.join(dir, 'kustomization.yaml')],
    resources: [],
    patches: (kustomization.patches ?? []).map((p) => path.join(dir, p.path)),
  };
  for (const entry of kustomization.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (!statSync(target).isDirectory()) {
      files.resources.push(target);
      continue;
    }
    const inner = filesUsedBy(target);
    files.kustomizations.push(...inner.kustomizations);
    files.resources.push(...inner.resources);
    files.patches.push(...inner.patches);
  }
  return files;
}
