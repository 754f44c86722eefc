/**
 * Random fill sequences on a price grid (fast-check arbitraries) and the independent P&L of a
 * fill list, computed from cash flows only, to check the accounting classes against.
 */
import fc from 'fast-check';
import type { OrderSide } from '../../src/model/enums.js';

export interface TestFill {
  readonly side: OrderSide;
  readonly quantity: number;
  /** Price as an integer number of ticks (price = ticks × tick size). */
  readonly ticks: number;
  /** Commission in whole cents. */
  readonly commissionCents: number;
}

/** A fill of 1..maxQuantity units at a price within ±range ticks of `centerTicks`. */
export function fillArbitrary(centerTicks: number, range = 200, maxQuantity = 8): fc.Arbitrary<TestFill> {
  return fc.record({
    side: fc.constantFrom<OrderSide>('buy', 'sell'),
    quantity: fc.integer({ min: 1, max: maxQuantity }),
    ticks: fc.integer({ min: centerTicks - range, max: centerTicks + range }),
    commissionCents: fc.integer({ min: 0, max: 2_000 }),
  });
}

export const signOf = (side: OrderSide): 1 | -1 => (side === 'buy' ? 1 : -1);

/** Net signed quantity after the fills. */
export function netQuantity(fills: readonly TestFill[]): number {
  return fills.reduce((q, f) => q + signOf(f.side) * f.quantity, 0);
}

/**
 * Price P&L (before commissions) of the fills marked at `markPrice`: what was paid and received,
 * plus the open quantity at the mark. Computed in integer ticks, so exact.
 */
export function pnlFromFills(
  fills: readonly TestFill[],
  tick: number,
  multiplier: number,
  markPrice: number,
): number {
  let flowTicks = 0;
  for (const f of fills) flowTicks -= signOf(f.side) * f.quantity * f.ticks;
  const markTicks = Math.round(markPrice / tick);
  return (flowTicks + netQuantity(fills) * markTicks) * tick * multiplier;
}

export function totalCommission(fills: readonly TestFill[]): number {
  return fills.reduce((c, f) => c + f.commissionCents, 0) / 100;
}

/** Money equal to the cent: within half a cent (one rounding of a booking), plus float noise. */
export function assertCents(actual: number, expected: number, what: string): void {
  if (!(Math.abs(actual - expected) <= 0.005 + 1e-7)) {
    throw new Error(
      `${what}: ${actual} is not ${expected} to the cent (off by ${(actual - expected).toFixed(6)})`,
    );
  }
}

/** A round trip found independently from a fill list: flat to flat, split where a fill reverses. */
export interface Segment {
  readonly direction: 'long' | 'short';
  /** Largest absolute position during the trade. */
  maxQuantity: number;
  /** Open quantity (0 once closed). */
  quantity: number;
  /** −Σ signed quantity × ticks of the fill parts in this trade. */
  flowTicks: number;
  /** Commission share of this trade (unrounded: a reversing fill's fee is split by quantity). */
  commission: number;
  entryIndex: number;
  exitIndex: number;
}

/** Splits fills into round trips the way a trader reads them (independent of RoundTripTracker). */
export function segmentsFromFills(fills: readonly TestFill[]): {
  closed: Segment[];
  open: Segment | undefined;
} {
  const closed: Segment[] = [];
  let open: Segment | undefined;
  fills.forEach((f, index) => {
    const sign = signOf(f.side);
    let remaining = f.quantity;
    const fee = f.commissionCents / 100;
    if (open && (open.direction === 'long' ? -1 : 1) === sign) {
      const closing = Math.min(open.quantity, remaining);
      open.flowTicks -= sign * closing * f.ticks;
      open.commission += (fee * closing) / f.quantity;
      open.quantity -= closing;
      remaining -= closing;
      if (open.quantity === 0) {
        open.exitIndex = index;
        closed.push(open);
        open = undefined;
      }
    }
    if (remaining === 0) return;
    open ??= {
      direction: sign > 0 ? 'long' : 'short',
      maxQuantity: 0,
      quantity: 0,
      flowTicks: 0,
      commission: 0,
      entryIndex: index,
      exitIndex: -1,
    };
    open.flowTicks -= sign * remaining * f.ticks;
    open.commission += (fee * remaining) / f.quantity;
    open.quantity += remaining;
    open.maxQuantity = Math.max(open.maxQuantity, open.quantity);
  });
  return { closed, open };
}

/** Net P&L of a trade marked at `markTicks` (closed trades ignore the mark). */
export function segmentNetPnl(s: Segment, tick: number, multiplier: number, markTicks = 0): number {
  const sign = s.direction === 'long' ? 1 : -1;
  return (s.flowTicks + sign * s.quantity * markTicks) * tick * multiplier - s.commission;
}

/** The fills plus, if they leave a position, one more at the last price that flattens it. */
export function withFlatteningFill(fills: readonly TestFill[]): TestFill[] {
  const q = netQuantity(fills);
  if (q === 0 || fills.length === 0) return [...fills];
  const last = fills[fills.length - 1];
  return [
    ...fills,
    { side: q > 0 ? 'sell' : 'buy', quantity: Math.abs(q), ticks: last.ticks, commissionCents: 100 },
  ];
}
