/**
 * Venue-side matchers for simulated orders (see docs/matching.md): `L3Matcher` against an MBO
 * (order-by-order) feed with exact queue positions, `L2Matcher` against a market-by-price feed with
 * estimated queue positions. Both take market and limit orders (post-only, GTC/IOC/FOK, iceberg)
 * against the displayed book and never count the same displayed liquidity twice.
 */
export { NO_FILLS } from './base.js';
export { L2Matcher, type L2MatcherOptions } from './l2-matcher.js';
export { L3Matcher } from './l3-matcher.js';
export { ConsumptionOverlay } from './overlay.js';
export type {
  AggressorSide,
  CancelReason,
  MatchFill,
  QueueModel,
  Side,
  SubmitResult,
  SubmitSpec,
  TimeInForce,
} from './types.js';
