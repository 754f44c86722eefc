/** `bourse data import FILE --format databento-mbo --instrument ID`: L3 events into the catalog. */
import { bookEvents, readMboCsv } from '../data/book/index.js';
import type { OrderBookEvent } from '../model/data.js';
import { invalid } from './data-flags.js';
import { builtInInstruments, gridResolver, type ImportContext, tally } from './data-import.js';

/** Events per append; a batch is cut only where the time changes (one matching batch stays whole). */
const BATCH = 200_000;

export async function importDatabentoMbo(context: ImportContext): Promise<void> {
  const { file, flags, validation } = context;
  const id = flags.instrument;
  if (id === undefined) invalid('--instrument: needed for --format databento-mbo (the file holds raw ids)');
  const grid = gridResolver(context, builtInInstruments(context.catalog))(id);
  const events = bookEvents(await readMboCsv(file, { grid }), id);
  let rows: OrderBookEvent[] = [];
  let first = true;
  const flush = async (): Promise<void> => {
    const onOverlap = first ? context.onOverlap : 'error';
    first = false;
    tally(context.results, await context.catalog.appendBook(rows, { onOverlap }));
    rows = [];
  };
  for (const event of events) {
    const kept = validation.check(id, grid, event) as OrderBookEvent | undefined;
    if (kept === undefined) continue;
    if (rows.length >= BATCH && rows[rows.length - 1].tsEvent !== kept.tsEvent) await flush();
    rows.push(kept);
  }
  if (rows.length > 0) await flush();
}
