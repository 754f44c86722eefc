/**
 * The smile report: a self-contained HTML page (no scripts, no network) with one inline-SVG chart
 * per expiry — market mid implied vols as points with bid/ask vol bars, the fitted SVI and SABR
 * curves as lines, vol (%) against strike — and tables of fitted parameters, fit errors and the
 * butterfly / calendar arbitrage checks. Built on the tearsheet's page shell, scales and palette.
 */
import type { ChainFit, SmileFit } from '../analytics/volatility/index.js';
import { sabrVolatilityUnchecked, sviImpliedVolatility } from '../analytics/volatility/index.js';
import { linePath } from '../backtest/tearsheet/chart/path.js';
import { linearScale, niceTicks, stepDecimals } from '../backtest/tearsheet/chart/scale.js';
import { escapeHtml } from '../backtest/tearsheet/format.js';
import { renderPage } from '../backtest/tearsheet/page.js';
import { runColour } from './palette.js';

const WIDTH = 900;
const HEIGHT = 340;
const MARGIN = { top: 14, right: 18, bottom: 42, left: 60 };
const MARKET = runColour(7);
const SVI = runColour(0);
const SABR = runColour(1);

/** Options: the page title and a subtitle (e.g. the file and quote time). */
export interface SmileReportOptions {
  readonly title: string;
  readonly subtitle?: string;
}

/** The whole report as an HTML document. */
export function renderSmileReport(chain: ChainFit, options: SmileReportOptions): string {
  const body = [
    `<header><h1>${escapeHtml(options.title)}</h1>${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ''}</header>`,
    summarySection(chain),
    ...chain.expiries.map(expirySection),
    '<footer>SVI: Gatheral (2004) raw parameterisation; butterfly check g(k) >= 0 of Gatheral &amp; Jacquier (2014). SABR: Hagan et al. (2002) lognormal expansion.</footer>',
  ];
  return renderPage(options.title, body);
}

const n = (v: number | undefined, d: number): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

function summarySection(chain: ChainFit): string {
  const rows = chain.expiries.map((e) => {
    const s = e.smile;
    return `<tr><td>${escapeHtml(s.label ?? '')}</td><td class="num">${n(s.time, 4)}</td><td class="num">${n(s.forward, 2)}</td><td class="num">${s.points.length} / ${s.quoteCount ?? s.points.length}</td><td class="num">${n(e.svi?.rmseVolPoints, 3)}</td><td class="num">${n(e.svi?.maxAbsErrorVolPoints, 3)}</td><td>${e.svi ? (e.svi.butterfly.arbitrageFree ? 'none' : 'ARBITRAGE') : '—'}</td><td class="num">${n(e.sabr?.rmseVolPoints, 3)}</td><td class="num">${n(e.sabr?.maxAbsErrorVolPoints, 3)}</td></tr>`;
  });
  const calendar = chain.calendar
    ? `<p class="note">Calendar check of consecutive SVI slices (total variance non-decreasing in expiry, over each pair's common quoted k range): ${chain.calendar.arbitrageFree ? 'no arbitrage' : `${chain.calendar.violations} violations, worst decrease ${chain.calendar.minimumIncrease.toExponential(2)} at k = ${chain.calendar.atLogMoneyness.toFixed(3)}`}.</p>`
    : '';
  return `<section><h2>Fits</h2><div class="scroll"><table><thead><tr><th>expiry</th><th class="num">T (years)</th><th class="num">forward</th><th class="num">quotes used / offered</th><th class="num">SVI RMSE (vol pts)</th><th class="num">SVI max |err|</th><th>SVI butterfly</th><th class="num">SABR RMSE</th><th class="num">SABR max |err|</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${calendar}</section>`;
}

function expirySection(fit: SmileFit): string {
  const s = fit.smile;
  const params: string[] = [];
  if (fit.svi) {
    const p = fit.svi.parameters;
    params.push(
      `<tr><td>SVI</td><td>a = ${n(p.a, 6)}, b = ${n(p.b, 6)}, ρ = ${n(p.rho, 4)}, m = ${n(p.m, 5)}, σ = ${n(p.sigma, 5)}</td><td>min g = ${n(fit.svi.butterfly.minimumG, 4)} at k = ${n(fit.svi.butterfly.atLogMoneyness, 3)}${fit.svi.repaired ? ' (repaired)' : ''}</td></tr>`,
    );
  }
  if (fit.sabr) {
    const p = fit.sabr.parameters;
    params.push(
      `<tr><td>SABR</td><td>α = ${n(p.alpha, 5)}, β = ${n(p.beta, 2)}, ρ = ${n(p.rho, 4)}, ν = ${n(p.nu, 4)}</td><td>min g = ${n(fit.sabr.butterfly.minimumG, 4)}</td></tr>`,
    );
  }
  const dropped = Object.entries(s.dropped)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  return [
    `<section><h2>Expiry ${escapeHtml(s.label ?? '')} — T = ${n(s.time, 4)} y, F = ${n(s.forward, 2)}</h2>`,
    `<div class="legend"><span><i style="background:${MARKET}"></i>market mid (bars: bid–ask)</span>${fit.svi ? `<span><i style="background:${SVI}"></i>SVI</span>` : ''}${fit.sabr ? `<span><i style="background:${SABR}"></i>SABR</span>` : ''}</div>`,
    smileChart(fit),
    `<table class="params"><tbody>${params.join('')}</tbody></table>`,
    `<p class="note">${s.points.length} quotes used${dropped ? `; dropped: ${escapeHtml(dropped)}` : ''}.</p></section>`,
  ].join('\n');
}

/** One expiry's chart: implied vol (%) against strike. */
export function smileChart(fit: SmileFit): string {
  const { points, forward, time } = fit.smile;
  const open = `<svg class="chart smile" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Implied volatility smile, expiry ${escapeHtml(fit.smile.label ?? '')}">`;
  if (points.length === 0)
    return `${open}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No data</text></svg>`;
  const strikes = points.map((p) => p.strike);
  const [k0, k1] = [Math.min(...strikes), Math.max(...strikes)];
  const curveStrikes = Array.from({ length: 161 }, (_, i) => k0 + ((k1 - k0) * i) / 160);
  const curves: { colour: string; vols: number[] }[] = [];
  if (fit.svi) {
    const p = fit.svi.parameters;
    curves.push({
      colour: SVI,
      vols: curveStrikes.map((k) => 100 * sviImpliedVolatility(p, Math.log(k / forward), time)),
    });
  }
  if (fit.sabr) {
    const p = fit.sabr.parameters;
    curves.push({
      colour: SABR,
      vols: curveStrikes.map((k) => 100 * sabrVolatilityUnchecked(p, forward, k, time)),
    });
  }
  const values = points.flatMap((p) => [
    p.midVolatility * 100,
    ...(p.askVolatility !== null ? [p.askVolatility * 100] : []),
  ]);
  const { ticks, step } = niceTicks(Math.min(...values), Math.max(...values), 6);
  const x = linearScale([k0, k1], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([ticks[0], ticks[ticks.length - 1]], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const xTicks = niceTicks(k0, k1, 8);
  const clampY = (v: number) => Math.max(MARGIN.top, Math.min(HEIGHT - MARGIN.bottom, y(v)));
  const parts = [
    open,
    `<g class="grid">${ticks.map((t) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t.toFixed(stepDecimals(step))}</text>`).join('')}</g>`,
    `<g class="xaxis">${xTicks.ticks
      .filter((t) => t >= k0 && t <= k1)
      .map(
        (t) =>
          `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom + 4}"/><text x="${x(t).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${t.toFixed(stepDecimals(xTicks.step))}</text>`,
      )
      .join('')}</g>`,
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">strike</text>`,
    `<text transform="translate(14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">implied volatility (%)</text>`,
    `<line class="forward" x1="${x(forward).toFixed(1)}" x2="${x(forward).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#8c959f" stroke-dasharray="4 3"/>`,
    `<g class="bars" stroke="${MARKET}" stroke-opacity="0.45">${points.map((p) => (p.askVolatility === null ? '' : `<line x1="${x(p.strike).toFixed(1)}" x2="${x(p.strike).toFixed(1)}" y1="${clampY((p.bidVolatility ?? 0) * 100).toFixed(1)}" y2="${clampY(p.askVolatility * 100).toFixed(1)}"/>`)).join('')}</g>`,
    `<g class="market" fill="${MARKET}">${points.map((p) => `<circle cx="${x(p.strike).toFixed(1)}" cy="${y(p.midVolatility * 100).toFixed(1)}" r="2.5"><title>${p.type} ${p.strike}: ${(p.midVolatility * 100).toFixed(2)} %</title></circle>`).join('')}</g>`,
    ...curves.map(
      (c) =>
        `<path class="model" fill="none" stroke="${c.colour}" stroke-width="1.8" d="${linePath(curveStrikes.map(x), c.vols.map(clampY))}"/>`,
    ),
    `<rect class="frame" x="${MARGIN.left}" y="${MARGIN.top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}"/>`,
    '</svg>',
  ];
  return parts.join('');
}
