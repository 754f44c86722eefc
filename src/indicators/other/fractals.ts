import { BarIndicator, type BarInput } from '../core.js';

/**
 * Bill Williams' fractals (Trading Chaos, 1995), five-bar pattern with strict inequalities:
 * `up` = H_{t−2} when H_{t−2} > H_{t−4}, H_{t−3}, H_{t−1} and H_t, else NaN; `down` = L_{t−2} when
 * L_{t−2} < L_{t−4}, L_{t−3}, L_{t−1} and L_t, else NaN. The fractal belongs to the bar two bars
 * back but is reported on the bar that confirms it (a 2-bar delay: no look-ahead). The first
 * possible value is on the fifth bar; NaN on bars without a fractal.
 */
export class Fractals extends BarIndicator {
  readonly outputs = ['up', 'down'] as const;
  readonly warmup = 4;
  down = Number.NaN;
  // Highs and lows of the previous four bars: 1 = the previous bar, 4 = four bars back.
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;
  private h4 = 0;
  private l1 = 0;
  private l2 = 0;
  private l3 = 0;
  private l4 = 0;

  update(bar: BarInput): number {
    const high = bar.high;
    const low = bar.low;
    this.count++;
    if (this.count >= 5) {
      const h = this.h2;
      const l = this.l2;
      this.value = h > this.h4 && h > this.h3 && h > this.h1 && h > high ? h : Number.NaN;
      this.down = l < this.l4 && l < this.l3 && l < this.l1 && l < low ? l : Number.NaN;
    }
    this.h4 = this.h3;
    this.h3 = this.h2;
    this.h2 = this.h1;
    this.h1 = high;
    this.l4 = this.l3;
    this.l3 = this.l2;
    this.l2 = this.l1;
    this.l1 = low;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.value = Number.NaN;
    this.down = Number.NaN;
    this.h1 = this.h2 = this.h3 = this.h4 = 0;
    this.l1 = this.l2 = this.l3 = this.l4 = 0;
  }
}
