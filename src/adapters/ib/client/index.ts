export { type IbAccountSnapshot, IbAccountValues, type IbPortfolioPosition } from './account-values.js';
export {
  type BackfillCatalog,
  type BackfillOptions,
  type BackfillProgress,
  type BackfillResult,
  backfillBars,
} from './backfill.js';
export { type BackfillChunk, backfillChunks, maxRequestSpanMicros } from './backfill-chunks.js';
export { type BackoffOptions, backoffCapMs, backoffDelayMs, seededRandom } from './backoff.js';
export { BarAssembler } from './bar-assembler.js';
export { IbBarSubscription, type IbBarSubscriptionOptions, requestGatewayTime } from './bar-subscription.js';
export {
  IbConnection,
  type IbConnectionEvent,
  type IbConnectionListener,
  type IbConnectionOptions,
  type IbConnectionState,
  IbConnectivityCode,
  type IbReadyCause,
  type IbSubscription,
} from './connection.js';
export {
  ContractResolver,
  type ContractResolverOptions,
  type ContractSpec,
  contractForInstrument,
  instrumentFromDetails,
  isValidTick,
  type ResolvedContract,
  rollTimeBefore,
  tickSizeOf,
} from './contracts.js';
export { IbDepthBook } from './depth-book.js';
export {
  IbContractError,
  IbNotConnected,
  IbRequestError,
  IbRequestTimeout,
  isIbWarningCode,
} from './errors.js';
export {
  type CommissionEstimator,
  type CorrectionListener,
  IbExecution,
  type IbExecutionOptions,
  type KnownOrder,
} from './execution.js';
export { IbTickByTick, IbTopOfBook } from './market-data-ticks.js';
export { IB_NATIVE_TYPES, IbOrderMappingError, toIbOrder } from './order-mapping.js';
export { OrderTracker } from './order-tracker.js';
export {
  type HistoricalPacingOptions,
  HistoricalPacingRules,
  type HistoricalRequestKey,
  IB_HISTORICAL_WINDOWS,
  IbPacerClosed,
  PACING_MARGIN_MS,
  RequestPacer,
  type RequestPacerOptions,
  TokenBucket,
  type TokenBucketOptions,
} from './pacing.js';
export {
  IbRealTimeBars,
  type IbRealTimeBarsOptions,
  kernelBarFromIb,
  REALTIME_BAR_SECONDS,
  resampleRealTimeBars,
} from './realtime-bars.js';
export {
  type IbRequestOptions,
  type IbRequestSpec,
  IbRequests,
  type IbRequestsOptions,
} from './requests.js';
