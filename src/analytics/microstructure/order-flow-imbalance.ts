import { type IntervalGrid, midChangesPerInterval, quoteIntervalGrid, sumPerInterval } from './intervals.js';
import { type SimpleRegression, simpleRegression } from './regression.js';
import type { TopOfBook } from './types.js';

/**
 * The order-flow contribution e_n of the change from quote n − 1 to quote n (Cont, Kukanov &
 * Stoikov 2014, "The price impact of order book events", J. Financial Econometrics 12(1), eq. (2)):
 *
 * e_n = 1{Pᴮₙ ≥ Pᴮₙ₋₁}·qᴮₙ − 1{Pᴮₙ ≤ Pᴮₙ₋₁}·qᴮₙ₋₁ − 1{Pᴬₙ ≤ Pᴬₙ₋₁}·qᴬₙ + 1{Pᴬₙ ≥ Pᴬₙ₋₁}·qᴬₙ₋₁.
 *
 * Positive for bid-side arrivals and ask-side depletions (buying pressure); in shares.
 */
export function orderFlowEvent(previous: TopOfBook, current: TopOfBook): number {
  let e = 0;
  if (current.bidPrice >= previous.bidPrice) e += current.bidSize;
  if (current.bidPrice <= previous.bidPrice) e -= previous.bidSize;
  if (current.askPrice <= previous.askPrice) e -= current.askSize;
  if (current.askPrice >= previous.askPrice) e += previous.askSize;
  return e;
}

/**
 * OFI_k = Σ e_n over the quotes n (n ≥ 1) whose time lies in interval k (Cont et al. 2014,
 * eq. (3)); in shares. Quotes must be sorted by time.
 */
export function orderFlowImbalance(quotes: readonly TopOfBook[], grid: IntervalGrid): number[] {
  const times: number[] = [];
  const events: number[] = [];
  for (let n = 1; n < quotes.length; n++) {
    times.push(quotes[n].time);
    events.push(orderFlowEvent(quotes[n - 1], quotes[n]));
  }
  return sumPerInterval(grid, times, events);
}

/** OFI and mid changes per interval, and the price-impact regression between them. */
export interface OfiImpact {
  readonly ofi: number[];
  /** Mid change per interval, in units of `tickSize` (ticks). */
  readonly midChanges: number[];
  /** ΔP_k = α + β·OFI_k + ε_k: β in ticks per share, and its R² (Cont et al. 2014, §3, the linear price-impact model). */
  readonly regression: SimpleRegression;
}

/**
 * The linear price-impact model of Cont et al. (2014): regresses the mid change of each interval
 * of `intervalWidth` (in ticks of `tickSize`) on its OFI. β > 0 is the price impact coefficient,
 * which the paper finds inversely proportional to market depth; they report an average R² of 65 %
 * for 10-second intervals across 50 US stocks (NYSE TAQ).
 */
export function ofiPriceImpact(quotes: readonly TopOfBook[], intervalWidth: number, tickSize = 1): OfiImpact {
  const grid = quoteIntervalGrid(quotes, intervalWidth);
  const ofi = orderFlowImbalance(quotes, grid);
  const midChanges = midChangesPerInterval(quotes, grid, tickSize);
  return { ofi, midChanges, regression: simpleRegression(ofi, midChanges) };
}
