/**
 * Exchange rates between currencies, for converting money booked in an instrument's currency into
 * an account's base currency. A rate `from/to` is how many units of `to` one unit of `from` buys
 * (EUR/USD = 1.08: one euro is 1.08 dollars).
 *
 * Where a rate comes from, in this order (the first that knows the pair wins):
 * 1. a rate set explicitly with `set(from, to, rate)`;
 * 2. the inverse of an explicit `set(to, from, rate)`;
 * 3. the latest price of an FX instrument `FROM/TO` (e.g. `EUR/USD.IDEALPRO`) from the price source;
 * 4. the inverse of the latest price of `TO/FROM`.
 * No cross rates are derived (EUR/JPY is not built from EUR/USD and USD/JPY): set or feed the pair.
 * A pair nothing knows throws MissingFxRate, which names the pair and the ways to provide it.
 */

/** No rate is known for a pair. */
export class MissingFxRate extends RangeError {
  readonly code = 'MISSING_FX_RATE';

  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(
      `no FX rate for ${from}/${to}: set one (fx.set('${from}', '${to}', rate) or the backtest's fx config) or add quote/bar data of an ${from}/${to} (or ${to}/${from}) instrument`,
    );
    this.name = 'MissingFxRate';
  }
}

/** Latest price of an FX pair `base/quote`, or undefined when there is none (no instrument or no data yet). */
export type FxPriceSource = (base: string, quote: string) => number | undefined;

/** How a pair was resolved once, so later look-ups skip the search. */
type Resolution =
  | { readonly kind: 'fixed'; readonly key: string; readonly invert: boolean }
  | { readonly kind: 'market'; readonly base: string; readonly quote: string; readonly invert: boolean };

const pairKey = (from: string, to: string): string => `${from}/${to}`;

export class FxRates {
  private readonly fixed = new Map<string, number>();
  private readonly resolved = new Map<string, Resolution>();

  /** `prices`: the latest price of an FX instrument, by pair (the portfolio reads the cache). */
  constructor(private readonly prices?: FxPriceSource) {}

  /** Sets a fixed rate: one `from` is `rate` units of `to`. It wins over market prices of the pair. */
  set(from: string, to: string, rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new RangeError(`FX rate ${from}/${to} must be a positive number, got ${rate}`);
    if (from === to) throw new RangeError(`FX rate ${from}/${to}: a currency has no rate to itself`);
    this.fixed.set(pairKey(from, to), rate);
    // An explicit rate may take over a pair resolved from market data (or its inverse).
    this.resolved.delete(pairKey(from, to));
    this.resolved.delete(pairKey(to, from));
  }

  /** Units of `to` per unit of `from` (1 for the same currency); throws MissingFxRate when unknown. */
  rate(from: string, to: string): number {
    const rate = this.tryRate(from, to);
    if (rate === undefined) throw new MissingFxRate(from, to);
    return rate;
  }

  /** Like `rate`, but undefined when no rate is known. */
  tryRate(from: string, to: string): number | undefined {
    if (from === to) return 1;
    const key = pairKey(from, to);
    const known = this.resolved.get(key);
    if (known !== undefined) {
      const value = this.read(known);
      if (value !== undefined) return value;
    }
    for (const candidate of this.candidates(from, to)) {
      const value = this.read(candidate);
      if (value !== undefined) {
        this.resolved.set(key, candidate);
        return value;
      }
    }
    return undefined;
  }

  /** `amount` of `from` in `to`. */
  convert(amount: number, from: string, to: string): number {
    return from === to ? amount : amount * this.rate(from, to);
  }

  private candidates(from: string, to: string): Resolution[] {
    return [
      { kind: 'fixed', key: pairKey(from, to), invert: false },
      { kind: 'fixed', key: pairKey(to, from), invert: true },
      { kind: 'market', base: from, quote: to, invert: false },
      { kind: 'market', base: to, quote: from, invert: true },
    ];
  }

  private read(r: Resolution): number | undefined {
    const raw = r.kind === 'fixed' ? this.fixed.get(r.key) : this.prices?.(r.base, r.quote);
    if (raw === undefined || !(raw > 0)) return undefined;
    return r.invert ? 1 / raw : raw;
  }
}
