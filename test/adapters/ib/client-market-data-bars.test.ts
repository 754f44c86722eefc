import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { BarAssembler, type IbBarRow } from '../../../src/adapters/ib/client/bar-assembler.js';
import { IbBarSubscription } from '../../../src/adapters/ib/client/bar-subscription.js';
import { parseIbBarTime } from '../../../src/adapters/ib/client/bar-time.js';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import { type Bar, BarType, barOpenTime } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { microsFromIso } from '../../../src/model/time.js';
import { startSim, until } from './helpers.js';

const { series } = loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' });
const BARS: readonly Bar[] = series.bars.slice(0, 120);
const MINUTE = BarType.of('ESZ3.CME', 1, 'minute');
const ohlcv = (b: Bar) => [b.tsEvent, b.open, b.high, b.low, b.close, b.volume];

interface Harness {
  sim: IbGatewaySimulator;
  conn: IbConnection;
  requests: IbRequests;
  subscription: IbBarSubscription;
  bars: Bar[];
}

let h: Harness | undefined;
afterEach(async () => {
  h?.subscription.stop();
  h?.requests.close();
  await h?.conn.close();
  await h?.sim.stop();
  h = undefined;
});

async function setup(replayed: number, barType = MINUTE, source: readonly Bar[] = BARS): Promise<Harness> {
  const sim = await startSim({ bars: source });
  await sim.replay.step(replayed);
  const conn = new IbConnection({
    port: sim.port,
    clientId: 21,
    connectTimeoutMs: 1000,
    heartbeatIntervalMs: 60_000,
    backoff: { baseMs: 10, maxMs: 20 },
  });
  const requests = new IbRequests(conn, { defaultTimeoutMs: 2000 });
  await conn.connect(2000);
  const contract = await new ContractResolver(requests).resolve('ESZ3');
  const bars: Bar[] = [];
  const subscription = new IbBarSubscription({
    connection: conn,
    requests,
    contract,
    barType,
    onBar: (b) => bars.push(b),
  }).start();
  h = { sim, conn, requests, subscription, bars };
  return h;
}

describe('IbBarSubscription (against the simulator)', () => {
  it('emits every replayed bar once, stamped at its close, as the next bar opens', async () => {
    const { sim, bars } = await setup(20);
    // History: 20 bars; each is complete once a later bar shows up (the 21st opening, if adjacent).
    await until(() => bars.length >= 19, 2000, 'history bars');
    await sim.replay.step(30);
    await until(() => bars.length >= 49, 2000, 'live bars');
    assert.deepEqual(bars.slice(0, 49).map(ohlcv), BARS.slice(0, 49).map(ohlcv));
    assert.ok(bars.every((b) => b.barType === MINUTE));
  });

  it('syncBars closes the last bar once the gateway time reaches its end', async () => {
    const source = BARS.slice(0, 12);
    const { sim, bars, subscription } = await setup(12, MINUTE, source);
    await until(() => bars.length >= 11, 2000, 'history');
    assert.equal(bars.length, 11, 'the last bar is not known complete without the next');
    assert.equal(sim.replay.done, true);
    const closed = await subscription.syncBars();
    assert.deepEqual(closed.map(ohlcv), [ohlcv(source[11])]);
    assert.deepEqual(bars.map(ohlcv), source.map(ohlcv));
    assert.deepEqual(await subscription.syncBars(), [], 'emitted once');
  });

  it('after a reconnect, emits the bars missed during the gap in order and none twice', async () => {
    const { sim, conn, bars } = await setup(10);
    await until(() => bars.length >= 9, 2000, 'history');
    await sim.replay.step(5);
    await until(() => bars.length >= 14, 2000, 'live');
    const reissued = new Promise<void>((resolve) =>
      conn.on((e) => {
        if (e.type === 'resubscribed') resolve();
      }),
    );
    sim.dropAll('test: gap');
    await sim.replay.step(7); // played while nobody listens
    await reissued;
    await until(() => bars.length >= 21, 2000, 'gap bars');
    await sim.replay.step(3);
    await until(() => bars.length >= 24, 2000, 'live again');
    assert.deepEqual(bars.map(ohlcv), BARS.slice(0, bars.length).map(ohlcv));
    assert.equal(new Set(bars.map((b) => b.tsEvent)).size, bars.length, 'no duplicates');
  });

  it('5-minute bars come aggregated by the gateway, stamped at their close', async () => {
    const five = BarType.of('ESZ3.CME', 5, 'minute');
    const { sim, bars } = await setup(30, five);
    await sim.replay.step(40);
    await until(() => bars.length >= 10, 2000, '5-min bars');
    for (const b of bars) {
      assert.equal(b.tsEvent % 300_000_000, 0);
      const members = BARS.filter(
        (x) => barOpenTime(x)! >= b.tsEvent - 300_000_000 && x.tsEvent <= b.tsEvent,
      );
      assert.equal(b.open, members[0].open);
      assert.equal(b.close, members.at(-1)!.close);
      assert.equal(
        b.volume,
        members.reduce((s, m) => s + m.volume, 0),
      );
    }
  });
});

describe('BarAssembler', () => {
  const grid = new Grid(0.25);
  it('emits each completed bar once, in order, whatever the update pattern and re-issues (property)', () => {
    const length = MINUTE.durationMicros;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.boolean()), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.nat(39), { maxLength: 4 }),
        (shape, reissueAt) => {
          // Bars with gaps; each arrives as `parts` partial updates, sometimes followed by the next opening.
          let t = 1_700_000_000_000_000;
          const rows: IbBarRow[] = shape.map(([gap], i) => {
            t += gap * length;
            return {
              time: t,
              open: 4000 + i,
              high: 4001 + i,
              low: 3999 + i,
              close: 4000.25 + i,
              volume: 10 + i,
            };
          });
          const emitted: Bar[] = [];
          const a = new BarAssembler(MINUTE, grid, (b) => emitted.push(b));
          rows.forEach((row, i) => {
            const [, parts, opening] = shape[i];
            for (let p = 1; p <= parts; p++)
              a.update({ ...row, volume: Math.round((row.volume * p) / parts) });
            if (reissueAt.includes(i)) {
              // A re-issue: the pending bar is forgotten and the history repeats everything so far.
              a.resetPending();
              for (const old of rows.slice(0, i + 1)) a.update(old);
            }
            const next = rows[i + 1];
            if (opening && next !== undefined)
              a.update({
                time: next.time,
                open: next.open,
                high: next.open,
                low: next.open,
                close: next.open,
                volume: 0,
              });
          });
          a.closeDue(t + length);
          assert.deepEqual(
            emitted.map((b) => [b.tsEvent, b.volume]),
            rows.map((r) => [r.time + length, r.volume]),
          );
        },
      ),
    );
  });
});

describe('parseIbBarTime', () => {
  it('reads epoch seconds and Chicago / named-zone text', () => {
    assert.equal(parseIbBarTime('1381096800'), microsFromIso('2013-10-06T22:00:00Z'));
    assert.equal(parseIbBarTime('20131006 17:00:00 US/Central'), microsFromIso('2013-10-06T22:00:00Z'));
    assert.equal(parseIbBarTime('20131006 17:00:00'), microsFromIso('2013-10-06T22:00:00Z'));
    assert.equal(parseIbBarTime('20131006 18:00:00 US/Eastern'), microsFromIso('2013-10-06T22:00:00Z'));
    assert.throws(() => parseIbBarTime('yesterday'), /IB bar date 'yesterday'/);
  });
});
