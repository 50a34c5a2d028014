import type express from 'express';
import { DomainError, ERROR_REASONS, refusalExtensions, type ErrorCode, type ErrorReason } from '@sx/core';

/** The HTTP status of each class of refusal on the plain-HTTP routes (GraphQL answers 200 with errors). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INSUFFICIENT_FUNDS: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** A catalogued refusal whose class is read from the catalogue (PAYLOAD_TOO_LARGE has no class of its own). */
class FileRefusal extends DomainError {
  readonly code: ErrorCode;
  constructor(reason: ErrorReason, message: string, extra: Record<string, unknown>) {
    super(reason, message, extra);
    this.code = ERROR_REASONS[reason].code;
  }
}

export function refusal(reason: ErrorReason, message: string, extra: Record<string, unknown> = {}): DomainError {
  return new FileRefusal(reason, message, extra);
}

/** The same body shape as a GraphQL error, so one client-side reader handles both. */
export function sendRefusal(res: express.Response, error: DomainError): void {
  res.status(HTTP_STATUS[error.code]).json({ errors: [{ message: error.message, extensions: refusalExtensions(error) }] });
}
