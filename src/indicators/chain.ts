import { type BarInput, Indicator, type PriceIndicator } from './core.js';

/**
 * Feeds one indicator's output into another: `new Chain(new RelativeStrengthIndex(14), 'value',
 * new SimpleMovingAverage(5))` is a 5-period SMA of RSI(14). The target sees only values of the
 * source that exist (none during the source's warm-up), so the chain warms up for both.
 * Outputs are the target's.
 */
export class Chain<T extends PriceIndicator = PriceIndicator> extends Indicator {
  readonly outputs: readonly string[];
  readonly warmup: number;

  constructor(
    readonly sourceIndicator: Indicator,
    readonly sourceOutput: string,
    readonly target: T,
  ) {
    super();
    if (!sourceIndicator.outputs.includes(sourceOutput)) {
      throw new RangeError(
        `chain: source has no output '${sourceOutput}' (has ${sourceIndicator.outputs.join(', ')})`,
      );
    }
    this.outputs = target.outputs;
    this.warmup = sourceIndicator.warmup + target.warmup;
  }

  /** Feeds a bar to the source, then the source's value (once it has one) to the target. */
  updateBar(bar: BarInput): void {
    this.sourceIndicator.updateBar(bar);
    this.count++;
    if (this.sourceIndicator.isReady)
      this.value = this.target.update(this.sourceIndicator.output(this.sourceOutput));
  }

  override output(name: string): number {
    return this.target.output(name);
  }

  reset(): void {
    this.sourceIndicator.reset();
    this.target.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
