import { getFragmentData, PaymentDetailFragmentDoc, TaskPaymentDocument, type PaymentDetailFragment } from '@sx/sdk';
import { useEffect, useState } from 'react';
import { formatMoney } from '../money';
import { usePaymentEvents } from '../payment-feed';
import { sx } from '../sx-client';
import { ErrorMessage } from './error-message';

/**
 * The task's escrow payment as its payer or payee sees it: fetched once, then changed by the
 * user's payment events (ESCROW_HELD, RELEASED, REFUNDED) as they arrive.
 */
export function TaskPayment({ taskId }: { taskId: string }) {
  const [payment, setPayment] = useState<PaymentDetailFragment | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void sx.request(TaskPaymentDocument, { taskId }).then((res) => {
      if (cancelled) return;
      if (!res.ok) return setError(res.error.message);
      const fetched = res.data.task?.payment;
      // An event may have come first; it is never older than this answer.
      if (fetched) setPayment((current) => current ?? getFragmentData(PaymentDetailFragmentDoc, fetched));
    });
    return () => {
      cancelled = true;
    };
  }, [taskId]);
  const liveFailure = usePaymentEvents((event) => {
    if (event.payment?.task.id === taskId) setPayment(getFragmentData(PaymentDetailFragmentDoc, event.payment));
  });

  return (
    <section aria-labelledby="payment-heading">
      <h3 id="payment-heading">Payment</h3>
      <p aria-live="polite">
        {payment ? (
          <>
            Payment: <strong>{payment.status}</strong> — {formatMoney(payment.amount)} from {payment.payer.name} to {payment.payee.name}
            {payment.fee ? `, fee ${formatMoney(payment.fee)}` : ''}
          </>
        ) : (
          'No payment yet: accepting a bid holds its amount from your wallet.'
        )}
      </p>
      <ErrorMessage message={error ?? liveFailure} />
    </section>
  );
}
