/**
 * Shared machinery of the vendor CSV readers (Databento, Tardis): a streaming line source (gzip by
 * extension), a header located by column name, and strict field parsing whose failures are
 * DataErrors naming file, line, field and value.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DataError } from '../../core/errors.js';
import type { Grid } from '../../model/grid.js';
import type { InstrumentId } from '../../model/identifiers.js';
import { microsFromIso } from '../../model/time.js';
import { parseDecimal } from '../csv/parse-number.js';

/** Lines of a file (plain, or gzip when the name ends in `.gz`), read as a stream. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    if (error instanceof DataError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`cannot read file: ${reason}`, { file: path }, 'DATA_UNREADABLE');
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Where a reader gets its lines: any (async) iterable of lines without their line ends. */
export type Lines = Iterable<string> | AsyncIterable<string>;

/** Price grid of an instrument: one grid for all, or one per instrument id. */
export type GridOption = Grid | ((instrumentId: InstrumentId) => Grid);

export function gridFor(option: GridOption): (instrumentId: InstrumentId) => Grid {
  if (typeof option !== 'function') return () => option;
  // Asked once per row: each instrument's grid is resolved once.
  const grids = new Map<InstrumentId, Grid>();
  return (id) => {
    let grid = grids.get(id);
    if (grid === undefined) {
      grid = option(id);
      grids.set(id, grid);
    }
    return grid;
  };
}

const MAX_VALUE_IN_MESSAGE = 200;
const EXPONENT = /^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d+\s*$/;

/**
 * The rows of a headed CSV whose columns are found by name (extra columns are ignored). `set`
 * splits a data line; the field helpers parse one column and throw a DataError naming file, line,
 * column and value.
 */
export class CsvRows {
  line = 0;
  fields: string[] = [];
  private names: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly required: readonly string[],
    private readonly optional: readonly string[] = [],
  ) {}

  /** Reads the header (line 1): every required column must be there, once. */
  header(text: string): void {
    this.line = 1;
    this.names = text
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((name) => name.trim());
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i];
      if (this.index.has(name)) {
        throw new DataError(`column '${name}' appears twice in the header`, {
          file: this.file,
          line: 1,
          field: 'header',
          value: clip(text),
        });
      }
      this.index.set(name, i);
    }
    const missing = this.required.filter((name) => !this.index.has(name));
    if (missing.length > 0) {
      throw new DataError(
        `header lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected ${this.required.join(',')})`,
        { file: this.file, line: 1, field: 'header', value: clip(text) },
      );
    }
  }

  /** Column index of a required or optional column (-1 when an optional column is absent). */
  col(name: string): number {
    const i = this.index.get(name);
    if (i === undefined && !this.optional.includes(name) && !this.required.includes(name)) {
      throw new Error(`internal: column '${name}' was not declared`);
    }
    return i ?? -1;
  }

  /** Splits a data line; a row with another number of fields than the header is an error. */
  set(text: string, line: number): void {
    this.line = line;
    this.fields = text.split(',');
    const got = this.fields.length;
    const want = this.names.length;
    if (got !== want) {
      throw new DataError(`row has ${got} field${got === 1 ? '' : 's'} but the header has ${want}`, {
        file: this.file,
        line,
        field: got < want ? this.names[got] : 'row',
        value: clip(text),
      });
    }
  }

  get(index: number): string {
    return this.fields[index];
  }

  fail(index: number, why: string): DataError {
    return new DataError(why, {
      file: this.file,
      line: this.line,
      field: this.names[index],
      value: clip(this.fields[index] ?? ''),
    });
  }

  /** A strict decimal (`[+-]digits[.digits]`; with `exponent`, also `1e-05` as some vendors write). */
  number(index: number, exponent = false): number {
    const text = this.fields[index];
    let value = parseDecimal(text);
    if (Number.isNaN(value) && exponent && EXPONENT.test(text)) value = Number(text);
    if (!Number.isFinite(value)) throw this.fail(index, text.trim() === '' ? 'empty field' : 'not a number');
    return value;
  }

  /** A non-negative number (size, volume). */
  quantity(index: number, exponent = false): number {
    const value = this.number(index, exponent);
    if (value < 0) throw this.fail(index, 'negative quantity');
    return value + 0;
  }

  /** A non-negative integer up to `max`. */
  integer(index: number, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.fields[index];
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value > max) {
      throw this.fail(index, text === '' ? 'empty field' : `not an integer in [0, ${max}]`);
    }
    return value;
  }

  /** Integer tick index of a price on `grid`; off-grid prices are errors unless `round`. */
  priceTicks(index: number, grid: Grid, round: boolean, exponent = false): number {
    const price = this.number(index, exponent);
    if (!round && !grid.contains(price)) throw this.fail(index, `price not on the ${grid.increment} grid`);
    return grid.toTicks(price);
  }

  /** A timestamp: ISO-8601 (`2024-07-01T23:58:01.218486389Z`) or integer nanoseconds, as UnixMicros. */
  isoOrNanosMicros(index: number): number {
    const text = this.fields[index];
    if (/^\d+$/.test(text)) {
      const micros = Number((BigInt(text) + 500n) / 1000n);
      if (Number.isSafeInteger(micros)) return micros;
    } else {
      try {
        return microsFromIso(text);
      } catch {
        // fall through
      }
    }
    throw this.fail(index, 'not an ISO-8601 timestamp or integer nanoseconds');
  }

  /** Integer microseconds since the epoch (Tardis). */
  micros(index: number): number {
    const text = this.fields[index];
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value)) throw this.fail(index, 'not integer microseconds since the epoch');
    return value;
  }
}

/**
 * Drives a reader over lines: checks the header on line 1, skips blank lines, hands each data line
 * (with its 1-based number) to `row`. An empty file is an error.
 */
export async function* eachRow<T>(
  lines: Lines,
  rows: CsvRows,
  row: (text: string, line: number) => Iterable<T>,
  end?: () => Iterable<T>,
): AsyncGenerator<T> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (line === 1) {
      rows.header(text);
      continue;
    }
    if (text.trim().length === 0) continue;
    yield* row(text.endsWith('\r') ? text.slice(0, -1) : text, line);
  }
  if (line === 0) {
    throw new DataError('empty file: no header line', {
      file: rows.file,
      line: 1,
      field: 'header',
      value: '',
    });
  }
  if (end) yield* end();
}

/** Collects a stream into an array. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

export function clip(text: string): string {
  return text.length > MAX_VALUE_IN_MESSAGE ? `${text.slice(0, MAX_VALUE_IN_MESSAGE)}…` : text;
}
