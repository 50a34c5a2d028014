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
import { BENCH_SECRETS, signedHeaders, viewerOf } from './viewer.js';

interface StockContext {
  identity?: Identity;
}

class SigningDataSource extends RemoteGraphQLDataSource<StockContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<StockContext>): void {
    const identity = (context as Partial<StockContext>).identity;
    for (const [name, value] of Object.entries(signedHeaders(identity, BENCH_SECRETS.IDENTITY_SECRET))) request.http?.headers.set(name, value);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql', 'utf8'),
  buildService: ({ url }) => new SigningDataSource({ url }),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async ({ req }) => ({ identity: await viewerOf(req.headers.authorization, BENCH_SECRETS.JWT_SECRET) }),
});
process.stdout.write(`stock apollo gateway at ${url}\n`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
