import { pino, type Logger } from 'pino';
import { traceFields } from './tracing.js';

export type { Logger };

/**
 * JSON logs on stdout; one logger per process, children carry the service and request id. Every
 * line also carries the active span's `traceId` and `spanId` when tracing is on (the mixin), so a
 * log line leads to its trace and back.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime, mixin: traceFields });
}
