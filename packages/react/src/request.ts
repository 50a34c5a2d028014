import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { RequestArgs, RequestOptions, Result, SxClient } from '@sx/sdk';

/** Variables are optional when the operation has none that are required (as in the SDK). */
export type VariablesArg<TVariables> = {} extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/**
 * `sx.request` with variables a hook holds as a value. The SDK types its variables as a tuple
 * that depends on TVariables, which TypeScript cannot rebuild for a generic TVariables: the one
 * cast says that [variables, options] is that tuple, as it is for every TVariables.
 */
export function sendRequest<TData, TVariables extends Record<string, unknown>>(
  sx: SxClient,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | undefined,
  options: RequestOptions,
): Promise<Result<TData>> {
  return sx.request(document, ...([variables, options] as unknown as RequestArgs<TVariables>));
}

/** A key that changes when the variables' values do (not their object identity). */
export function variablesKey(variables: unknown): string {
  return JSON.stringify(variables ?? {});
}
