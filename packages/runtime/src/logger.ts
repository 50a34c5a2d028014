import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; one logger per process, children carry the service and trace id. */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
