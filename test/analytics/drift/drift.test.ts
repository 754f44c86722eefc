import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  chiSquareDriftTest,
  chiSquareHomogeneity,
  kolmogorovSmirnovOneSample,
  kolmogorovSmirnovTwoSample,
  populationStabilityIndex,
  psiBand,
  psiFromCounts,
  twoSampleKsStatistic,
  wassersteinDistance,
} from '../../../src/analytics/drift/index.js';
import { normalCdf } from '../../../src/analytics/statistics/normal.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';

const smallSample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 12 });

function normals(seed: number, count: number, shift = 0, scale = 1): number[] {
  const draw = normalGenerator(mulberry32(seed));
  return Array.from({ length: count }, () => shift + scale * draw());
}

describe('Kolmogorov–Smirnov', () => {
  it('two-sample statistic equals the brute-force sup |F₁ − F₂| over the pooled points (ties included)', () => {
    fc.assert(
      fc.property(smallSample, smallSample, (a, b) => {
        let brute = 0;
        for (const x of [...a, ...b]) {
          const fa = a.filter((v) => v <= x).length / a.length;
          const fb = b.filter((v) => v <= x).length / b.length;
          brute = Math.max(brute, Math.abs(fa - fb));
        }
        return Math.abs(twoSampleKsStatistic(a, b) - brute) < 1e-15;
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('two-sample test holds its size: ~5% rejections at α = 0.05 under H₀ (seeded, 300 pairs of n = 60)', () => {
    let rejections = 0;
    for (let r = 0; r < 300; r++) {
      if (kolmogorovSmirnovTwoSample(normals(2 * r + 1, 60), normals(2 * r + 2, 60)).pValue < 0.05)
        rejections++;
    }
    // Binomial(300, 0.05): mean 15, sd 3.8; the test is slightly conservative with ties-free data.
    assert.ok(rejections >= 4 && rejections <= 28, `rejections ${rejections}`);
    const shifted = kolmogorovSmirnovTwoSample(normals(1, 200), normals(2, 200, 0.5));
    assert.ok(shifted.pValue < 1e-3, `shifted p ${shifted.pValue}`);
    const same = kolmogorovSmirnovTwoSample([1, 2, 3], [3, 2, 1]);
    assert.deepEqual(same, { statistic: 0, pValue: 1 });
  });

  it('one-sample statistic by hand: {0.1, 0.5, 0.9} vs U(0,1) gives D = 0.9 − 2/3', () => {
    const result = kolmogorovSmirnovOneSample([0.9, 0.1, 0.5], (x) => Math.min(1, Math.max(0, x)));
    assert.ok(Math.abs(result.statistic - (0.9 - 2 / 3)) < 1e-15);
    assert.ok(result.pValue > 0.5 && result.pValue <= 1);
    assert.ok(kolmogorovSmirnovOneSample(normals(5, 300), normalCdf).pValue > 0.01);
    assert.ok(kolmogorovSmirnovOneSample(normals(5, 300, 0.4), normalCdf).pValue < 1e-4);
  });
});

describe('chi-square homogeneity test', () => {
  it('equals the 2 × k closed form Σ (n₂a − n₁b)² / (n₁n₂(a + b))', () => {
    const a = [10, 20, 30, 0];
    const b = [15, 15, 40, 0];
    const n1 = 60;
    const n2 = 70;
    let expected = 0;
    for (let i = 0; i < 3; i++) {
      expected +=
        (n2 * (a[i] as number) - n1 * (b[i] as number)) ** 2 /
        (n1 * n2 * ((a[i] as number) + (b[i] as number)));
    }
    const result = chiSquareHomogeneity(a, b);
    assert.ok(Math.abs(result.statistic - expected) < 1e-12);
    assert.equal(result.degreesOfFreedom, 2);
    // dof 2: survival e^{−x/2}.
    assert.ok(Math.abs(result.pValue - Math.exp(-expected / 2)) < 1e-14);
  });

  it('bins at the reference deciles: identical samples give X² = 0, a shift is detected', () => {
    const reference = normals(9, 500);
    const same = chiSquareDriftTest(reference, reference);
    assert.equal(same.edges.length, 9);
    assert.deepEqual(same.referenceCounts, new Array(10).fill(50));
    assert.ok(same.statistic < 1e-12 && same.pValue > 0.999999);
    assert.ok(chiSquareDriftTest(reference, normals(10, 500, 0, 1.6)).pValue < 1e-6);
    const edged = chiSquareDriftTest([1, 2, 3, 4], [1, 1, 4, 4], { edges: [2.5] });
    assert.deepEqual(
      [edged.referenceCounts, edged.currentCounts],
      [
        [2, 2],
        [2, 2],
      ],
    );
  });

  it('rejects mismatched or empty counts', () => {
    assert.throws(
      () => chiSquareHomogeneity([1, 2], [1]),
      /^RangeError: currentCounts must have as many bins/,
    );
    assert.throws(
      () => chiSquareDriftTest([1, 2, 3], [1], { edges: [2, 1] }),
      /^RangeError: edges must be strictly increasing/,
    );
  });
});

describe('population stability index', () => {
  it('hand case: 50/50 → 25/75 gives 0.25·ln 2 + 0.25·ln 1.5 = 0.2747 (shift band)', () => {
    const psi = psiFromCounts([50, 50], [25, 75]);
    assert.ok(Math.abs(psi - (0.25 * Math.log(2) + 0.25 * Math.log(1.5))) < 1e-15);
    assert.equal(psiBand(psi), 'shift');
    assert.equal(psiBand(0.05), 'stable');
    assert.equal(psiBand(0.1), 'moderate');
    assert.equal(psiBand(0.25), 'moderate');
  });

  it('is 0 for identical samples and non-negative and symmetric in the proportions (property)', () => {
    const reference = normals(21, 400);
    assert.ok(populationStabilityIndex(reference, reference).psi < 1e-15);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 8, maxLength: 8 }),
        (a, bAll) => {
          const b = bAll.slice(0, a.length);
          const psi = psiFromCounts(a, b);
          return psi >= 0 && Math.abs(psi - psiFromCounts(b, a)) < 1e-12;
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('1-Wasserstein distance', () => {
  it('point masses: W₁(δ_a, δ_b) = |a − b|; shifted samples: the shift; scipy docs example = 5', () => {
    assert.equal(wassersteinDistance([2], [-1.5]), 3.5);
    const base = normals(4, 37);
    const shift = 0.75;
    assert.ok(
      Math.abs(
        wassersteinDistance(
          base,
          base.map((x) => x + shift),
        ) - shift,
      ) < 1e-12,
    );
    // scipy.stats.wasserstein_distance documentation: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
    assert.equal(wassersteinDistance([0, 1, 3], [5, 6, 8]), 5);
  });

  it('equals the brute-force ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du on the common n·m grid (unequal sizes, property)', () => {
    fc.assert(
      fc.property(smallSample, smallSample, (a, b) => {
        const sa = [...a].sort((x, y) => x - y);
        const sb = [...b].sort((x, y) => x - y);
        const cells = sa.length * sb.length;
        let brute = 0;
        for (let c = 0; c < cells; c++) {
          const u = (c + 0.5) / cells;
          brute +=
            Math.abs((sa[Math.floor(u * sa.length)] as number) - (sb[Math.floor(u * sb.length)] as number)) /
            cells;
        }
        const w = wassersteinDistance(a, b);
        return Math.abs(w - brute) < 1e-12 && Math.abs(w - wassersteinDistance(b, a)) < 1e-12;
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('rejects empty or non-finite samples naming them', () => {
    assert.throws(() => wassersteinDistance([], [1]), /^RangeError: first must hold at least 1 value/);
    assert.throws(
      () => wassersteinDistance([1], [Number.NaN]),
      /^RangeError: second\[0\] must be a finite number/,
    );
  });
});
