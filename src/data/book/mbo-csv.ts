import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DataError } from '../../core/errors.js';
import { Grid } from '../../model/grid.js';
import { microsFromIso } from '../../model/time.js';
import { ACTION_CLEAR, ACTION_NONE, ACTION_TRADE, type MboEvents, MboEventsBuilder } from './mbo-events.js';

export const MBO_CSV_HEADER =
  'ts_recv,ts_event,instrument_id,action,side,price,size,order_id,flags,channel_id,sequence';
const COLUMNS = MBO_CSV_HEADER.split(',');
const ACTIONS = 'ACMFTRN';
const SIDES = 'BAN';

export interface ReadMboOptions {
  /** Price grid (default 0.25, CME ES). Off-grid prices are rejected. */
  grid?: Grid;
}

/**
 * Streams a Databento MBO CSV (plain, or gzip when the name ends in `.gz`) into columns of typed
 * arrays. Timestamps become UnixMicros (ns rounded; file order kept), prices integer ticks.
 * A malformed row throws a DataError naming file, line, field and value.
 */
export async function readMboCsv(path: string, options: ReadMboOptions = {}): Promise<MboEvents> {
  const grid = options.grid ?? new Grid(0.25);
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const builder = new MboEventsBuilder(1 << 16);
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (lineNumber === 1) {
      if (text.replace(/^\uFEFF/, '').trim() !== MBO_CSV_HEADER) {
        throw new DataError(`expected header '${MBO_CSV_HEADER}'`, { file: path, line: 1, value: text });
      }
      continue;
    }
    if (text.length === 0) continue;
    parseRow(text, path, lineNumber, grid, builder);
  }
  if (lineNumber === 0) throw new DataError('empty file, no header', { file: path });
  return builder.build(path);
}

function parseRow(text: string, file: string, line: number, grid: Grid, out: MboEventsBuilder): void {
  const f = text.split(',');
  if (f.length !== COLUMNS.length) {
    throw new DataError(`expected ${COLUMNS.length} fields, got ${f.length}`, { file, line, value: text });
  }
  const bad = (index: number, why: string): DataError =>
    new DataError(why, { file, line, field: COLUMNS[index], value: f[index] });
  const time = (index: number): number => {
    try {
      return microsFromIso(f[index]);
    } catch {
      throw bad(index, 'not an ISO-8601 timestamp');
    }
  };
  const integer = (index: number, max: number): number => {
    const value = Number(f[index]);
    if (f[index] === '' || !Number.isSafeInteger(value) || value < 0 || value > max) {
      throw bad(index, `not an integer in [0, ${max}]`);
    }
    return value;
  };
  const action = f[3];
  if (action.length !== 1 || !ACTIONS.includes(action)) throw bad(3, `unknown action (expected ${ACTIONS})`);
  const side = f[4];
  if (side.length !== 1 || !SIDES.includes(side)) throw bad(4, 'unknown side (expected B, A or N)');
  const actionCode = action.charCodeAt(0);
  let ticks = Number.NaN;
  const priceOptional =
    actionCode === ACTION_CLEAR || actionCode === ACTION_TRADE || actionCode === ACTION_NONE;
  if (f[5] !== '' || !priceOptional) {
    const price = Number(f[5]);
    if (f[5] === '' || !grid.contains(price)) throw bad(5, `price not on the ${grid.increment} grid`);
    ticks = grid.toTicks(price);
  }
  out.push(
    time(0),
    time(1),
    integer(2, 0xffffffff),
    actionCode,
    side.charCodeAt(0),
    ticks,
    integer(6, 0xffffffff),
    integer(7, Number.MAX_SAFE_INTEGER),
    integer(8, 255),
    integer(9, 255),
    integer(10, 0xffffffff),
    line,
  );
}
