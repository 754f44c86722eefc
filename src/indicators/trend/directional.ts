import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/** TA-Lib's TA_IS_ZERO: |v| < 1e-14. */
const EPSILON = 1e-14;

/**
 * Wilder's directional movement, exactly as TA-Lib computes it (PLUS_DI, MINUS_DI, DX, ADX):
 * +DM1 = H − Hp when H − Hp > 0 and H − Hp > Lp − L, else 0; −DM1 = Lp − L when Lp − L > 0 and
 * Lp − L > H − Hp, else 0; TR1 = max(H − L, |H − Cp|, |L − Cp|). The smoothed sums start as the plain
 * sum of the first `period − 1` values (bars 2 … period) and then follow
 * S_t = S_{t−1} − S_{t−1}/period + x_t, so the first smoothed value (bar period + 1) already holds one
 * Wilder step. +DI = 100 × S(+DM)/S(TR), −DI = 100 × S(−DM)/S(TR), both 0 when S(TR) is zero.
 * Not an indicator itself: the classes below compose it.
 */
class DirectionalMovementCore {
  /** +DI (NaN until `period` movements were seen). */
  plus = Number.NaN;
  /** −DI (NaN until `period` movements were seen). */
  minus = Number.NaN;
  /** Movements (bar pairs) seen: bars − 1. */
  moves = 0;
  private readonly period: number;
  private started = false;
  private previousHigh = 0;
  private previousLow = 0;
  private previousClose = 0;
  private plusDM = 0;
  private minusDM = 0;
  private trueRange = 0;

  constructor(period: number) {
    this.period = period;
  }

  /** Feeds one bar; returns true when +DI/−DI were (re)computed. */
  update(high: number, low: number, close: number): boolean {
    if (!this.started) {
      this.started = true;
      this.previousHigh = high;
      this.previousLow = low;
      this.previousClose = close;
      return false;
    }
    const diffP = high - this.previousHigh;
    const diffM = this.previousLow - low;
    const pc = this.previousClose;
    let tr = high - low;
    const up = Math.abs(high - pc);
    if (up > tr) tr = up;
    const down = Math.abs(low - pc);
    if (down > tr) tr = down;
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    const period = this.period;
    const moves = ++this.moves;
    if (moves < period) {
      if (diffM > 0 && diffP < diffM) this.minusDM += diffM;
      else if (diffP > 0 && diffP > diffM) this.plusDM += diffP;
      this.trueRange += tr;
      return false;
    }
    this.minusDM -= this.minusDM / period;
    this.plusDM -= this.plusDM / period;
    if (diffM > 0 && diffP < diffM) this.minusDM += diffM;
    else if (diffP > 0 && diffP > diffM) this.plusDM += diffP;
    this.trueRange = this.trueRange - this.trueRange / period + tr;
    const range = this.trueRange;
    if (range > -EPSILON && range < EPSILON) {
      this.plus = 0;
      this.minus = 0;
    } else {
      this.plus = 100 * (this.plusDM / range);
      this.minus = 100 * (this.minusDM / range);
    }
    return true;
  }

  reset(): void {
    this.plus = Number.NaN;
    this.minus = Number.NaN;
    this.moves = 0;
    this.started = false;
    this.plusDM = 0;
    this.minusDM = 0;
    this.trueRange = 0;
  }
}

/**
 * Directional movement index lines +DI and −DI (Wilder 1978), equal to TA-Lib PLUS_DI / MINUS_DI.
 * Primary output `plus` (+DI, in `value`), second output `minus` (−DI). Warm-up `period` bars.
 */
export class DirectionalMovementIndex extends BarIndicator {
  readonly outputs = ['plus', 'minus'] as const;
  readonly warmup: number;
  readonly period: number;
  /** −DI. */
  minus = Number.NaN;
  private readonly core: DirectionalMovementCore;

  constructor(period = 14) {
    super();
    checkPeriod('DMI', period, 2);
    this.period = period;
    this.warmup = period;
    this.core = new DirectionalMovementCore(period);
  }

  update(bar: BarInput): number {
    this.count++;
    if (this.core.update(bar.high, bar.low, bar.close)) {
      this.value = this.core.plus;
      this.minus = this.core.minus;
    }
    return this.value;
  }

  reset(): void {
    this.core.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.minus = Number.NaN;
  }
}

/**
 * Average directional index (Wilder 1978), equal to TA-Lib ADX: DX = 100 × |+DI − −DI| / (+DI + −DI);
 * the first ADX (bar 2·period) is the plain mean of the first `period` DX values (a DX whose S(TR) or
 * DI sum is zero counts as 0), then ADX_t = (ADX_{t−1} × (period − 1) + DX_t) / period — where, as in
 * TA-Lib, a bar whose S(TR) or DI sum is zero leaves ADX unchanged. Outputs `adx` (primary, warm-up
 * 2·period − 1 bars), `plus` and `minus` (+DI/−DI, available from bar period + 1 as TA-Lib PLUS_DI /
 * MINUS_DI).
 */
export class AverageDirectionalIndex extends BarIndicator {
  readonly outputs = ['adx', 'plus', 'minus'] as const;
  readonly warmup: number;
  readonly period: number;
  /** +DI. */
  plus = Number.NaN;
  /** −DI. */
  minus = Number.NaN;
  private readonly core: DirectionalMovementCore;
  private sumDX = 0;

  constructor(period = 14) {
    super();
    checkPeriod('ADX', period, 2);
    this.period = period;
    this.warmup = 2 * period - 1;
    this.core = new DirectionalMovementCore(period);
  }

  update(bar: BarInput): number {
    this.count++;
    const core = this.core;
    if (!core.update(bar.high, bar.low, bar.close)) return this.value;
    const plus = core.plus;
    const minus = core.minus;
    this.plus = plus;
    this.minus = minus;
    const period = this.period;
    // DX is undefined when S(TR) or the DI sum is zero (both DIs are then 0): TA-Lib then adds nothing
    // to the seed sum and leaves ADX unchanged.
    const sum = minus + plus;
    const valid = !(sum > -EPSILON && sum < EPSILON);
    const dx = valid ? 100 * (Math.abs(minus - plus) / sum) : 0;
    const moves = core.moves; // the DX of this bar is DX number moves − period + 1
    if (moves < 2 * period - 1) {
      this.sumDX += dx;
    } else if (moves === 2 * period - 1) {
      this.sumDX += dx;
      this.value = this.sumDX / period;
    } else if (valid) {
      this.value = (this.value * (period - 1) + dx) / period;
    }
    return this.value;
  }

  reset(): void {
    this.core.reset();
    this.count = 0;
    this.sumDX = 0;
    this.value = Number.NaN;
    this.plus = Number.NaN;
    this.minus = Number.NaN;
  }
}

/**
 * Average directional movement rating, equal to TA-Lib ADXR: (ADX_t + ADX_{t−(period−1)}) / 2.
 * Warm-up 3·period − 2 bars.
 */
export class AverageDirectionalIndexRating extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly adx: AverageDirectionalIndex;
  /** The last `period` ADX values (ring). */
  private readonly history: Float64Array;
  private index = 0;
  private filled = 0;

  constructor(period = 14) {
    super();
    checkPeriod('ADXR', period, 2);
    this.period = period;
    this.warmup = 3 * period - 2;
    this.adx = new AverageDirectionalIndex(period);
    this.history = new Float64Array(period);
  }

  update(bar: BarInput): number {
    this.count++;
    this.adx.update(bar);
    if (this.count <= this.adx.warmup) return this.value;
    const adx = this.adx.value;
    // After this write, history[next] is the ADX of period − 1 bars ago (once `period` were stored).
    const index = this.index;
    const period = this.period;
    const next = index + 1 === period ? 0 : index + 1;
    this.history[index] = adx;
    this.index = next;
    if (this.filled < period) this.filled++;
    if (this.filled === period) this.value = (adx + this.history[next]) / 2;
    return this.value;
  }

  reset(): void {
    this.adx.reset();
    this.history.fill(0);
    this.index = 0;
    this.filled = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
