import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { REPO_ROOT, SUBGRAPHS } from '@sx/stack';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema/supergraph.graphql');

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
