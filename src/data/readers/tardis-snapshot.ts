/**
 * Tardis.dev `book_snapshot_N` CSVs (N = 5, 25, …) → BookDepthSnapshots: the top N levels of each
 * side at each moment. Time, ids, grids and errors as in tardis.ts. See docs/data.md.
 */
import { DataError } from '../../core/errors.js';
import type { BookDepthSnapshot, DepthLevel } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import { TARDIS_BASE_COLUMNS, type TardisReadOptions, TardisRowReader } from './tardis.js';
import { CsvRows, clip, collect, eachRow, fileLines, type Lines } from './vendor-csv.js';

/** Columns of a Tardis `book_snapshot_N` file of `depth` levels per side (5 → asks[0..4], bids[0..4]). */
export function tardisBookSnapshotColumns(depth: number): string[] {
  if (!Number.isSafeInteger(depth) || depth < 1) {
    throw new RangeError(`book snapshot depth must be a positive integer, got ${depth}`);
  }
  const columns: string[] = [...TARDIS_BASE_COLUMNS];
  for (let i = 0; i < depth; i++) columns.push(...levelColumns(i));
  return columns;
}

const levelColumns = (i: number): string[] => [
  `asks[${i}].price`,
  `asks[${i}].amount`,
  `bids[${i}].price`,
  `bids[${i}].amount`,
];

const LEVEL_COLUMN = /^(asks|bids)\[(0|[1-9]\d*)\]\.(price|amount)$/;

/** Column indices of one side's levels, best first. */
interface SideColumns {
  readonly name: 'bids' | 'asks';
  readonly price: number[];
  readonly amount: number[];
}

/** CsvRows whose level columns (`asks[i].price`, …) come from the header, which sets the depth N. */
class SnapshotRows extends CsvRows {
  depth = 0;
  readonly bids: SideColumns = { name: 'bids', price: [], amount: [] };
  readonly asks: SideColumns = { name: 'asks', price: [], amount: [] };

  constructor(file: string) {
    super(file, TARDIS_BASE_COLUMNS);
  }

  override header(text: string): void {
    super.header(text);
    const fail = (why: string) =>
      new DataError(why, { file: this.file, line: 1, field: 'header', value: clip(text) });
    const names = text
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((name) => name.trim());
    const found = new Map<string, number>();
    let depth = 0;
    for (let i = 0; i < names.length; i++) {
      // Other extra columns are ignored, as in every reader; anything named like a level must be one.
      if (!/^(asks|bids)/i.test(names[i])) continue;
      const match = LEVEL_COLUMN.exec(names[i]);
      if (match === null) {
        throw fail(
          `malformed level column '${names[i]}' (expected asks[i].price, asks[i].amount, bids[i].price or bids[i].amount)`,
        );
      }
      found.set(names[i], i);
      depth = Math.max(depth, Number(match[2]) + 1);
    }
    if (depth === 0) throw fail('header has no level columns (asks[0].price,asks[0].amount,bids[0].price,…)');
    if (found.size !== 4 * depth) {
      const missing: string[] = [];
      for (let i = 0; i < depth && missing.length < 4; i++) {
        for (const name of levelColumns(i)) {
          if (!found.has(name) && missing.length < 4) missing.push(name);
        }
      }
      throw fail(
        `level columns incomplete for ${depth} levels: missing ${missing.join(', ')}${found.size + missing.length < 4 * depth ? ', …' : ''}`,
      );
    }
    this.depth = depth;
    for (const side of [this.bids, this.asks]) {
      side.price.length = 0;
      side.amount.length = 0;
      for (let i = 0; i < depth; i++) {
        side.price.push(found.get(`${side.name}[${i}].price`) ?? -1);
        side.amount.push(found.get(`${side.name}[${i}].amount`) ?? -1);
      }
    }
  }

  /** One side's levels, best first: blank levels end the side; strict price order is checked. */
  side(columns: SideColumns, grid: Grid, round: boolean): DepthLevel[] {
    const levels: DepthLevel[] = [];
    let empty = -1;
    for (let i = 0; i < this.depth; i++) {
      const p = columns.price[i];
      const a = columns.amount[i];
      const noPrice = this.get(p).trim() === '';
      const noAmount = this.get(a).trim() === '';
      if (noPrice && noAmount) {
        if (empty < 0) empty = i;
        continue;
      }
      if (noPrice) throw this.fail(p, 'empty price at a level with an amount');
      if (noAmount) throw this.fail(a, 'empty amount at a level with a price');
      if (empty >= 0) throw this.fail(p, `level after the empty level ${columns.name}[${empty}]`);
      const ticks = this.priceTicks(p, grid, round, true);
      if (!(ticks > 0)) throw this.fail(p, 'price must be positive');
      const size = this.quantity(a, true);
      if (levels.length > 0) {
        const previous = levels[levels.length - 1].priceTicks;
        if (columns.name === 'bids' ? ticks >= previous : ticks <= previous) {
          const order = columns.name === 'bids' ? 'descending' : 'ascending';
          throw this.fail(p, `${columns.name} not strictly ${order}: after ${grid.fromTicks(previous)}`);
        }
      }
      levels.push({ priceTicks: ticks, size, count: 0 });
    }
    return levels;
  }
}

/**
 * Parses Tardis `book_snapshot_N` lines (N = 5, 25, …; found from the header's `asks[i].price,
 * asks[i].amount, bids[i].price, bids[i].amount` columns): one BookDepthSnapshot per row, levels best
 * first, `count` 0 (unknown). Blank levels (a book thinner than N) are left out: a side has fewer
 * levels, possibly none. Bids must strictly descend, asks strictly ascend, and the best bid be below
 * the best ask. `sequence` counts the snapshots of the file from 1 (Tardis has no feed sequence).
 */
export async function* parseTardisBookSnapshot(
  lines: Lines,
  file: string,
  options: TardisReadOptions,
): AsyncGenerator<BookDepthSnapshot> {
  const rows = new SnapshotRows(file);
  const round = options.roundToGrid === true;
  let reader: TardisRowReader | undefined;
  let sequence = 0;
  yield* eachRow<BookDepthSnapshot>(lines, rows, function* (text, line) {
    if (reader === undefined) reader = new TardisRowReader(rows, options);
    if (!reader.read(text, line)) return;
    const grid = reader.grid;
    const bids = rows.side(rows.bids, grid, round);
    const asks = rows.side(rows.asks, grid, round);
    if (bids.length > 0 && asks.length > 0 && bids[0].priceTicks >= asks[0].priceTicks) {
      const bid = grid.fromTicks(bids[0].priceTicks);
      const ask = grid.fromTicks(asks[0].priceTicks);
      throw rows.fail(rows.bids.price[0], `crossed book: best bid ${bid} is not below best ask ${ask}`);
    }
    yield {
      kind: 'book-depth',
      instrumentId: reader.instrument,
      bids,
      asks,
      sequence: ++sequence,
      tsEvent: reader.tsEvent,
      tsInit: reader.tsEvent,
    };
  });
}

export function streamTardisBookSnapshot(
  path: string,
  options: TardisReadOptions,
): AsyncGenerator<BookDepthSnapshot> {
  return parseTardisBookSnapshot(fileLines(path), path, options);
}

export function readTardisBookSnapshot(
  path: string,
  options: TardisReadOptions,
): Promise<BookDepthSnapshot[]> {
  return collect(streamTardisBookSnapshot(path, options));
}
