/** Readers for vendor market-data files (see docs/data.md). */
export * from './databento.js';
export * from './lobster.js';
export * from './tardis.js';
export type { GridOption, Lines } from './vendor-csv.js';
