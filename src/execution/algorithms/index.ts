export { ExecutionAlgorithm } from './algorithm.js';
export { Iceberg, type IcebergParams, iceberg } from './iceberg.js';
export { Pov, type PovParams, pov } from './pov.js';
export { scheduleStart, targetSchedule } from './schedule.js';
export { Twap, type TwapParams, twap } from './twap.js';
export {
  type AlgorithmCompleted,
  type AlgorithmContext,
  type AlgorithmFailure,
  type AlgorithmHandle,
  type AlgorithmKind,
  type AlgorithmSpec,
  type AlgorithmStatus,
  algorithmTopic,
  type ChildOrderOptions,
  type ParentOrder,
} from './types.js';
export {
  type ProfileStep,
  profileShare,
  profileSteps,
  type VolumeProfile,
  volumeProfile,
} from './volume-profile.js';
export { Vwap, type VwapParams, vwap } from './vwap.js';
