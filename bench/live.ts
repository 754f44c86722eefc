/**
 * `bench:live`: tick-to-order latency inside the live node. The IB Gateway simulator replays the
 * real ESH4 MBO book (data/esh4-mbo-20231225.csv.gz) from the 23:00 UTC reopen on loopback; the
 * node, on the IB adapter's quote feed and execution (real @stoqey/ib client), runs a strategy that
 * answers every quote with an order command (bench/live-strategy.ts). A sample is the time from the
 * decoded quote reaching the node to the node handing the answering command to the broker's
 * execution client, journal commit included (bench/live-probe.ts): the socket is outside it.
 *
 * Journal variants, interleaved run by run: an in-memory SessionJournal (the kernel + adapter path
 * without a database), the store journal on embedded PGlite, and on PostgreSQL
 * (BOURSE_BENCH_DATABASE_URL, default the local postgres://postgres@127.0.0.1:5432/test, a scratch
 * schema per run) when reachable. Each run is a fresh simulator, node and store over the same
 * quotes; the first `--warmup` samples of each are dropped, and one untimed session runs first.
 * Figures are medians over `--runs`; the last line is one JSON object.
 *
 *   npm run bench:live -- --runs 5 --quotes 1000 --warmup 100 --kind tick-by-tick --only memory,pglite
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { IbQuoteFeedKind } from '../src/adapters/ib/live/index.js';
import { BookFeed, bookEvents, readMboCsv } from '../src/data/book/index.js';
import { storeJournal } from '../src/live/store-journal.js';
import type { OrderBookEvent } from '../src/model/data.js';
import { Grid } from '../src/model/grid.js';
import type { Instrument } from '../src/model/instruments.js';
import { microsFromIso } from '../src/model/time.js';
import { openStore, type StoreOptions } from '../src/store/index.js';
import { MemorySessionJournal, quantile } from './live-probe.js';
import { type OpenedJournal, runSession, type SessionResult } from './live-session.js';
import { median } from './stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    quotes: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    kind: { type: 'string', default: 'tick-by-tick' },
    only: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const QUOTES = Number(args.quotes);
const WARMUP = Number(args.warmup);
const KIND = args.kind as IbQuoteFeedKind;
if (KIND !== 'tick-by-tick' && KIND !== 'top-of-book') throw new RangeError(`--kind: ${KIND}`);

const FILE = new URL('../data/esh4-mbo-20231225.csv.gz', import.meta.url).pathname;
const REOPEN = microsFromIso('2023-12-25T23:00:00Z');

/** Replay items to step for each of the first `count` quotes after `start` (the kernel's book feed). */
function quoteSteps(events: readonly OrderBookEvent[], start: number, count: number): number[] {
  const feed = new BookFeed('ESH4.CME', new Grid(0.25));
  const steps: number[] = [];
  let last = -1;
  for (let i = 0; i < events.length && steps.length < count; i++) {
    feed.apply(events[i]);
    if (events[i].tsEvent <= start) last = i;
    else if (feed.quote) {
      steps.push(i - last);
      last = i;
    }
  }
  return steps;
}

interface Variant {
  readonly name: 'memory' | 'pglite' | 'postgres';
  readonly label: string;
  open(instruments: readonly Instrument[]): Promise<OpenedJournal>;
}

const memory: Variant = {
  name: 'memory',
  label: 'in-memory SessionJournal (a plain array: no database)',
  open: async () => ({ journal: new MemorySessionJournal(), close: async () => {} }),
};

const pglite: Variant = {
  name: 'pglite',
  label: 'store journal on embedded PGlite (temp data directory per run)',
  async open(instruments) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-live-'));
    const store = await openStore({ kind: 'pglite', dataDir });
    return {
      journal: storeJournal(store, instruments),
      async close() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

async function postgresVariant(): Promise<Variant | { skipped: string }> {
  const url = process.env.BOURSE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let schemas = 0;
  const dropSchema = async (schema: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  };
  try {
    const probe: StoreOptions = { kind: 'postgres', url, schema: `bench_live_${process.pid}_probe` };
    await (await openStore(probe)).close();
    await dropSchema(probe.schema!);
  } catch (error) {
    return { skipped: `PostgreSQL not reachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    name: 'postgres',
    label: `store journal on PostgreSQL (${url.replace(/\/\/[^@]*@/, '//')}, scratch schema per run)`,
    async open(instruments) {
      const schema = `bench_live_${process.pid}_${++schemas}`;
      const store = await openStore({ kind: 'postgres', url, schema });
      return {
        journal: storeJournal(store, instruments),
        async close() {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  };
}

const round = (x: number): number => Math.round(x * 10) / 10;

interface RunFigures {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly count: number;
  readonly commitP50Us: number;
  readonly commitP99Us: number;
}

function figures(result: SessionResult): RunFigures {
  const kept = result.samples.slice(WARMUP).sort((a, b) => a - b);
  const commits = [...result.appendMicros].sort((a, b) => a - b);
  return {
    p50Us: round(quantile(kept, 0.5)),
    p99Us: round(quantile(kept, 0.99)),
    p999Us: round(quantile(kept, 0.999)),
    maxUs: round(kept.at(-1) ?? Number.NaN),
    count: kept.length,
    commitP50Us: round(quantile(commits, 0.5)),
    commitP99Us: round(quantile(commits, 0.99)),
  };
}

async function main() {
  const events = bookEvents(await readMboCsv(FILE), 'ESH4.CME');
  const steps = quoteSteps(events, REOPEN, WARMUP + QUOTES);
  const only = args.only?.split(',');
  const pgVariant = only && !only.includes('postgres') ? { skipped: '--only' } : await postgresVariant();
  const variants = [memory, pglite, ...('name' in pgVariant ? [pgVariant] : [])].filter(
    (v) => !only || only.includes(v.name),
  );
  if ('skipped' in pgVariant) console.error(`postgres: ${pgVariant.skipped}`);
  // One untimed session first, so the first timed run does not pay for compiling the hot path.
  const warm = await runSession({ events, start: REOPEN, steps, kind: KIND, openJournal: memory.open });
  console.error(
    `warm-up session: ${warm.samples.length} commands in ${warm.seconds.toFixed(1)} s (not timed)`,
  );
  const runs = new Map<string, RunFigures[]>(variants.map((v) => [v.name, []]));
  type Checks = { quotes: number; skipped: number; unpaired: number; position: number; errors: number };
  const checks = new Map<string, Checks>();
  for (let r = 1; r <= RUNS; r++) {
    for (const variant of variants) {
      const result = await runSession({
        events,
        start: REOPEN,
        steps,
        kind: KIND,
        openJournal: (instruments) => variant.open(instruments),
      });
      const f = figures(result);
      runs.get(variant.name)!.push(f);
      const c = checks.get(variant.name) ?? { quotes: 0, skipped: 0, unpaired: 0, position: 0, errors: 0 };
      checks.set(variant.name, {
        quotes: c.quotes + result.quotes,
        skipped: c.skipped + result.skipped,
        unpaired: c.unpaired + result.unpaired,
        position: Math.max(c.position, Math.abs(result.position)),
        errors: c.errors + result.errors.length,
      });
      for (const error of result.errors) console.error(`${variant.name}: node error: ${error}`);
      console.error(
        `run ${r} ${variant.name}: p50 ${f.p50Us} µs, p99 ${f.p99Us}, p99.9 ${f.p999Us}, max ${f.maxUs} (${f.count} samples; ${result.quotes} quotes, ${result.answered} answered, ${result.skipped} skipped; commit p50 ${f.commitP50Us} µs, p99 ${f.commitP99Us}; ${result.seconds.toFixed(1)} s)`,
      );
    }
  }
  const results: Record<string, unknown> = {};
  for (const variant of variants) {
    const all = runs.get(variant.name)!;
    const med = (key: keyof RunFigures) => round(median(all.map((f) => f[key])));
    const p99Us = med('p99Us');
    results[variant.name] = {
      label: variant.label,
      p50Us: med('p50Us'),
      p99Us,
      p999Us: med('p999Us'),
      maxUs: med('maxUs'),
      count: med('count'),
      commitP50Us: med('commitP50Us'),
      commitP99Us: med('commitP99Us'),
      p99Under1ms: p99Us < 1000,
      runs: all,
      ...checks.get(variant.name),
    };
  }
  if ('skipped' in pgVariant) results.postgres = { skipped: pgVariant.skipped };
  console.log(
    JSON.stringify({
      bench: 'live',
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      runs: RUNS,
      quotesPerRun: QUOTES,
      warmup: WARMUP,
      feed: KIND,
      data: 'data/esh4-mbo-20231225.csv.gz from 2023-12-25T23:00:00Z (ESH4 reopen)',
      pacing:
        'adapter pacing lifted to 100,000 messages/s (burst 100), as in test/adapters/ib/live-parity.test.ts; simulator pacing enforcement off (pacing: false)',
      measured:
        'µs from the decoded quote reaching the node (feed sink) to the node handing the answering submit/modify to the broker execution client, journal commit included; socket excluded; closed loop (node synced after each quote); medians over runs',
      results,
    }),
  );
}

await main();
