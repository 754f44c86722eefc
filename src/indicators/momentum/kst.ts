import { SimpleMovingAverage } from '../averages/sma.js';
import { checkPeriod, PriceIndicator } from '../core.js';
import { RateOfChangePercent } from './rate-of-change.js';

/**
 * Know Sure Thing (Pring; StockCharts ChartSchool): RCMA_i = SMA(ROC%(x, roc_i), sma_i) for i = 1…4,
 * ROC% = (x_t / x_{t−n} − 1) × 100 (0 when x_{t−n} = 0); KST = RCMA1 + 2·RCMA2 + 3·RCMA3 + 4·RCMA4;
 * signal = SMA(KST, signal). First value after max(roc_i + sma_i − 1) inputs (44 with the
 * defaults); the signal signal − 1 inputs later.
 */
export class KnowSureThing extends PriceIndicator {
  readonly outputs = ['kst', 'signal'] as const;
  readonly warmup: number;
  /** SMA of KST (NaN until warmup + signal − 1 inputs); KST is `value`. */
  signal = Number.NaN;
  private readonly roc1: RateOfChangePercent;
  private readonly roc2: RateOfChangePercent;
  private readonly roc3: RateOfChangePercent;
  private readonly roc4: RateOfChangePercent;
  private readonly sma1: SimpleMovingAverage;
  private readonly sma2: SimpleMovingAverage;
  private readonly sma3: SimpleMovingAverage;
  private readonly sma4: SimpleMovingAverage;
  private readonly signalSma: SimpleMovingAverage;

  constructor(
    roc1 = 10,
    roc2 = 15,
    roc3 = 20,
    roc4 = 30,
    sma1 = 10,
    sma2 = 10,
    sma3 = 10,
    sma4 = 15,
    signal = 9,
  ) {
    super();
    const periods = { roc1, roc2, roc3, roc4, sma1, sma2, sma3, sma4, signal };
    for (const [name, period] of Object.entries(periods)) checkPeriod(`KST ${name}`, period);
    this.roc1 = new RateOfChangePercent(roc1);
    this.roc2 = new RateOfChangePercent(roc2);
    this.roc3 = new RateOfChangePercent(roc3);
    this.roc4 = new RateOfChangePercent(roc4);
    this.sma1 = new SimpleMovingAverage(sma1);
    this.sma2 = new SimpleMovingAverage(sma2);
    this.sma3 = new SimpleMovingAverage(sma3);
    this.sma4 = new SimpleMovingAverage(sma4);
    this.signalSma = new SimpleMovingAverage(signal);
    this.warmup = Math.max(roc1 + sma1, roc2 + sma2, roc3 + sma3, roc4 + sma4) - 1;
  }

  update(price: number): number {
    const n = ++this.count;
    // Each ROC feeds its SMA from its first value on.
    const r1 = this.roc1.update(price);
    const r2 = this.roc2.update(price);
    const r3 = this.roc3.update(price);
    const r4 = this.roc4.update(price);
    const m1 = n > this.roc1.period ? this.sma1.update(r1) : Number.NaN;
    const m2 = n > this.roc2.period ? this.sma2.update(r2) : Number.NaN;
    const m3 = n > this.roc3.period ? this.sma3.update(r3) : Number.NaN;
    const m4 = n > this.roc4.period ? this.sma4.update(r4) : Number.NaN;
    if (n <= this.warmup) return this.value;
    const kst = m1 + 2 * m2 + 3 * m3 + 4 * m4;
    this.value = kst;
    this.signal = this.signalSma.update(kst);
    return kst;
  }

  reset(): void {
    this.roc1.reset();
    this.roc2.reset();
    this.roc3.reset();
    this.roc4.reset();
    this.sma1.reset();
    this.sma2.reset();
    this.sma3.reset();
    this.sma4.reset();
    this.signalSma.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.signal = Number.NaN;
  }
}
