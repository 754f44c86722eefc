/** Readers for vendor market-data files (see docs/data.md). */
export * from './binance.js';
export * from './databento.js';
export * from './lean.js';
export * from './lean-options.js';
export * from './lobster.js';
export * from './tardis.js';
export * from './tardis-snapshot.js';
export type { GridOption, Lines } from './vendor-csv.js';
export * from './zip.js';
