/** The HTML document shell of the tearsheet and its inline stylesheet. */
import { escapeHtml } from './format.js';
import { GREEN, GREY, RED } from './theme.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:24px}
header .subtitle{margin:0 0 12px;color:${GREY}}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:16px 0}
section h2{margin:0 0 10px;font-size:16px}
.meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0}
.meta div span{color:${GREY};margin-right:6px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.kpi{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px}
.kpi .k{color:${GREY};font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
th{color:${GREY};font-weight:600;font-size:12px}
td.num,th.num{text-align:right}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px 28px}
.stats h3{margin:4px 0;font-size:13px;color:${GREY};text-transform:uppercase;letter-spacing:.04em}
.pos{color:${GREEN}}.neg{color:${RED}}
.params{width:auto}.params td{padding-right:32px}.params td:first-child{color:${GREY}}
.note{color:${GREY};font-size:12px;margin:6px 0 0}
.legend{display:flex;gap:18px;font-size:12px;color:${GREY};margin:2px 0 6px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:-1px}
.scroll{overflow-x:auto}
svg.chart{width:100%;height:auto;display:block;font-size:11px}
svg.chart .grid line{stroke:#eaeef2}
svg.chart .xaxis line{stroke:#8c959f}
svg.chart text{fill:#57606a}
svg.chart .frame{fill:none;stroke:#d0d7de}
section h3{margin:12px 0 4px;font-size:13px;color:${GREY};font-weight:600}
table.compare{width:auto;min-width:50%}
table.heatmap{table-layout:fixed;min-width:760px}
table.heatmap th,table.heatmap td{text-align:center;padding:5px 2px;font-size:12px;border:1px solid #fff}
table.heatmap td.nodata{background:#fafbfc}
table.heatmap td.total{font-weight:600;border-left:3px solid #fff}
table.drawdowns,table.percentiles{width:auto;min-width:60%}
svg.chart .bars rect{shape-rendering:crispEdges}
footer{color:${GREY};font-size:12px;text-align:center;margin:24px 0}
`;

/**
 * A complete HTML document titled `title` whose `<main>` holds `body`, one fragment per line. The
 * inline CSS and a Content-Security-Policy keep it self-contained: no scripts, fonts or network.
 */
export function renderPage(title: string, body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Belt and braces: even a stray reference could not load anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
