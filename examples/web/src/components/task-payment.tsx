import { useTaskPayment } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import { ErrorMessage } from './error-message';

/**
 * The task's escrow payment as its payer or payee sees it: fetched once, then changed by the
 * user's payment events (ESCROW_HELD, RELEASED, REFUNDED) as they arrive.
 */
export function TaskPayment({ taskId }: { taskId: string }) {
  const { payment, error } = useTaskPayment(taskId);
  return (
    <section aria-labelledby="payment-heading">
      <h3 id="payment-heading">Payment</h3>
      <p aria-live="polite">
        {payment ? (
          <>
            Payment: <strong>{payment.status}</strong> — {formatMoney(payment.amount)} from {payment.payer?.name ?? 'a former user'} to {payment.payee?.name ?? 'a former user'}
            {payment.fee ? `, fee ${formatMoney(payment.fee)}` : ''}
          </>
        ) : (
          'No payment yet: accepting a bid holds its amount from your wallet.'
        )}
      </p>
      <ErrorMessage message={error?.message ?? null} />
    </section>
  );
}
