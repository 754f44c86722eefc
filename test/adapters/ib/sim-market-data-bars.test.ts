import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { EventName } from '@stoqey/ib';
import fc from 'fast-check';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { aggregateBars } from '../../../src/adapters/ib/sim/market-data/bar-buckets.js';
import { type Bar, BarType, barOpenTime, bar as makeBar } from '../../../src/model/data.js';
import {
  type ConnectedClient,
  connectClient,
  ESZ3_2013,
  esz3Series,
  once,
  settle,
  startSim,
  until,
} from './helpers.js';

const series = esz3Series();
const BARS: readonly Bar[] = series.bars.slice(0, 400);
const ESZ3 = ESZ3_2013;
const open = (b: Bar): number => barOpenTime(b)!;
const secs = (micros: number): string => String(micros / 1_000_000);

interface Row {
  reqId: number;
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Records historicalData rows (end marker included) and historicalDataUpdate rows of a client. */
function recordBars(client: ConnectedClient): { history: Row[]; updates: Row[] } {
  const rec = { history: [] as Row[], updates: [] as Row[] };
  client.ib.on(EventName.historicalData, (reqId, time, o, h, l, c, v) =>
    rec.history.push({ reqId, time, open: o, high: h, low: l, close: c, volume: Number(v) }),
  );
  client.ib.on(EventName.historicalDataUpdate, (reqId, time, o, h, l, c, v) =>
    rec.updates.push({ reqId, time, open: o, high: h, low: l, close: c, volume: Number(v) }),
  );
  return rec;
}

const asRow = (b: Bar) => ({
  time: secs(open(b)),
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
});
const strip = ({ reqId: _r, ...rest }: Row) => rest;

/** The first index i ≥ from whose bar is followed by an adjacent one (next opens at its close). */
function adjacentFrom(from: number): number {
  let i = from;
  while (open(BARS[i + 1]) !== BARS[i].tsEvent) i++;
  return i;
}

describe('simulator reqHistoricalData', () => {
  let sim: IbGatewaySimulator;
  let client: ConnectedClient;
  before(async () => {
    sim = await startSim({ bars: BARS });
  });
  after(async () => {
    await sim.stop();
  });
  afterEach(() => client?.ib.disconnect());

  it('answers history up to now (open stamps), then keepUpToDate updates: completed bar, then the next opening', async () => {
    const first = adjacentFrom(30);
    await sim.replay.step(first + 1);
    client = await connectClient(sim.port, 11);
    const rec = recordBars(client);
    client.ib.reqHistoricalData(1, ESZ3, '', '1 D', '1 min' as never, 'TRADES' as never, 0, 2, true);
    await until(() => rec.history.some((r) => r.time.startsWith('finished')), 2000, 'history end');
    const rows = rec.history.filter((r) => !r.time.startsWith('finished'));
    assert.deepEqual(rows.map(strip), BARS.slice(0, first + 1).map(asRow));
    // The last history bar is complete and the next is known: its opening update follows.
    await until(() => rec.updates.length === 1, 2000, 'opening update');
    const next = BARS[first + 1];
    assert.deepEqual(strip(rec.updates[0]), {
      time: secs(open(next)),
      open: next.open,
      high: next.open,
      low: next.open,
      close: next.open,
      volume: 0,
    });
    await sim.replay.step();
    await until(() => rec.updates.length >= 2, 2000, 'completed bar update');
    assert.deepEqual(strip(rec.updates[1]), asRow(next));
    if (open(BARS[first + 2]) === next.tsEvent) {
      await until(() => rec.updates.length === 3, 2000, 'next opening');
      assert.equal(rec.updates[2].time, secs(next.tsEvent));
      assert.equal(rec.updates[2].volume, 0);
    }
    const seen = rec.updates.length;
    client.ib.cancelHistoricalData(1);
    const answered = once(client.ib, EventName.currentTime);
    client.ib.reqCurrentTime(); // answered in order: the cancel was handled before it
    await answered;
    await sim.replay.step(2);
    await settle();
    assert.equal(rec.updates.length, seen, 'no update after cancelHistoricalData');
  });

  it('aggregates 5-minute bars from the 1-minute replay and streams the bar in progress', async () => {
    client = await connectClient(sim.port, 12);
    const rec = recordBars(client);
    client.ib.reqHistoricalData(2, ESZ3, '', '3600 S', '5 mins' as never, 'TRADES' as never, 0, 2, true);
    await until(() => rec.history.some((r) => r.time.startsWith('finished')), 2000, 'history end');
    const replayed = BARS.slice(0, sim.replay.count);
    const start = sim.now() - 3_600_000_000;
    const expected = aggregateBars(
      replayed.filter((b) => open(b) >= start),
      300_000_000,
    ).map((b) => ({
      time: secs(b.time),
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    }));
    const rows = rec.history.filter((r) => !r.time.startsWith('finished')).map(strip);
    assert.deepEqual(rows, expected);
    for (const r of rows) assert.equal(Number(r.time) % 300, 0, 'aligned on 5 minutes');
    const before = rec.updates.length;
    await sim.replay.step();
    await until(() => rec.updates.length > before, 2000, 'update');
    const last = rec.updates.filter((u) => u.volume > 0).at(-1)!;
    assert.equal(Number(last.time) % 300, 0);
    client.ib.cancelHistoricalData(2);
  });

  it('formatDate 1 writes Chicago text; an end time bounds the history', async () => {
    client = await connectClient(sim.port, 13);
    const rec = recordBars(client);
    const end = BARS[9].tsEvent; // 10 bars end here
    const endText = new Date(end / 1000).toISOString().replace(/[-]/g, '').replace('T', '-').slice(0, 17);
    client.ib.reqHistoricalData(3, ESZ3, endText, '600 S', '1 min' as never, 'TRADES' as never, 0, 1, false);
    await until(() => rec.history.some((r) => r.time.startsWith('finished')), 2000, 'history end');
    const rows = rec.history.filter((r) => !r.time.startsWith('finished'));
    const expected = BARS.filter((b) => open(b) >= end - 600_000_000 && b.tsEvent <= end);
    assert.equal(rows.length, expected.length);
    assert.match(rows[0].time, /^\d{8} \d{2}:\d{2}:\d{2} US\/Central$/);
    assert.match(rec.history.at(-1)!.time, /^finished-\d{8} \d{2}:\d{2}:\d{2} US\/Central-\d{8} /);
  });

  it('refuses what it cannot build with IB error codes', async () => {
    client = await connectClient(sim.port, 14);
    const ask = (reqId: number, end: string, size: string, what: string, keep: boolean): void => {
      client.ib.reqHistoricalData(reqId, ESZ3, end, '1 D', size as never, what as never, 0, 2, keep);
    };
    ask(10, '', '30 secs', 'TRADES', false);
    ask(11, '', '1 min', 'MIDPOINT', false);
    ask(12, '20131001 10:00:00', '1 min', 'TRADES', true);
    ask(13, '', '7 mins', 'TRADES', false);
    ask(14, '', '1 day', 'TRADES', false);
    client.ib.reqHistoricalData(
      15,
      { ...ESZ3, localSymbol: 'ESZ9' },
      '',
      '1 D',
      '1 min' as never,
      'TRADES' as never,
      0,
      2,
      false,
    );
    await until(() => client.errors.filter((e) => e.reqId >= 10).length === 6, 2000, 'six errors');
    const code = (reqId: number) => client.errors.find((e) => e.reqId === reqId);
    assert.equal(code(10)?.code, 162);
    assert.match(code(10)!.message, /cannot be built from the replayed 60 s bars/);
    assert.equal(code(11)?.code, 162);
    assert.equal(code(12)?.code, 321);
    assert.match(code(12)!.message, /endDateTime/);
    assert.equal(code(13)?.code, 321);
    assert.match(code(13)!.message, /barSizeSetting/);
    assert.equal(code(14)?.code, 162);
    assert.equal(code(15)?.code, 200);
  });
});

describe('aggregateBars', () => {
  const type = BarType.of('ESZ3.CME', 1, 'minute');
  it('keeps open/close, max high, min low and total volume per aligned bucket (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 4000, max: 4100 }),
            fc.nat(20),
            fc.nat(20),
            fc.nat(500),
          ),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.constantFrom(2, 3, 5, 15),
        (steps, k) => {
          let t = 1_700_000_040_000_000;
          const bars = steps.map(([gap, o, up, down, v]) => {
            t += (gap + 1) * 60_000_000;
            return makeBar(type, o * 0.25, (o + up) * 0.25, (o - down) * 0.25, o * 0.25, v, t);
          });
          const length = k * 60_000_000;
          const out = aggregateBars(bars, length);
          assert.equal(
            out.reduce((s, b) => s + b.volume, 0),
            bars.reduce((s, b) => s + b.volume, 0),
          );
          assert.equal(
            out.reduce((s, b) => s + b.sources, 0),
            bars.length,
          );
          for (const b of out) {
            const members = bars.filter((x) => open(x) >= b.time && open(x) < b.time + length);
            assert.equal(b.time % length, 0);
            assert.equal(b.open, members[0].open);
            assert.equal(b.close, members.at(-1)!.close);
            assert.equal(b.high, Math.max(...members.map((m) => m.high)));
            assert.equal(b.low, Math.min(...members.map((m) => m.low)));
          }
        },
      ),
    );
  });
});
