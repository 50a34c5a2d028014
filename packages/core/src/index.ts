export * from './access.js';
export * from './error-catalogue/index.js';
export * from './errors.js';
export * from './identity.js';
export * from './ids.js';
export * from './money.js';
export * from './pagination.js';
export * from './time-keyset.js';
