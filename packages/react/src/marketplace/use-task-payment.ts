import { getFragmentData, PaymentDetailFragmentDoc, TaskPaymentDocument, type PaymentDetailFragment, type SxError } from '@sx/sdk';
import { useState } from 'react';
import { useQuery } from '../use-query.js';
import { usePaymentEvents } from './payment-feed.js';

export type Payment = Omit<PaymentDetailFragment, ' $fragmentName'>;

/**
 * The task's escrow payment as its payer or payee sees it: fetched once, then replaced by the
 * user's payment events about this task (ESCROW_HELD, RELEASED, REFUNDED) as they arrive; an
 * event is never older than the fetch that was under way when it came.
 */
export function useTaskPayment(taskId: string): { payment: Payment | null; error: SxError | null } {
  const [fromEvent, setFromEvent] = useState<Payment | null>(null);
  const query = useQuery(TaskPaymentDocument, { taskId });
  const liveError = usePaymentEvents((event) => {
    if (event.payment?.task.id === taskId) setFromEvent(getFragmentData(PaymentDetailFragmentDoc, event.payment));
  });
  const fetched = query.data?.task?.payment;
  return { payment: fromEvent ?? (fetched ? getFragmentData(PaymentDetailFragmentDoc, fetched) : null), error: query.error ?? liveError };
}
