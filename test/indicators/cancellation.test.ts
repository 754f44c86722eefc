/**
 * Running sums lose small variances to cancellation when a large value leaves the window or the
 * prices drift far from the shift the sums are kept around. These cases (found by fast-check in
 * CI) must stay exact to 1e-11 relative.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinearRegression } from '../../src/indicators/statistics/linear-regression.js';
import { MovingStandardDeviation } from '../../src/indicators/statistics/rolling.js';

const JUMP_THEN_CALM = [1127.99, 1000, 999.99, 1000.01];

function exactStats(window: number[]): { sd: number; r2: number; slope: number } {
  const n = window.length;
  const mean = window.reduce((a, b) => a + b, 0) / n;
  const xm = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  window.forEach((y, x) => {
    sxy += (x - xm) * (y - mean);
    sxx += (x - xm) ** 2;
    syy += (y - mean) ** 2;
  });
  return { sd: Math.sqrt(syy / n), r2: (sxy * sxy) / (sxx * syy), slope: sxy / sxx };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-11 * Math.abs(b);

test('a jump leaving the window does not cancel the small variance left (stddev, linreg)', () => {
  const sd = new MovingStandardDeviation(3);
  const lr = new LinearRegression(3);
  for (const y of JUMP_THEN_CALM) {
    sd.update(y);
    lr.update(y);
  }
  const exact = exactStats(JUMP_THEN_CALM.slice(-3));
  assert.ok(close(sd.value, exact.sd), `stddev ${sd.value} vs ${exact.sd}`);
  assert.ok(close(lr.r2, exact.r2), `r2 ${lr.r2} vs ${exact.r2}`);
  assert.ok(close(lr.slope, exact.slope), `slope ${lr.slope} vs ${exact.slope}`);
});

test('prices drifting far from where the series started keep a precise deviation', () => {
  const sd = new MovingStandardDeviation(20);
  const ys: number[] = [];
  // From ~10 to ~10,000 with a tiny wiggle: the wiggle's deviation must survive.
  for (let i = 0; i < 5000; i++) {
    const y = 10 + i * 2 + (i % 2 === 0 ? 0.001 : -0.001);
    ys.push(y);
    sd.update(y);
  }
  const exact = exactStats(ys.slice(-20));
  assert.ok(close(sd.value, exact.sd), `stddev ${sd.value} vs ${exact.sd}`);
});
