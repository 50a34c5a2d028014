import { pino, type DestinationStream, type Logger } from 'pino';
import { traceFields } from './tracing.js';

export type { Logger };

/**
 * JSON logs on stdout; one logger per process, children carry the service and request id. Every
 * line also carries the active span's `traceId` and `spanId` when tracing is on (the mixin), so a
 * log line leads to its trace and back.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime, mixin: traceFields };
  // A destination other than stdout is for tests that read the lines.
  return destination ? pino(options, destination) : pino(options);
}
