/**
 * The print stylesheet `printPdf` adds to a report before Chromium prints it. The tearsheet's own
 * stylesheet (src/backtest/tearsheet/page.ts) is laid out for a screen; these rules, inside
 * `@media print` and after it in the document, fit it to paper:
 *
 * - `@page`: the paper size (A4 or Letter, portrait or landscape) and 10 mm margins;
 * - colours print as on screen (`print-color-adjust: exact`: the heatmap's cells, the drawdown area);
 * - a smaller body font, tighter boxes and no page-width cap, so the trade table's eleven columns fit
 *   (and about 24 heatmap columns);
 * - no piece of a report is cut across pages: sections, KPI boxes, charts, statistic groups, table
 *   rows, legends and the heatmap stay whole (`break-inside: avoid`), a heading stays with what
 *   follows it; only a section with a long table (the trades, the top combinations) may break,
 *   between rows, repeating its header row on each page;
 * - scrolling boxes show everything (`overflow: visible`).
 */

export type PaperSize = 'A4' | 'Letter';

export interface PrintLayout {
  /** Default A4. */
  readonly paper?: PaperSize;
  /** Default false (portrait). */
  readonly landscape?: boolean;
}

const RULES = `
@media print{
html,body{background:#fff}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10px}
main{max-width:none;padding:0}
header h1{font-size:18px}
section{margin:6px 0;padding:6px 12px;border-radius:4px;break-inside:avoid;page-break-inside:avoid}
section:has(table.trades),section:has(table.top),section.breakable{break-inside:auto;page-break-inside:auto}
.kpis{gap:6px}.kpi{padding:5px 8px}.kpi .v{font-size:14px}
.kpi,svg,figure,tr,.legend,.stats>div,table.heatmap,table.opt-grid,.opt-scale{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
th,td{padding:2px 5px}
th{font-size:9px}
thead{display:table-header-group}
.scroll{overflow:visible}
table.heatmap{min-width:0}
table.opt-grid{border-spacing:1px}
table.opt-grid td.cell{min-width:0;height:20px;padding:2px 3px;font-size:9px}
footer{margin:4px 0 0}
}`;

/** The print stylesheet for `layout` (see the module comment). */
export function printCss(layout: PrintLayout = {}): string {
  const size = `${layout.paper ?? 'A4'}${layout.landscape ? ' landscape' : ''}`;
  return `@page{size:${size};margin:10mm}${RULES}`;
}
