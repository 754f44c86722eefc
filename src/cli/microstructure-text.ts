import type { MicrostructureReport } from './microstructure-report.js';

const fixed = (x: number | null, digits: number): string => (x === null ? '—' : x.toFixed(digits));
const sci = (x: number | null, digits = 3): string => (x === null ? '—' : x.toExponential(digits));
const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

/** The report as an aligned table for a terminal, one measure a line (documented in docs/analytics/microstructure.md). */
export function microstructureText(file: string, format: string, r: MicrostructureReport): string {
  const s = r.spreads;
  const rows: Array<[string, string]> = [
    ['quotes (level-1 changes)', String(r.quotes)],
    [
      'trades',
      `${r.trades} (${r.tradesSignedByFile} signed by the file, ${r.tradesSignedByLeeReady} by Lee–Ready; Lee–Ready agrees on ${pct(r.leeReadyAgreement)})`,
    ],
    [
      'span',
      `${r.seconds.toFixed(1)} s, ${r.intervals} intervals of ${r.intervalSeconds} s, tick ${r.tickSize}`,
    ],
    ['order-book imbalance (L1, mean)', fixed(r.imbalanceMean, 4)],
    ['order-book imbalance (top 5, mean)', fixed(r.depthImbalanceMean, 4)],
    [
      'OFI → Δmid',
      `β ${sci(r.ofi.beta)} ticks/share (t ${fixed(r.ofi.tStat, 1)}), R² ${pct(r.ofi.rSquared)}`,
    ],
    [
      'microprice − mid',
      `mean ${fixed(r.microprice.meanMinusMidTicks, 4)} ticks, mean |·| ${fixed(r.microprice.meanAbsMinusMidTicks, 4)} ticks`,
    ],
    [
      'Stoikov micro-price (1 tick)',
      `g ${fixed(r.stoikov.lowImbalanceTicks, 4)} ticks at I < 0.1, ${fixed(r.stoikov.highImbalanceTicks, 4)} ticks at I ≥ 0.9 (${r.stoikov.samples} quote pairs)`,
    ],
    [
      'quoted spread',
      `${fixed(s.quotedTimeWeighted, 4)} time-weighted (${fixed(s.quotedTimeWeightedTicks, 2)} ticks); at trades ${fixed(s.quotedAtTrades, 4)} (${fixed(s.quotedAtTradesBps, 2)} bps)`,
    ],
    [
      'effective spread',
      `${fixed(s.effective, 4)} (${fixed(s.effectiveTicks, 2)} ticks, ${fixed(s.effectiveBps, 2)} bps)`,
    ],
    [
      `realised spread (${s.horizonSeconds} s)`,
      `${fixed(s.realised, 4)} (${fixed(s.realisedTicks, 2)} ticks, ${fixed(s.realisedBps, 2)} bps)`,
    ],
    [
      `price impact (${s.horizonSeconds} s)`,
      `${fixed(s.priceImpact, 4)} (${fixed(s.priceImpactBps, 2)} bps)`,
    ],
    ["Kyle's λ", `${sci(r.kyle.lambda)} per share (t ${fixed(r.kyle.tStat, 1)}), R² ${pct(r.kyle.rSquared)}`],
    ['Amihud illiquidity', `${sci(r.amihudPerMillion)} |return| per $1M traded, per interval`],
    [
      'Roll spread',
      r.roll.spread === null
        ? `undefined (autocovariance ${sci(r.roll.autocovariance)} ≥ 0)`
        : `${fixed(r.roll.spread, 4)} (${fixed(r.roll.spreadTicks, 2)} ticks)`,
    ],
    [
      'VPIN',
      `last ${fixed(r.vpin.last, 4)}, mean ${fixed(r.vpin.mean, 4)} (${r.vpin.buckets} buckets, window ${r.vpin.window})`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = [
    `${file} (${format})`,
    '',
    ...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`),
  ];
  return `${lines.join('\n')}\n`;
}
