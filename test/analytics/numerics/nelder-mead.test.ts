import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nelderMead } from '../../../src/analytics/numerics/nelder-mead.js';

test('Nelder-Mead finds the minimum of the Rosenbrock function from the classic start (-1.2, 1)', () => {
  const rosenbrock = (x: readonly number[]) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const result = nelderMead(rosenbrock, [-1.2, 1], {
    tolerance: 0,
    absoluteTolerance: 1e-14,
    maxEvaluations: 4000,
  });
  assert.ok(Math.abs(result.point[0] - 1) < 1e-3 && Math.abs(result.point[1] - 1) < 2e-3);
  assert.ok(result.value < 1e-8);
});

test('Nelder-Mead treats non-finite objective values as +infinity and stays in the finite region', () => {
  // ln is undefined for x <= 0: the minimiser of (ln x)^2 is x = 1, reached without ever returning NaN.
  const result = nelderMead((x) => Math.log(x[0]) ** 2, [3], { steps: [5] });
  assert.ok(Math.abs(result.point[0] - 1) < 1e-4);
});

test('Nelder-Mead stops at its evaluation budget', () => {
  let calls = 0;
  const result = nelderMead(
    (x) => {
      calls++;
      return x[0] ** 2 + x[1] ** 2;
    },
    [10, 10],
    { maxEvaluations: 20 },
  );
  assert.ok(result.evaluations <= 22 && calls === result.evaluations);
});
