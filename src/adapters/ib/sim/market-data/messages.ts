/**
 * Server → client market-data messages at server versions 164–176 (research notes A.4). Prices are
 * written from grid values (`Grid.round`), so no float noise reaches the wire.
 */
import { FieldWriter } from '../../protocol/fields.js';
import { OutgoingMessageId } from '../../protocol/message-ids.js';
import type { IbBar } from './bar-buckets.js';
import type { RealTimeBar } from './realtime-bar-builder.js';

/** `historicalData`: `17|reqId|start|end|n|{date|open|high|low|close|volume|wap|barCount}…` (≥124: no version). */
export function historicalDataMessage(
  reqId: number,
  start: string,
  end: string,
  bars: readonly { readonly date: string; readonly bar: IbBar }[],
): string[] {
  const w = new FieldWriter()
    .int(OutgoingMessageId.HISTORICAL_DATA)
    .int(reqId)
    .str(start)
    .str(end)
    .int(bars.length);
  for (const { date, bar } of bars)
    w.str(date)
      .double(bar.open)
      .double(bar.high)
      .double(bar.low)
      .double(bar.close)
      .decimal(bar.volume)
      .decimal(bar.close) // WAP: the source bars carry none; the close stands in
      .int(bar.sources === 0 ? 0 : -1); // trade count unknown
  return w.toFields();
}

/** `historicalDataUpdate`: `90|reqId|barCount|date|open|close|high|low|wap|volume` (close before high). */
export function historicalDataUpdateMessage(reqId: number, date: string, bar: IbBar): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.HISTORICAL_DATA_UPDATE)
    .int(reqId)
    .int(bar.sources === 0 ? 0 : -1)
    .str(date)
    .double(bar.open)
    .double(bar.close)
    .double(bar.high)
    .double(bar.low)
    .decimal(bar.close)
    .decimal(bar.volume)
    .toFields();
}

/** IB tick types the simulator sends. */
export const TickField = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  VOLUME: 8,
} as const;

/** `tickPrice`: `1|6|reqId|tickType|price|size|attrMask` (the client derives the size tick of 1/2/4). */
export function tickPriceMessage(reqId: number, tickType: number, price: number, size: number): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.TICK_PRICE)
    .int(6)
    .int(reqId)
    .int(tickType)
    .double(price)
    .decimal(size)
    .int(0)
    .toFields();
}

/** `tickSize`: `2|6|reqId|tickType|size`. */
export function tickSizeMessage(reqId: number, tickType: number, size: number): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.TICK_SIZE)
    .int(6)
    .int(reqId)
    .int(tickType)
    .decimal(size)
    .toFields();
}

/** `tickReqParams`: `81|reqId|minTick|bboExchange|snapshotPermissions`. */
export function tickReqParamsMessage(reqId: number, minTick: number, bboExchange: string): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.TICK_REQ_PARAMS)
    .int(reqId)
    .double(minTick)
    .str(bboExchange)
    .int(3)
    .toFields();
}

/** `tickSnapshotEnd`: `57|1|reqId`. */
export function tickSnapshotEndMessage(reqId: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.TICK_SNAPSHOT_END).int(1).int(reqId).toFields();
}

/** `tickByTick` Last (1) / AllLast (2): `99|reqId|type|epochSec|price|size|mask|exchange|specialConditions`. */
export function tickByTickTradeMessage(
  reqId: number,
  type: 1 | 2,
  epochSeconds: number,
  price: number,
  size: number,
  exchange: string,
): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.TICK_BY_TICK)
    .int(reqId)
    .int(type)
    .int(epochSeconds)
    .double(price)
    .decimal(size)
    .int(0)
    .str(exchange)
    .str('')
    .toFields();
}

/** `tickByTick` BidAsk (3): `99|reqId|3|epochSec|bid|ask|bidSize|askSize|mask`. */
export function tickByTickBidAskMessage(
  reqId: number,
  epochSeconds: number,
  quote: { bidPrice: number; askPrice: number; bidSize: number; askSize: number },
): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.TICK_BY_TICK)
    .int(reqId)
    .int(3)
    .int(epochSeconds)
    .double(quote.bidPrice)
    .double(quote.askPrice)
    .decimal(quote.bidSize)
    .decimal(quote.askSize)
    .int(0)
    .toFields();
}

/** `updateMktDepth`: `12|1|reqId|position|operation(0 insert,1 update,2 delete)|side(0 ask,1 bid)|price|size`. */
export function updateMktDepthMessage(
  reqId: number,
  position: number,
  operation: 0 | 1 | 2,
  side: 0 | 1,
  price: number,
  size: number,
): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.MARKET_DEPTH)
    .int(1)
    .int(reqId)
    .int(position)
    .int(operation)
    .int(side)
    .double(price)
    .decimal(size)
    .toFields();
}

/** `realtimeBar`: `50|3|reqId|epochSec(open)|open|high|low|close|volume|wap|count`. */
export function realtimeBarMessage(reqId: number, bar: RealTimeBar): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.REAL_TIME_BARS)
    .int(3)
    .int(reqId)
    .int(Math.floor(bar.time / 1_000_000))
    .double(bar.open)
    .double(bar.high)
    .double(bar.low)
    .double(bar.close)
    .decimal(bar.volume)
    .decimal(bar.wap)
    .int(bar.count)
    .toFields();
}
