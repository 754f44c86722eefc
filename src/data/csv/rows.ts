/** Reading one data row of a known layout into a bar, with strict field checks. */
import { DataError } from '../../core/errors.js';
import { MICROS_PER_DAY, MICROS_PER_SECOND } from '../../model/time.js';
import type { LayoutSpec } from './layouts.js';
import { isBlankAt, lastDecimalPlaces, parseDecimalAt } from './parse-number.js';
import type { LineFields } from './split-line.js';
import { localToUtcMicros, parseDateDaysAt, parseIsoMicrosAt, parseTimeSecondsAt } from './timestamps.js';
import type { CsvBarRow } from './types.js';

/**
 * Reads the rows of one layout. After `read` returns, `stamp` holds the row's time as written (day
 * number for date-only layouts, UTC micros otherwise), `precision` the row's max price decimals, and
 * for lean-futures `root`/`contractMonth`.
 */
export class RowReader {
  stamp = 0;
  precision = 0;
  root = '';
  contractMonth = '';

  constructor(
    private readonly spec: LayoutSpec,
    private readonly file: string,
    private readonly timeZone: string,
    private readonly adjust: boolean,
  ) {}

  /** Name of the field(s) that carry the time stamp, for messages. */
  get stampField(): string {
    const { names, dateColumn, timeColumn } = this.spec;
    return timeColumn === -1 ? names[dateColumn] : `${names[dateColumn]}+${names[timeColumn]}`;
  }

  /** The time stamp of a row as written, for messages. */
  stampText(fields: LineFields): string {
    const { dateColumn, timeColumn } = this.spec;
    const date = fields.get(dateColumn).trim();
    return timeColumn === -1 ? date : `${date} ${fields.get(timeColumn).trim()}`;
  }

  read(fields: LineFields, line: number): CsvBarRow {
    const spec = this.spec;
    this.readStamp(fields, line);
    if (spec.root !== -1) this.readContract(fields, line);
    let open = this.price(fields, spec.open, line);
    let precision = lastDecimalPlaces();
    let high = this.price(fields, spec.high, line);
    precision = Math.max(precision, lastDecimalPlaces());
    let low = this.price(fields, spec.low, line);
    precision = Math.max(precision, lastDecimalPlaces());
    let close = this.price(fields, spec.close, line);
    precision = Math.max(precision, lastDecimalPlaces());
    this.precision = precision;
    const volume = spec.volume === -1 ? 0 : this.quantity(fields, spec.volume, line, 'volume');
    const openInterest =
      spec.openInterest === -1 ? 0 : this.quantity(fields, spec.openInterest, line, 'open interest');
    const adjClose = spec.adjClose === -1 ? 0 : this.price(fields, spec.adjClose, line);
    if (high < low) this.fail(`high ${high} is below low ${low}`, fields, spec.high, line);
    if (open < low || open > high)
      this.fail(`open ${open} is outside [low ${low}, high ${high}]`, fields, spec.open, line);
    if (close < low || close > high) {
      this.fail(`close ${close} is outside [low ${low}, high ${high}]`, fields, spec.close, line);
    }
    if (this.adjust) {
      if (!(close > 0)) this.fail('cannot adjust: close must be positive', fields, spec.close, line);
      if (!(adjClose > 0))
        this.fail('cannot adjust: adj close must be positive', fields, spec.adjClose, line);
      const factor = adjClose / close;
      const scale = 10 ** precision;
      open = Math.round(open * factor * scale) / scale;
      high = Math.round(high * factor * scale) / scale;
      low = Math.round(low * factor * scale) / scale;
      close = Math.round(close * factor * scale) / scale;
    }
    if (spec.openInterest === -1) return { tsEvent: 0, open, high, low, close, volume };
    return { tsEvent: 0, open, high, low, close, volume, openInterest };
  }

  private readStamp(fields: LineFields, line: number): void {
    const spec = this.spec;
    const text = fields.text;
    const column = spec.dateColumn;
    const start = trimStart(text, fields.start(column), fields.end(column));
    const end = trimEnd(text, start, fields.end(column));
    if (spec.stamp === 'datetime') {
      const micros = parseIsoMicrosAt(text, start, end, this.timeZone);
      if (Number.isNaN(micros)) this.fail('not a valid ISO-8601 date-time', fields, column, line);
      this.stamp = micros;
      return;
    }
    const days = parseDateDaysAt(text, start, end);
    if (Number.isNaN(days)) this.fail('not a valid YYYY-MM-DD date', fields, column, line);
    if (spec.stamp === 'date') {
      this.stamp = days;
      return;
    }
    const timeColumn = spec.timeColumn;
    const timeStart = trimStart(text, fields.start(timeColumn), fields.end(timeColumn));
    const seconds = parseTimeSecondsAt(text, timeStart, trimEnd(text, timeStart, fields.end(timeColumn)));
    if (Number.isNaN(seconds)) this.fail('not a valid HH:MM:SS time', fields, timeColumn, line);
    this.stamp = localToUtcMicros(days * MICROS_PER_DAY + seconds * MICROS_PER_SECOND, this.timeZone);
  }

  private readContract(fields: LineFields, line: number): void {
    const root = fields.get(this.spec.root).trim();
    if (root === '' || root.indexOf(' ') !== -1)
      this.fail('root must be a non-empty symbol', fields, this.spec.root, line);
    const month = fields.get(this.spec.contractMonth).trim();
    const monthNumber = Number(month.slice(4));
    if (month.length !== 6 || !isDigits(month) || monthNumber < 1 || monthNumber > 12) {
      this.fail('contract month must be YYYYMM', fields, this.spec.contractMonth, line);
    }
    this.root = root;
    this.contractMonth = month;
  }

  private price(fields: LineFields, column: number, line: number): number {
    const start = fields.start(column);
    const end = fields.end(column);
    const value = parseDecimalAt(fields.text, start, end);
    if (Number.isNaN(value)) {
      this.fail(isBlankAt(fields.text, start, end) ? 'empty price' : 'not a number', fields, column, line);
    }
    return value;
  }

  private quantity(fields: LineFields, column: number, line: number, what: string): number {
    const start = fields.start(column);
    const end = fields.end(column);
    const value = parseDecimalAt(fields.text, start, end);
    if (Number.isNaN(value)) {
      this.fail(isBlankAt(fields.text, start, end) ? `empty ${what}` : 'not a number', fields, column, line);
    }
    if (value < 0) this.fail(`negative ${what}`, fields, column, line);
    return value;
  }

  private fail(message: string, fields: LineFields, column: number, line: number): never {
    throw new DataError(message, {
      file: this.file,
      line,
      field: this.spec.names[column],
      value: fields.get(column),
    });
  }
}

function trimStart(text: string, start: number, end: number): number {
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  return start;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
