import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { EventName, type IBApi, SecType } from '@stoqey/ib';
import fc from 'fast-check';
import { type BackfillProgress, backfillBars } from '../../../src/adapters/ib/client/backfill.js';
import { backfillChunks, maxRequestSpanMicros } from '../../../src/adapters/ib/client/backfill-chunks.js';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import { Catalog } from '../../../src/catalog/index.js';
import { type Bar, BarType, bar } from '../../../src/model/data.js';
import { microsFromIso } from '../../../src/model/time.js';
import { type ConnectedClient, connectClient, startSim, until } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-backfill-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

const { series } = loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' });
const MINUTE_BARS: readonly Bar[] = series.bars.slice(0, 3000); // about two and a half days
const MINUTE = BarType.of('ESZ3.CME', 1, 'minute');
const FIVE_SECONDS = BarType.of('ESZ3.CME', 5, 'second');

/** 8 hours of 5-second bars (a deterministic walk on the 0.25 grid). */
const SMALL_BARS: readonly Bar[] = (() => {
  const start = microsFromIso('2013-11-05T14:30:00Z');
  const out: Bar[] = [];
  let price = 1750;
  for (let i = 0; i < (8 * 3600) / 5; i++) {
    const open = price;
    price += (((i * 7919) % 5) - 2) * 0.25;
    out.push(
      bar(
        FIVE_SECONDS,
        open,
        Math.max(open, price) + 0.25,
        Math.min(open, price),
        price,
        1 + (i % 9),
        start + (i + 1) * 5_000_000,
      ),
    );
  }
  return out;
})();

const ohlcv = (b: Bar): number[] => [b.tsEvent, b.open, b.high, b.low, b.close, b.volume];

async function stored(catalog: Catalog, barType: BarType): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const batch of catalog.queryBars(barType)) out.push(...batch);
  return out;
}

interface Harness {
  sim: IbGatewaySimulator;
  conn: IbConnection;
  requests: IbRequests;
  catalog: Catalog;
  errors: number[];
}
let h: Harness | undefined;
afterEach(async () => {
  h?.requests.close();
  await h?.conn.close();
  await h?.sim.stop();
  h?.catalog.close();
  h = undefined;
});

async function setup(source: readonly Bar[]): Promise<Harness> {
  const sim = await startSim({ bars: source });
  await sim.replay.step(source.length);
  const conn = new IbConnection({
    port: sim.port,
    clientId: 51,
    connectTimeoutMs: 1000,
    heartbeatIntervalMs: 60_000,
    // Default pacing: its windows carry a margin (PACING_MARGIN_MS) for send/arrival jitter.
  });
  const errors: number[] = [];
  conn.onApi((api) => api.on(EventName.error, (_e: Error, code: number) => errors.push(code)));
  const requests = new IbRequests(conn, { defaultTimeoutMs: 5000 });
  await conn.connect(2000);
  const catalog = await Catalog.open(join(root, `c${dirs++}`));
  h = { sim, conn, requests, catalog, errors };
  return h;
}

const run = async (
  x: Harness,
  barType: BarType,
  from: number,
  to: number,
  progress: BackfillProgress[] = [],
): ReturnType<typeof backfillBars> =>
  backfillBars({
    connection: x.conn,
    requests: x.requests,
    contract: await new ContractResolver(x.requests).resolve('ESZ3'),
    barType,
    from,
    to,
    catalog: x.catalog,
    onProgress: (p) => progress.push(p),
  });

describe('backfillBars (against the simulator)', () => {
  it('fills the catalog with every bar of [from, to), stamped at close, in 1-day requests, with progress', async () => {
    const x = await setup(MINUTE_BARS);
    const from = MINUTE_BARS[0].tsEvent - 60_000_000;
    const to = MINUTE_BARS.at(-1)!.tsEvent;
    const progress: BackfillProgress[] = [];
    const result = await run(x, MINUTE, from, to, progress);
    const days = Math.ceil((to - from) / 86_400_000_000);
    assert.equal(result.requests, days);
    assert.equal(result.appended, MINUTE_BARS.length);
    assert.deepEqual((await stored(x.catalog, MINUTE)).map(ohlcv), MINUTE_BARS.map(ohlcv));
    assert.deepEqual(
      progress.map((p) => [p.done, p.total]),
      Array.from({ length: days }, (_, i) => [i + 1, days]),
    );
    assert.equal(progress.at(-1)!.bars, MINUTE_BARS.length);
    assert.ok(progress.every((p, i) => i === 0 || p.bars >= progress[i - 1].bars));
    assert.ok(x.catalog.instrument('ESZ3.CME') !== undefined, 'the instrument is saved with the bars');
  });

  it('resumes: a second run appends only what is missing, a third nothing', async () => {
    const x = await setup(MINUTE_BARS);
    const from = MINUTE_BARS[0].tsEvent - 60_000_000;
    const to = MINUTE_BARS.at(-1)!.tsEvent;
    const middle = MINUTE_BARS[1234].tsEvent;
    const first = await run(x, MINUTE, from, middle);
    assert.equal(first.appended, 1235);
    const second = await run(x, MINUTE, from, to);
    assert.equal(second.from, middle, 'starts after what the catalog holds');
    assert.equal(second.appended, MINUTE_BARS.length - 1235);
    const third = await run(x, MINUTE, from, to);
    assert.deepEqual([third.requests, third.appended], [0, 0]);
    assert.deepEqual((await stored(x.catalog, MINUTE)).map(ohlcv), MINUTE_BARS.map(ohlcv));
  });

  it('never triggers 162 under the simulator pacing enforcement (5-second bars, 8 one-hour requests)', async () => {
    const x = await setup(SMALL_BARS);
    const from = SMALL_BARS[0].tsEvent - 5_000_000;
    const to = SMALL_BARS.at(-1)!.tsEvent;
    const started = Date.now();
    const result = await run(x, FIVE_SECONDS, from, to);
    assert.deepEqual([result.requests, result.retried], [8, 0]);
    assert.deepEqual(
      x.errors.filter((c) => c === 162),
      [],
    );
    assert.ok(Date.now() - started >= 1900, 'the 6th request for the contract waited for the 2-s window');
    assert.deepEqual((await stored(x.catalog, FIVE_SECONDS)).map(ohlcv), SMALL_BARS.map(ohlcv));
  });
});

describe('the simulator enforcing historical pacing on a raw client', () => {
  let sim: IbGatewaySimulator | undefined;
  let client: ConnectedClient | undefined;
  afterEach(async () => {
    client?.ib.disconnect();
    await sim?.stop();
  });

  const ask = (ib: IBApi, reqId: number, end: string): void => {
    ib.reqHistoricalData(
      reqId,
      { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', localSymbol: 'ESZ3' },
      end,
      '3600 S',
      '5 secs' as Parameters<IBApi['reqHistoricalData']>[4],
      'TRADES' as Parameters<IBApi['reqHistoricalData']>[5],
      0,
      2,
      false,
    );
  };

  it('answers 162 with the pacing text to the 6th request for one contract within 2 s and to an identical one', async () => {
    sim = await startSim({ bars: SMALL_BARS });
    await sim.replay.step(SMALL_BARS.length);
    client = await connectClient(sim.port, 52);
    for (let i = 0; i < 6; i++) ask(client.ib, 100 + i, `20131105-${15 + i}:00:00`);
    await until(() => client!.errors.some((e) => e.code === 162), 2000, 'a 162');
    assert.deepEqual(
      client.errors.map((e) => [e.code, e.reqId]),
      [[162, 105]],
    );
    assert.match(client.errors[0].message, /Historical data request pacing violation/);
    client.ib.disconnect();
    await sim.stop();

    sim = await startSim({ bars: SMALL_BARS });
    await sim.replay.step(SMALL_BARS.length);
    client = await connectClient(sim.port, 53);
    ask(client.ib, 200, '20131105-16:00:00');
    ask(client.ib, 201, '20131105-16:00:00');
    await until(() => client!.errors.length > 0, 2000, 'a 162');
    assert.deepEqual(
      client.errors.map((e) => [e.code, e.reqId]),
      [[162, 201]],
    );
  });

  it('lets the same burst through with pacing: false', async () => {
    sim = await startSim({ bars: SMALL_BARS, pacing: false });
    await sim.replay.step(SMALL_BARS.length);
    client = await connectClient(sim.port, 54);
    let answered = 0;
    client.ib.on(EventName.historicalData, (_id: number, time: string) => {
      if (time.startsWith('finished')) answered++;
    });
    for (let i = 0; i < 7; i++) ask(client.ib, 300 + i, '20131105-16:00:00');
    await until(() => answered === 7, 2000, 'seven answers');
    assert.deepEqual(client.errors, []);
  });
});

describe('backfillChunks', () => {
  it('covers [from, to) exactly once with requests IB accepts (property)', () => {
    const sizes = [1, 5, 10, 15, 30, 60, 120, 180, 300, 900, 1800, 3600, 28_800].map((s) => s * 1_000_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 90 * 86_400 }),
        fc.constantFrom(...sizes),
        (fromS, lengthS, barMicros) => {
          const from = fromS * 1_000_000;
          const to = from + lengthS * 1_000_000;
          const chunks = backfillChunks(from, to, barMicros);
          assert.equal(chunks[0].start, from);
          assert.equal(chunks.at(-1)!.end, to);
          for (const [i, c] of chunks.entries()) {
            assert.ok(c.start < c.end && c.end - c.start <= maxRequestSpanMicros(barMicros));
            if (i > 0) assert.equal(c.start, chunks[i - 1].end, 'adjacent: no gap, no overlap');
            const [n, unit] = c.duration.split(' ');
            const covered = Number(n) * (unit === 'S' ? 1 : 86_400) * 1_000_000;
            assert.ok(covered >= c.end - c.start, `duration ${c.duration} covers the chunk`);
          }
        },
      ),
    );
  });
});
