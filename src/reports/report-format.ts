/** Number formatting shared by the reports. */
import { formatNumber } from '../backtest/tearsheet/format.js';

/** An objective or ratio with the decimals its size needs: 123, 1.23, 0.123. */
export function formatObjective(value: number | null): string {
  if (value === null) return formatNumber(value, 0);
  const size = Math.abs(value);
  return formatNumber(value, size >= 100 ? 0 : size >= 1 || size === 0 ? 2 : 3);
}
