/**
 * A paper-trading session: the backtest kernel and simulated venue, fed with replayed data, with
 * every order, command and event journaled before it is acted on (journal-link.ts). Started again
 * on the same journal after a crash, it replays its data against the journal and carries on from
 * where the journal ends, with nothing lost or duplicated; run to the end, it gives exactly the
 * result of a session that never stopped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchSource } from '../backtest/merge.js';
import {
  type BarBacktestOptions,
  type BarBacktestRun,
  barBacktestEngine,
  strategyFrom,
} from '../backtest/run-file.js';
import type { BarSeries } from '../data/load-bars.js';
import type { Bar, MarketData } from '../model/data.js';
import type { SessionJournal } from './journal.js';
import { JournalLink, type JournalStats } from './journal-link.js';

export interface PaperSessionOptions extends Omit<BarBacktestOptions, 'venueLink'> {
  readonly journal: SessionJournal;
  readonly series: Pick<BarSeries, 'instrument' | 'barType'>;
  /** The session's bars, from the start of the session (a restart replays them). */
  readonly bars: readonly Bar[] | BatchSource;
  /** Data time runs this many times faster than the wall clock (default: as fast as it can). */
  readonly speed?: number;
}

export interface PaperSessionRun extends BarBacktestRun {
  readonly journal: JournalStats;
}

export async function runPaperSession(options: PaperSessionOptions): Promise<PaperSessionRun> {
  const { journal, series, bars, speed } = options;
  if (speed !== undefined && !(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  const strategy = strategyFrom(options);
  const link = new JournalLink(journal, await journal.read());
  const engine = barBacktestEngine({ ...options, venueLink: link }, series, strategy);
  link.attach(engine.kernel);
  const source: BatchSource = Array.isArray(bars) ? oneBatch(bars as readonly Bar[]) : (bars as BatchSource);
  engine.addDataSource(speed === undefined ? source : paced(source, speed), series.barType.key);
  const result = await engine.runAsync();
  link.assertReplayed();
  return { result, series, params: strategy.params, availableSeries: [], rolls: [], journal: link.stats };
}

async function* oneBatch(items: readonly MarketData[]): BatchSource {
  yield items;
}

/** Hands the data over one item at a time, waiting between items as their times are apart / speed. */
export async function* paced(source: BatchSource, speed: number): BatchSource {
  let last: number | undefined;
  for await (const batch of source) {
    for (const item of batch) {
      if (last !== undefined && item.tsEvent > last) await sleep((item.tsEvent - last) / 1000 / speed);
      last = item.tsEvent;
      yield [item];
    }
  }
}
