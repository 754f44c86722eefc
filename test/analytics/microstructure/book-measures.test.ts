import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  depthImbalance,
  fitStoikovMicroprice,
  intervalGrid,
  midChangesPerInterval,
  ofiPriceImpact,
  orderBookImbalance,
  orderFlowEvent,
  orderFlowImbalance,
  type TopOfBook,
  weightedMid,
} from '../../../src/analytics/microstructure/index.js';

const quote = (
  time: number,
  bidPrice: number,
  bidSize: number,
  askPrice: number,
  askSize: number,
): TopOfBook => ({
  time,
  bidPrice,
  bidSize,
  askPrice,
  askSize,
});

describe('order-book imbalance', () => {
  it('level 1: (300 − 100) / (300 + 100) = 0.5, NaN for an empty book', () => {
    assert.equal(orderBookImbalance(300, 100), 0.5);
    assert.equal(orderBookImbalance(100, 100), 0);
    assert.ok(Number.isNaN(orderBookImbalance(0, 0)));
  });

  it('depth-N weighted: bids [100, 200], asks [300, 0], weights [1, 0.5] → (200 − 300) / 500 = −0.2', () => {
    // Σw·bid = 100 + 0.5·200 = 200; Σw·ask = 300 + 0 = 300.
    assert.equal(depthImbalance([100, 200], [300, 0], [1, 0.5]), -0.2);
    // Unweighted, a missing level counts 0: (100 + 200 − 300) / 600 = 0.
    assert.equal(depthImbalance([100, 200], [300]), 0);
  });

  it('rejects a negative size, naming it', () => {
    assert.throws(() => orderBookImbalance(-1, 5), /bidSize must be a finite number >= 0, got -1/);
    assert.throws(() => depthImbalance([1], [2, -3]), /askSizes\[1\]/);
  });
});

describe('weighted mid (microprice)', () => {
  it('bid 10.00×300, ask 10.02×100 → (10.00·100 + 10.02·300)/400 = 10.015 = mid + (spread/2)·imbalance', () => {
    assert.ok(Math.abs(weightedMid(10, 300, 10.02, 100) - 10.015) < 1e-12);
    assert.ok(
      Math.abs(weightedMid(10, 300, 10.02, 100) - (10.01 + 0.01 * orderBookImbalance(300, 100))) < 1e-12,
    );
  });
  it('equal sizes give the mid; NaN with no size', () => {
    assert.equal(weightedMid(100, 7, 102, 7), 101);
    assert.ok(Number.isNaN(weightedMid(100, 0, 102, 0)));
  });
});

describe('order-flow imbalance e_n (Cont, Kukanov & Stoikov 2014, eq. (2))', () => {
  // Before each event: bid 10.00 × 100, ask 10.02 × 200.
  const before = quote(0, 10.0, 100, 10.02, 200);
  const cases: Array<[string, TopOfBook, number]> = [
    // Same prices: +q_bid,n − q_bid,n−1 − q_ask,n + q_ask,n−1 = 150 − 100 − 200 + 200.
    ['bid size 100 → 150 (limit buy of 50)', quote(1, 10.0, 150, 10.02, 200), 50],
    // 100 − 100 − 120 + 200.
    ['ask size 200 → 120 (market buy or ask cancel of 80)', quote(1, 10.0, 100, 10.02, 120), 80],
    // Bid up: only +q_bid,n = 30; ask unchanged: −200 + 200.
    ['new better bid 10.01 × 30', quote(1, 10.01, 30, 10.02, 200), 30],
    // Bid down: only −q_bid,n−1 = −100.
    ['bid level emptied, next bid 9.99 × 500', quote(1, 9.99, 500, 10.02, 200), -100],
    // Ask down: only −q_ask,n = −40; bid unchanged: +100 − 100.
    ['new better ask 10.01 × 40', quote(1, 10.0, 100, 10.01, 40), -40],
    // Ask up: only +q_ask,n−1 = +200.
    ['ask level emptied, next ask 10.03 × 70', quote(1, 10.0, 100, 10.03, 70), 200],
  ];
  for (const [name, after, expected] of cases) {
    it(`${name}: e = ${expected}`, () => assert.equal(orderFlowEvent(before, after), expected));
  }

  it('mirroring the book (bid ↔ ask, prices negated) flips the sign of e_n', () => {
    const side = fc.record({
      price: fc.integer({ min: 1, max: 20 }),
      size: fc.integer({ min: 0, max: 1000 }),
    });
    const book = fc
      .tuple(side, side)
      .map(([bid, ask]) => quote(0, bid.price, bid.size, bid.price + ask.price, ask.size));
    const mirror = (q: TopOfBook) => quote(q.time, -q.askPrice, q.askSize, -q.bidPrice, q.bidSize);
    fc.assert(
      fc.property(book, book, (a, b) => orderFlowEvent(mirror(a), mirror(b)) === -orderFlowEvent(a, b)),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('OFI per interval (eq. (3)) and the price-impact regression', () => {
  // Quotes at t = 0…4 (µs), intervals of 2: [0, 2) holds quote 1, [2, 4) quotes 2 and 3.
  const quotes = [
    quote(0, 10.0, 100, 10.02, 200),
    quote(1, 10.0, 150, 10.02, 200), // e = +50
    quote(2, 10.01, 30, 10.02, 200), // e = +30 (vs quote 1)
    quote(3, 10.01, 30, 10.02, 120), // e = +80
    quote(4, 10.01, 30, 10.03, 10), // beyond the last whole interval
  ];
  const grid = intervalGrid(0, 4, 2);

  it('sums e_n inside each interval: [50, 110]', () => {
    assert.equal(grid.count, 2);
    assert.deepEqual(orderFlowImbalance(quotes, grid), [50, 110]);
  });

  it('mid changes per interval in ticks: mid 10.01 → 10.01 → 10.015, i.e. [0, 0.5]', () => {
    const changes = midChangesPerInterval(quotes, grid, 0.01);
    assert.ok(Math.abs(changes[0]) < 1e-9);
    assert.ok(Math.abs(changes[1] - 0.5) < 1e-9);
  });

  it('β and R² of ΔP = α + β·OFI on four hand-made intervals', () => {
    const series = [
      quote(0, 10.0, 100, 10.02, 200), // mid 10.01
      quote(1, 10.0, 150, 10.02, 200), // e = +50             → [0, 2): OFI 50, Δmid 0
      quote(2, 10.01, 30, 10.02, 200), // e = +30, mid 10.015 → [2, 4): OFI 30, Δmid +0.5 tick
      quote(4, 10.01, 30, 10.02, 120), // e = +80             → [4, 6): OFI 80, Δmid 0
      quote(6, 10.0, 60, 10.02, 120), // e = −30, mid 10.01  → [6, 8): OFI −30, Δmid −0.5 tick
      quote(8, 10.0, 60, 10.02, 120), // closes the last interval
    ];
    // By hand: x̄ = 32.5, ȳ = 0, Sxy = (−2.5)(0.5) + (−62.5)(−0.5) = 30,
    // Sxx = 17.5² + 2.5² + 47.5² + 62.5² = 6475, Syy = 0.5; β = 30/6475, R² = 30²/(6475·0.5).
    const { ofi, midChanges, regression } = ofiPriceImpact(series, 2, 0.01);
    assert.deepEqual(ofi, [50, 30, 80, -30]);
    for (const [k, d] of [0, 0.5, 0, -0.5].entries()) assert.ok(Math.abs(midChanges[k] - d) < 1e-9);
    assert.ok(Math.abs(regression.slope - 30 / 6475) < 1e-12);
    assert.ok(Math.abs(regression.rSquared - 900 / 3237.5) < 1e-9);
    assert.equal(regression.n, 4);
  });
});

describe('Stoikov (2018) micro-price estimator', () => {
  // Spread 1 tick; H = bid 3 / ask 1 (I = 0.75, bucket 1 of 2), L = bid 1 / ask 3 (bucket 0).
  const H = (bid: number, time: number) => quote(time, bid, 3, bid + 1, 1);
  const L = (bid: number, time: number) => quote(time, bid, 1, bid + 1, 3);
  // Observed pairs: H→H (ΔM 0) twice, H→L, L→L, L→H (ΔM 0) once each, H→H with ΔM +1 once.
  const quotes = [H(0, 0), H(0, 1), L(0, 2), L(0, 3), H(0, 4), H(1, 5), H(1, 6)];

  it('matches the closed form of a symmetric two-state chain', () => {
    // With the mirrored data, from H: stay (ΔM 0) p = 3/6, switch to L (ΔM 0) q = 2/6, move +1 and
    // stay in H r = 1/6 (L the mirror). On the antisymmetric vector v = (−1, 1), Q·v = (p − q)·v, so
    // G₁ = r/(1 − p + q)·v = r/(2q + r)·v = v/5 and B·v = r/(2q + r)·v: g = Σ₁⁶ (1/5)^i = 3906/15625.
    const model = fitStoikovMicroprice(quotes, { tickSize: 1, imbalanceBuckets: 2, maxSpreadTicks: 1 });
    assert.equal(model.samples, 6);
    assert.ok(Math.abs(model.adjustment[0][1] - 3906 / 15625) < 1e-12);
    assert.ok(Math.abs(model.adjustment[0][0] + 3906 / 15625) < 1e-12);
    assert.equal(model.adjustmentAt(0.75, 1), model.adjustment[0][1]);
    assert.ok(Number.isNaN(model.adjustmentAt(0.75, 2)));
  });

  it('tends to r/(2q) = 1/4 tick with many terms', () => {
    const model = fitStoikovMicroprice(quotes, {
      tickSize: 1,
      imbalanceBuckets: 2,
      maxSpreadTicks: 1,
      terms: 60,
    });
    assert.ok(Math.abs(model.adjustment[0][1] - 0.25) < 1e-12);
  });
});
