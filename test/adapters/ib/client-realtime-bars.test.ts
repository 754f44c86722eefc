import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import { IbRealTimeBars, resampleRealTimeBars } from '../../../src/adapters/ib/client/realtime-bars.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import type { AggregatedBar } from '../../../src/data/aggregation/index.js';
import { type Bar, BarType, type TradeTick } from '../../../src/model/data.js';
import { microsFromIso } from '../../../src/model/time.js';
import { settle, startSim, until } from './helpers.js';

const T0 = microsFromIso('2023-12-26T15:00:00Z');
const SECOND = 1_000_000;

/** Deterministic trades over 150 s, on the 0.25 grid, with quiet stretches (no trade in some 5 s). */
const TRADES: readonly TradeTick[] = (() => {
  const out: TradeTick[] = [];
  let seed = 7;
  let ms = 0;
  let ticks = 0;
  while (ms < 150_000) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    ms += 300 + (seed % 2400) + (seed % 11 === 0 ? 9000 : 0);
    ticks += (seed % 5) - 2;
    out.push({
      kind: 'trade',
      instrumentId: 'ESH4.CME',
      price: 4780 + ticks * 0.25,
      size: 1 + (seed % 4),
      aggressor: 'buyer',
      tradeId: `t${out.length}`,
      tsEvent: T0 + ms * 1000,
      tsInit: T0 + ms * 1000,
    });
  }
  return out;
})();

/** [close time, open, high, low, close, volume] of the trades grouped into `length` buckets. */
function direct(trades: readonly TradeTick[], length: number): number[][] {
  const groups = new Map<number, TradeTick[]>();
  for (const t of trades) {
    const open = Math.floor(t.tsEvent / length) * length;
    groups.set(open, [...(groups.get(open) ?? []), t]);
  }
  return [...groups].map(([open, ts]) => [
    open + length,
    ts[0].price,
    Math.max(...ts.map((t) => t.price)),
    Math.min(...ts.map((t) => t.price)),
    ts[ts.length - 1].price,
    ts.reduce((s, t) => s + t.size, 0),
  ]);
}
const ohlcv = (b: Bar): number[] => [b.tsEvent, b.open, b.high, b.low, b.close, b.volume];

interface Harness {
  sim: IbGatewaySimulator;
  conn: IbConnection;
  requests: IbRequests;
  bars: IbRealTimeBars;
  received: Bar[];
}

let h: Harness | undefined;
afterEach(async () => {
  h?.bars.stop();
  h?.requests.close();
  await h?.conn.close();
  await h?.sim.stop();
  h = undefined;
});

async function setup(onBar?: (bar: Bar) => void): Promise<Harness> {
  const sim = await startSim({ data: TRADES });
  const conn = new IbConnection({
    port: sim.port,
    clientId: 41,
    connectTimeoutMs: 1000,
    heartbeatIntervalMs: 60_000,
    backoff: { baseMs: 10, maxMs: 20 },
  });
  const requests = new IbRequests(conn, { defaultTimeoutMs: 2000 });
  await conn.connect(2000);
  const contract = await new ContractResolver(requests).resolve('ESH4');
  const received: Bar[] = [];
  const bars = new IbRealTimeBars({
    connection: conn,
    requests,
    contract,
    onBar: (b) => {
      received.push(b);
      onBar?.(b);
    },
  }).start();
  h = { sim, conn, requests, bars, received };
  await settle(50);
  return h;
}

describe('IbRealTimeBars (against the simulator)', () => {
  it('emits every completed 5-second bar once, stamped at its close, on the tick grid', async () => {
    const { sim, received, bars } = await setup();
    await sim.replay.step(TRADES.length);
    const expected = direct(TRADES, 5 * SECOND).slice(0, -1); // the last bucket never completes
    await until(() => received.length >= expected.length, 2000, '5-s bars');
    await settle(50);
    assert.deepEqual(received.map(ohlcv), expected);
    assert.ok(
      received.every((b) => b.barType === bars.barType && bars.barType.key === 'ESH4.CME-5-SECOND-LAST'),
    );
    assert.ok(expected.length < 150 / 5, 'some 5-s buckets had no trade (and no bar)');
  });

  it('is re-issued after a reconnect (new request id) without emitting a bar twice', async () => {
    const { sim, conn, received, bars } = await setup();
    await sim.replay.step(20);
    await until(() => received.length >= 3, 2000, 'first bars');
    const firstReqId = bars.reqId;
    sim.dropAll('test: drop');
    await until(() => bars.reqId !== firstReqId && conn.ready, 3000, 're-issue');
    await settle(50);
    await sim.replay.step(TRADES.length);
    const expected = direct(TRADES, 5 * SECOND).slice(0, -1);
    await until(() => received.length >= expected.length, 2000, 'all bars');
    await settle(50);
    assert.deepEqual(received.map(ohlcv), expected);
  });

  it('feeds the kernel BarResampler: 1-minute bars aligned, stamped at their close, emitted once complete', async () => {
    const minute = BarType.of('ESH4.CME', 1, 'minute');
    const minutes: AggregatedBar[] = [];
    const source = BarType.of('ESH4.CME', 5, 'second');
    const resampler = resampleRealTimeBars(source, minute, (b) => minutes.push(b));
    const { sim, received } = await setup((b) => resampler.handleBar(b));
    await sim.replay.step(TRADES.length);
    const fiveSecond = direct(TRADES, 5 * SECOND).slice(0, -1);
    await until(() => received.length >= fiveSecond.length, 2000, '5-s bars');
    // The minutes whose end was passed by a later 5-s bar are complete: [T0, +60 s), [+60 s, +120 s).
    const expected = direct(
      TRADES.filter((t) => t.tsEvent < T0 + 120 * SECOND),
      60 * SECOND,
    );
    assert.deepEqual(minutes.map(ohlcv), expected);
    assert.deepEqual(
      minutes.map((b) => [b.tsOpen, b.tsEvent - b.tsOpen]),
      expected.map(([close]) => [close - 60 * SECOND, 60 * SECOND]),
    );
    assert.throws(
      () => resampleRealTimeBars(source, BarType.of('ESH4.CME', 7, 'second'), () => {}),
      /multiple/,
    );
  });
});
