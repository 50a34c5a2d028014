import { describe, expect, it } from 'vitest';
import { PlaceBidDocument, SxError, WithdrawBidDocument, type SxErrorReason } from '../src/index.js';
import { postTask, signedUpClient } from './harness.js';

// What a client does with a refusal, decided by an exhaustive switch on the typed reason: adding
// a reason to the catalogue without handling it here stops this file compiling (tsc in npm test).
function advice(reason: SxErrorReason): 'fix-input' | 'sign-in' | 'retry' | 'not-allowed' | 'gone' | 'top-up' {
  switch (reason) {
    case 'INVALID_INPUT':
    case 'NOTHING_TO_CHANGE':
    case 'INVALID_CURSOR':
    case 'PAGE_TOO_LARGE':
    case 'INVALID_AMOUNT':
    case 'UNSUPPORTED_CURRENCY':
    case 'WEAK_PASSWORD':
    case 'BID_CURRENCY_MISMATCH':
    case 'SELF_TRANSFER':
    case 'PAYMENT_DECLINED':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'INVALID_JSON_BODY':
    case 'BODY_TOO_LARGE':
    case 'INVALID_SUBSCRIPTION':
    case 'CONTROL_CHARACTER':
    case 'OPERATION_NAME_REQUIRED':
    case 'UNKNOWN_OPERATION_NAME':
    case 'SUBSCRIPTION_OVER_HTTP':
    case 'TOO_MANY_SUBSCRIPTIONS':
    case 'INVALID_UNSUBSCRIBE_TOKEN':
    case 'INVALID_ACCOUNT_TOKEN':
    case 'DISPUTE_SPLIT_MISMATCH':
    case 'DISPUTE_DECISION_INVALID':
    case 'UPLOAD_NOT_AN_IMAGE':
    case 'FILE_TOO_LARGE':
    case 'FILE_EMPTY':
    case 'UNSUPPORTED_FILE_TYPE':
    case 'CANNOT_SUSPEND_SELF':
    case 'SPLIT_NOT_TOTAL':
      return 'fix-input';
    case 'NOT_SIGNED_IN':
    case 'WRONG_CREDENTIALS':
    case 'REFRESH_TOKEN_INVALID':
    case 'SESSION_ENDED':
    case 'REFRESH_TOKEN_REUSED':
    case 'ACCESS_TOKEN_INVALID':
    case 'ACCOUNT_UNAVAILABLE':
    case 'ACCESS_TOKEN_EXPIRED':
      return 'sign-in';
    case 'TOO_MANY_SIGN_IN_ATTEMPTS':
    case 'TOO_MANY_SIGN_UPS':
    case 'TOO_MANY_PASSWORD_RESET_REQUESTS':
    case 'TOO_MANY_ACCOUNT_LINK_ATTEMPTS':
    case 'PASSWORD_CHECKS_BUSY':
    case 'TOO_MANY_REQUESTS':
    case 'TASK_CHANGED':
    case 'TASK_NOT_YET_KNOWN':
    case 'EXPENSE_NOT_YET_KNOWN':
    case 'IDEMPOTENCY_KEY_BUSY':
    case 'GATEWAY_STARTING':
    case 'SUBGRAPH_UNAVAILABLE':
    case 'FILES_UNAVAILABLE':
    case 'UPLOAD_NOT_FINISHED':
    case 'EMAIL_NOT_KNOWN_YET':
      return 'retry';
    case 'ROLE_REQUIRED':
    case 'ADMIN_ROLE_NOT_SELF_ASSIGNABLE':
    case 'ACCOUNT_SUSPENDED':
    case 'NOT_TASK_POSTER':
    case 'NOT_EXPENSE_PAYER':
    case 'NOT_RECEIPT_REMOVER':
    case 'NOT_TASK_ASSIGNEE':
    case 'NOT_BID_OWNER':
    case 'BIDS_PRIVATE':
    case 'OWN_TASK':
    case 'NOT_TASK_PARTICIPANT':
    case 'TASK_NOT_OPEN':
    case 'TASK_STATUS_CONFLICT':
    case 'TASK_ALREADY_DONE':
    case 'TASK_NOT_DONE':
    case 'TASK_DEADLINE_PASSED':
    case 'TASK_HIDDEN_BY_ADMIN':
    case 'BID_NOT_PENDING':
    case 'ACTIVE_BID_EXISTS':
    case 'ANOTHER_BID_CHOSEN':
    case 'CURRENCY_CHANGED':
    case 'TASK_NOT_COMPLETED':
    case 'ALREADY_REVIEWED':
    case 'NOT_TASK_PARTY':
    case 'TASK_NOT_DISPUTABLE':
    case 'TASK_DISPUTED':
    case 'DISPUTE_CLOSED':
    case 'REVIEW_WINDOW_CLOSED':
    case 'OWN_TASK_QUESTION':
    case 'QUESTION_ALREADY_ANSWERED':
    case 'UPLOAD_ALREADY_ATTACHED':
    case 'UPLOAD_ALREADY_RECEIVED':
    case 'TOO_MANY_PHOTOS':
    case 'FILE_URL_INVALID':
    case 'FILE_URL_EXPIRED':
    case 'FILE_NOT_SHARED':
    case 'NOT_GROUP_MEMBER':
    case 'NOT_GROUP_OWNER':
    case 'ALREADY_MEMBER':
    case 'OWNER_CANNOT_LEAVE':
    case 'OPEN_BALANCE':
    case 'GROUP_TASK_STATUS':
    case 'NOT_GROUP_TASK_ASSIGNEE':
    case 'NOT_GROUP_TASK_POSTER':
    case 'SHARE_ALREADY_PAID':
    case 'NOT_SHARE_CREDITOR':
      return 'not-allowed';
    case 'USER_NOT_FOUND':
    case 'TASK_NOT_FOUND':
    case 'BID_NOT_FOUND':
    case 'RECIPIENT_NOT_FOUND':
    case 'DISPUTE_NOT_FOUND':
    case 'QUESTION_NOT_FOUND':
    case 'UPLOAD_NOT_FOUND':
    case 'PHOTO_NOT_FOUND':
    case 'RECEIPT_NOT_FOUND':
    case 'FILE_NOT_FOUND':
    case 'MEMBER_NOT_FOUND':
    case 'INVITATION_NOT_FOUND':
    case 'GROUP_TASK_NOT_FOUND':
    case 'SHARE_NOT_FOUND':
      return 'gone';
    case 'INSUFFICIENT_FUNDS':
      return 'top-up';
    default: {
      const unhandled: never = reason;
      throw new Error(`unhandled reason ${String(unhandled)}`);
    }
  }
}

describe('typed refusal reasons', () => {
  it('gives the catalogued reason of a refused bid, typed for an exhaustive switch', async () => {
    const poster = await signedUpClient('Rita Reason');
    const tasker = await signedUpClient('Nick Negative');
    const taskId = await postTask(poster.sx);

    const res = await tasker.sx.request(PlaceBidDocument, { input: { taskId, amount: { amount: -500, currency: 'EUR' } } });

    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.reason).toBe('INVALID_AMOUNT');
    expect(res.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_AMOUNT', field: 'amount.amount' });
    expect(advice(res.error.reason ?? 'INVALID_INPUT')).toBe('fix-input');
  });

  it('names the missing bid as BID_NOT_FOUND', async () => {
    const { sx } = await signedUpClient('Wanda Withdraw');
    const res = await sx.request(WithdrawBidDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.ok ? null : [res.error.code, res.error.reason]).toEqual(['NOT_FOUND', 'BID_NOT_FOUND']);
  });

  it('keeps a reason newer than the SDK as raw extensions, with reason null', () => {
    const error = new SxError('CONFLICT', 'A newer server said no.', { extensions: { reason: 'SOMETHING_NEW' } });
    expect(error.reason).toBeNull();
    expect(error.extensions.reason).toBe('SOMETHING_NEW');
  });
});
