export { decodeRecord, encodeRecord } from './codec.js';
export {
  journalSegments,
  Recorder,
  type RecorderOptions,
  readJournal,
  recoverSegment,
  type SegmentRecovery,
} from './journal.js';
