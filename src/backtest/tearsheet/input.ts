/** What the tearsheet is rendered from. */
import type { ClosedTrade, EquityCurve, FillRecord, Statistics } from '../result-types.js';

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
}
