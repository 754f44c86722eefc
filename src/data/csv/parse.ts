/** `parseBarsCsv`: CSV text → validated bar series with close-time stamps. */
import { DataError } from '../../core/errors.js';
import { inferDateBar, inferTimedBar } from './infer-bar.js';
import { detectLayout, type LayoutSpec } from './layouts.js';
import { RowReader } from './rows.js';
import { LineFields, splitLines } from './split-line.js';
import { addMonths, isKnownZone, localMidnightMicros } from './timestamps.js';
import type {
  CsvBarRow,
  CsvBarSpec,
  CsvImportOptions,
  CsvImportResult,
  CsvSeries,
  SkippedRow,
} from './types.js';

interface SeriesState {
  series: CsvSeries;
  /** The row times as written (day numbers for date-only layouts, UTC micros otherwise). */
  stamps: number[];
  lastLine: number;
}

const MAX_VALUE_IN_MESSAGE = 200;

/**
 * Parses an OHLCV CSV whose layout is recognised from its header (or given by `options.columns`).
 * Throws a `DataError` naming file, line, field and value on the first bad row, unless
 * `options.skipBadRows`, which records it in `skipped` instead. Header-level problems always throw.
 */
export function parseBarsCsv(text: string, file: string, options: CsvImportOptions = {}): CsvImportResult {
  const timeZone = checkedTimeZone(options, file);
  const lines = splitLines(text);
  if (lines.length === 0) {
    throw new DataError('empty file: no header line', { file, line: 1, field: 'header', value: '' });
  }
  const fields = new LineFields();
  if (!fields.set(lines[0]) || lines[0].trim() === '') {
    throw new DataError('unreadable header line', { file, line: 1, field: 'header', value: clip(lines[0]) });
  }
  const fieldCount = fields.count;
  const spec = detectLayout(fields.toArray(), file, options);
  if (options.adjust && spec.layout !== 'yahoo') {
    throw new DataError(`adjust applies only to the yahoo layout, not ${spec.layout}`, {
      file,
      field: 'adjust',
      value: 'true',
    });
  }
  const timestamp = options.timestamp ?? spec.defaultTimestamp;
  if (timestamp === undefined) {
    throw new DataError(
      "say whether the time stamps the bar's start or end: pass timestamp 'start' or 'end'",
      {
        file,
        field: 'timestamp',
      },
    );
  }
  if (lines.length === 1) {
    throw new DataError('no data rows after the header', { file, line: 2, field: 'row', value: '' });
  }

  const reader = new RowReader(spec, file, timeZone, options.adjust === true);
  const byKey = new Map<string, SeriesState>();
  const single = spec.root === -1 ? newState('') : undefined;
  const skipped: SkippedRow[] = [];
  let pricePrecision = 0;

  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    try {
      const text = lines[index];
      if (!fields.set(text)) {
        throw new DataError('unbalanced double quote', { file, line, field: 'row', value: clip(text) });
      }
      if (fields.count !== fieldCount) {
        throw new DataError(
          `row has ${fields.count} field${fields.count === 1 ? '' : 's'} but the header has ${fieldCount} (${spec.names.join(',')})`,
          {
            file,
            line,
            field: 'row',
            value: clip(text),
          },
        );
      }
      const row = reader.read(fields, line);
      const state = single ?? seriesFor(byKey, reader.root, reader.contractMonth);
      const count = state.stamps.length;
      if (options.fileOrder) row.line = line;
      else if (count > 0 && reader.stamp <= state.stamps[count - 1]) {
        const what =
          reader.stamp === state.stamps[count - 1] ? 'duplicate timestamp' : 'timestamp out of order';
        const inSeries = state.series.key === '' ? '' : ` in series '${state.series.key}'`;
        const value = reader.stampText(fields);
        const previous = new LineFields();
        previous.set(lines[state.lastLine - 1]);
        throw new DataError(
          `${what}${inSeries}: not after line ${state.lastLine} ('${reader.stampText(previous)}')`,
          {
            file,
            line,
            field: reader.stampField,
            value,
          },
        );
      }
      state.stamps.push(reader.stamp);
      state.series.rows.push(row);
      state.lastLine = line;
      if (reader.precision > pricePrecision) pricePrecision = reader.precision;
    } catch (error) {
      if (!(options.skipBadRows && error instanceof DataError)) throw error;
      skipped.push({ line, reason: error.message });
    }
  }

  const states = single ? [single] : [...byKey.values()].sort((a, b) => compare(a.series.key, b.series.key));
  const rowCount = states.reduce((sum, state) => sum + state.stamps.length, 0);
  if (rowCount === 0) {
    throw new DataError(`no valid data rows (${skipped.length} skipped)`, {
      file,
      line: 2,
      field: 'row',
      value: '',
    });
  }
  const gaps: number[] = [];
  for (const { stamps } of states)
    for (let i = 1; i < stamps.length; i++)
      if (stamps[i] > stamps[i - 1]) gaps.push(stamps[i] - stamps[i - 1]);
  const bar =
    spec.stamp === 'date'
      ? inferDateBar(gaps, file, options.barMinutes)
      : inferTimedBar(gaps, file, options.barMinutes);
  for (const state of states) stampCloseTimes(state, spec, bar, timestamp, timeZone);
  return {
    file,
    layout: spec.layout,
    series: states.map((s) => s.series),
    pricePrecision,
    bar,
    rowCount,
    skipped,
  };
}

/** The time zone to read naive stamps in, after checking the options that need no header. */
function checkedTimeZone(options: CsvImportOptions, file: string): string {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isKnownZone(timeZone)) {
    throw new DataError('unknown IANA time zone', { file, field: 'timeZone', value: timeZone });
  }
  const { timestamp } = options;
  if (timestamp !== undefined && timestamp !== 'start' && timestamp !== 'end') {
    throw new DataError("timestamp must be 'start' or 'end'", {
      file,
      field: 'timestamp',
      value: String(timestamp),
    });
  }
  return timeZone;
}

/** Sets each row's `tsEvent` to the bar's close time. */
function stampCloseTimes(
  state: SeriesState,
  spec: LayoutSpec,
  bar: CsvBarSpec,
  timestamp: 'start' | 'end',
  timeZone: string,
): void {
  const { stamps } = state;
  const rows: CsvBarRow[] = state.series.rows;
  if (spec.stamp !== 'date') {
    const shift = timestamp === 'start' ? bar.durationMicros : 0;
    for (let i = 0; i < rows.length; i++) rows[i].tsEvent = stamps[i] + shift;
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const day = stamps[i];
    let closeDay: number;
    if (timestamp === 'end') closeDay = day + 1;
    else if (bar.aggregation === 'month') closeDay = addMonths(day, bar.step);
    else closeDay = day + (bar.aggregation === 'week' ? 7 * bar.step : bar.step);
    rows[i].tsEvent = localMidnightMicros(closeDay, timeZone);
  }
}

function newState(key: string, root?: string, contractMonth?: string): SeriesState {
  const series: CsvSeries = root === undefined ? { key, rows: [] } : { key, root, contractMonth, rows: [] };
  return { series, stamps: [], lastLine: 0 };
}

function seriesFor(byKey: Map<string, SeriesState>, root: string, contractMonth: string): SeriesState {
  const key = `${root} ${contractMonth}`;
  let state = byKey.get(key);
  if (state === undefined) {
    state = newState(key, root, contractMonth);
    byKey.set(key, state);
  }
  return state;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clip(text: string): string {
  return text.length > MAX_VALUE_IN_MESSAGE ? `${text.slice(0, MAX_VALUE_IN_MESSAGE)}…` : text;
}
