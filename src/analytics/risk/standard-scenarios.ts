/**
 * The standard stress set on a daily index close series: the 2008 and 2020 S&P 500 windows (when
 * the series covers them), the worst 1-, 5- and 20-day moves of the series, and a hypothetical grid.
 * Vol shifts of the historical windows are assumptions, rounded from the CBOE VIX closes at the
 * windows' ends (VIX is not in the bundled data): Lehman day 25.7 → 31.7, 2008-10-15 55 → 69,
 * 2007-10-09 → 2009-03-09 16 → 49.7, 2020-02-19 → 2020-03-23 14.4 → 61.6, 2020-03-13 → 2020-03-16
 * 57.8 → 82.7 (VIX points ≈ S&P 500 30-day implied vol points).
 */
import {
  type DatedCloses,
  historicalScenario,
  hypotheticalGrid,
  type Scenario,
  worstMove,
} from './stress.js';

/** A dated historical window with its assumed vol shift (0.06 = +6 vol points). */
interface Window {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly volShift: number;
}

const HISTORICAL_WINDOWS: readonly Window[] = [
  { name: '2008 Lehman day', from: '2008-09-12', to: '2008-09-15', volShift: 0.06 },
  { name: '2008-10-15 (worst 2008 day)', from: '2008-10-14', to: '2008-10-15', volShift: 0.14 },
  { name: '2007-10-09..2009-03-09 peak to trough', from: '2007-10-09', to: '2009-03-09', volShift: 0.33 },
  { name: '2020 COVID crash 02-19..03-23', from: '2020-02-19', to: '2020-03-23', volShift: 0.47 },
  { name: '2020-03-16 (-12 %)', from: '2020-03-13', to: '2020-03-16', volShift: 0.25 },
];

/** Assumed vol shift of the worst 1-, 5- and 20-day moves of a series (no dated VIX to read). */
const WORST_MOVE_VOL_SHIFT = 0.2;

/**
 * Scenarios for `series`: the historical windows whose dates it holds, its worst 1-, 5- and 20-day
 * moves (vol +20 points assumed, time passing), and the grid spot ±5/10/20 % × vol 0/+10 points.
 */
export function standardScenarios(series: DatedCloses): Scenario[] {
  const dates = new Set(series.dates);
  const out: Scenario[] = [];
  for (const w of HISTORICAL_WINDOWS) {
    if (dates.has(w.from) && dates.has(w.to))
      out.push(historicalScenario(series, w.name, w.from, w.to, w.volShift));
  }
  const first = series.dates[0];
  const last = series.dates[series.dates.length - 1];
  for (const days of [1, 5, 20]) {
    if (series.dates.length <= days) continue;
    const move = worstMove(series, days, first, last);
    out.push({
      name: `worst ${days}-day move ${move.from}..${move.to}`,
      spotReturn: move.spotReturn,
      volShift: WORST_MOVE_VOL_SHIFT,
      elapsed: days / 252,
    });
  }
  return out.concat(hypotheticalGrid([-0.2, -0.1, -0.05, 0.05, 0.1, 0.2], [0, 0.1]));
}
