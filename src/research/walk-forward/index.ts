/** Walk-forward analysis: windows, the runner, stitching and stability. */

export type { WalkForwardMeta } from './meta.js';
export { renderWalkForwardReport } from './report.js';
export { type ParameterStability, parameterStability, walkForwardEfficiency } from './stability.js';
export {
  type OutOfSampleSegment,
  outOfSampleSegment,
  type StitchedResult,
  stitchSegments,
} from './stitch.js';
export {
  type TimeSpan,
  type WalkForwardOptions,
  type WalkForwardReport,
  type WindowOutcome,
  walkForward,
} from './walk-forward.js';
export {
  addCalendar,
  type CalendarUnit,
  describeWindowLength,
  parseWindowLength,
  type WindowLength,
} from './window-length.js';
export {
  type BarRange,
  firstAtOrAfter,
  type WalkForwardWindow,
  type WindowSpec,
  walkForwardWindows,
} from './windows.js';
