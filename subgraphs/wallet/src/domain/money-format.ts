/** Every supported currency (USD, EUR, GBP) has two minor digits. */
const MINOR_DIGITS = 2;

/** 123456 USD → "1234.56 USD", for messages a person reads. */
export function formatMoney(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const unit = 10 ** MINOR_DIGITS;
  const major = Math.floor(abs / unit);
  const minor = String(abs % unit).padStart(MINOR_DIGITS, '0');
  return `${sign}${major}.${minor} ${currency}`;
}
