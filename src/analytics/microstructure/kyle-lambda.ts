import { midChangesPerInterval, quoteIntervalGrid, sumPerInterval } from './intervals.js';
import { type SimpleRegression, simpleRegression } from './regression.js';
import type { TopOfBook, Trade } from './types.js';

/** Kyle's λ and the per-interval series it was estimated from. */
export interface KyleLambda {
  /** Net signed volume Σ D·size per interval (shares; buys positive). */
  readonly signedVolume: number[];
  /** Mid change per interval, in price units. */
  readonly midChanges: number[];
  /** Δm_k = α + λ·x_k + ε_k: λ (price units per share) is the slope, with its t-statistic and R². */
  readonly regression: SimpleRegression;
}

/**
 * Kyle's lambda, the price impact of net order flow (Kyle 1985, "Continuous auctions and insider
 * trading", Econometrica 53(6): Δp = λ·x), estimated as in Hasbrouck, "Empirical Market
 * Microstructure" (2007), strategic-trader (Kyle) chapter: OLS of the mid-quote change over each interval of
 * `intervalWidth` on the signed volume of the trades in it. Unsigned trades (sign 0) are left out.
 */
export function kyleLambda(
  quotes: readonly TopOfBook[],
  trades: readonly Trade[],
  intervalWidth: number,
): KyleLambda {
  const grid = quoteIntervalGrid(quotes, intervalWidth);
  const signedVolume = sumPerInterval(
    grid,
    trades.map((t) => t.time),
    trades.map((t) => t.sign * t.size),
  );
  const midChanges = midChangesPerInterval(quotes, grid);
  return { signedVolume, midChanges, regression: simpleRegression(signedVolume, midChanges) };
}
