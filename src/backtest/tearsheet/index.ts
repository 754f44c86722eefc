export { escapeHtml } from './format.js';
export type { TearsheetInput } from './input.js';
export { renderTearsheet, renderTearsheetSections } from './render.js';
export { renderRunTearsheet } from './run-tearsheet.js';
export { MAX_INDIVIDUAL_MARKERS } from './sections/fill-markers.js';
export { MAX_TRADE_ROWS } from './sections/trades-table.js';
export { formatStatistic, STATISTIC_ROWS } from './statistic-rows.js';
