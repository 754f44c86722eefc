/**
 * `bourse data import FILE --format tardis-l2 [--instrument ID] [--tick-size N]`: a Tardis
 * incremental_book_L2 CSV (plain or .gz) into the catalog's `levels`, one series per instrument.
 */
import { streamTardisBookL2 } from '../data/readers/index.js';
import type { BookLevelUpdate } from '../model/data.js';
import {
  builtInInstruments,
  everyIdAs,
  fileProgress,
  gridResolver,
  type ImportContext,
  SeriesAppenders,
} from './data-import.js';

/**
 * Updates are streamed, validated per instrument and appended in batches cut where the time
 * changes (one Tardis message stays in one append). Without `--instrument` the id is
 * `<symbol>.<EXCHANGE>` (`BTC-PERPETUAL.DERIBIT`); the grid is `--tick-size` or the instrument's
 * (built-in or already in the catalog), and a built-in instrument is saved to the catalog.
 */
export async function importTardisL2(context: ImportContext): Promise<void> {
  const { file, flags, validation } = context;
  const instrumentOf = builtInInstruments(context.catalog);
  const grid = gridResolver(context, instrumentOf);
  const stream = streamTardisBookL2(file, {
    grid,
    ...(flags.instrument !== undefined ? { instruments: everyIdAs(flags.instrument) } : {}),
  });
  const appenders = new SeriesAppenders(context, 'levels');
  const progress = fileProgress(file, 75);
  let done = false;
  try {
    for await (const update of stream) {
      progress.row();
      const id = update.instrumentId;
      const kept = validation.check(id, grid(id), update) as BookLevelUpdate | undefined;
      if (kept === undefined) continue;
      const cut = appenders.add(id, kept);
      if (cut) await cut;
    }
    await appenders.flush();
    done = true;
  } finally {
    progress.stop(done);
  }
}
