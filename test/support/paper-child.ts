/**
 * Child process of the paper-session crash test: opens the store named by its arguments
 * (`pglite DIR` or `postgres URL SCHEMA`), prints `ready`, runs (or resumes) an sma-cross paper
 * session over the first BARS ESZ3 minute bars of the bundled ES file with every order, command and
 * event journaled in that store, then prints `done <journal stats>`. The parent kills it with
 * SIGKILL at random moments and starts it again.
 */
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { runPaperSession } from '../../src/live/paper-session.js';
import { storeJournal } from '../../src/live/store-journal.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { paperSessionOptions } from './paper-session-options.js';

const [kind, where, schema, count] = process.argv.slice(2);
const options: StoreOptions =
  kind === 'pglite' ? { kind: 'pglite', dataDir: where } : { kind: 'postgres', url: where, schema };
const { session, file } = paperSessionOptions();
const series = runFileBacktest({ ...session, file, series: 'ESZ3' }).series;
const store = await openStore(options);
process.stdout.write('ready\n');
const run = await runPaperSession({
  ...session,
  journal: storeJournal(store, [series.instrument]),
  series,
  bars: series.bars.slice(0, Number(count)),
});
await store.close();
process.stdout.write(`done ${JSON.stringify(run.journal)}\n`);
