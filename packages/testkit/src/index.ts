export * from './database.js';
export * from './graphql-client.js';
export * from './stack-info.js';
export * from './users.js';
export * from './subgraph-client.js';
