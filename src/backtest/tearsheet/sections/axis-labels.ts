/** Value-axis tick labels, with as many decimals as the tick spacing needs. */
import { formatNumber } from '../format.js';
import { stepDecimals } from '../svg-chart.js';

/** A money tick without currency: `12,500` or `1,234.5`. */
export function compactMoney(value: number, step: number): string {
  return formatNumber(value, stepDecimals(step));
}

/** A percent tick: `-12.5%`. */
export function percentLabel(value: number, step: number): string {
  return `${formatNumber(value, stepDecimals(step))}%`;
}
