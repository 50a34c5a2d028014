import { readFileSync } from 'node:fs';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';

/** Reads a subgraph's schema.graphql (the SDL is the contract, kept beside the code). */
export function loadTypeDefs(path: string | URL): DocumentNode {
  return gql(readFileSync(path, 'utf8'));
}
