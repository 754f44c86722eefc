/**
 * The efficient-frontier report: one self-contained HTML page with an SVG chart of the frontier
 * (volatility on x, expected return on y, both annual, in percent), the single assets, and marked
 * portfolios (minimum variance, maximum Sharpe, ERC…), followed by a table of the marked portfolios.
 */
import { writeFileSync } from 'node:fs';
import { runColour } from './palette.js';

/** A point on the chart: a label, its expected return and volatility (decimals). */
export interface ChartPoint {
  readonly label: string;
  readonly expectedReturn: number;
  readonly volatility: number;
}

export interface FrontierReport {
  readonly title: string;
  readonly assets: readonly ChartPoint[];
  readonly frontier: readonly { readonly expectedReturn: number; readonly volatility: number }[];
  readonly portfolios: readonly ChartPoint[];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The report as an HTML string (inline SVG, no scripts). */
export function renderFrontierReport(report: FrontierReport): string {
  const width = 720;
  const height = 440;
  const margin = { left: 60, right: 20, top: 20, bottom: 45 };
  const all = [...report.assets, ...report.frontier, ...report.portfolios];
  const xs = all.map((p) => p.volatility);
  const ys = all.map((p) => p.expectedReturn);
  const pad = (lo: number, hi: number) => [lo - 0.05 * (hi - lo || 1), hi + 0.05 * (hi - lo || 1)];
  const [xLow, x1] = pad(Math.min(...xs), Math.max(...xs));
  const x0 = Math.max(0, xLow);
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const sx = (v: number) => margin.left + ((v - x0) / (x1 - x0)) * (width - margin.left - margin.right);
  const sy = (v: number) =>
    height - margin.bottom - ((v - y0) / (y1 - y0)) * (height - margin.top - margin.bottom);
  const ticks = (lo: number, hi: number) => Array.from({ length: 6 }, (_, k) => lo + ((hi - lo) * k) / 5);
  const grid = [
    ...ticks(x0, x1).map(
      (v) =>
        `<line x1="${sx(v)}" x2="${sx(v)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#eee"/><text x="${sx(v)}" y="${height - margin.bottom + 16}" text-anchor="middle">${(100 * v).toFixed(1)}%</text>`,
    ),
    ...ticks(y0, y1).map(
      (v) =>
        `<line x1="${margin.left}" x2="${width - margin.right}" y1="${sy(v)}" y2="${sy(v)}" stroke="#eee"/><text x="${margin.left - 6}" y="${sy(v) + 4}" text-anchor="end">${(100 * v).toFixed(1)}%</text>`,
    ),
  ].join('');
  const path = report.frontier
    .map((p, k) => `${k === 0 ? 'M' : 'L'}${sx(p.volatility)},${sy(p.expectedReturn)}`)
    .join(' ');
  const assets = report.assets
    .map(
      (a) =>
        `<circle cx="${sx(a.volatility)}" cy="${sy(a.expectedReturn)}" r="4" fill="#777"/><text x="${sx(a.volatility) + 6}" y="${sy(a.expectedReturn) - 6}">${escapeHtml(a.label)}</text>`,
    )
    .join('');
  const marked = report.portfolios
    .map(
      (p, k) =>
        `<rect x="${sx(p.volatility) - 5}" y="${sy(p.expectedReturn) - 5}" width="10" height="10" fill="${runColour(k)}"/><text x="${sx(p.volatility) + (k % 2 === 0 ? 8 : -8)}" y="${sy(p.expectedReturn) + (k % 2 === 0 ? 14 : -8)}" text-anchor="${k % 2 === 0 ? 'start' : 'end'}" fill="${runColour(k)}">${escapeHtml(p.label)}</text>`,
    )
    .join('');
  const rows = [...report.portfolios, ...report.assets]
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.label)}</td><td>${(100 * p.expectedReturn).toFixed(2)}%</td><td>${(100 * p.volatility).toFixed(2)}%</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}svg text{font-size:11px}table{border-collapse:collapse}td,th{padding:3px 10px;text-align:right}td:first-child,th:first-child{text-align:left}</style></head>
<body><h1>${escapeHtml(report.title)}</h1>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="efficient frontier">
${grid}<path d="${path}" fill="none" stroke="#0072b2" stroke-width="2"/>${assets}${marked}
<text x="${(margin.left + width - margin.right) / 2}" y="${height - 8}" text-anchor="middle">volatility (annual)</text>
<text transform="translate(14 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)" text-anchor="middle">expected return (annual)</text>
</svg>
<table><tr><th>portfolio</th><th>expected return</th><th>volatility</th></tr>${rows}</table>
</body></html>
`;
}

/** Writes the report to `file`. */
export function writeFrontierReport(file: string, report: FrontierReport): void {
  writeFileSync(file, renderFrontierReport(report));
}
