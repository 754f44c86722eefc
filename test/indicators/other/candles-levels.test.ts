/**
 * Heikin-Ashi and pivot points: hand-computed examples and naive implementations written from the
 * published definitions, compared on ORCL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BarInput } from '../../../src/indicators/core.js';
import { HeikinAshi } from '../../../src/indicators/other/heikin-ashi.js';
import { type PivotMethod, PivotPoints } from '../../../src/indicators/other/pivots.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';

function bar(open: number, high: number, low: number, close: number): BarInput {
  return { open, high, low, close, volume: 1, tsEvent: 0 };
}

function close(actual: number, expected: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${label}: ${actual} vs ${expected}`,
  );
}

describe('Heikin-Ashi', () => {
  test('hand-computed: three bars', () => {
    const ha = new HeikinAshi();
    // Bar 1 (O 10, H 12, L 9, C 11): close 42/4 = 10.5; open seed (10 + 11)/2 = 10.5; high 12; low 9.
    assert.equal(ha.update(bar(10, 12, 9, 11)), 10.5);
    assert.deepEqual([ha.open, ha.high, ha.low], [10.5, 12, 9]);
    // Bar 2 (11, 13, 10, 12.5): close 46.5/4 = 11.625; open (10.5 + 10.5)/2 = 10.5; high 13; low 10.
    assert.equal(ha.update(bar(11, 13, 10, 12.5)), 11.625);
    assert.deepEqual([ha.open, ha.high, ha.low], [10.5, 13, 10]);
    // Bar 3 (12, 12.2, 11.9, 12): close 48.1/4 = 12.025; open (10.5 + 11.625)/2 = 11.0625;
    // high max(12.2, 11.0625, 12.025) = 12.2; low min(11.9, 11.0625, 12.025) = 11.0625 (the HA open).
    close(ha.update(bar(12, 12.2, 11.9, 12)), 12.025, 'close');
    assert.deepEqual([ha.open, ha.high, ha.low], [11.0625, 12.2, 11.0625]);
    assert.equal(ha.output('close'), ha.value);
    assert.equal(ha.output('open'), 11.0625);
  });

  test('naive implementation on ORCL (Valcu, TASC 2004)', () => {
    const expected: Record<string, number[]> = { close: [], open: [], high: [], low: [] };
    let open = Number.NaN;
    let closeValue = Number.NaN;
    ORCL.forEach((b, i) => {
      open = i === 0 ? (b.open + b.close) / 2 : (open + closeValue) / 2;
      closeValue = (b.open + b.high + b.low + b.close) / 4;
      expected.close.push(closeValue);
      expected.open.push(open);
      expected.high.push(Math.max(b.high, open, closeValue));
      expected.low.push(Math.min(b.low, open, closeValue));
    });
    const actual = stream(new HeikinAshi(), ORCL);
    for (const name of ['close', 'open', 'high', 'low'])
      assertSeriesClose(actual[name], expected[name], `ha ${name}`);
  });

  test('the HA candle contains its open and close', () => {
    const actual = stream(new HeikinAshi(), ORCL);
    for (let i = 0; i < ORCL.length; i++) {
      assert.ok(actual.high[i] >= Math.max(actual.open[i], actual.close[i]));
      assert.ok(actual.low[i] <= Math.min(actual.open[i], actual.close[i]));
    }
  });
});

describe('pivot points', () => {
  // Previous bar H 110, L 100, C 105: PP = 315/3 = 105, range 10.
  const previous = bar(101, 110, 100, 105);
  const current = bar(106, 108, 104, 107);

  function pivots(method: PivotMethod): PivotPoints {
    const p = new PivotPoints(method);
    assert.ok(Number.isNaN(p.update(previous)));
    assert.ok(Number.isNaN(p.r1));
    p.update(current);
    return p;
  }

  test('classic: R1 = 2PP − L = 110, S1 = 2PP − H = 100, R2/S2 = PP ± 10, R3 = H + 2(PP − L), S3 = L − 2(H − PP)', () => {
    const p = pivots('classic');
    assert.deepEqual([p.value, p.r1, p.r2, p.r3, p.s1, p.s2, p.s3], [105, 110, 115, 120, 100, 95, 90]);
    assert.ok(Number.isNaN(p.r4) && Number.isNaN(p.s4));
  });

  test('fibonacci: PP ± 0.382 × 10, ± 0.618 × 10, ± 10', () => {
    const p = pivots('fibonacci');
    const expected = [105, 108.82, 111.18, 115, 101.18, 98.82, 95];
    const actual = [p.value, p.r1, p.r2, p.r3, p.s1, p.s2, p.s3];
    for (let i = 0; i < expected.length; i++) close(actual[i], expected[i], `fib ${i}`);
    assert.ok(Number.isNaN(p.r4) && Number.isNaN(p.s4));
  });

  test('camarilla: C ± 1.1 × 10 / 12, / 6, / 4, / 2', () => {
    const p = pivots('camarilla');
    const expected = [
      105,
      105 + 11 / 12,
      105 + 11 / 6,
      107.75,
      110.5,
      105 - 11 / 12,
      105 - 11 / 6,
      102.25,
      99.5,
    ];
    const actual = [p.value, p.r1, p.r2, p.r3, p.r4, p.s1, p.s2, p.s3, p.s4];
    for (let i = 0; i < expected.length; i++) close(actual[i], expected[i], `cam ${i}`);
  });

  test('each value uses only the previous bar', () => {
    const p = new PivotPoints();
    p.update(previous);
    p.update(current);
    p.update(bar(1, 1000, 0.5, 2)); // the new bar does not move this bar's pivots
    // From `current` (H 108, L 104, C 107): PP = 319/3.
    close(p.value, 319 / 3, 'pp');
  });

  test('naive implementation on ORCL, all methods (StockCharts ChartSchool; Camarilla, N. Scott 1989)', () => {
    for (const method of ['classic', 'fibonacci', 'camarilla'] as const) {
      const names = ['pp', 'r1', 'r2', 'r3', 'r4', 's1', 's2', 's3', 's4'];
      const expected: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [Number.NaN]]));
      for (let i = 1; i < ORCL.length; i++) {
        const { high: h, low: l, close: c } = ORCL[i - 1];
        const pp = (h + l + c) / 3;
        const r = h - l;
        const levels =
          method === 'classic'
            ? [
                pp,
                2 * pp - l,
                pp + r,
                h + 2 * (pp - l),
                Number.NaN,
                2 * pp - h,
                pp - r,
                l - 2 * (h - pp),
                Number.NaN,
              ]
            : method === 'fibonacci'
              ? [
                  pp,
                  pp + 0.382 * r,
                  pp + 0.618 * r,
                  pp + r,
                  Number.NaN,
                  pp - 0.382 * r,
                  pp - 0.618 * r,
                  pp - r,
                  Number.NaN,
                ]
              : [
                  pp,
                  c + (1.1 * r) / 12,
                  c + (1.1 * r) / 6,
                  c + (1.1 * r) / 4,
                  c + (1.1 * r) / 2,
                  c - (1.1 * r) / 12,
                  c - (1.1 * r) / 6,
                  c - (1.1 * r) / 4,
                  c - (1.1 * r) / 2,
                ];
        names.forEach((n, k) => {
          expected[n].push(levels[k]);
        });
      }
      const actual = stream(new PivotPoints(method), ORCL);
      for (const n of names) assertSeriesClose(actual[n], expected[n], `${method} ${n}`);
    }
  });

  test('an unknown method is rejected', () => {
    assert.throws(() => new PivotPoints('woodie' as PivotMethod), RangeError);
  });
});
