export * from './database.js';
export * from './graphql-client.js';
export * from './stack-info.js';
export * from './users.js';
export * from './subgraph-client.js';
export * from './metrics.js';
export * from './operation-queries.js';
export * from './nats-server.js';
