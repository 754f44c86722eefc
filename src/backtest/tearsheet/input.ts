/** What the tearsheet is rendered from. */
import type { ClosedTrade, EquityCurve, ExposureCurve, FillRecord, Statistics } from '../result-types.js';

export interface TearsheetInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly statistics: Statistics;
  readonly equity: EquityCurve;
  readonly prices: {
    readonly instrumentId: string;
    readonly time: readonly number[];
    readonly close: readonly number[];
  };
  readonly fills: readonly FillRecord[];
  readonly trades: readonly ClosedTrade[];
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Account currency code, e.g. `USD`. */
  readonly currency: string;
  /** Decimals for money; defaults to the known precision of `currency`, else 2. */
  readonly currencyPrecision?: number;
  /**
   * What the strategy is compared with. `value` is a level series (an index, a price or an account
   * value, any unit) at `time` (UnixMicros, non-decreasing); it is rescaled so that its first finite
   * value equals the initial capital, which leaves its returns unchanged. Default: buy-and-hold of
   * `prices` (the close, scaled the same way).
   */
  readonly benchmark?: {
    readonly name: string;
    readonly time: readonly number[];
    readonly value: readonly number[];
  };
  /** Gross/net exposure and leverage sampled with `equity` (`BacktestResult.exposure`). */
  readonly exposure?: ExposureCurve;
}
