/** `bourse data import DIR --format journal`: a recorder journal's bars, trades and quotes into the catalog. */
import type { CatalogDataType } from '../catalog/index.js';
import { readJournal } from '../data/recorder/index.js';
import type { Bar, MarketData, QuoteTick, TradeTick } from '../model/data.js';
import { appendSeries, builtInInstruments, gridResolver, type ImportContext } from './data-import.js';
import { progressBar } from './progress.js';

type Stored = Bar | TradeTick | QuoteTick;

/**
 * Reads the journal (recovering a torn last segment), groups its bars, trades and quotes by
 * series, validates each series in journal order and appends it in time order (a stable sort,
 * so records of one time keep their recorded order). Book events and status changes are counted,
 * not stored: the catalog holds bars, trades and quotes.
 */
export async function importJournal(context: ImportContext): Promise<void> {
  const instrumentOf = builtInInstruments(context.catalog);
  const grid = gridResolver(context, instrumentOf);
  const wanted = context.flags.instrument;
  const groups = new Map<string, { type: CatalogDataType; instrumentId: string; rows: Stored[] }>();
  for (const item of readJournal(context.file)) {
    const placed = place(item);
    if (placed === undefined) {
      const reason = `${item.kind} records`;
      context.notStored.set(reason, (context.notStored.get(reason) ?? 0) + 1);
      continue;
    }
    if (wanted !== undefined && placed.instrumentId !== wanted) continue;
    let group = groups.get(`${placed.type}/${placed.series}`);
    if (group === undefined) {
      group = { type: placed.type, instrumentId: placed.instrumentId, rows: [] };
      groups.set(`${placed.type}/${placed.series}`, group);
    }
    const kept = context.validation.check(`${placed.type}/${placed.series}`, grid(placed.instrumentId), item);
    if (kept !== undefined) group.rows.push(kept as Stored);
  }
  const total = [...groups.values()].reduce((n, g) => n + g.rows.length, 0);
  const progress = progressBar('import', true);
  let done = 0;
  try {
    for (const group of groups.values()) {
      const rows = group.rows.map((row, i) => ({ row, i }));
      rows.sort((a, b) => a.row.tsEvent - b.row.tsEvent || a.i - b.i);
      await appendSeries(
        context,
        group.type,
        rows.map((r) => r.row),
        (n) => {
          done += n;
          progress.update(done, total);
        },
      );
    }
  } finally {
    progress.stop();
  }
}

function place(
  item: MarketData,
): { type: CatalogDataType; series: string; instrumentId: string } | undefined {
  switch (item.kind) {
    case 'bar':
      return { type: 'bars', series: item.barType.key, instrumentId: item.barType.instrumentId };
    case 'trade':
      return { type: 'trades', series: item.instrumentId, instrumentId: item.instrumentId };
    case 'quote':
      return { type: 'quotes', series: item.instrumentId, instrumentId: item.instrumentId };
    default:
      return undefined;
  }
}
