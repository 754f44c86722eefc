import { BarIndicator, type BarInput } from '../core.js';

/**
 * Heikin-Ashi candles (Dan Valcu, "Using the Heikin-Ashi Technique", TASC 2004):
 * close = (O + H + L + C)/4; open = (previous HA open + previous HA close)/2, seeded on the first bar
 * with (O + C)/2; high = max(H, HA open, HA close); low = min(L, HA open, HA close).
 * The primary output is the HA close (`value`); `open`, `high` and `low` are fields. No warm-up.
 */
export class HeikinAshi extends BarIndicator {
  readonly outputs = ['close', 'open', 'high', 'low'] as const;
  readonly warmup = 0;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;

  update(bar: BarInput): number {
    const open = this.count === 0 ? (bar.open + bar.close) / 2 : (this.open + this.value) / 2;
    const close = (bar.open + bar.high + bar.low + bar.close) / 4;
    this.open = open;
    this.value = close;
    this.high = Math.max(bar.high, open, close);
    this.low = Math.min(bar.low, open, close);
    this.count++;
    return close;
  }

  reset(): void {
    this.count = 0;
    this.value = Number.NaN;
    this.open = Number.NaN;
    this.high = Number.NaN;
    this.low = Number.NaN;
  }
}
