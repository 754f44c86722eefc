import { formatMoney } from '../format';

/** Money colored by sign. */
export function Pnl({ value, currency }: { readonly value: number; readonly currency?: string }) {
  const tone = value > 0 ? 'positive' : value < 0 ? 'negative' : undefined;
  return <span className={tone}>{formatMoney(value, currency)}</span>;
}
