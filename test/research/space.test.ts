/** Parameter spaces from `--param` flags: the syntax, its errors, and properties of grids and scales. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BourseError } from '../../src/core/errors.js';
import {
  combinationAt,
  combinationParams,
  combinationValues,
  parameterSpace,
  parseParameterAxis,
  spaceSize,
} from '../../src/research/index.js';

const values = (flag: string) => parseParameterAxis(flag).values;

/** Asserts a CLI error whose message names the flag. */
function rejects(flag: string, message: RegExp): void {
  assert.throws(
    () => parseParameterAxis(flag),
    (error: unknown) =>
      error instanceof BourseError &&
      error.code === 'CLI_INVALID' &&
      error.message.startsWith(`--param ${flag}: `) &&
      message.test(error.message),
  );
}

describe('parameter axes', () => {
  test('fixed values, lists, ranges, steps and log scales', () => {
    assert.deepEqual(values('fast=1'), [1]);
    assert.deepEqual(values('mode=fast'), ['fast']);
    assert.deepEqual(values('mode=a,b,c'), ['a', 'b', 'c']);
    assert.deepEqual(values('x=3, 1.5 ,b'), [3, 1.5, 'b']);
    assert.deepEqual(values('slow=5..9'), [5, 6, 7, 8, 9]);
    assert.equal(values('slow=5..44').length, 40);
    assert.deepEqual(values('fast=5..20:5'), [5, 10, 15, 20]);
    assert.deepEqual(values('fast=5..22:5'), [5, 10, 15, 20]);
    assert.deepEqual(values('rate=0.1..0.5:0.1'), [0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(values('x=-1..1:0.5'), [-1, -0.5, 0, 0.5, 1]);
    assert.deepEqual(values('n=7..7'), [7]);
    assert.deepEqual(values('rate=0.001..0.1:log3'), [0.001, 0.01, 0.1]);
    assert.deepEqual(values('rate=0.001..0.1:log5'), [0.001, 0.00316228, 0.01, 0.0316228, 0.1]);
    assert.deepEqual(values('slow=10..1000:log5'), [10, 32, 100, 316, 1000]);
    // Whole-number scales drop the repeats rounding makes.
    assert.deepEqual(values('n=1..4:log6'), [1, 2, 3, 4]);
    assert.equal(parseParameterAxis('slow=5..44').kind, 'range');
    assert.equal(parseParameterAxis('rate=1e-3..1e-1:log5').kind, 'log');
  });

  test('bad flags are errors naming the flag and saying what it takes', () => {
    rejects('slow', /expected name=values/);
    rejects('=5', /expected name=values/);
    rejects('slow=', /expected name=values/);
    rejects('slow=44..5', /start 44 is above its end 5/);
    rejects('slow=5..x', /expected FROM\.\.TO/);
    rejects('slow=5..44:0', /step must be > 0/);
    rejects('slow=5..44:-1', /step must be > 0, got -1/);
    rejects('rate=0..1:log5', /FROM > 0/);
    rejects('rate=0.1..1:log1', /at least 2 points/);
    rejects('mode=a,,b', /list item is empty/);
    rejects('mode=a,b,a', /'a' is listed twice/);
    rejects('n=0..10000000', /at most 1000000 per axis/);
    assert.throws(() => parameterSpace(['slow=5..10', 'slow=20']), /--param slow=20: .*more than once/);
  });
});

describe('grids', () => {
  test('the first axis varies slowest; values and name=value strings per combination', () => {
    const space = parameterSpace(['fast=1,2', 'slow=5..6', 'mode=a']);
    assert.equal(spaceSize(space), 4);
    const all = [0, 1, 2, 3].map((i) => combinationValues(space, combinationAt(space, i)));
    assert.deepEqual(all, [
      { fast: 1, slow: 5, mode: 'a' },
      { fast: 1, slow: 6, mode: 'a' },
      { fast: 2, slow: 5, mode: 'a' },
      { fast: 2, slow: 6, mode: 'a' },
    ]);
    assert.deepEqual(combinationParams(space, combinationAt(space, 3)), ['fast=2', 'slow=6', 'mode=a']);
  });

  const range = fc
    .record({
      from: fc.integer({ min: -50, max: 50 }),
      span: fc.integer({ min: 0, max: 60 }),
      step: fc.integer({ min: 1, max: 7 }),
      decimals: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ from, span, step, decimals }) => {
      const scale = 10 ** decimals;
      return { from: from / scale, to: (from + span) / scale, step: step / scale };
    });

  test('property: grid size is the product of the axis sizes; every combination is distinct', () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 3 }), (ranges) => {
        const flags = ranges.map((r, i) => `p${i}=${r.from}..${r.to}:${r.step}`);
        const space = parameterSpace(flags);
        const size = spaceSize(space);
        assert.equal(
          size,
          space.axes.reduce((product, axis) => product * axis.values.length, 1),
        );
        const seen = new Set<string>();
        for (let i = 0; i < size; i++) seen.add(combinationAt(space, i).join(','));
        assert.equal(seen.size, size);
      }),
    );
  });

  test('property: every range value lies within its bounds, on its step, ascending', () => {
    fc.assert(
      fc.property(range, ({ from, to, step }) => {
        const axis = values(`x=${from}..${to}:${step}`) as number[];
        assert.equal(axis[0], from);
        assert.equal(axis.length, Math.floor((to - from) / step + 1e-9) + 1);
        axis.forEach((value, i) => {
          assert.ok(value >= from && value <= to, `${value} in [${from}, ${to}]`);
          assert.ok(Math.abs(value - (from + i * step)) < 1e-9, `${value} is step ${i}`);
          if (i > 0) assert.ok(value > axis[i - 1]);
        });
      }),
    );
  });

  test('property: a log scale is strictly increasing, from FROM to TO, evenly spaced in log', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.integer({ min: 2, max: 30 }),
        (from, factor, points) => {
          const to = from * factor;
          const flag = `x=${from.toExponential()}..${to.toExponential()}:log${points}`;
          const axis = values(flag) as number[];
          assert.equal(axis[0], Number(from.toExponential()));
          assert.equal(axis[axis.length - 1], Number(to.toExponential()));
          for (let i = 1; i < axis.length; i++) assert.ok(axis[i] > axis[i - 1], `${flag}: ${axis}`);
          if (axis.length === points && points > 2 && factor > 10) {
            const ratio = Math.log(axis[1] / axis[0]);
            assert.ok(Math.abs(Math.log(axis[2] / axis[1]) - ratio) < 1e-4 * Math.max(1, ratio) + 1e-4);
          }
        },
      ),
    );
  });

  test('property: whole-number log scales hold whole numbers within the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 2, max: 20 }),
        (from, span, points) => {
          const axis = values(`n=${from}..${from + span}:log${points}`) as number[];
          assert.ok(axis.every(Number.isInteger));
          assert.equal(axis[0], from);
          assert.equal(axis[axis.length - 1], from + span);
          for (let i = 1; i < axis.length; i++) assert.ok(axis[i] > axis[i - 1]);
        },
      ),
    );
  });
});
