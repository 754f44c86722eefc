/**
 * Searches: grid order, seeded random draws without repeats, and the genetic search's reproducibility
 * and elitism, on a synthetic fitness (no backtests).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '../../src/analytics/statistics/random.js';
import {
  type Combination,
  compareFitness,
  createSearch,
  type Fitness,
  gridSearch,
  type ParameterSpace,
  parameterSpace,
  randomSearch,
  type SearchChoice,
  sampleDistinct,
  spaceSize,
} from '../../src/research/index.js';

/** Every batch a search proposes, with a fitness computed from the combination alone. */
function walk(choice: SearchChoice, space: ParameterSpace, score: (c: Combination) => Fitness | undefined) {
  const search = createSearch(choice, space);
  const batches: Combination[][] = [];
  let previous: (Fitness | undefined)[] = [];
  for (let batch = search.next(previous); batch !== undefined; batch = search.next(previous)) {
    batches.push([...batch]);
    previous = batch.map(score);
  }
  return batches;
}

const SPACE = parameterSpace(['a=0..19', 'b=0..29', 'c=x,y,z']);
/** Best at a=7, b=21, c=z; c=x breaks the constraints. */
const score = ([a, b, c]: Combination): Fitness => ({
  objective: -((a - 7) ** 2) - (b - 21) ** 2 + c,
  constraintsMet: c !== 0,
});

describe('searches', () => {
  test('grid: every combination once, in grid order', () => {
    const [batch] = walk({ kind: 'grid' }, SPACE, score);
    assert.equal(batch.length, spaceSize(SPACE));
    assert.deepEqual(batch.slice(0, 4), [
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 2],
      [0, 1, 0],
    ]);
    assert.throws(
      () => gridSearch(parameterSpace(['a=1..1000', 'b=1..1001'])),
      /1001000 combinations.*--search random or genetic/,
    );
  });

  test('random: the same seed draws the same distinct combinations; another seed others', () => {
    const first = walk({ kind: 'random', samples: 50, seed: 7 }, SPACE, score);
    const again = walk({ kind: 'random', samples: 50, seed: 7 }, SPACE, score);
    const other = walk({ kind: 'random', samples: 50, seed: 8 }, SPACE, score);
    assert.equal(first.length, 1);
    assert.deepEqual(first, again);
    assert.notDeepEqual(first, other);
    assert.equal(new Set(first[0].map((c) => c.join())).size, 50);
    // More samples than the space holds: all of it, once each.
    const small = parameterSpace(['a=1..3', 'b=1,2']);
    const [all] = walk({ kind: 'random', samples: 100, seed: 1 }, small, score);
    assert.equal(new Set(all.map((c) => c.join())).size, 6);
    assert.equal(randomSearch(small, 4, 1).plannedCount, 4);
  });

  test('property: sampleDistinct draws distinct integers in range, as many as asked or all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer(),
        (size, count, seed) => {
          const drawn = sampleDistinct(mulberry32(seed), size, count);
          assert.equal(drawn.length, Math.min(size, count));
          assert.equal(new Set(drawn).size, drawn.length);
          assert.ok(drawn.every((i) => Number.isInteger(i) && i >= 0 && i < size));
          assert.deepEqual(sampleDistinct(mulberry32(seed), size, count), drawn);
        },
      ),
    );
  });

  test('genetic: seeded and reproducible; population per generation; the best never lost', () => {
    const choice: SearchChoice = { kind: 'genetic', population: 12, generations: 8, seed: 3 };
    const first = walk(choice, SPACE, score);
    assert.deepEqual(walk(choice, SPACE, score), first);
    assert.notDeepEqual(walk({ ...choice, seed: 4 }, SPACE, score), first);
    assert.equal(first.length, 8);
    assert.ok(first.every((generation) => generation.length === 12));
    assert.equal(new Set(first[0].map((c) => c.join())).size, 12, 'generation 0 has no repeats');
    const bestOf = (generation: Combination[]) => generation.map(score).sort(compareFitness)[0];
    for (let g = 1; g < first.length; g++) {
      assert.ok(compareFitness(bestOf(first[g]), bestOf(first[g - 1])) <= 0, `generation ${g} kept the best`);
    }
    // It climbs: the last generation's best beats the first's.
    assert.ok(compareFitness(bestOf(first[7]), bestOf(first[0])) < 0);
    for (const generation of first) {
      for (const [a, b, c] of generation) assert.ok(a < 20 && b < 30 && c < 3 && a >= 0 && b >= 0 && c >= 0);
    }
  });

  test('genetic: refused combinations (no fitness) are never chosen over scored ones', () => {
    const refuseOdd = (c: Combination) => (c[0] % 2 === 1 ? undefined : score(c));
    const generations = walk({ kind: 'genetic', population: 10, generations: 6, seed: 9 }, SPACE, refuseOdd);
    const best = generations[5].map(refuseOdd).sort(compareFitness)[0];
    assert.ok(best !== undefined);
  });

  test('genetic settings are checked', () => {
    assert.throws(
      () => createSearch({ kind: 'genetic', population: 1, generations: 2, seed: 1 }, SPACE),
      /population/,
    );
    assert.throws(
      () => createSearch({ kind: 'genetic', population: 4, generations: 0, seed: 1 }, SPACE),
      /generations/,
    );
  });
});
