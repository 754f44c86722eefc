/** Report exports (PDF, XLSX) and multi-run reports (comparison, optimisation heatmap). docs/reports.md. */
export { CHROMIUM_NAMES, findChromium } from './chromium.js';
export { type ColourScale, type ColourStop, colourScale } from './colour-scale.js';
export { type ComparisonOptions, renderComparison } from './comparison.js';
export { type ComparisonRow, comparisonRows, comparisonText, type NamedRun } from './comparison-stats.js';
export { type AxisOrder, type HeatmapCell, type HeatmapGrid, heatmapGrid } from './heatmap-grid.js';
export { withHeadStyle } from './html-head.js';
export { type HeatmapOptions, renderOptimizationHeatmap } from './optimization-heatmap.js';
export { RUN_COLOURS, runColour } from './palette.js';
export { type PdfOptions, type PdfPrinted, printPdf } from './pdf.js';
export { type PaperSize, type PrintLayout, printCss } from './print-css.js';
export { type BacktestReportMeta, parameterText } from './report-meta.js';
export { backtestWorkbook, writeBacktestXlsx, XLSX_SHEETS } from './xlsx.js';
