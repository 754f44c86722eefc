import { requireInteger, requirePositive } from '../statistics/validate.js';
import { midOf, type TopOfBook } from './types.js';

/**
 * Stoikov's micro-price estimator (S. Stoikov, "The micro-price: a high-frequency estimator of
 * future prices", Quantitative Finance 18(12), 2018): the limit of expected future mids given
 * the imbalance I = q_bid/(q_bid + q_ask) and the spread S, P_micro = M + g(I, S), with
 * g = Σ_{i≥1} G_i, G_1 = (1 − Q)⁻¹·R·K and G_{i+1} = B·G_i, B = (1 − Q)⁻¹·T, estimated from
 * consecutive observations of the discretised state x = (I bucket, S):
 * Q[x][y] = P(mid unchanged, next state y | x), T[x][y] = P(mid changed, next state y | x),
 * R[x][k] = P(mid change = K_k | x), K = {−1, −½, ½, 1} ticks. The data are symmetrised (each
 * observation is also used mirrored: I → 1 − I, ΔM → −ΔM), which makes g antisymmetric in I.
 */
export interface StoikovMicroprice {
  readonly imbalanceBuckets: number;
  readonly maxSpreadTicks: number;
  /** Observations used (before the mirroring), with |ΔM| ≤ 1 tick and spreads ≤ maxSpreadTicks. */
  readonly samples: number;
  /** observations[s − 1][b]: observations (mirrored ones included) starting in that state; g is 0 where none. */
  readonly observations: number[][];
  /** g[s − 1][b]: the adjustment in ticks for spread s ticks and imbalance bucket b (0 = least bid). */
  readonly adjustment: number[][];
  /** g in ticks for an imbalance in [0, 1] and a spread in ticks (NaN for a spread not modelled). */
  adjustmentAt(imbalance: number, spreadTicks: number): number;
}

export interface StoikovOptions {
  /** Price grid (spreads and mid changes are counted in ticks). */
  readonly tickSize: number;
  /** Imbalance buckets of equal width on [0, 1] (default 10). */
  readonly imbalanceBuckets?: number;
  /** Largest spread modelled, in ticks (default 2, as in the paper). */
  readonly maxSpreadTicks?: number;
  /** Terms G_1 … G_n summed (default 6, as in the paper). */
  readonly terms?: number;
}

/** Fits the estimator on consecutive quotes (each pair (quotes[t], quotes[t+1]) is one observation). */
export function fitStoikovMicroprice(
  quotes: readonly TopOfBook[],
  options: StoikovOptions,
): StoikovMicroprice {
  const tick = requirePositive('tickSize', options.tickSize);
  const buckets = requireInteger('imbalanceBuckets', options.imbalanceBuckets ?? 10, 1);
  const spreads = requireInteger('maxSpreadTicks', options.maxSpreadTicks ?? 2, 1);
  const terms = requireInteger('terms', options.terms ?? 6, 1);
  const states = buckets * spreads;
  const zero = () => Array.from({ length: states }, () => new Array<number>(states).fill(0));
  const stay = zero();
  const move = zero();
  const expectedMove = new Array<number>(states).fill(0);
  const visits = new Array<number>(states).fill(0);
  const stateOf = (q: TopOfBook, mirrored: boolean): number => {
    const s = Math.round((q.askPrice - q.bidPrice) / tick);
    const total = q.bidSize + q.askSize;
    if (s < 1 || s > spreads || total <= 0) return -1;
    // The mirror of bucket b is bucket (buckets − 1 − b), so g stays exactly antisymmetric.
    const b = Math.min(buckets - 1, Math.floor((q.bidSize / total) * buckets));
    return (s - 1) * buckets + (mirrored ? buckets - 1 - b : b);
  };
  let samples = 0;
  for (let t = 0; t + 1 < quotes.length; t++) {
    const dm = (midOf(quotes[t + 1]) - midOf(quotes[t])) / tick;
    const k = Math.round(dm * 2) / 2;
    if (Math.abs(dm - k) > 1e-9 || Math.abs(k) > 1) continue;
    if (stateOf(quotes[t], false) < 0 || stateOf(quotes[t + 1], false) < 0) continue;
    samples++;
    for (const mirrored of [false, true]) {
      const x = stateOf(quotes[t], mirrored);
      const y = stateOf(quotes[t + 1], mirrored);
      const change = mirrored ? -k : k;
      visits[x]++;
      if (change === 0) stay[x][y]++;
      else {
        move[x][y]++;
        expectedMove[x] += change;
      }
    }
  }
  for (let x = 0; x < states; x++) {
    if (visits[x] === 0) continue;
    for (let y = 0; y < states; y++) {
      stay[x][y] /= visits[x];
      move[x][y] /= visits[x];
    }
    expectedMove[x] /= visits[x];
  }
  // (1 − Q) X = RHS for G_1 (RHS = R·K, the expected move) and B (RHS = T).
  const identityMinusQ = stay.map((row, x) => row.map((q, y) => (x === y ? 1 : 0) - q));
  let term = solve(
    identityMinusQ,
    expectedMove.map((v) => [v]),
  ).map((row) => row[0]);
  const b = solve(identityMinusQ, move);
  const total = [...term];
  for (let i = 1; i < terms; i++) {
    term = b.map((row) => row.reduce((sum, v, y) => sum + v * term[y], 0));
    for (let x = 0; x < states; x++) total[x] += term[x];
  }
  const bySpread = (values: number[]) =>
    Array.from({ length: spreads }, (_, s) => values.slice(s * buckets, (s + 1) * buckets));
  const adjustment = bySpread(total);
  return {
    imbalanceBuckets: buckets,
    maxSpreadTicks: spreads,
    samples,
    observations: bySpread(visits),
    adjustment,
    adjustmentAt(imbalance, spreadTicks) {
      const s = Math.round(spreadTicks);
      if (!(s >= 1 && s <= spreads) || !(imbalance >= 0 && imbalance <= 1)) return Number.NaN;
      return adjustment[s - 1][Math.min(buckets - 1, Math.floor(imbalance * buckets))];
    },
  };
}

/**
 * Solves A·X = B (A n×n, B n×m) by Gaussian elimination with partial pivoting. A singular pivot
 * (a state never left, e.g. never visited) gives 0 for that row's unknowns.
 */
function solve(a: readonly number[][], b: readonly number[][]): number[][] {
  const n = a.length;
  const m = n === 0 ? 0 : b[0].length;
  const rows = a.map((row, i) => [...row, ...b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    const p = rows[col][col];
    if (Math.abs(p) < 1e-14) continue;
    for (let r = 0; r < n; r++) {
      if (r === col || rows[r][col] === 0) continue;
      const f = rows[r][col] / p;
      for (let c = col; c < n + m; c++) rows[r][c] -= f * rows[col][c];
    }
  }
  return rows.map((row, i) => {
    const p = row[i];
    return row.slice(n).map((v) => (Math.abs(p) < 1e-14 ? 0 : v / p));
  });
}
