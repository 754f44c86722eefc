import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VanillaOptionInputs } from '../../../src/analytics/options/american/inputs.js';
import { longstaffSchwartzPrice } from '../../../src/analytics/options/american/longstaff-schwartz.js';
import { blackScholesPrice } from '../../../src/analytics/options/black-scholes.js';
import { longstaffSchwartzPut } from './longstaff-schwartz-table.js';

const put = longstaffSchwartzPut;

describe('Longstaff–Schwartz least-squares Monte Carlo', () => {
  // Longstaff & Schwartz (2001), Table 1 (K = 40, r = 0.06, 50 exercise dates per year, 100,000 paths):
  // (S, σ, T) → finite-difference American value, LSM value (s.e.).
  const table: [number, number, number, number, number, number][] = [
    [36, 0.2, 1, 4.478, 4.472, 0.01],
    [40, 0.4, 1, 5.312, 5.308, 0.018],
    [44, 0.2, 2, 1.69, 1.675, 0.009],
  ];

  it('reproduces Table 1 American puts within 3 standard errors (10,000 paths, seeded)', () => {
    for (const [spot, vol, time, finiteDifference, paper, paperError] of table) {
      const result = longstaffSchwartzPrice(put(spot, vol, time), { paths: 10_000, seed: 7 });
      // Our s.e. at 10,000 paths is about √10 × the paper's at 100,000.
      assert.ok(
        result.standardError > 0 && result.standardError < 4 * paperError,
        `s.e. ${result.standardError}`,
      );
      const band = 3 * Math.hypot(result.standardError, paperError);
      assert.ok(Math.abs(result.price - paper) < band, `S=${spot}: ${result.price} vs LSM ${paper}`);
      assert.ok(
        Math.abs(result.price - finiteDifference) < band + 0.01,
        `S=${spot}: vs FD ${finiteDifference}`,
      );
      assert.equal(result.exerciseDates, 50 * time);
    }
  });

  it('prices a European put within 3 standard errors of BSM', () => {
    const european: VanillaOptionInputs = { ...put(38, 0.3, 0.5), exercise: 'european' };
    const result = longstaffSchwartzPrice(european, { paths: 10_000, seed: 3 });
    const exact = blackScholesPrice('put', 38, 40, 0.5, 0.06, 0.06, 0.3);
    assert.ok(Math.abs(result.price - exact) < 3 * result.standardError, `${result.price} vs ${exact}`);
  });

  it('is reproducible for a seed (common random numbers) and differs across seeds', () => {
    const option = put(40, 0.2, 0.5);
    const settings = { paths: 2_000, seed: 11 };
    assert.deepEqual(longstaffSchwartzPrice(option, settings), longstaffSchwartzPrice(option, settings));
    assert.notEqual(
      longstaffSchwartzPrice(option, { ...settings, seed: 12 }).price,
      longstaffSchwartzPrice(option, settings).price,
    );
  });

  it('returns intrinsic value deep in the money, where exercising now beats waiting', () => {
    const result = longstaffSchwartzPrice(put(20, 0.2, 1), { paths: 2_000 });
    assert.equal(result.price, 20);
    assert.equal(result.standardError, 0);
  });

  it('rejects odd path counts and bad settings by name', () => {
    assert.throws(() => longstaffSchwartzPrice(put(36, 0.2, 1), { paths: 1001 }), /paths must be even/);
    assert.throws(
      () => longstaffSchwartzPrice(put(36, 0.2, 1), { exerciseDatesPerYear: 0 }),
      /exerciseDatesPerYear must be an integer >= 1/,
    );
    assert.throws(() => longstaffSchwartzPrice(put(36, 0.2, 1), { seed: 1.5 }), /seed must be an integer/);
  });
});
