import type { ReasonEntry } from './codes.js';

/** Refusals any service can give. */
export const COMMON_REASONS = {
  INVALID_INPUT: {
    code: 'BAD_USER_INPUT',
    description: 'An input value is malformed, out of range or missing; the message says which and `field` names it where one field is at fault.',
  },
  CONTROL_CHARACTER: {
    code: 'BAD_USER_INPUT',
    description: 'A text input holds a control character (NUL and the like; tab and line breaks are fine); `field` names the input.',
  },
  NOTHING_TO_CHANGE: { code: 'BAD_USER_INPUT', description: 'An update named no field to change.' },
  INVALID_CURSOR: { code: 'BAD_USER_INPUT', description: 'The `after` cursor is not one this list returned; start again from the first page.' },
  PAGE_TOO_LARGE: { code: 'BAD_USER_INPUT', description: '`first` is negative or larger than the list allows (at most 100).' },
  INVALID_AMOUNT: { code: 'BAD_USER_INPUT', description: 'A money amount is not a positive whole number of minor units within the limit.' },
  UNSUPPORTED_CURRENCY: { code: 'BAD_USER_INPUT', description: 'The currency is not one the platform settles in (USD, EUR, GBP).' },
  NOT_SIGNED_IN: { code: 'UNAUTHENTICATED', description: 'This needs a signed-in caller: send an access token.' },
  ROLE_REQUIRED: { code: 'FORBIDDEN', description: 'This needs a role the caller does not have (`role` names it).' },
  USER_NOT_FOUND: { code: 'NOT_FOUND', description: 'No user has this id.' },
  TASK_NOT_FOUND: { code: 'NOT_FOUND', description: 'No task has this id.' },
} as const satisfies Record<string, ReasonEntry>;
