import { AsyncLocalStorage } from 'node:async_hooks';

/** The GraphQL operation a piece of work belongs to, so SQL statements can be counted per operation. */
const storage = new AsyncLocalStorage<{ operation: string }>();

// Operation names are chosen by clients; past this many distinct names new ones share one label,
// so a client cannot grow the metrics without bound.
export const MAX_OPERATION_LABELS = 500;
const seen = new Set<string>();

function label(operationName: unknown): string {
  if (typeof operationName !== 'string' || operationName.length === 0) return 'anonymous';
  const name = operationName.slice(0, 120);
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_LABELS) return 'other';
  seen.add(name);
  return name;
}

const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The request's operation name: the `operationName` field, else the name in the document. */
export function operationNameOf(body: { operationName?: unknown; query?: unknown } | undefined): string | undefined {
  if (typeof body?.operationName === 'string' && body.operationName) return body.operationName;
  return typeof body?.query === 'string' ? NAMED_OPERATION.exec(body.query)?.[1] : undefined;
}

export function runInOperation<T>(operationName: unknown, fn: () => T): T {
  return storage.run({ operation: label(operationName) }, fn);
}

export function currentOperation(): string | undefined {
  return storage.getStore()?.operation;
}
