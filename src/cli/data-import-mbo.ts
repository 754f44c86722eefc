/** `bourse data import FILE --format databento-mbo --instrument ID`: L3 events into the catalog. */
import { bookEvents, readMboCsv } from '../data/book/index.js';
import type { OrderBookEvent } from '../model/data.js';
import { invalid } from './data-flags.js';
import { builtInInstruments, gridResolver, type ImportContext, SeriesAppender } from './data-import.js';

/** Appends in batches cut only where the time changes (one matching batch stays whole). */
export async function importDatabentoMbo(context: ImportContext): Promise<void> {
  const { file, flags, validation } = context;
  const id = flags.instrument;
  if (id === undefined) invalid('--instrument: needed for --format databento-mbo (the file holds raw ids)');
  const grid = gridResolver(context, builtInInstruments(context.catalog))(id);
  const events = bookEvents(await readMboCsv(file, { grid }), id);
  const appender = new SeriesAppender(context, 'book');
  for (const event of events) {
    const kept = validation.check(id, grid, event) as OrderBookEvent | undefined;
    if (kept === undefined) continue;
    const cut = appender.add(kept);
    if (cut) await cut;
  }
  await appender.flush();
}
