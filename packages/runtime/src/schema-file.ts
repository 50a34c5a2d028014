import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';

/** Reads a subgraph's schema.graphql (the SDL is the contract, kept beside the code). */
export function loadTypeDefs(path: string | URL): DocumentNode {
  return gql(readFileSync(path, 'utf8'));
}

/** What a subgraph's folder holds beside its code: its migrations and its SDL. */
export interface ServiceFiles {
  migrationsFolder: string;
  typeDefs: DocumentNode;
}

/**
 * A subgraph's files, found from its entry point (`import.meta.url` of `<service>/src/index.ts`):
 * `<service>/drizzle` and `<service>/schema.graphql`, the layout every subgraph shares.
 */
export function serviceFilesOf(entryUrl: string): ServiceFiles {
  return {
    migrationsFolder: fileURLToPath(new URL('../drizzle', entryUrl)),
    typeDefs: loadTypeDefs(new URL('../schema.graphql', entryUrl)),
  };
}
