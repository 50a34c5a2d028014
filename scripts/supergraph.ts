import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildASTSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import { REPO_ROOT, SUBGRAPHS } from '@sx/stack';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema/supergraph.graphql');
/** The public API schema as SDL: what codegen builds the SDK from (codegen.ts). */
export const API_SCHEMA_PATH = path.join(REPO_ROOT, 'schema/api.graphql');

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/**
 * Composes every subgraph's schema.graphql. The URLs written into the supergraph are the
 * `npm start` defaults; the gateway replaces them from USERS_URL, TASKS_URL, … at run time.
 */
export function composeSupergraph(): Composition {
  const services = SUBGRAPHS.filter((s) => existsSync(path.join(REPO_ROOT, s.dir, 'schema.graphql'))).map((s) => ({
    name: s.name,
    url: `http://127.0.0.1:${s.defaultPort}/graphql`,
    typeDefs: parse(readFileSync(path.join(REPO_ROOT, s.dir, 'schema.graphql'), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}

export type ApiSchemaComposition = { ok: true; apiSchema: GraphQLSchema } | { ok: false; errors: string[] };

/** Every subgraph that has a schema.graphql, as composeServices takes it. */
export function subgraphServices(): Parameters<typeof composeServices>[0] {
  return SUBGRAPHS.filter((s) => existsSync(path.join(REPO_ROOT, s.dir, 'schema.graphql'))).map((s) => ({
    name: s.name,
    url: `http://127.0.0.1:${s.defaultPort}/graphql`,
    typeDefs: parse(readFileSync(path.join(REPO_ROOT, s.dir, 'schema.graphql'), 'utf8')),
  }));
}

/**
 * The public API schema clients see (no join__/federation internals): what the SDK and
 * GraphiQL are built from, and what the documentation check reads.
 */
export function composeApiSchema(): ApiSchemaComposition {
  const result = composeServices(subgraphServices());
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  // Built from the AST with this module's graphql: composition's toGraphQLJSSchema() would
  // hand back an instance of the CommonJS graphql, which ESM callers (vitest) cannot inspect.
  return { ok: true, apiSchema: buildASTSchema(result.schema.toAPISchema().toAST()) };
}

/**
 * The public API schema as committed SDL. A file, not composition inside codegen: the SDK's
 * generator then reads a plain schema, and a reviewer sees the client-facing change in the diff.
 */
export function printApiSchema(): { ok: true; sdl: string } | { ok: false; errors: string[] } {
  const result = composeApiSchema();
  if (!result.ok) return result;
  return { ok: true, sdl: `${printSchema(result.apiSchema).trimEnd()}\n` };
}
