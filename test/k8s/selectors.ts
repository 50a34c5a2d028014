import { isObject, type JsonObject } from './strategic-merge.js';
import type { Manifest } from './kustomize.js';

/** Kubernetes label selector semantics: matchLabels and matchExpressions, all of them must hold. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isObject) : [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return true;
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v) && expressions.every((e) => expressionHolds(e, labels));
}

function expressionHolds(expression: JsonObject, labels: Record<string, string>): boolean {
  const key = String(expression.key);
  const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
  const value = labels[key];
  switch (expression.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/** A Service's selector is a bare map of labels. */
export function mapSelector(selector: unknown): JsonObject {
  return { matchLabels: isObject(selector) ? selector : {} };
}

export function labelsOf(value: unknown): Record<string, string> {
  return isObject(value) && isObject(value.labels) ? (value.labels as Record<string, string>) : {};
}

/** The labels a workload's pods get. */
export function podLabels(workload: Manifest): Record<string, string> {
  const spec = isObject(workload.spec) ? workload.spec : {};
  return labelsOf(isObject(spec.template) ? spec.template.metadata : undefined);
}
