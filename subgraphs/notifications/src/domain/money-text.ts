/** A money amount as people read it: 1250 USD minor units → "12.50 USD" (every supported currency has two decimals). */
export function formatMoney(money: { amountMinor: number; currency: string }): string {
  const whole = Math.trunc(money.amountMinor / 100);
  const cents = String(Math.abs(money.amountMinor % 100)).padStart(2, '0');
  return `${whole}.${cents} ${money.currency}`;
}
