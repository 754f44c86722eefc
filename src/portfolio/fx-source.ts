import type { Cache } from '../core/cache.js';
import type { FxPriceSource } from '../model/fx.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';

/** Whether an instrument is the FX pair `base/quote` (symbol `EUR/USD`, or a spot pair's base and quote). */
function isPair(instrument: Instrument, base: string, quote: string): boolean {
  if (instrument.kind === 'crypto-spot') return instrument.base === base && instrument.quote === quote;
  return instrument.kind !== 'future' && instrument.symbol === `${base}/${quote}`;
}

/**
 * FX rates from market data: the cache's last price (trade, quote mid or bar close) of the
 * instrument that is the pair (e.g. `EUR/USD.IDEALPRO`). The pair's instrument is looked up once
 * and remembered; a pair without an instrument is searched again on the next request (instruments
 * may be added later), which only happens until a rate is found or on the error path.
 */
export function fxPriceSource(cache: Cache): FxPriceSource {
  const found = new Map<string, InstrumentId>();
  return (base, quote) => {
    const key = `${base}/${quote}`;
    let id = found.get(key);
    if (id === undefined) {
      id = cache.instruments().find((i) => isPair(i, base, quote))?.id;
      if (id === undefined) return undefined;
      found.set(key, id);
    }
    return cache.lastPrice(id);
  };
}
