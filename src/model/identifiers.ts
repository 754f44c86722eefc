/** `SYMBOL.VENUE`, e.g. `ESZ5.CME`, `AAPL.NASDAQ`, `BTC/USDT.BINANCE`. */
export type InstrumentId = string;
/** Unique per run and stable across restarts, e.g. `O-20240102-SMA-000001`. */
export type ClientOrderId = string;
export type VenueOrderId = string;
export type StrategyId = string;
export type PositionId = string;
export type TradeId = string;

export function instrumentId(symbol: string, venue: string): InstrumentId {
  if (!symbol || !venue)
    throw new RangeError(`instrument id needs a symbol and a venue, got '${symbol}.${venue}'`);
  if (venue.includes('.')) throw new RangeError(`venue must not contain '.', got '${venue}'`);
  return `${symbol}.${venue}`;
}

/** Splits `SYMBOL.VENUE` at the last dot (symbols may contain dots, venues may not). */
export function parseInstrumentId(id: InstrumentId): { symbol: string; venue: string } {
  const dot = id.lastIndexOf('.');
  if (dot <= 0 || dot === id.length - 1)
    throw new RangeError(`instrument id must be SYMBOL.VENUE, got '${id}'`);
  return { symbol: id.slice(0, dot), venue: id.slice(dot + 1) };
}
