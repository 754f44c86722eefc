/** How alert messages write money and durations. */

/** `-1234.5` → `−1,234.50 USD` (a real minus sign, thousands separators, the currency's decimals). */
export function formatMoney(amount: number, decimals: number, currency: string): string {
  const text = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  const zero = /^[0.,]+$/.test(text);
  return `${amount < 0 && !zero ? '\u2212' : ''}${text} ${currency}`;
}

/** `95` → `1 min 35 s`; under a minute, seconds with one decimal at most. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts = [
    hours > 0 ? `${hours} h` : '',
    minutes > 0 ? `${minutes} min` : '',
    rest > 0 ? `${rest} s` : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}
