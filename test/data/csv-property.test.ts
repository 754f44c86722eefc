import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DataError } from '../../src/core/errors.js';
import {
  type CsvBarRow,
  type CsvImportOptions,
  type CsvLayout,
  type CsvSeries,
  parseBarsCsv,
} from '../../src/data/csv/index.js';

const DAY_MS = 86_400_000;
const LAYOUTS: readonly CsvLayout[] = ['backtrader', 'yahoo', 'date-time', 'lean-futures', 'mapped'];
const CONTRACTS = [
  ['ES', '201312'],
  ['ES', '201403'],
  ['NQ', '201312'],
] as const;

interface GeneratedBar {
  low: number;
  span: number;
  openOffset: number;
  closeOffset: number;
  volume: number;
  openInterest: number;
  adjClose: number;
  /** Time to the previous row: days (date-only), seconds (date-time), minutes (lean, mapped). */
  gap: number;
  contract: number;
}

interface GeneratedFile {
  layout: CsvLayout;
  decimals: number;
  start: number;
  bars: GeneratedBar[];
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
  barMinutes: number;
}

type FieldKind = 'price' | 'quantity' | 'date' | 'time' | 'iso' | 'root' | 'contract';

interface LayoutFormat {
  header: string[];
  kinds: FieldKind[];
  options: (file: GeneratedFile) => CsvImportOptions;
}

const FORMATS: Record<CsvLayout, LayoutFormat> = {
  backtrader: {
    header: ['Date', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'],
    kinds: ['date', 'price', 'price', 'price', 'price', 'quantity', 'quantity'],
    options: () => ({}),
  },
  yahoo: {
    header: ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'],
    kinds: ['date', 'price', 'price', 'price', 'price', 'price', 'quantity'],
    options: () => ({}),
  },
  'date-time': {
    header: ['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'],
    kinds: ['date', 'time', 'price', 'price', 'price', 'price', 'quantity', 'quantity'],
    options: (file) => ({ barMinutes: file.barMinutes }),
  },
  'lean-futures': {
    header: ['bar_start_utc', 'root', 'contract_month', 'open', 'high', 'low', 'close', 'volume'],
    kinds: ['iso', 'root', 'contract', 'price', 'price', 'price', 'price', 'quantity'],
    options: (file) => ({ barMinutes: file.barMinutes }),
  },
  mapped: {
    header: ['Size', 'Last', 'Start Time', 'Lowest', 'First', 'Highest'],
    kinds: ['quantity', 'price', 'iso', 'price', 'price', 'price'],
    options: (file) => ({
      columns: {
        datetime: 'start time',
        open: 'FIRST',
        high: 'highest',
        low: 'lowest',
        close: 'last',
        volume: 'size',
      },
      timestamp: 'start',
      barMinutes: file.barMinutes,
    }),
  },
};

/** Invalid texts per field kind: each must make the row fail on exactly that field. */
const BAD_TOKENS: Record<FieldKind, readonly string[]> = {
  price: ['', ' ', 'abc', '1.2.3', '1e999', '1e5', 'NaN', 'Infinity', '1.', '.5', '-', '1 2', '0x1F'],
  quantity: ['', 'x', '-1', '-0.5', '1..0', '1e3'],
  date: ['', '2006-02-30', '2006-13-01', '2100-02-29', '20060102', '2006-1-2', 'yesterday'],
  time: ['', '24:00:00', '12:60:00', '12:00:60', '1200', '12-00-00', '7:00:00'],
  iso: ['', '2013-10-06', '2013-10-06T25:00:00Z', '2013-10-06T22:00:00+2500', '2013-02-29T00:00:00Z', 'now'],
  root: ['', 'E S'],
  contract: ['', '201300', '20131', 'ABCDEF', '2013-12'],
};

const barArbitrary: fc.Arbitrary<GeneratedBar> = fc.record({
  low: fc.integer({ min: 0, max: 2_000_000_000 }),
  span: fc.integer({ min: 0, max: 5_000_000 }),
  openOffset: fc.nat(),
  closeOffset: fc.nat(),
  volume: fc.integer({ min: 0, max: 1_000_000_000_000 }),
  openInterest: fc.integer({ min: 0, max: 10_000_000 }),
  adjClose: fc.integer({ min: 1, max: 2_000_000_000 }),
  gap: fc.integer({ min: 0, max: 40 }),
  contract: fc.integer({ min: 0, max: CONTRACTS.length - 1 }),
});

const fileArbitrary = (layouts: readonly CsvLayout[], minRows: number): fc.Arbitrary<GeneratedFile> =>
  fc.record({
    layout: fc.constantFrom(...layouts),
    decimals: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: -20_000, max: 45_000 }),
    bars: fc.array(barArbitrary, { minLength: minRows, maxLength: 40 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    barMinutes: fc.integer({ min: 1, max: 240 }),
  });

/** `k / 10^decimals` written with exactly `decimals` places. */
function fixed(k: number, decimals: number): string {
  if (decimals === 0) return String(k);
  const digits = String(k).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const isoSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

interface Built {
  text: string;
  /** Data rows in file order: cells, expected bar, series index. */
  rows: { cells: string[]; bar: CsvBarRow; contract: number }[];
}

/** Writes a generated file in its layout and computes the bars the importer must return. */
function build(file: GeneratedFile): Built {
  const { layout, decimals } = file;
  const rows: Built['rows'] = [];
  const barMicros = file.barMinutes * 60_000_000;
  let time = file.start;
  const usedAtTime = new Set<number>();
  for (const [index, g] of file.bars.entries()) {
    const high = g.low + g.span;
    const open = g.low + (g.openOffset % (g.span + 1));
    const close = g.low + (g.closeOffset % (g.span + 1));
    const text = [open, high, g.low, close].map((k) => fixed(k, decimals));
    const [o, h, l, c] = text.map(Number);
    const volume = String(g.volume);
    let contract = 0;
    // Advance time: strictly increasing per series (lean-futures allows equal stamps across series).
    if (layout === 'lean-futures') {
      contract = g.contract;
      if (index > 0 && (g.gap > 0 || usedAtTime.has(contract))) {
        time += Math.max(1, g.gap);
        usedAtTime.clear();
      }
      usedAtTime.add(contract);
    } else if (index > 0) {
      time += layout === 'date-time' ? 1 + g.gap * 97 : 1 + (g.gap % 5);
    }
    let cells: string[];
    let bar: CsvBarRow;
    if (layout === 'backtrader' || layout === 'yahoo') {
      const ms = time * DAY_MS;
      const tsEvent = (ms + DAY_MS) * 1000;
      if (layout === 'backtrader') {
        const oi = String(g.openInterest);
        cells = [isoDate(ms), ...text, volume, oi];
        bar = { tsEvent, open: o, high: h, low: l, close: c, volume: g.volume, openInterest: g.openInterest };
      } else {
        cells = [isoDate(ms), ...text, fixed(g.adjClose, decimals), volume];
        bar = { tsEvent, open: o, high: h, low: l, close: c, volume: g.volume };
      }
    } else if (layout === 'date-time') {
      const ms = file.start * 60_000 + time * 1000;
      cells = [isoDate(ms), isoTime(ms), ...text, volume, String(g.openInterest)];
      bar = {
        tsEvent: ms * 1000,
        open: o,
        high: h,
        low: l,
        close: c,
        volume: g.volume,
        openInterest: g.openInterest,
      };
    } else {
      const ms = file.start * 3_600_000 + time * 60_000;
      const tsEvent = ms * 1000 + barMicros;
      bar = { tsEvent, open: o, high: h, low: l, close: c, volume: g.volume };
      if (layout === 'lean-futures') {
        const [root, month] = CONTRACTS[contract];
        cells = [isoSeconds(ms), root, month, ...text, volume];
      } else {
        // Size, Last, Start Time, Lowest, First, Highest — with milliseconds in the stamp.
        cells = [volume, text[3], new Date(ms).toISOString(), text[2], text[0], text[1]];
      }
    }
    rows.push({ cells, bar, contract });
  }
  const eol = file.crlf ? '\r\n' : '\n';
  const lines = [FORMATS[layout].header.join(','), ...rows.map((r) => r.cells.join(','))];
  const text = `${file.bom ? '\ufeff' : ''}${lines.join(eol)}${file.finalNewline ? eol : ''}`;
  return { text, rows };
}

/** The series the importer must return for these rows. */
function expectedSeries(layout: CsvLayout, rows: Built['rows']): CsvSeries[] {
  if (layout !== 'lean-futures') return [{ key: '', rows: rows.map((r) => r.bar) }];
  const series: CsvSeries[] = [];
  for (const [index, [root, contractMonth]] of CONTRACTS.entries()) {
    const own = rows.filter((r) => r.contract === index).map((r) => r.bar);
    if (own.length > 0) series.push({ key: `${root} ${contractMonth}`, root, contractMonth, rows: own });
  }
  return series;
}

test('property: random valid bar series round-trip exactly through every layout', () => {
  fc.assert(
    fc.property(fileArbitrary(LAYOUTS, 2), (file) => {
      const { text, rows } = build(file);
      const result = parseBarsCsv(text, 'gen.csv', FORMATS[file.layout].options(file));
      assert.equal(result.layout, file.layout);
      assert.deepEqual(result.series, expectedSeries(file.layout, rows));
      assert.equal(result.rowCount, rows.length);
      assert.equal(result.pricePrecision, file.decimals);
      assert.deepEqual(result.skipped, []);
    }),
    { numRuns: 300 },
  );
});

test('property: constant spacing is inferred as the bar length', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 30 }),
      fc.constantFrom(1, 5, 15, 30, 60, 120, 240),
      fc.integer({ min: 0, max: 20_000_000 }),
      (count, minutes, startMinute) => {
        const lines = ['Date,Time,Open,High,Low,Close,Volume'];
        for (let i = 0; i < count; i++) {
          const ms = (startMinute + i * minutes) * 60_000;
          lines.push(`${isoDate(ms)},${isoTime(ms)},1,2,1,2,0`);
        }
        const { bar } = parseBarsCsv(lines.join('\n'), 'c.csv');
        assert.equal(bar.durationMicros, minutes * 60_000_000);
        assert.deepEqual(
          [bar.step, bar.aggregation],
          minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'],
        );
      },
    ),
  );
});

test('property: one corrupted field is a DataError naming its line and field, or one skipped row', () => {
  fc.assert(
    fc.property(
      fileArbitrary(LAYOUTS, 3),
      fc.nat(),
      fc.nat(),
      fc.nat(),
      (file, rowPick, columnPick, tokenPick) => {
        const { rows } = build(file);
        const format = FORMATS[file.layout];
        const row = rowPick % rows.length;
        const column = columnPick % format.header.length;
        const tokens = BAD_TOKENS[format.kinds[column]];
        const token = tokens[tokenPick % tokens.length];
        const corrupted = rows.map((r, i) =>
          i === row ? r.cells.map((c, j) => (j === column ? token : c)) : r.cells,
        );
        const eol = file.crlf ? '\r\n' : '\n';
        const text = [format.header.join(','), ...corrupted.map((cells) => cells.join(','))].join(eol);
        const options = format.options(file);
        const line = row + 2;

        assert.throws(
          () => parseBarsCsv(text, 'bad.csv', options),
          (error: unknown) => {
            assert.ok(error instanceof DataError, String(error));
            assert.equal(error.line, line, error.message);
            assert.equal(error.field, format.header[column], error.message);
            assert.equal(error.value, token);
            assert.ok(
              error.message.startsWith(`bad.csv:${line}, field '${format.header[column]}'`),
              error.message,
            );
            return true;
          },
        );
        const skipping = parseBarsCsv(text, 'bad.csv', { ...options, skipBadRows: true });
        assert.deepEqual(
          skipping.skipped.map((s) => s.line),
          [line],
        );
        assert.equal(skipping.rowCount, rows.length - 1);
        const kept = rows.filter((_, i) => i !== row);
        assert.deepEqual(skipping.series, expectedSeries(file.layout, kept));
      },
    ),
    { numRuns: 300 },
  );
});
