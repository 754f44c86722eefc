/**
 * The venue's markets: one SimulatedExchange per exchange venue (CME, the stock venues), configured
 * as a backtest venue is (next-open market fills, the IB fee schedule, the instrument's session for
 * DAY orders), and the instruments the replayed bars and orders name.
 */
import { SimulatedExchange } from '../../../../backtest/exchange.js';
import type { FeeModel } from '../../../../backtest/fees/index.js';
import { Cache } from '../../../../core/cache.js';
import type { Clock } from '../../../../core/clock.js';
import type { Log } from '../../../../core/log.js';
import { sessionOf } from '../../../../data/instrument-session.js';
import { parseInstrumentId } from '../../../../model/identifiers.js';
import { equity, type Instrument, parseFutureSymbol } from '../../../../model/instruments.js';
import type { OrderEvent } from '../../../../model/order-events.js';
import { type TradingDayOf, type UnixMicros, utcDay } from '../../../../model/time.js';

const FUTURES_VENUES: ReadonlySet<string> = new Set(['CME', 'CBOT', 'GLOBEX']);

export class VenueMarkets {
  readonly cache = new Cache();
  private readonly exchanges = new Map<string, SimulatedExchange>();
  private readonly unmatched = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly fees: FeeModel,
    private readonly emit: (event: OrderEvent) => void,
    private readonly log: Log,
  ) {}

  add(instrument: Instrument): void {
    if (this.cache.instrument(instrument.id) === undefined) this.cache.addInstrument(instrument);
  }

  lastPrice(instrumentId: string): number | undefined {
    return this.cache.lastPrice(instrumentId);
  }

  /** The instrument of a bar's instrument id (`ESZ3.CME`, `AAPL.NASDAQ`), or undefined (logged once). */
  instrumentOf(instrumentId: string, time: UnixMicros): Instrument | undefined {
    const known = this.cache.instrument(instrumentId);
    if (known !== undefined) return known;
    if (this.unmatched.has(instrumentId)) return undefined;
    try {
      const { symbol, venue } = parseInstrumentId(instrumentId);
      const instrument = FUTURES_VENUES.has(venue)
        ? parseFutureSymbol(symbol, time)
        : equity({ symbol, venue });
      if (instrument.id !== instrumentId)
        throw new RangeError(`it names ${instrument.id}, a different instrument`);
      this.cache.addInstrument(instrument);
      return instrument;
    } catch (error) {
      this.unmatched.add(instrumentId);
      this.log.warn(
        `ib-gateway-sim: bars of '${instrumentId}' do not drive matching: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  exchangeFor(instrument: Instrument): SimulatedExchange {
    let exchange = this.exchanges.get(instrument.venue);
    if (exchange === undefined) {
      const session = sessionOf(instrument);
      const tradingDay: TradingDayOf = session
        ? (ts) => Date.parse(`${session.sessionDate(ts)}T00:00:00Z`) / 86_400_000
        : utcDay;
      exchange = new SimulatedExchange(
        {
          venue: instrument.venue,
          fill: 'next-open',
          commission: { kind: 'none' },
          fees: this.fees,
          tradingDay,
          session,
        },
        this.clock,
        this.cache,
        this.emit,
        () => true,
      );
      this.exchanges.set(instrument.venue, exchange);
    }
    return exchange;
  }
}
