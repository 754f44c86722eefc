export { BookLevels } from './book-side.js';
export { BookFeed, bookEvents } from './feed.js';
export { ASK, BID, type BookSide, PriceLevel, type RestingOrder } from './level.js';
export { MBO_CSV_HEADER, type ReadMboOptions, readMboCsv } from './mbo-csv.js';
export * from './mbo-events.js';
export {
  type DepthView,
  depthView,
  imbalance,
  imbalanceOf,
  microprice,
  midTicks,
  spreadTicks,
} from './metrics.js';
export { type LevelView, OrderBook } from './order-book.js';
export { applyMboRow, type ReplayOptions, type ReplayResult, replayMbo } from './replay.js';
export { type WalkFill, type WalkOptions, type WalkResult, walkBook } from './walk.js';
