import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bsmPrice } from '../../../src/analytics/options/black-scholes.js';
import { black76Greeks, bsmGreeks } from '../../../src/analytics/options/greeks.js';
import { NoImpliedVolatilityError } from '../../../src/analytics/options/implied-volatility.js';
import {
  defaultModel,
  impliedVolatilityOf,
  isModelName,
  MODEL_NAMES,
  MODELS,
  type OptionContract,
  priceOption,
  priceWithGreeks,
} from '../../../src/analytics/options/models.js';

const europeanPut: OptionContract = {
  type: 'put',
  style: 'european',
  spot: 38,
  strike: 40,
  rate: 0.06,
  dividend: 0.02,
  vol: 0.3,
  time: 0.5,
};
const americanPut: OptionContract = {
  ...europeanPut,
  style: 'american',
  spot: 36,
  dividend: 0,
  vol: 0.2,
  time: 1,
};

describe('option model registry', () => {
  it('lists the nine models with the styles they price', () => {
    assert.deepEqual(
      [...MODEL_NAMES],
      ['bsm', 'black76', 'bachelier', 'crr', 'lr', 'baw', 'bjs2002', 'fd', 'lsm'],
    );
    assert.ok(isModelName('lr') && !isModelName('heston'));
    assert.deepEqual(MODELS.baw.styles, ['american']);
    assert.equal(defaultModel('european'), 'bsm');
    assert.equal(defaultModel('american'), 'fd');
  });

  it('refuses a model that does not price the row, naming those that do', () => {
    assert.throws(
      () => priceWithGreeks(americanPut, 'bsm'),
      /model 'bsm' prices european options only; american options: crr, lr, baw, bjs2002, fd, lsm/,
    );
    assert.throws(
      () => priceWithGreeks(europeanPut, 'baw'),
      /model 'baw' prices american options only; european options: bsm, black76, bachelier, crr, lr, fd, lsm/,
    );
  });

  it('returns the analytic Greeks for bsm and black76', () => {
    assert.deepEqual(priceWithGreeks(europeanPut), bsmGreeks('put', 38, 40, 0.5, 0.06, 0.02, 0.3));
    assert.deepEqual(priceWithGreeks(europeanPut, 'black76'), black76Greeks('put', 38, 40, 0.5, 0.06, 0.3));
  });

  it('gives every numerical model the BSM Greeks of a European put to its accuracy', () => {
    const exact = bsmGreeks('put', 38, 40, 0.5, 0.06, 0.02, 0.3);
    const tolerance = { price: 2e-3, delta: 2e-3, gamma: 1e-3, vega: 2e-2, theta: 2e-2, rho: 2e-2 };
    for (const model of ['crr', 'lr', 'fd'] as const) {
      const greeks = priceWithGreeks(europeanPut, model);
      for (const key of Object.keys(tolerance) as (keyof typeof tolerance)[]) {
        // CRR prices wiggle as σ moves nodes across the strike: its bumped vega is good to ~1 %.
        const allowed = model === 'crr' && key === 'vega' ? 0.1 : tolerance[key];
        assert.ok(
          Math.abs(greeks[key] - exact[key]) < allowed,
          `${model} ${key}: ${greeks[key]} vs ${exact[key]}`,
        );
      }
    }
  });

  it('prices the American put the same (to 2e-3) with crr, lr, fd and close with baw/bjs2002', () => {
    const reference = priceOption(americanPut, 'lr');
    assert.ok(Math.abs(priceOption(americanPut) - reference) < 2e-3);
    assert.ok(Math.abs(priceOption(americanPut, 'crr') - reference) < 2e-3);
    // Closed-form approximations: within 2 % (BAW is known to be a few cents off for long puts).
    for (const model of ['baw', 'bjs2002'] as const) {
      assert.ok(Math.abs(priceOption(americanPut, model) / reference - 1) < 0.02, model);
    }
    const greeks = priceWithGreeks(americanPut, 'baw');
    assert.ok(greeks.delta < 0 && greeks.delta > -1 && greeks.gamma > 0 && greeks.vega > 0);
  });

  it('round-trips implied volatility for bsm, bachelier and the default American model', () => {
    const price = bsmPrice('put', 38, 40, 0.5, 0.06, 0.02, 0.3);
    assert.ok(Math.abs(impliedVolatilityOf(europeanPut, price) - 0.3) < 1e-10);
    const normal: OptionContract = { ...europeanPut, vol: 12 };
    assert.ok(
      Math.abs(impliedVolatilityOf(normal, priceOption(normal, 'bachelier'), 'bachelier') - 12) < 1e-3,
    );
    const american = priceOption(americanPut);
    assert.ok(Math.abs(impliedVolatilityOf(americanPut, american) - 0.2) < 1e-6);
  });

  it('says when a price has no implied volatility', () => {
    assert.throws(
      () => impliedVolatilityOf(americanPut, 3.9),
      (error: unknown) => {
        assert.ok(error instanceof NoImpliedVolatilityError);
        assert.equal(error.reason, 'below-intrinsic');
        return true;
      },
    );
    assert.throws(() => impliedVolatilityOf(europeanPut, 50), NoImpliedVolatilityError);
  });
});
