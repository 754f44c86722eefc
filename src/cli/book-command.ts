import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { BourseError } from '../core/errors.js';
import {
  BookFeed,
  depthView,
  F_LAST,
  F_SNAPSHOT,
  imbalanceOf,
  type MboEvents,
  microprice,
  midTicks,
  OrderBook,
  readMboCsv,
  replayMbo,
  spreadTicks,
} from '../data/book/index.js';
import { readLobster } from '../data/readers/lobster.js';
import { readTardisBookL2 } from '../data/readers/tardis.js';
import type { BookData, OrderBookEvent } from '../model/data.js';
import { Grid } from '../model/grid.js';
import { isoFromMicros, microsFromIso, type UnixMicros } from '../model/time.js';

interface BookFlags {
  format: string;
  at: string;
  depth: string;
  tickSize?: string;
  json?: boolean;
}

/** A book file loaded for replay: its complete-batch times and a replay up to a time. */
export interface BookTimeline {
  /** Receive time of the first complete batch (the earliest time a book can be shown). */
  readonly firstBatchTime: UnixMicros;
  /** Receive time of the last complete batch (`--at end`). */
  readonly lastBatchTime: UnixMicros;
  /** A fresh book holding every complete batch received at or before `at`. */
  replayUntil(at: UnixMicros): BookAt;
}

export interface BookAt {
  readonly book: OrderBook;
  /** Receive time of the last batch applied. */
  readonly asOf: UnixMicros;
  /** Rows (events) and complete batches applied. */
  readonly rows: number;
  readonly batches: number;
}

/** One supported `--format`: how to load a file of that layout into a timeline. */
export interface BookFormat {
  readonly description: string;
  /** Price grid when `--tick-size` is not given. */
  readonly tickSize: number;
  load(file: string, grid: Grid): Promise<BookTimeline>;
}

/**
 * The formats `bourse book` reads. Another layout (LOBSTER messages, Tardis incremental_book_L2…)
 * plugs in as one more entry: a loader that yields a `BookTimeline`.
 */
export const BOOK_FORMATS: Readonly<Record<string, BookFormat>> = {
  'databento-mbo': {
    description: 'Databento MBO CSV (plain or .gz), e.g. GLBX.MDP3',
    tickSize: 0.25,
    load: async (file, grid) => databentoMboTimeline(await readMboCsv(file, { grid })),
  },
  lobster: {
    description: 'LOBSTER message file (its orderbook file beside it: _message_ → _orderbook_)',
    tickSize: 0.01,
    load: async (file, grid) => {
      const orderbook = file.replace(/_message_(\d+)\.csv$/, '_orderbook_$1.csv');
      if (orderbook === file || !existsSync(orderbook)) {
        throw new BourseError(
          'FILE_NOT_FOUND',
          `${file}: no LOBSTER orderbook file beside it (${orderbook})`,
        );
      }
      const { data } = await readLobster({ messages: file, orderbook }, { grid });
      return eventsTimeline(
        data.filter((d): d is OrderBookEvent => d.kind === 'book'),
        file,
        grid,
      );
    },
  },
  'tardis-l2': {
    description: 'Tardis incremental_book_L2 CSV (one instrument)',
    tickSize: 0.5,
    load: async (file, grid) => eventsTimeline(await readTardisBookL2(file, { grid }), file, grid),
  },
};

/**
 * Complete batches (F_LAST) of kernel book events — L3 (a LOBSTER file's messages) or L2 level
 * updates (Tardis) — replayed through the data engine's `BookFeed`.
 */
export function eventsTimeline(events: readonly BookData[], file: string, grid: Grid): BookTimeline {
  const ends: number[] = [];
  for (let i = 0; i < events.length; i++) if ((events[i].flags & F_LAST) !== 0) ends.push(i);
  if (ends.length === 0) throw new BourseError('BOOK_NO_BATCH', `${file}: no complete batch`);
  const timeOf = (k: number): UnixMicros => events[ends[k]].tsEvent;
  return {
    firstBatchTime: timeOf(0),
    lastBatchTime: timeOf(ends.length - 1),
    replayUntil(at) {
      const count = batchesUntil(ends.length, timeOf, at);
      const last = ends[count - 1];
      const feed = new BookFeed(events[0].instrumentId, grid);
      for (let i = 0; i <= last; i++) feed.apply(events[i]);
      return { book: feed.book, asOf: timeOf(count - 1), rows: last + 1, batches: count };
    },
  };
}

/** How many batches end at or before `at` (their times sorted); a RangeError when none. */
function batchesUntil(count: number, timeOf: (k: number) => UnixMicros, at: UnixMicros): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeOf(mid) <= at) low = mid + 1;
    else high = mid;
  }
  if (low === 0) throw new RangeError(`no complete batch at or before ${isoFromMicros(at)}`);
  return low;
}

/** Complete batches of a Databento MBO file: a row with F_LAST, or the last row of the snapshot. */
export function databentoMboTimeline(events: MboEvents): BookTimeline {
  const ends: number[] = [];
  const { flags, tsRecv } = events;
  for (let i = 0; i < events.length; i++) {
    const flag = flags[i];
    const snapshotEnd =
      (flag & F_SNAPSHOT) !== 0 && (i === events.length - 1 || (flags[i + 1] & F_SNAPSHOT) === 0);
    if ((flag & F_LAST) !== 0 || snapshotEnd) ends.push(i);
  }
  if (ends.length === 0) {
    throw new BourseError('BOOK_NO_BATCH', `${events.file}: no complete batch (no row with F_LAST)`);
  }
  return {
    firstBatchTime: tsRecv[ends[0]],
    lastBatchTime: tsRecv[ends[ends.length - 1]],
    replayUntil(at) {
      // Last batch end received at or before `at` (receive times are sorted).
      const low = batchesUntil(ends.length, (k) => tsRecv[ends[k]], at);
      const last = ends[low - 1];
      const book = new OrderBook();
      replayMbo(book, events, { to: last + 1, crossCheck: 'never' });
      return { book, asOf: tsRecv[last], rows: last + 1, batches: low };
    },
  };
}

export function addBookCommand(program: Command): void {
  program
    .command('book')
    .description('replay an order-book file up to a time and print the book: ladder, spread, microprice')
    .argument('<file>', 'order-book file')
    .option('--format <format>', `file layout: ${Object.keys(BOOK_FORMATS).join(', ')}`, 'databento-mbo')
    .option('--at <time>', "ISO-8601 UTC time (e.g. 2023-12-25T23:30:00Z) or 'end'", 'end')
    .option('--depth <n>', 'price levels per side', '10')
    .option(
      '--tick-size <price>',
      'price grid of the instrument (default: 0.25 databento-mbo, 0.01 lobster, 0.5 tardis-l2)',
    )
    .option('--json', 'print one JSON object instead of the ladder')
    .action((file: string, flags: BookFlags) => runBookCommand(file, flags));
}

/** The `--json` document. Prices on the grid; null where a side is missing. */
export interface BookJson {
  readonly file: string;
  readonly format: string;
  /** The time asked for (`--at`; the last batch's time for `end`). */
  readonly time: string;
  /** Receive time of the last complete batch applied. */
  readonly asOf: string;
  readonly rows: number;
  readonly batches: number;
  readonly depth: number;
  readonly bids: Array<{ price: number; size: number; count: number }>;
  readonly asks: Array<{ price: number; size: number; count: number }>;
  readonly spread: number | null;
  readonly spreadTicks: number | null;
  readonly mid: number | null;
  readonly microprice: number | null;
  /** (Σbid − Σask)/(Σbid + Σask) over the `depth` levels shown. */
  readonly imbalance: number | null;
  readonly crossed: boolean;
}

async function runBookCommand(file: string, flags: BookFlags): Promise<void> {
  const format = BOOK_FORMATS[flags.format];
  if (format === undefined) {
    throw new BourseError(
      'CLI_INVALID',
      `--format: unknown format '${flags.format}' (known: ${Object.keys(BOOK_FORMATS).join(', ')})`,
    );
  }
  const depth = Number(flags.depth);
  if (!Number.isSafeInteger(depth) || depth <= 0) {
    throw new BourseError('CLI_INVALID', `--depth: expected a positive integer, got '${flags.depth}'`);
  }
  const tickSize = flags.tickSize === undefined ? format.tickSize : Number(flags.tickSize);
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) {
    throw new BourseError('CLI_INVALID', `--tick-size: expected a positive price, got '${flags.tickSize}'`);
  }
  let at: UnixMicros | 'end';
  if (flags.at === 'end') at = 'end';
  else {
    try {
      at = microsFromIso(flags.at);
    } catch {
      throw new BourseError(
        'CLI_INVALID',
        `--at: not an ISO-8601 UTC time or 'end': '${flags.at}' (e.g. 2023-12-25T23:30:00Z)`,
      );
    }
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new BourseError('FILE_NOT_FOUND', `${file}: no such file`);
  }
  const grid = new Grid(tickSize);
  const timeline = await format.load(file, grid);
  const time = at === 'end' ? timeline.lastBatchTime : at;
  if (time < timeline.firstBatchTime) {
    throw new BourseError(
      'CLI_INVALID',
      `--at ${flags.at}: before the first complete batch of ${file} (${isoFromMicros(timeline.firstBatchTime)})`,
    );
  }
  const state = timeline.replayUntil(time);
  const json = bookJson(state, grid, depth, { file, format: flags.format, time });
  process.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : bookText(json, grid));
}

export function bookJson(
  state: BookAt,
  grid: Grid,
  depth: number,
  meta: { file: string; format: string; time: UnixMicros },
): BookJson {
  const { book } = state;
  const view = depthView(book, depth);
  const level = (l: { tick: number; size: number; count: number }) => ({
    price: grid.fromTicks(l.tick),
    size: l.size,
    count: l.count,
  });
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const spread = spreadTicks(book);
  return {
    file: meta.file,
    format: meta.format,
    time: isoFromMicros(meta.time),
    asOf: isoFromMicros(state.asOf),
    rows: state.rows,
    batches: state.batches,
    depth,
    bids: view.bids.map(level),
    asks: view.asks.map(level),
    spread: finite(Number.isFinite(spread) ? grid.fromTicks(spread) : spread),
    spreadTicks: finite(spread),
    mid: finite(midTicks(book) * grid.increment),
    microprice: finite(microprice(book) * grid.increment),
    imbalance: finite(imbalanceOf(view)),
    crossed: book.isCrossed(),
  };
}

const BAR_WIDTH = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `size / max × BAR_WIDTH` cells drawn with block characters (eighths of a cell). */
export function sizeBar(size: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || size <= 0) return '';
  const eighths = Math.max(1, Math.round((size / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** The ladder (asks above bids, best prices in the middle) and the metrics, for a terminal. */
export function bookText(json: BookJson, grid: Grid): string {
  const decimals = grid.precision;
  const rows = [...json.asks.map((l) => ({ side: 'ask', ...l })).reverse()].concat(
    json.bids.map((l) => ({ side: 'bid', ...l })),
  );
  const max = Math.max(0, ...rows.map((r) => r.size));
  const priceWidth = Math.max(5, ...rows.map((r) => r.price.toFixed(decimals).length));
  const sizeWidth = Math.max(4, ...rows.map((r) => String(r.size).length));
  const countWidth = Math.max(6, ...rows.map((r) => String(r.count).length));
  const line = (side: string, price: string, size: string, count: string, bar: string) =>
    `${side.padEnd(3)}  ${price.padStart(priceWidth)}  ${size.padStart(sizeWidth)}  ${count.padStart(countWidth)}  ${bar}`.trimEnd();
  const out: string[] = [];
  out.push(`${json.file} (${json.format}) at ${json.time}`);
  out.push(
    `book as of ${json.asOf}: ${json.batches.toLocaleString('en-US')} batches, ${json.rows.toLocaleString('en-US')} rows applied${json.crossed ? ' — CROSSED (pre-open: orders rest without matching)' : ''}`,
  );
  out.push('');
  out.push(line('', 'price', 'size', 'orders', ''));
  for (const r of rows) {
    if (r.side === 'bid' && r === rows.find((x) => x.side === 'bid')) out.push(spreadLine(json, decimals));
    out.push(line(r.side, r.price.toFixed(decimals), String(r.size), String(r.count), sizeBar(r.size, max)));
  }
  if (json.bids.length === 0) out.push(spreadLine(json, decimals));
  out.push('');
  const fmt = (x: number | null, d: number) => (x === null ? '—' : x.toFixed(d));
  const sumBid = json.bids.reduce((a, l) => a + l.size, 0);
  const sumAsk = json.asks.reduce((a, l) => a + l.size, 0);
  const ticks = json.spreadTicks;
  out.push(
    `spread      ${fmt(json.spread, decimals)}${ticks === null ? '' : ` (${ticks} tick${Math.abs(ticks) === 1 ? '' : 's'})`}`,
  );
  out.push(`mid         ${fmt(json.mid, decimals + 1)}`);
  out.push(`microprice  ${fmt(json.microprice, decimals + 2)}`);
  out.push(
    `imbalance   ${fmt(json.imbalance, 4)} (top ${json.depth} levels: bids ${sumBid}, asks ${sumAsk})`,
  );
  return `${out.join('\n')}\n`;
}

function spreadLine(json: BookJson, decimals: number): string {
  return `${'─'.repeat(8)} spread ${json.spread === null ? '—' : json.spread.toFixed(decimals)} ${'─'.repeat(8)}`;
}
