/**
 * The stock Apollo gateway the bench compares against: @apollo/gateway + @apollo/server's
 * standalone server with nothing added, except signing the caller's identity into subgraph
 * requests (our subgraphs refuse anything unsigned). Run as its own process by the bench:
 *   SUPERGRAPH_PATH=… PORT=… node --import tsx bench/gateway/stock-apollo.ts
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Identity } from '@sx/core';
import { benchSecrets, signedHeaders, viewerOf } from './viewer.js';

const SECRETS = benchSecrets();

interface StockContext {
  identity?: Identity;
}

class SigningDataSource extends RemoteGraphQLDataSource<StockContext> {
  constructor(private readonly subgraph: string, url: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<StockContext>): void {
    const identity = (context as Partial<StockContext>).identity;
    // The body as RemoteGraphQLDataSource sends it (JSON of the request), so its hash matches.
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    for (const [name, value] of Object.entries(signedHeaders(identity, SECRETS.IDENTITY_SECRET, this.subgraph, body))) request.http?.headers.set(name, value);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql', 'utf8'),
  buildService: ({ name, url }) => new SigningDataSource(name, url ?? ''),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async ({ req }) => ({ identity: await viewerOf(req.headers.authorization, SECRETS.JWT_SECRET) }),
});
process.stdout.write(`stock apollo gateway at ${url}\n`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
