import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type Contract, EventName, SecType, WhatToShow } from '@stoqey/ib';
import fc from 'fast-check';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import {
  REALTIME_BAR_MICROS,
  RealTimeBarBuilder,
} from '../../../src/adapters/ib/sim/market-data/realtime-bar-builder.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import type { MarketData, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { microsFromIso } from '../../../src/model/time.js';
import { type ConnectedClient, connectClient, once, settle, startSim, until } from './helpers.js';

const ESH4: Contract = {
  symbol: 'ES',
  secType: SecType.FUT,
  exchange: 'CME',
  currency: 'USD',
  localSymbol: 'ESH4',
};
const T0 = microsFromIso('2023-12-26T15:00:00Z'); // 09:00 Chicago, a Tuesday

const trade = (ms: number, price: number, size: number): TradeTick => ({
  kind: 'trade',
  instrumentId: 'ESH4.CME',
  price,
  size,
  aggressor: 'buyer',
  tradeId: `t${ms}`,
  tsEvent: T0 + ms * 1000,
  tsInit: T0 + ms * 1000,
});
const quote = (ms: number, bid: number, ask: number): QuoteTick => ({
  kind: 'quote',
  instrumentId: 'ESH4.CME',
  bidPrice: bid,
  askPrice: ask,
  bidSize: 3,
  askSize: 4,
  tsEvent: T0 + ms * 1000,
  tsInit: T0 + ms * 1000,
});

/** Trades in buckets 0, 1, 3 (none in [10 s, 15 s)), the last one at 21 s; quotes alongside. */
const TRADES: readonly TradeTick[] = [
  trade(0, 4780, 2),
  trade(1200, 4781.25, 1),
  trade(4999, 4779.5, 3),
  trade(5000, 4780.75, 5),
  trade(7000, 4782, 1),
  trade(16_000, 4781, 2),
  trade(19_000, 4780.25, 4),
  trade(21_000, 4780.5, 1),
];
const QUOTES: readonly QuoteTick[] = [
  quote(100, 4779.75, 4780),
  quote(3000, 4780, 4780.5),
  quote(6000, 4781, 4781.25),
];
const DATA: readonly MarketData[] = [...TRADES, ...QUOTES].sort((a, b) => a.tsEvent - b.tsEvent);

interface Row {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

/** The direct computation: trades grouped by 5-s bucket (epoch-aligned). */
function expectedBars(trades: readonly TradeTick[]): Row[] {
  const groups = new Map<number, TradeTick[]>();
  for (const t of trades) {
    const open = Math.floor(t.tsEvent / REALTIME_BAR_MICROS) * REALTIME_BAR_MICROS;
    groups.set(open, [...(groups.get(open) ?? []), t]);
  }
  return [...groups].map(([open, ts]) => {
    const volume = ts.reduce((s, t) => s + t.size, 0);
    return {
      time: open / 1_000_000,
      open: ts[0].price,
      high: Math.max(...ts.map((t) => t.price)),
      low: Math.min(...ts.map((t) => t.price)),
      close: ts[ts.length - 1].price,
      volume,
      wap: ts.reduce((s, t) => s + t.price * t.size, 0) / volume,
      count: ts.length,
    };
  });
}

function record(client: ConnectedClient, reqId: number): Row[] {
  const rows: Row[] = [];
  client.ib.on(EventName.realtimeBar, (id, time, open, high, low, close, volume, wap, count) => {
    if (id === reqId)
      rows.push({ time, open, high, low, close, volume: Number(volume), wap: Number(wap), count });
  });
  return rows;
}

let sim: IbGatewaySimulator | undefined;
let client: ConnectedClient | undefined;
afterEach(async () => {
  client?.ib.disconnect();
  await sim?.stop();
  sim = client = undefined;
});

async function setup(data: readonly MarketData[] = DATA): Promise<ConnectedClient> {
  sim = await startSim({ data });
  client = await connectClient(sim.port, 31);
  return client;
}

describe('ib-gateway-sim reqRealTimeBars', () => {
  it('sends each 5-second TRADES bar once data passes its end, stamped at its open; none for a quiet bucket', async () => {
    const c = await setup();
    const rows = record(c, 1);
    c.ib.reqRealTimeBars(1, ESH4, 5, WhatToShow.TRADES, false);
    await settle(50);
    await sim!.replay.step(4); // through the trade at 4.999 s: bucket 0 still open
    await settle(50);
    assert.equal(rows.length, 0);
    await sim!.replay.advanceTo(T0 + 5_000_000); // the trade at 5 s closes bucket 0
    await until(() => rows.length === 1, 2000, 'bucket 0');
    await sim!.replay.step(100);
    // Buckets 0, 1 and 3 (the trade at 21 s keeps bucket 4 open; bucket 2 had no trade).
    const expected = expectedBars(TRADES).slice(0, 3);
    await until(() => rows.length >= expected.length, 2000, 'the bars');
    await settle(50);
    assert.equal(rows.length, expected.length);
    for (const [i, row] of rows.entries()) {
      const { wap, ...rest } = expected[i];
      assert.deepEqual({ ...row, wap: 0 }, { ...rest, wap: 0 });
      assert.ok(Math.abs(row.wap - wap) < 1e-6, `wap ${row.wap} vs ${wap}`);
    }
    assert.deepEqual(
      rows.map((r) => r.time - T0 / 1_000_000),
      [0, 5, 15],
    );
  });

  it('builds MIDPOINT / BID bars from quotes (midpoints on half ticks), and stops after cancelRealTimeBars', async () => {
    const c = await setup();
    const mid = record(c, 2);
    const bid = record(c, 3);
    c.ib.reqRealTimeBars(2, ESH4, 5, WhatToShow.MIDPOINT, false);
    c.ib.reqRealTimeBars(3, ESH4, 5, WhatToShow.BID, false);
    await settle(50);
    await sim!.replay.advanceTo(T0 + 5_000_000);
    await until(() => mid.length === 1 && bid.length === 1, 2000, 'bucket 0');
    assert.deepEqual(
      { ...mid[0], wap: 0 },
      {
        time: T0 / 1e6,
        open: 4779.875,
        high: 4780.25,
        low: 4779.875,
        close: 4780.25,
        volume: 0,
        wap: 0,
        count: -1,
      },
    );
    assert.deepEqual([bid[0].open, bid[0].high, bid[0].low, bid[0].close], [4779.75, 4780, 4779.75, 4780]);
    c.ib.cancelRealTimeBars(2);
    await settle(50);
    await sim!.replay.step(100);
    await until(() => bid.length === 2, 2000, 'bucket 1 of BID');
    await settle(50);
    assert.equal(mid.length, 1, 'no MIDPOINT bar after the cancel');
  });

  it('answers 420 for a bar size other than 5 and for a replay of 1-minute bars only', async () => {
    const c = await setup();
    const error = once<[Error, number, number]>(c.ib, EventName.error);
    c.ib.reqRealTimeBars(4, ESH4, 10, WhatToShow.TRADES, false);
    const [e, code, reqId] = await error;
    assert.deepEqual([code, reqId], [420, 4]);
    assert.match(e.message, /Invalid Real-time Query: barSize: 10 .*5 seconds only/);
    c.ib.disconnect();
    await sim!.stop();

    const { series } = loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' });
    const c2 = await setup(series.bars.slice(0, 5));
    await sim!.replay.step(2);
    const error2 = once<[Error, number, number]>(c2.ib, EventName.error);
    c2.ib.reqRealTimeBars(5, { ...ESH4, localSymbol: 'ESZ3' }, 5, WhatToShow.TRADES, false);
    const [e2, code2] = await error2;
    assert.equal(code2, 420);
    assert.match(e2.message, /only 60 s bars of ESZ3; 5-second TRADES bars need replayed trades/);
  });
});

describe('RealTimeBarBuilder', () => {
  it('equals the direct 5-second aggregation of any time-ordered trades (property)', () => {
    const trades = fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 3000 }),
          fc.integer({ min: 0, max: 40 }),
          fc.integer({ min: 1, max: 9 }),
        ),
        {
          minLength: 1,
          maxLength: 60,
        },
      )
      .map((steps) => {
        let ms = 0;
        return steps.map(([gap, ticks, size]) => {
          ms += gap;
          return trade(ms, 4700 + ticks * 0.25, size);
        });
      });
    fc.assert(
      fc.property(trades, (ts) => {
        const builder = new RealTimeBarBuilder();
        const got: Row[] = [];
        const take = (b: ReturnType<RealTimeBarBuilder['add']>): void => {
          if (b !== undefined) got.push({ ...b, time: b.time / 1e6 });
        };
        for (const t of ts) {
          take(builder.closeDue(t.tsEvent));
          take(
            builder.add({
              time: t.tsEvent,
              open: t.price,
              high: t.price,
              low: t.price,
              close: t.price,
              volume: t.size,
              trades: 1,
            }),
          );
        }
        take(builder.closeDue(Number.MAX_SAFE_INTEGER));
        const want = expectedBars(ts);
        assert.equal(got.length, want.length);
        for (const [i, b] of got.entries()) {
          assert.deepEqual({ ...b, wap: 0 }, { ...want[i], wap: 0 });
          assert.ok(Math.abs(b.wap - want[i].wap) < 1e-9);
        }
      }),
    );
  });
});
