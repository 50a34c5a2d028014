import { DepositDocument, getFragmentData, MyWalletsDocument, WalletSummaryFragmentDoc, type FragmentType, type WalletSummaryFragment } from '@sx/sdk';
import { useEffect, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../idempotency-key';
import { formatMoney, parseAmountCents } from '../money';
import { usePaymentEvents } from '../payment-feed';
import { sx } from '../sx-client';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';

type Wallets = Record<string, WalletSummaryFragment>;

function withWallet(wallets: Wallets, masked: FragmentType<typeof WalletSummaryFragmentDoc> | null | undefined): Wallets {
  if (!masked) return wallets;
  const wallet = getFragmentData(WalletSummaryFragmentDoc, masked);
  return { ...wallets, [wallet.balance.currency]: wallet };
}

/** The user's balances (one wallet per currency), kept current by payment events, and a deposit form. */
export function WalletPanel() {
  const [wallets, setWallets] = useState<Wallets>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void sx.request(MyWalletsDocument).then((res) => {
      if (!res.ok) return setError(res.error.message);
      setWallets((current) => (res.data.me?.wallets ?? []).reduce(withWallet, current));
    });
  }, []);
  const liveFailure = usePaymentEvents((event) => setWallets((current) => withWallet(current, event.wallet)));

  const rows = Object.values(wallets).sort((a, b) => a.balance.currency.localeCompare(b.balance.currency));
  return (
    <section aria-labelledby="wallet-heading" className="wallet">
      <h2 id="wallet-heading">Wallet</h2>
      {rows.length === 0 ? (
        <p>No money yet.</p>
      ) : (
        <ul aria-label="Balances">
          {rows.map((w) => (
            <li key={w.balance.currency}>
              {w.balance.currency}: {formatMoney(w.available)} available, {formatMoney(w.held)} held
            </li>
          ))}
        </ul>
      )}
      <DepositForm onDeposited={(masked) => setWallets((current) => withWallet(current, masked))} onError={setError} />
      <ErrorMessage message={error ?? liveFailure} />
    </section>
  );
}

function DepositForm(props: { onDeposited: (wallet: FragmentType<typeof WalletSummaryFragmentDoc>) => void; onError: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amountCents = parseAmountCents(String(form.get('amount')));
    if (amountCents === null) return props.onError('Enter an amount to deposit, like 100 or 12.50.');
    setBusy(true);
    const res = await sx.request(DepositDocument, {
      input: { amount: { amount: amountCents, currency: String(form.get('currency')) }, idempotencyKey: newIdempotencyKey() },
    });
    setBusy(false);
    if (!res.ok) return props.onError(res.error.message);
    props.onError(null);
    props.onDeposited(res.data.deposit.wallet);
  }

  return (
    <form aria-label="Deposit" onSubmit={submit} className="inline">
      <Field label="Amount to deposit">{(id) => <input id={id} name="amount" inputMode="decimal" defaultValue="100" required />}</Field>
      <CurrencyField label="Currency" />
      <button type="submit" disabled={busy}>
        Deposit
      </button>
    </form>
  );
}
