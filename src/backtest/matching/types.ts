/**
 * Shared types of the venue-side matchers (`L3Matcher`, `L2Matcher`). The matchers work on
 * primitives: integer ticks, integer sizes and numeric ids. Our simulated orders use negative ids
 * (feed order ids are non-negative), see docs/matching.md.
 */

/** Order side. */
export type Side = 'buy' | 'sell';

/** Side that initiated a feed trade; 'none' for an auction print (no aggressor). */
export type AggressorSide = Side | 'none';

/** Time in force: rest until canceled, immediate-or-cancel, fill-or-kill (all or nothing, now). */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/** Queue-position model of the L2 matcher for feed cancels at our level (see L2Matcher). */
export type QueueModel = 'proportional' | 'pessimistic';

/** One fill of one of our orders. */
export interface MatchFill {
  /** Our order id (negative). */
  id: number;
  /** Fill price in ticks. */
  tick: number;
  /** Filled size (positive integer). */
  quantity: number;
  /** 'taker' when our order took displayed liquidity, 'maker' when our resting order was hit. */
  liquidity: 'maker' | 'taker';
}

/** A new order of ours. */
export interface SubmitSpec {
  /** Our order id: a negative safe integer, unique among our live orders. */
  id: number;
  side: Side;
  /** Positive integer. */
  quantity: number;
  /** Limit price in ticks; undefined = market order. */
  limitTick?: number;
  /** Cancel (do not fill) a limit order that would take liquidity on arrival. Needs `limitTick`. */
  postOnly?: boolean;
  /** Default 'GTC'. A market order never rests: its remainder is canceled whatever the TIF. */
  timeInForce?: TimeInForce;
  /** Iceberg: only this much (positive integer <= quantity) sits in the queue at a time. */
  displayQuantity?: number;
}

/** Why (part of) an order was canceled by the matcher. */
export type CancelReason =
  /** A post-only limit order (or a modify of one) would have taken liquidity. */
  | 'post-only-would-cross'
  /** A fill-or-kill order could not be filled in full right away; nothing filled. */
  | 'fok-not-fillable'
  /** The unfilled remainder of an immediate-or-cancel limit order. */
  | 'ioc-remainder'
  /** The unfilled remainder of a market order: the displayed opposite side ran out. */
  | 'market-no-liquidity';

/** Outcome of `submit` and `modify`. */
export interface SubmitResult {
  /** Taker fills, best price first (empty when nothing traded). */
  fills: MatchFill[];
  /** Sum of the fills' quantities. */
  filled: number;
  /** Quantity of the order now resting (iceberg: its whole remaining quantity, shown or not). */
  rested: number;
  /** Quantity canceled by the matcher (see `reason`). */
  canceled: number;
  /** Set when `canceled > 0`, or when a modify was rejected (`post-only-would-cross`, order unchanged). */
  reason?: CancelReason;
}
