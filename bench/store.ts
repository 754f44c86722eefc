/**
 * `bench:store`: persisted order events per second with persist-before-act kept: `producers`
 * concurrent writers each append an order event through the OrderJournal and await its commit
 * before issuing the next one (many appends in flight, none acknowledged before it is durable).
 * Measured with group commit (`batched`, up to 1000 entries per transaction) and without it
 * (`unbatched`, one transaction per event), on PostgreSQL (BOURSE_BENCH_DATABASE_URL, default the
 * local postgres://postgres@127.0.0.1:5432/test, in a scratch schema dropped at the end) when it is
 * reachable, and on PGlite (a temp data directory). Median of `runs`; the last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { OrderEvent } from '../src/model/order-events.js';
import { openStore, type Store, type StoreOptions } from '../src/store/index.js';
import { median, rates } from './stats.js';

const RUNS = 5;
const PRODUCERS = 500;
const BATCHED_EVENTS = 50_000;
const UNBATCHED_EVENTS = 3_000;

let runId = 0;

/** One run: `events` appends spread over `PRODUCERS` writers; returns events/s and the transactions used. */
async function run(
  store: Store,
  events: number,
  maxBatch: number,
): Promise<{ perSecond: number; transactions: number }> {
  const journal = store.createJournal({ maxBatch });
  runId++;
  const perProducer = Math.ceil(events / PRODUCERS);
  const start = performance.now();
  const producers = Array.from({ length: PRODUCERS }, async (_, p) => {
    const ids = { clientOrderId: `B-${runId}-${p}`, strategyId: 'BENCH', instrumentId: 'ESZ5.CME' };
    for (let i = 0; i < perProducer; i++) {
      const ts = 1_700_000_000_000_000 + i;
      const event: OrderEvent =
        i % 3 === 0
          ? { kind: 'submitted', ...ids, tsEvent: ts, tsInit: ts }
          : i % 3 === 1
            ? { kind: 'accepted', ...ids, venueOrderId: `V-${p}-${i}`, tsEvent: ts, tsInit: ts + 1 }
            : {
                kind: 'filled',
                ...ids,
                venueOrderId: `V-${p}-${i}`,
                tradeId: `T-${runId}-${p}-${i}`,
                side: 'buy',
                lastQuantity: 1,
                lastPrice: 5000.25,
                commission: 2.1,
                liquidity: 'taker',
                tsEvent: ts,
                tsInit: ts + 1,
              };
      await journal.append(event); // persist before act: nothing proceeds before the commit
    }
  });
  await Promise.all(producers);
  const seconds = (performance.now() - start) / 1000;
  const { transactions } = journal.stats();
  await journal.close();
  return { perSecond: (perProducer * PRODUCERS) / seconds, transactions };
}

async function measure(label: string, open: () => Promise<Store>) {
  const store = await open();
  try {
    await run(store, 5_000, 1000); // warm-up
    const batched: number[] = [];
    const transactions: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const result = await run(store, BATCHED_EVENTS, 1000);
      batched.push(result.perSecond);
      transactions.push(result.transactions);
      console.error(
        `${label} batched run ${r + 1}: ${Math.round(result.perSecond)} events/s in ${result.transactions} transactions`,
      );
    }
    const unbatched: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const result = await run(store, UNBATCHED_EVENTS, 1);
      unbatched.push(result.perSecond);
      console.error(`${label} unbatched run ${r + 1}: ${Math.round(result.perSecond)} events/s`);
    }
    return {
      batchedEventsPerSecond: rates(batched),
      unbatchedEventsPerSecond: rates(unbatched),
      batchedEvents: BATCHED_EVENTS,
      batchedTransactionsMedian: median(transactions),
      unbatchedEvents: UNBATCHED_EVENTS,
    };
  } finally {
    await store.close();
  }
}

async function main() {
  const url = process.env.BOURSE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_store_${process.pid}`;
  let postgres: Awaited<ReturnType<typeof measure>> | { skipped: string };
  const pgOptions: StoreOptions = { kind: 'postgres', url, schema };
  try {
    await openStore(pgOptions).then((s) => s.close());
    try {
      postgres = await measure('postgres', () => openStore(pgOptions));
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  } catch (error) {
    postgres = {
      skipped: `PostgreSQL not reachable: ${error instanceof Error ? error.message : String(error)}`,
    };
    console.error(postgres.skipped);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-store-'));
  let pglite: Awaited<ReturnType<typeof measure>>;
  try {
    pglite = await measure('pglite', () => openStore({ kind: 'pglite', dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify({
      bench: 'store',
      node: process.version,
      cpus: cpus().length,
      runs: RUNS,
      producers: PRODUCERS,
      maxBatch: 1000,
      postgres,
      pglite,
    }),
  );
}

await main();
