// @sx/sdk: the typed client of the Service Exchange API. See ../README.md.
export { createClient, type ClientOptions, type RequestArgs, type RequestOptions, type SxClient } from './client.js';
export { SxError, type ApiErrorCode, type ClientErrorCode, type SxErrorCode, type SxErrorReason, type SxRefusalCode } from './errors.js';
export { SX_ERROR_REASONS } from './error-reasons.js';
export type { Result } from './result.js';
export { memoryTokenStore, stringTokenStore, type StringStorage, type Tokens, type TokenStore } from './tokens.js';
export { DEFAULT_RECONNECT, type ReconnectPolicy, type ResumableVariables, type SubscriptionHandlers } from './subscription.js';
// Helpers every client needs around the API's conventions: money in minor units, idempotency
// keys for money requests, and retrying what the server says is retryable.
export { CURRENCIES, formatMoney, parseAmountCents, type Currency, type MoneyValue } from './money.js';
export { newIdempotencyKey } from './idempotency-key.js';
export { resolveApiUrl, type UploadedFile, type UploadOptions } from './upload.js';
export { retryWhileRetryable, RETRY_DELAY_MS, RETRY_MAX_ATTEMPTS } from './retry.js';
// One TypedDocumentNode per operation (NearbyTasksDocument, PlaceBidDocument, BidEventsDocument …),
// its result and variables types, and the fragments' types; generated from src/operations.
export * from './generated/graphql.js';
export { getFragmentData, makeFragmentData, type FragmentType } from './generated/fragment-masking.js';
