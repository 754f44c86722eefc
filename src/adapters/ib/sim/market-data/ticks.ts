/**
 * Top of book and tick-by-tick streams from replayed quotes and trades (or those a book feed
 * derives): `reqMktData` gets tickReqParams, the current state, then tickPrice/tickSize on every
 * change; `reqTickByTickData` gets one `tickByTick` per replayed trade (Last/AllLast) or quote
 * (BidAsk). A snapshot request gets the current state and tickSnapshotEnd.
 */
import type { QuoteTick, TradeTick } from '../../../../model/data.js';
import type { InstrumentId } from '../../../../model/identifiers.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import {
  TickField,
  tickByTickBidAskMessage,
  tickByTickTradeMessage,
  tickPriceMessage,
  tickReqParamsMessage,
  tickSizeMessage,
  tickSnapshotEndMessage,
} from './messages.js';
import type { MarketDataTarget } from './target.js';

export type TickByTickType = 'Last' | 'AllLast' | 'BidAsk';
export const TICK_BY_TICK_TYPES: readonly TickByTickType[] = ['Last', 'AllLast', 'BidAsk'];

interface TopState {
  quote?: QuoteTick;
  last?: TradeTick;
  volume: number;
}

interface TickSub {
  readonly c: SimConnection;
  readonly reqId: number;
  readonly target: MarketDataTarget;
  /** undefined: reqMktData; else the tick-by-tick type. */
  readonly tickByTick?: TickByTickType;
}

const seconds = (micros: number): number => Math.floor(micros / 1_000_000);

export class TickStreams {
  private readonly state = new Map<InstrumentId, TopState>();
  private readonly subs = new Map<string, TickSub>();

  constructor(private readonly sim: SimServer) {}

  /** reqMktData: params, the current state, then live changes (unless a snapshot). */
  requestMktData(c: SimConnection, reqId: number, target: MarketDataTarget, snapshot: boolean): void {
    this.sim.send(c, tickReqParamsMessage(reqId, target.contract.minTick, target.contract.exchange));
    const top = this.state.get(target.instrument.id);
    if (top?.quote !== undefined) this.sendQuote(c, reqId, top.quote, undefined);
    if (top?.last !== undefined) this.sendTrade(c, reqId, top.last, top.volume);
    if (snapshot) this.sim.send(c, tickSnapshotEndMessage(reqId));
    else this.subs.set(subKey(c, 'mkt', reqId), { c, reqId, target });
  }

  requestTickByTick(c: SimConnection, reqId: number, target: MarketDataTarget, type: TickByTickType): void {
    this.subs.set(subKey(c, 'tbt', reqId), { c, reqId, target, tickByTick: type });
  }

  cancelMktData(c: SimConnection, reqId: number): void {
    this.subs.delete(subKey(c, 'mkt', reqId));
  }

  cancelTickByTick(c: SimConnection, reqId: number): void {
    this.subs.delete(subKey(c, 'tbt', reqId));
  }

  dropConnection(c: SimConnection): void {
    for (const [key, sub] of this.subs) if (sub.c === c) this.subs.delete(key);
  }

  onQuote(quote: QuoteTick): void {
    const top = this.top(quote.instrumentId);
    const previous = top.quote;
    top.quote = quote;
    for (const sub of this.subsOf(quote.instrumentId)) {
      if (sub.tickByTick === undefined) this.sendQuote(sub.c, sub.reqId, quote, previous);
      else if (sub.tickByTick === 'BidAsk')
        this.sim.send(sub.c, tickByTickBidAskMessage(sub.reqId, seconds(quote.tsEvent), quote));
    }
  }

  onTrade(trade: TradeTick): void {
    const top = this.top(trade.instrumentId);
    top.last = trade;
    top.volume += trade.size;
    for (const sub of this.subsOf(trade.instrumentId)) {
      if (sub.tickByTick === undefined) this.sendTrade(sub.c, sub.reqId, trade, top.volume);
      else if (sub.tickByTick !== 'BidAsk')
        this.sim.send(
          sub.c,
          tickByTickTradeMessage(
            sub.reqId,
            sub.tickByTick === 'Last' ? 1 : 2,
            seconds(trade.tsEvent),
            trade.price,
            trade.size,
            sub.target.contract.exchange,
          ),
        );
    }
  }

  /** The changed sides of a quote (all of it when there is no previous one). */
  private sendQuote(c: SimConnection, reqId: number, q: QuoteTick, previous: QuoteTick | undefined): void {
    if (previous === undefined || previous.bidPrice !== q.bidPrice)
      this.sim.send(c, tickPriceMessage(reqId, TickField.BID, q.bidPrice, q.bidSize));
    // @stoqey/ib derives no BID_SIZE from a BID tickPrice (its BID_SIZE is 0, falsy): always explicit.
    if (previous === undefined || previous.bidPrice !== q.bidPrice || previous.bidSize !== q.bidSize)
      this.sim.send(c, tickSizeMessage(reqId, TickField.BID_SIZE, q.bidSize));
    if (previous === undefined || previous.askPrice !== q.askPrice)
      this.sim.send(c, tickPriceMessage(reqId, TickField.ASK, q.askPrice, q.askSize));
    else if (previous.askSize !== q.askSize)
      this.sim.send(c, tickSizeMessage(reqId, TickField.ASK_SIZE, q.askSize));
  }

  private sendTrade(c: SimConnection, reqId: number, t: TradeTick, volume: number): void {
    this.sim.send(c, tickPriceMessage(reqId, TickField.LAST, t.price, t.size));
    this.sim.send(c, tickSizeMessage(reqId, TickField.VOLUME, volume));
  }

  private top(id: InstrumentId): TopState {
    let top = this.state.get(id);
    if (top === undefined) {
      top = { volume: 0 };
      this.state.set(id, top);
    }
    return top;
  }

  private *subsOf(id: InstrumentId): Iterable<TickSub> {
    for (const [key, sub] of this.subs) {
      if (sub.target.instrument.id !== id) continue;
      if (sub.c.socket.destroyed) this.subs.delete(key);
      else yield sub;
    }
  }
}

function subKey(c: SimConnection, kind: string, reqId: number): string {
  return `${c.id}:${kind}:${reqId}`;
}
