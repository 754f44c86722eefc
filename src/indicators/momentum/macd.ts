import { ExponentialMovingAverage } from '../averages/exponential.js';
import { checkPeriod, PriceIndicator } from '../core.js';

function checkFastSlow(name: string, fast: number, slow: number): void {
  checkPeriod(`${name} fast`, fast, 2);
  checkPeriod(`${name} slow`, slow, 2);
  if (fast >= slow) throw new RangeError(`${name}: fast (${fast}) must be shorter than slow (${slow})`);
}

/**
 * MACD (Appel; TA-Lib MACD): MACD = EMA(x, fast) − EMA(x, slow), signal = EMA(MACD, signal),
 * histogram = MACD − signal; EMAs SMA-seeded. As TA-Lib, the fast EMA starts `slow − fast` inputs
 * late, so both EMAs are seeded over windows ending on the same input (input `slow`), and all three
 * outputs appear together with the first signal value, after slow + signal − 2 inputs.
 */
export class MovingAverageConvergenceDivergence extends PriceIndicator {
  readonly outputs = ['macd', 'signal', 'histogram'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  /** EMA of the MACD line (NaN while warming up); the MACD line is `value`. */
  signal = Number.NaN;
  /** MACD − signal (NaN while warming up). */
  histogram = Number.NaN;
  private readonly fastEma: ExponentialMovingAverage;
  private readonly slowEma: ExponentialMovingAverage;
  private readonly signalEma: ExponentialMovingAverage;
  private readonly fastStart: number;

  constructor(fast = 12, slow = 26, signal = 9) {
    super();
    checkFastSlow('MACD', fast, slow);
    checkPeriod('MACD signal', signal);
    this.fast = fast;
    this.slow = slow;
    this.fastStart = slow - fast;
    this.warmup = slow + signal - 2;
    this.fastEma = new ExponentialMovingAverage(fast);
    this.slowEma = new ExponentialMovingAverage(slow);
    this.signalEma = new ExponentialMovingAverage(signal);
  }

  update(price: number): number {
    const n = ++this.count;
    const slow = this.slowEma.update(price);
    if (n <= this.fastStart) return this.value;
    const fast = this.fastEma.update(price);
    if (n < this.slow) return this.value;
    const macd = fast - slow;
    const signal = this.signalEma.update(macd);
    if (n > this.warmup) {
      this.value = macd;
      this.signal = signal;
      this.histogram = macd - signal;
    }
    return this.value;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.signal = Number.NaN;
    this.histogram = Number.NaN;
  }
}

/**
 * Percentage price oscillator: PPO = 100 × (EMA(x, fast) − EMA(x, slow)) / EMA(x, slow) (0 when the
 * slow EMA is 0, as TA-Lib), signal = EMA(PPO, signal), histogram = PPO − signal; EMAs SMA-seeded,
 * both starting with the first input. The PPO line is TA-Lib's PPO with optInMAType = 1 (EMA) and
 * appears after slow − 1 inputs; signal and histogram after slow + signal − 2.
 */
export class PercentagePriceOscillator extends PriceIndicator {
  readonly outputs = ['ppo', 'signal', 'histogram'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  /** EMA of the PPO line (NaN until slow + signal − 2 inputs); the PPO line is `value`. */
  signal = Number.NaN;
  /** PPO − signal (NaN until slow + signal − 2 inputs). */
  histogram = Number.NaN;
  private readonly fastEma: ExponentialMovingAverage;
  private readonly slowEma: ExponentialMovingAverage;
  private readonly signalEma: ExponentialMovingAverage;

  constructor(fast = 12, slow = 26, signal = 9) {
    super();
    checkFastSlow('PPO', fast, slow);
    checkPeriod('PPO signal', signal);
    this.fast = fast;
    this.slow = slow;
    this.warmup = slow - 1;
    this.fastEma = new ExponentialMovingAverage(fast);
    this.slowEma = new ExponentialMovingAverage(slow);
    this.signalEma = new ExponentialMovingAverage(signal);
  }

  update(price: number): number {
    const fast = this.fastEma.update(price);
    const slow = this.slowEma.update(price);
    if (++this.count < this.slow) return this.value;
    const ppo = slow !== 0 ? ((fast - slow) / slow) * 100 : 0;
    const signal = this.signalEma.update(ppo);
    this.value = ppo;
    this.signal = signal;
    this.histogram = ppo - signal;
    return ppo;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.signal = Number.NaN;
    this.histogram = Number.NaN;
  }
}

/**
 * Absolute price oscillator (TA-Lib APO with optInMAType = 1, EMA): EMA(x, fast) − EMA(x, slow),
 * EMAs SMA-seeded and both starting with the first input (unlike MACD, whose fast EMA starts late);
 * the first value after slow − 1 inputs.
 */
export class AbsolutePriceOscillator extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  private readonly fastEma: ExponentialMovingAverage;
  private readonly slowEma: ExponentialMovingAverage;

  constructor(fast = 12, slow = 26) {
    super();
    checkFastSlow('APO', fast, slow);
    this.fast = fast;
    this.slow = slow;
    this.warmup = slow - 1;
    this.fastEma = new ExponentialMovingAverage(fast);
    this.slowEma = new ExponentialMovingAverage(slow);
  }

  update(price: number): number {
    const fast = this.fastEma.update(price);
    const slow = this.slowEma.update(price);
    if (++this.count >= this.slow) this.value = fast - slow;
    return this.value;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
