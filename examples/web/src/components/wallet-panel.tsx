import { useDeposit, useWallets } from '@sx/react';
import { formatMoney } from '@sx/sdk';
import type { FormEvent } from 'react';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** The user's balances (one wallet per currency), kept current by payment events, and a deposit form. */
export function WalletPanel() {
  const { wallets, put, error } = useWallets();
  const deposit = useDeposit(put);

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
      <DepositForm deposit={deposit} />
      <ErrorMessage message={deposit.problem ?? error?.message ?? null} />
    </section>
  );
}

function DepositForm({ deposit }: { deposit: ReturnType<typeof useDeposit> }) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void deposit.submit(String(form.get('amount')), String(form.get('currency')));
  }

  return (
    <form aria-label="Deposit" onSubmit={onSubmit} className="inline">
      <Field label="Amount to deposit">{(id) => <input id={id} name="amount" inputMode="decimal" defaultValue="100" required />}</Field>
      <CurrencyField label="Currency" />
      <button type="submit" disabled={deposit.loading}>
        Deposit
      </button>
    </form>
  );
}
