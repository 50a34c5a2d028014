export * from './launch-cluster.js';
export * from './haproxy.js';
export { instanceName, type ServiceInstances } from './instances.js';
export { startNatsCluster, type NatsCluster } from './nats-cluster.js';
export type { PostgresCluster } from './postgres-cluster.js';
export { portOpen } from './child.js';
