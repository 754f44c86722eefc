/** OHLCV CSV import with the layout detected from the header. */
export { KNOWN_LAYOUTS } from './layouts.js';
export { parseBarsCsv } from './parse.js';
export { readBarsCsv } from './reader.js';
export { LineFields, splitLines } from './split-line.js';
export type {
  ColumnMapping,
  CsvBarAggregation,
  CsvBarRow,
  CsvBarSpec,
  CsvImportOptions,
  CsvImportResult,
  CsvLayout,
  CsvSeries,
  SkippedRow,
} from './types.js';
