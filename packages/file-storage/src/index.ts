export * from './blob-store.js';
export * from './capability-token.js';
export * from './content-type.js';
export * from './local-blob-store.js';
export * from './s3-blob-store.js';
export * from './sigv4.js';
export * from './store-config.js';
