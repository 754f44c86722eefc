export { type BackoffOptions, backoffCapMs, backoffDelayMs, seededRandom } from './backoff.js';
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
export {
  IbContractError,
  IbNotConnected,
  IbRequestError,
  IbRequestTimeout,
  isIbWarningCode,
} from './errors.js';
export {
  type HistoricalPacingOptions,
  HistoricalPacingRules,
  type HistoricalRequestKey,
  IbPacerClosed,
  RequestPacer,
  type RequestPacerOptions,
  TokenBucket,
  type TokenBucketOptions,
} from './pacing.js';
export {
  type IbRequestOptions,
  type IbRequestSpec,
  IbRequests,
  type IbRequestsOptions,
} from './requests.js';
