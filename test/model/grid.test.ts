import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decimalPlaces, Grid, roundTo } from '../../src/model/grid.js';

/**
 * Grids under test with the largest price each realistically carries (so tick indices stay in
 * the range real instruments use: up to 1e8 ticks for a 0.01 grid, 1e9 for 0.00001).
 */
const GRIDS = [
  { increment: 0.25, units: 25, places: 2, maxPrice: 1e6 },
  { increment: 0.01, units: 1, places: 2, maxPrice: 1e6 },
  { increment: 0.1, units: 1, places: 1, maxPrice: 1e6 },
  { increment: 1, units: 1, places: 0, maxPrice: 1e7 },
  { increment: 0.00001, units: 1, places: 5, maxPrice: 1e4 },
] as const;

/** Decimal text of k × increment, built from integers only (what a price file or user would write). */
function decimalText(k: number, units: number, places: number): string {
  const scaled = Math.abs(k * units);
  const digits = String(scaled).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return k < 0 ? `-${text}` : text;
}

/** Compares numbers with ===, so -0 and 0 count as the same value (both print as 0). */
function same(actual: number, expected: number, message?: string): void {
  assert.ok(actual === expected, message ?? `${actual} !== ${expected}`);
}

const ticksFor = (g: (typeof GRIDS)[number]) =>
  fc.integer({ min: -Math.round(g.maxPrice / g.increment), max: Math.round(g.maxPrice / g.increment) });

describe('Grid: construction and precision', () => {
  test('precision is the decimal places of the increment', () => {
    for (const g of GRIDS) assert.equal(new Grid(g.increment).precision, g.places, String(g.increment));
  });

  test('a non-positive or non-finite increment is refused', () => {
    for (const bad of [0, -0.25, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new Grid(bad), RangeError, String(bad));
    }
  });
});

describe('Grid: tick round trips (property)', () => {
  for (const g of GRIDS) {
    test(`increment ${g.increment}: on-grid value → ticks → value is exact, and ticks → value → ticks too`, () => {
      const grid = new Grid(g.increment);
      fc.assert(
        fc.property(ticksFor(g), (k) => {
          const value = Number(decimalText(k, g.units, g.places));
          assert.equal(grid.toTicks(value), k);
          assert.equal(grid.fromTicks(grid.toTicks(value)), value);
          assert.equal(grid.fromTicks(k), value);
          assert.equal(grid.round(value), value);
        }),
        { numRuns: 2000 },
      );
    });
  }
});

describe('Grid: contains (property)', () => {
  for (const g of GRIDS) {
    test(`increment ${g.increment}: true for k × increment`, () => {
      const grid = new Grid(g.increment);
      fc.assert(
        fc.property(ticksFor(g), (k) => {
          assert.equal(grid.contains(Number(decimalText(k, g.units, g.places))), true);
          assert.equal(grid.contains(grid.fromTicks(k)), true);
          assert.equal(grid.contains(k * g.increment), true); // float product, with its noise
        }),
        { numRuns: 2000 },
      );
    });

    test(`increment ${g.increment}: false for values 1%..99% of a tick off the grid`, () => {
      const grid = new Grid(g.increment);
      fc.assert(
        fc.property(ticksFor(g), fc.integer({ min: 1, max: 99 }), (k, percent) => {
          const value = Number(decimalText(k, g.units, g.places)) + (percent / 100) * g.increment;
          assert.equal(
            grid.contains(value),
            false,
            `${value} is ${percent}% of a tick off the ${g.increment} grid`,
          );
        }),
        { numRuns: 2000 },
      );
    });
  }

  test('non-finite values are never on a grid', () => {
    const grid = new Grid(0.01);
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      assert.equal(grid.contains(v), false);
  });

  test('examples', () => {
    const quarter = new Grid(0.25);
    assert.equal(quarter.contains(1800.25), true);
    assert.equal(quarter.contains(1800.3), false);
    assert.equal(quarter.contains(-0.75), true);
    const cent = new Grid(0.01);
    assert.equal(cent.contains(190.12), true);
    assert.equal(cent.contains(190.125), false);
    assert.equal(cent.contains(1.1 * 3), true); // 3.3000000000000003
  });
});

describe('Grid: floor and ceil (property)', () => {
  for (const g of GRIDS) {
    test(`increment ${g.increment}: floor ≤ x ≤ ceil, both on the grid, one tick apart for off-grid x`, () => {
      const grid = new Grid(g.increment);
      fc.assert(
        fc.property(ticksFor(g), fc.integer({ min: 1, max: 99 }), (k, percent) => {
          const below = Number(decimalText(k, g.units, g.places));
          const above = Number(decimalText(k + 1, g.units, g.places));
          const x = below + (percent / 100) * g.increment;
          const floor = grid.floor(x);
          const ceil = grid.ceil(x);
          assert.ok(floor <= x && x <= ceil, `${floor} <= ${x} <= ${ceil}`);
          same(floor, below, `floor(${x}) = ${floor}, expected ${below}`);
          same(ceil, above, `ceil(${x}) = ${ceil}, expected ${above}`);
        }),
        { numRuns: 2000 },
      );
    });

    test(`increment ${g.increment}: floor and ceil of an on-grid value are the value itself`, () => {
      const grid = new Grid(g.increment);
      fc.assert(
        fc.property(ticksFor(g), (k) => {
          const value = Number(decimalText(k, g.units, g.places));
          same(grid.floor(value), value, `floor(${value}) = ${grid.floor(value)}`);
          same(grid.ceil(value), value, `ceil(${value}) = ${grid.ceil(value)}`);
        }),
        { numRuns: 2000 },
      );
    });
  }

  test('any double within the range: floor ≤ x ≤ ceil up to float noise, and ceil - floor is 0 or one tick', () => {
    const grid = new Grid(0.25);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const floor = grid.floor(x);
        const ceil = grid.ceil(x);
        // The grid's documented noise: 1e-9 of a tick plus 1e-15 of the value (a few ulps).
        const noise = 1e-9 * grid.increment + Math.abs(x) * 1e-15;
        assert.ok(floor <= x + noise && x - noise <= ceil, `${floor} <= ${x} <= ${ceil}`);
        assert.ok(grid.contains(floor) && grid.contains(ceil));
        const gap = grid.toTicks(ceil) - grid.toTicks(floor);
        assert.ok(gap === 0 || gap === 1, `gap ${gap}`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Grid: float noise never decides', () => {
  test('0.1 + 0.2 lands exactly on 0.3 of the 0.1 grid', () => {
    const grid = new Grid(0.1);
    const x = 0.1 + 0.2; // 0.30000000000000004
    assert.notEqual(x, 0.3);
    assert.equal(grid.contains(x), true);
    assert.equal(grid.toTicks(x), 3);
    assert.equal(grid.round(x), 0.3);
    assert.equal(grid.floor(x), 0.3);
    assert.equal(grid.ceil(x), 0.3);
    assert.equal(grid.toTicks(x), grid.toTicks(0.3));
  });

  test('noise below a grid value does not floor it a tick down', () => {
    const grid = new Grid(0.1);
    const x = 0.7 - 0.1; // 0.6 - 1e-16
    assert.equal(grid.floor(x), 0.6);
    assert.equal(grid.ceil(x), 0.6);
    assert.equal(new Grid(0.01).floor(1.15 * 100 * 0.01), 1.15);
  });

  test('fromTicks prints as the decimal a person would write', () => {
    assert.equal(new Grid(0.1).fromTicks(3), 0.3);
    assert.equal(new Grid(0.01).fromTicks(19012), 190.12);
    assert.equal(new Grid(0.00001).fromTicks(123456789), 1234.56789);
    assert.equal(new Grid(0.25).fromTicks(-7), -1.75);
  });

  test('round snaps to the nearest tick', () => {
    const grid = new Grid(0.25);
    assert.equal(grid.round(1800.1), 1800);
    assert.equal(grid.round(1800.13), 1800.25);
    assert.equal(grid.round(1800.37), 1800.25);
    assert.equal(grid.round(-0.3), -0.25);
  });
});

describe('roundTo (money)', () => {
  test('rounds half away from zero, as the decimal is written', () => {
    assert.equal(roundTo(1.005, 2), 1.01);
    assert.equal(roundTo(-1.005, 2), -1.01);
    assert.equal(roundTo(2.675, 2), 2.68);
    assert.equal(roundTo(-2.675, 2), -2.68);
    assert.equal(roundTo(0.125, 2), 0.13);
    assert.equal(roundTo(-0.125, 2), -0.13);
    assert.equal(roundTo(2.5, 0), 3);
    assert.equal(roundTo(-2.5, 0), -3);
    assert.equal(roundTo(0.5, 0), 1);
    assert.equal(roundTo(-0.5, 0), -1);
    assert.equal(roundTo(1.000000005, 8), 1.00000001);
    assert.equal(roundTo(1.0000000045, 8), 1);
  });

  test('values not at the half round to the nearest', () => {
    assert.equal(roundTo(1.0049, 2), 1);
    assert.equal(roundTo(-1.0049, 2), -1);
    assert.equal(roundTo(1234.5678, 2), 1234.57);
    assert.equal(roundTo(1234.5638, 2), 1234.56);
    assert.equal(roundTo(99.999, 2), 100);
    assert.equal(roundTo(1e6 + 0.004, 2), 1e6);
    assert.equal(roundTo(12.34, 2), 12.34);
    assert.equal(roundTo(1234.5, 0), 1235);
  });

  test('property: a written half (…5 in the next decimal) always rounds away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (n, places, negative) => {
          const sign = negative ? '-' : '';
          const half = Number(`${sign}${decimalText(n, 1, places)}5`.replace(/^(-?\d+)5$/, '$1.5'));
          const expected = Number(`${sign}${decimalText(n + 1, 1, places)}`);
          assert.equal(roundTo(half, places), expected, `${half} to ${places} places`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('property: the result is within half a unit of the input and already rounded', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (x, places) => {
          const r = roundTo(x, places);
          const unit = 10 ** -places;
          assert.ok(Math.abs(r - x) <= unit / 2 + Math.abs(x) * 1e-15, `${x} → ${r}`);
          same(roundTo(r, places), r);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('decimalPlaces', () => {
  test('counts the decimals needed to write a value', () => {
    const cases: Array<[number, number]> = [
      [0.25, 2],
      [0.01, 2],
      [0.1, 1],
      [1, 0],
      [100, 0],
      [0.5, 1],
      [0.125, 3],
      [0.00001, 5],
      [1e-8, 8],
      [0.1 + 0.2, 1], // float noise does not add decimals
      [190.12, 2],
      [1e-12, 12],
    ];
    for (const [value, places] of cases) assert.equal(decimalPlaces(value), places, String(value));
  });

  test('tiny increments keep their decimals (a 1e-10 grid must not collapse to integers)', () => {
    assert.equal(decimalPlaces(1e-10), 10);
    const grid = new Grid(1e-10);
    assert.equal(grid.precision, 10);
    assert.equal(grid.fromTicks(3), 3e-10);
    assert.equal(grid.round(7.2e-10), 7e-10);
  });

  test('is capped at 12', () => {
    assert.equal(decimalPlaces(1e-15), 12);
    assert.equal(decimalPlaces(Math.PI), 12);
  });
});
