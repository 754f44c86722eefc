export { amihudIlliquidity } from './amihud.js';
export { depthImbalance, orderBookImbalance } from './imbalance.js';
export {
  type IntervalGrid,
  intervalEndMids,
  intervalGrid,
  intervalIndex,
  midChangesPerInterval,
  quoteIndexAt,
  quoteIntervalGrid,
  sumPerInterval,
} from './intervals.js';
export { type KyleLambda, kyleLambda } from './kyle-lambda.js';
export { weightedMid } from './microprice.js';
export {
  type OfiImpact,
  ofiPriceImpact,
  orderFlowEvent,
  orderFlowImbalance,
} from './order-flow-imbalance.js';
export { type SimpleRegression, simpleRegression } from './regression.js';
export { type RollSpread, rollSpread } from './roll.js';
export {
  effectiveSpread,
  priceImpact,
  quotedSpread,
  realisedSpread,
  type SpreadSummary,
  spreadSummary,
  timeWeightedQuotedSpread,
} from './spreads.js';
export { fitStoikovMicroprice, type StoikovMicroprice, type StoikovOptions } from './stoikov-microprice.js';
export { leeReadySigns, tickTestSigns } from './trade-sign.js';
export { midOf, type TopOfBook, type Trade, type TradeSign } from './types.js';
export {
  bulkBuyFractions,
  type VolumeBucket,
  type Vpin,
  volumeBuckets,
  vpin,
  vpinOfBuckets,
} from './vpin.js';
