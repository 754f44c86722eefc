export { escapeHtml } from './format.js';
export {
  formatStatistic,
  MAX_INDIVIDUAL_MARKERS,
  MAX_TRADE_ROWS,
  renderTearsheet,
  STATISTIC_ROWS,
  type TearsheetInput,
} from './render.js';
