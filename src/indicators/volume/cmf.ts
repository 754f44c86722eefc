import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Chaikin money flow (StockCharts ChartSchool): MFM = ((C − L) − (H − C)) / (H − L), 0 when H = L;
 * CMF = Σ(MFM × volume) / Σvolume over the last `period` bars, and 0 when the window has no volume at
 * all. Warm-up period − 1 bars. The window sums are running sums re-added exactly every 64 windows.
 */
export class ChaikinMoneyFlow extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly flows: Float64Array;
  private readonly volumes: Float64Array;
  private index = 0;
  private flowSum = 0;
  private volumeSum = 0;
  /** Bars with non-zero volume in the window: 0 means Σvolume = 0 whatever the rounding. */
  private traded = 0;

  constructor(period = 20) {
    super();
    checkPeriod('CMF', period);
    this.period = period;
    this.warmup = period - 1;
    this.flows = new Float64Array(period);
    this.volumes = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const high = bar.high;
    const low = bar.low;
    const close = bar.close;
    const volume = bar.volume;
    const range = high - low;
    const flow = range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
    const i = this.index;
    const period = this.period;
    const count = ++this.count;
    if (count > period) {
      const old = this.volumes[i];
      this.flowSum -= this.flows[i];
      this.volumeSum -= old;
      if (old !== 0) this.traded--;
    }
    this.flows[i] = flow;
    this.volumes[i] = volume;
    this.flowSum += flow;
    this.volumeSum += volume;
    if (volume !== 0) this.traded++;
    this.index = i + 1 === period ? 0 : i + 1;
    if (this.index === 0 && count % (64 * period) === 0) this.resum();
    if (count >= period) this.value = this.traded > 0 ? this.flowSum / this.volumeSum : 0;
    return this.value;
  }

  private resum(): void {
    let flow = 0;
    let volume = 0;
    for (let i = 0; i < this.period; i++) {
      flow += this.flows[i];
      volume += this.volumes[i];
    }
    this.flowSum = flow;
    this.volumeSum = volume;
  }

  reset(): void {
    this.flows.fill(0);
    this.volumes.fill(0);
    this.index = 0;
    this.flowSum = 0;
    this.volumeSum = 0;
    this.traded = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
