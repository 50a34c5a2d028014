export * from './free-port.js';
export * from './launch.js';
export * from './services.js';
export * from './wait.js';
export * from './driven-limits.js';
export * from './mail-catcher.js';
export * from './cluster/index.js';
