/** Real bars for indicator tests, from the files shipped in data/ (see data/PROVENANCE.md). */
import assert from 'node:assert/strict';
import { readBarsCsv } from '../../../src/data/csv/index.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';

function load(file: string): BarInput[] {
  const imported = readBarsCsv(new URL(`../../../data/${file}`, import.meta.url).pathname);
  return imported.series[0].rows.map((r) => ({ ...r }));
}

/** 255 daily bars of 2006 (backtrader's reference file; no volume). */
export const DAILY_2006: readonly BarInput[] = load('2006-day-001.txt');

/** ORCL daily 1995-2014 with real volume (5,036 bars); `ORCL_2000` is its first 2,000. */
export const ORCL: readonly BarInput[] = load('orcl-1995-2014.txt');
export const ORCL_2000: readonly BarInput[] = ORCL.slice(0, 2000);

/** Runs an indicator over bars by streaming, returning each output column. */
export function stream(indicator: Indicator, bars: readonly BarInput[]): Record<string, number[]> {
  const columns: Record<string, number[]> = {};
  for (const name of indicator.outputs) columns[name] = [];
  for (const bar of bars) {
    indicator.updateBar(bar);
    for (const name of indicator.outputs) columns[name].push(indicator.output(name));
  }
  return columns;
}

/**
 * Asserts two aligned series agree: NaN exactly where the reference is NaN, and otherwise within
 * `tolerance` relative (absolute near zero). Names the first index that differs.
 */
export function assertSeriesClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  tolerance = 1e-9,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      assert.ok(Number.isNaN(e) && Number.isNaN(a), `${label}[${i}]: expected ${e}, got ${a}`);
      continue;
    }
    const scale = Math.max(1, Math.abs(e));
    assert.ok(Math.abs(a - e) <= tolerance * scale, `${label}[${i}]: expected ${e}, got ${a}`);
  }
}
