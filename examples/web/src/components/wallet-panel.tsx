import { useMutation, useWallets } from '@sx/react';
import { DepositDocument, formatMoney, newIdempotencyKey, parseAmountCents, type FragmentType, type WalletSummaryFragmentDoc } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** The user's balances (one wallet per currency), kept current by payment events, and a deposit form. */
export function WalletPanel() {
  const { wallets, put, error } = useWallets();
  const [depositError, setDepositError] = useState<string | null>(null);

  return (
    <section aria-labelledby="wallet-heading" className="wallet">
      <h2 id="wallet-heading">Wallet</h2>
      {wallets.length === 0 ? (
        <p>No money yet.</p>
      ) : (
        <ul aria-label="Balances">
          {wallets.map((w) => (
            <li key={w.balance.currency}>
              {w.balance.currency}: {formatMoney(w.available)} available, {formatMoney(w.held)} held
            </li>
          ))}
        </ul>
      )}
      <DepositForm onDeposited={put} onError={setDepositError} />
      <ErrorMessage message={depositError ?? error?.message ?? null} />
    </section>
  );
}

function DepositForm(props: { onDeposited: (wallet: FragmentType<typeof WalletSummaryFragmentDoc>) => void; onError: (message: string | null) => void }) {
  const [deposit, { loading }] = useMutation(DepositDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amountCents = parseAmountCents(String(form.get('amount')));
    if (amountCents === null) return props.onError('Enter an amount to deposit, like 100 or 12.50.');
    const res = await deposit({ input: { amount: { amount: amountCents, currency: String(form.get('currency')) }, idempotencyKey: newIdempotencyKey() } });
    props.onError(res.ok ? null : res.error.message);
    if (res.ok) props.onDeposited(res.data.deposit.wallet);
  }

  return (
    <form aria-label="Deposit" onSubmit={submit} className="inline">
      <Field label="Amount to deposit">{(id) => <input id={id} name="amount" inputMode="decimal" defaultValue="100" required />}</Field>
      <CurrencyField label="Currency" />
      <button type="submit" disabled={loading}>
        Deposit
      </button>
    </form>
  );
}
