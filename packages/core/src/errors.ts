import { ERROR_REASONS, type ErrorCode, type ErrorReason, type ReasonFor } from './error-catalogue/index.js';

/**
 * A rule of the domain refused the request. `code` is the class of refusal (`extensions.code`),
 * `reason` the stable, catalogued cause (`extensions.reason`) a client can switch on; `extra`
 * carries the facts a client needs to act (e.g. `retryAfterSeconds`, `field`).
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly reason: ErrorReason;
  readonly extra: Record<string, unknown>;
  constructor(reason: ErrorReason, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.reason = reason;
    this.extra = extra;
  }
}

/** The error class of one code: its constructor only takes that code's reasons. */
function refusalOf<C extends ErrorCode>(code: C) {
  abstract class Refusal extends DomainError {
    readonly code: C = code;
    constructor(reason: ReasonFor<C>, message: string, extra: Record<string, unknown> = {}) {
      super(reason, message, extra);
    }
  }
  return Refusal;
}

export class BadUserInput extends refusalOf('BAD_USER_INPUT') {}
export class Unauthenticated extends refusalOf('UNAUTHENTICATED') {}
export class Forbidden extends refusalOf('FORBIDDEN') {}
export class NotFound extends refusalOf('NOT_FOUND') {}
export class Conflict extends refusalOf('CONFLICT') {}
export class InsufficientFunds extends refusalOf('INSUFFICIENT_FUNDS') {}
export class RateLimited extends refusalOf('RATE_LIMITED') {
  constructor(reason: ReasonFor<'RATE_LIMITED'>, message: string, readonly retryAfterSeconds: number) {
    super(reason, message, { retryAfterSeconds });
  }
}

/** What a domain error becomes in `extensions`: its code, its reason, then its facts. */
export function refusalExtensions(error: DomainError): Record<string, unknown> {
  return { code: error.code, reason: error.reason, ...error.extra };
}

/** Whether a reason is in the catalogue (for values that crossed a process boundary). */
export function isCataloguedReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && Object.hasOwn(ERROR_REASONS, value);
}
