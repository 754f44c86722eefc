import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CrossOver } from '../../src/indicators/crossover.js';

function run(pairs: ReadonlyArray<readonly [number, number]>): number[] {
  const cross = new CrossOver();
  return pairs.map(([a, b]) => cross.update(a, b));
}

describe('CrossOver', () => {
  test('the first pair only seeds the sign', () => {
    const cross = new CrossOver();
    assert.equal(cross.isReady, false);
    assert.equal(cross.update(5, 1), 0);
    assert.equal(cross.isReady, true);
    assert.equal(cross.value, 0);
    assert.deepEqual(run([[1, 5]]), [0]);
  });

  test('+1 when a crosses above b, -1 when below, 0 while on the same side', () => {
    assert.deepEqual(
      run([
        [1, 2],
        [3, 2],
        [4, 2],
        [1, 2],
        [0, 2],
        [5, 2],
      ]),
      [0, 1, 0, -1, 0, 1],
    );
  });

  test('value holds the latest result', () => {
    const cross = new CrossOver();
    cross.update(1, 2);
    cross.update(3, 2);
    assert.equal(cross.value, 1);
    cross.update(4, 2);
    assert.equal(cross.value, 0);
  });

  test('touching and returning to the same side is not a cross', () => {
    assert.deepEqual(
      run([
        [1, 2],
        [2, 2],
        [1, 2],
        [2, 2],
        [2, 2],
        [0, 2],
      ]),
      [0, 0, 0, 0, 0, 0],
    );
    assert.deepEqual(
      run([
        [3, 2],
        [2, 2],
        [3, 2],
      ]),
      [0, 0, 0],
    );
  });

  test('crossing through a touch counts once, on the bar that leaves the other side', () => {
    assert.deepEqual(
      run([
        [1, 2],
        [2, 2],
        [2, 2],
        [3, 2],
        [3, 2],
      ]),
      [0, 0, 0, 1, 0],
    );
    assert.deepEqual(
      run([
        [3, 2],
        [2, 2],
        [1, 2],
      ]),
      [0, 0, -1],
    );
  });

  test('seeded on equal values: the first side taken is not a cross, the next change is', () => {
    assert.deepEqual(
      run([
        [2, 2],
        [3, 2],
        [1, 2],
      ]),
      [0, 0, -1],
    );
  });

  test('reset forgets the seed', () => {
    const cross = new CrossOver();
    cross.update(1, 2);
    cross.update(3, 2);
    cross.reset();
    assert.equal(cross.isReady, false);
    assert.equal(cross.value, 0);
    assert.equal(cross.update(3, 2), 0); // seeds again
    assert.equal(cross.update(1, 2), -1);
  });

  test('property: crosses alternate in sign and match the sign changes of a - b (zeros skipped)', () => {
    const value = fc.integer({ min: -3, max: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 60 }), (pairs) => {
        const results = run(pairs);
        // Reference: the side is the sign of the last non-zero difference; a cross is a change of side.
        let side = 0;
        const expected = pairs.map(([a, b], i) => {
          const d = Math.sign(a - b);
          const out = i > 0 && side !== 0 && d !== 0 && d !== side ? d : 0;
          if (d !== 0) side = d;
          return out;
        });
        assert.deepEqual(results, expected);
        const crosses = results.filter((r) => r !== 0);
        for (let i = 1; i < crosses.length; i++)
          assert.notEqual(crosses[i], crosses[i - 1], 'two crosses the same way in a row');
      }),
      { numRuns: 2000 },
    );
  });
});
