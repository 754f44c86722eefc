import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crankNicolsonPrice } from '../../../src/analytics/options/american/crank-nicolson.js';
import { crrPrice, crrValues } from '../../../src/analytics/options/american/crr.js';
import type { VanillaOptionInputs } from '../../../src/analytics/options/american/inputs.js';
import {
  leisenReimerPrice,
  leisenReimerValues,
  peizerPrattInversion,
} from '../../../src/analytics/options/american/leisen-reimer.js';
import { blackScholesPrice } from '../../../src/analytics/options/black-scholes.js';
import { blackScholesGreeks } from '../../../src/analytics/options/greeks.js';
import { longstaffSchwartzPut } from './longstaff-schwartz-table.js';

const put = longstaffSchwartzPut;

const european = (option: VanillaOptionInputs): number =>
  blackScholesPrice(
    option.type,
    option.spot,
    option.strike,
    option.time,
    option.rate,
    option.carry,
    option.vol,
  );

describe('Cox–Ross–Rubinstein tree', () => {
  // Hull, "Options, Futures, and Other Derivatives", 10th ed., Example 21.1 and §21.1: American put
  // S = 50, K = 50, r = 10 %, σ = 40 %, T = 5 months. A 5-step tree gives 4.49; 30, 50, 100 and 500
  // steps give 4.263, 4.272, 4.278 and 4.283.
  const hull: VanillaOptionInputs = {
    type: 'put',
    exercise: 'american',
    spot: 50,
    strike: 50,
    time: 5 / 12,
    rate: 0.1,
    carry: 0.1,
    vol: 0.4,
  };
  it("reproduces Hull's American put tree values (Example 21.1)", () => {
    assert.ok(Math.abs(crrPrice(hull, 5) - 4.49) < 0.005);
    for (const [steps, value] of [
      [30, 4.263],
      [50, 4.272],
      [100, 4.278],
      [500, 4.283],
    ]) {
      assert.ok(Math.abs(crrPrice(hull, steps) - value) < 0.0005, `${steps} steps`);
    }
  });

  it("reproduces Haug's CRR examples (Haug 2007, 2nd ed., §7.1.1)", () => {
    // American put S 100, X 95, T 0.5, r = b = 0.08, σ 0.3, 5 steps → 4.92 (4.919211 in Rmetrics
    // fOptions' CRRBinomialTreeOption example of the same case); European call S = X = 100, T 1,
    // r = b = 0.1, σ 0.25, 50 steps → 14.93.
    const haugPut: VanillaOptionInputs = {
      type: 'put',
      exercise: 'american',
      spot: 100,
      strike: 95,
      time: 0.5,
      rate: 0.08,
      carry: 0.08,
      vol: 0.3,
    };
    assert.ok(Math.abs(crrPrice(haugPut, 5) - 4.919211) < 5e-7);
    const haugCall: VanillaOptionInputs = {
      type: 'call',
      exercise: 'european',
      spot: 100,
      strike: 100,
      time: 1,
      rate: 0.1,
      carry: 0.1,
      vol: 0.25,
    };
    assert.ok(Math.abs(crrPrice(haugCall, 50) - 14.93) < 0.005);
    // Hull's 5-step tree to fOptions' printed 6 decimals.
    assert.ok(Math.abs(crrPrice(hull, 5) - 4.488459) < 5e-7);
  });

  it('satisfies put–call parity exactly for European options (the tree is a martingale)', () => {
    for (const carry of [0.06, 0, -0.02]) {
      const call: VanillaOptionInputs = {
        type: 'call',
        exercise: 'european',
        spot: 42,
        strike: 40,
        time: 0.75,
        rate: 0.06,
        carry,
        vol: 0.3,
      };
      const parity = 42 * Math.exp((carry - 0.06) * 0.75) - 40 * Math.exp(-0.06 * 0.75);
      for (const price of [crrPrice, leisenReimerPrice]) {
        const difference = price(call, 101) - price({ ...call, type: 'put' }, 101);
        assert.ok(Math.abs(difference - parity) < 1e-10, `carry ${carry}`);
      }
    }
  });
});

describe('Leisen–Reimer tree', () => {
  it('inverts the Peizer–Pratt formula symmetrically: h(−z) = 1 − h(z), h(0) = ½', () => {
    assert.equal(peizerPrattInversion(0, 101), 0.5);
    assert.ok(Math.abs(peizerPrattInversion(-0.7, 101) + peizerPrattInversion(0.7, 101) - 1) < 1e-15);
  });

  it('converges to BSM at second order for European options (Leisen & Reimer 1996, odd n)', () => {
    const option: VanillaOptionInputs = { ...put(36, 0.2, 1), exercise: 'european' };
    const exact = european(option);
    const coarse = Math.abs(leisenReimerPrice(option, 25) - exact);
    const fine = Math.abs(leisenReimerPrice(option, 101) - exact);
    // Four times the steps: error down ~16× at O(1/n²) (allow 10×); CRR at O(1/n) would give ~4×.
    assert.ok(coarse / fine > 10, `ratio ${coarse / fine}`);
    assert.ok(fine < 2e-5);
  });

  it('raises an even step count to the next odd number', () => {
    const option = put(40, 0.2, 1);
    assert.equal(leisenReimerPrice(option, 100), leisenReimerPrice(option, 101));
  });

  it('reads delta, gamma and theta off the tree within 1e-3 of BSM for a European put', () => {
    const option: VanillaOptionInputs = { ...put(38, 0.3, 0.5), exercise: 'european', carry: 0.02 };
    const tree = leisenReimerValues(option, 401);
    const exact = blackScholesGreeks('put', 38, 40, 0.5, 0.06, 0.02, 0.3);
    assert.ok(Math.abs(tree.delta - exact.delta) < 1e-3);
    assert.ok(Math.abs(tree.gamma - exact.gamma) < 1e-3);
    assert.ok(Math.abs(tree.theta - exact.theta) < 1e-2);
  });
});

describe('American lattices', () => {
  // Longstaff & Schwartz (2001), Table 1, "Finite difference American value" column (K = 40,
  // r = 6 %): S = 36 σ .2 T 1 → 4.478; 38/.4/2 → 7.670; 40/.2/2 → 2.885; 42/.4/1 → 4.582;
  // 44/.2/1 → 1.110. Printed to 3 decimals from a coarse grid; converged trees sit up to 0.009 above.
  const table: [number, number, number, number][] = [
    [36, 0.2, 1, 4.478],
    [38, 0.4, 2, 7.67],
    [40, 0.2, 2, 2.885],
    [42, 0.4, 1, 4.582],
    [44, 0.2, 1, 1.11],
  ];
  it("match Longstaff–Schwartz's finite-difference American put values to 0.01", () => {
    for (const [spot, vol, time, value] of table) {
      for (const [price, steps] of [
        [crrPrice, 1000],
        [leisenReimerPrice, 301],
      ] as const) {
        assert.ok(
          Math.abs(price(put(spot, vol, time), steps) - value) < 0.01,
          `${price.name} S=${spot} σ=${vol} T=${time}`,
        );
      }
    }
  });

  it('agree with each other (CRR, LR, Crank–Nicolson) to 2e-3 over a grid of inputs', () => {
    for (const type of ['call', 'put'] as const) {
      for (const carry of [0.06, -0.03, 0]) {
        for (const spot of [35, 40, 46]) {
          const option: VanillaOptionInputs = {
            type,
            exercise: 'american',
            spot,
            strike: 40,
            time: 0.75,
            rate: 0.06,
            carry,
            vol: 0.3,
          };
          const lr = leisenReimerPrice(option, 401);
          assert.ok(Math.abs(crrPrice(option, 801) - lr) < 2e-3, `crr ${type} b=${carry} S=${spot}`);
          assert.ok(
            Math.abs(crankNicolsonPrice(option, { spaceSteps: 400, timeSteps: 200 }) - lr) < 2e-3,
            `cn ${type} b=${carry} S=${spot}`,
          );
        }
      }
    }
  });

  it('price American ≥ European ≥ 0 and American ≥ intrinsic', () => {
    for (const spot of [30, 36, 40, 44, 55]) {
      const american = put(spot, 0.25, 1);
      const value = leisenReimerPrice(american, 201);
      assert.ok(value >= leisenReimerPrice({ ...american, exercise: 'european' }, 201) - 1e-12);
      assert.ok(value >= Math.max(40 - spot, 0) - 1e-12);
    }
  });

  it('price an American call with b ≥ r as the European call (never exercised early)', () => {
    const call: VanillaOptionInputs = {
      type: 'call',
      exercise: 'american',
      spot: 42,
      strike: 40,
      time: 1,
      rate: 0.05,
      carry: 0.05,
      vol: 0.25,
    };
    for (const price of [crrPrice, leisenReimerPrice]) {
      assert.ok(Math.abs(price(call, 201) - price({ ...call, exercise: 'european' }, 201)) < 1e-12);
    }
    assert.ok(Math.abs(leisenReimerPrice(call, 201) - european(call)) < 1e-4);
  });

  it('give delta and gamma that match finite differences of the tree price', () => {
    const option = put(38, 0.3, 1);
    const tree = leisenReimerValues(option, 401);
    const h = 0.38;
    const up = leisenReimerPrice({ ...option, spot: 38 + h }, 401);
    const down = leisenReimerPrice({ ...option, spot: 38 - h }, 401);
    assert.ok(Math.abs(tree.delta - (up - down) / (2 * h)) < 2e-3);
    assert.ok(Math.abs(tree.gamma - (up - 2 * tree.price + down) / (h * h)) < 2e-3);
    const crr = crrValues(option, 801);
    assert.ok(Math.abs(crr.delta - tree.delta) < 2e-3);
  });

  it('reject bad inputs with a RangeError naming the argument', () => {
    assert.throws(
      () => crrPrice({ ...put(36, 0.2, 1), strike: -5 }),
      /strike must be a finite number > 0, got -5/,
    );
    assert.throws(() => leisenReimerPrice(put(36, 0.2, 1), 2.5), /steps must be an integer/);
    assert.throws(
      () => crrPrice({ ...put(36, 0.2, 1), vol: 0.01, carry: 2 }, 4),
      /steps must be large enough/,
    );
  });
});
