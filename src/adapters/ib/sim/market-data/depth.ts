/**
 * `reqMktDepth` for CME futures (not SMART depth): a replayed book (L3 events or L2 level updates,
 * rebuilt by the kernel's `BookFeed`) is sent as IB's positional `updateMktDepth` rows after each
 * complete batch (F_LAST): the new top N per side is compared position by position with what the
 * client holds — update where a position changed, insert new tail positions, delete vanished tail
 * positions from the bottom up — so the client's positional book equals the top N after each batch.
 */
import { ASK, BID, type BookFeed, type BookSide, type LevelView } from '../../../../data/book/index.js';
import type { InstrumentId } from '../../../../model/identifiers.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import { updateMktDepthMessage } from './messages.js';
import type { MarketDataTarget } from './target.js';

/** A positional level as the client holds it (price in ticks). */
export interface PositionalLevel {
  readonly tick: number;
  readonly size: number;
}

export interface DepthOperation {
  readonly position: number;
  readonly operation: 0 | 1 | 2;
  readonly level: PositionalLevel;
}

/** The operations that turn the positional side `from` into `to`. */
export function depthOperations(
  from: readonly PositionalLevel[],
  to: readonly PositionalLevel[],
): DepthOperation[] {
  const ops: DepthOperation[] = [];
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < common; i++)
    if (from[i].tick !== to[i].tick || from[i].size !== to[i].size)
      ops.push({ position: i, operation: 1, level: to[i] });
  for (let i = common; i < to.length; i++) ops.push({ position: i, operation: 0, level: to[i] });
  for (let i = from.length - 1; i >= common; i--) ops.push({ position: i, operation: 2, level: from[i] });
  return ops;
}

/** Applies IB depth operations to a positional side (what a client does). */
export function applyDepthOperation(side: PositionalLevel[], op: DepthOperation): void {
  if (op.operation === 0) side.splice(op.position, 0, op.level);
  else if (op.operation === 1) side[op.position] = op.level;
  else side.splice(op.position, 1);
}

interface DepthSub {
  readonly c: SimConnection;
  readonly reqId: number;
  readonly target: MarketDataTarget;
  readonly rows: number;
  /** What the client holds: [asks, bids] (IB side 0 ask, 1 bid). */
  readonly held: [PositionalLevel[], PositionalLevel[]];
}

/** IB's side code: 0 ask, 1 bid. */
const ibSideOf = (side: BookSide): 0 | 1 => (side === ASK ? 0 : 1);

export class DepthStreams {
  private readonly subs = new Map<string, DepthSub>();

  constructor(
    private readonly sim: SimServer,
    private readonly bookOf: (id: InstrumentId) => BookFeed | undefined,
  ) {}

  request(c: SimConnection, reqId: number, target: MarketDataTarget, rows: number): void {
    const sub: DepthSub = { c, reqId, target, rows, held: [[], []] };
    this.subs.set(`${c.id}:${reqId}`, sub);
    const feed = this.bookOf(target.instrument.id);
    if (feed !== undefined) this.sync(sub, feed);
  }

  cancel(c: SimConnection, reqId: number): void {
    this.subs.delete(`${c.id}:${reqId}`);
  }

  dropConnection(c: SimConnection): void {
    for (const [key, sub] of this.subs) if (sub.c === c) this.subs.delete(key);
  }

  /** A complete batch of the instrument's book. */
  onBook(id: InstrumentId, feed: BookFeed): void {
    for (const [key, sub] of this.subs) {
      if (sub.target.instrument.id !== id) continue;
      if (sub.c.socket.destroyed) this.subs.delete(key);
      else this.sync(sub, feed);
    }
  }

  private sync(sub: DepthSub, feed: BookFeed): void {
    if (feed.book.isCrossed()) return; // mid-batch states of a crossed book are never shown
    const grid = sub.target.instrument.priceGrid;
    for (const side of [ASK, BID] as const) {
      const ibSide = ibSideOf(side);
      const next = feed.book
        .topLevels(side, sub.rows)
        .map((l: LevelView) => ({ tick: l.tick, size: l.size }));
      for (const op of depthOperations(sub.held[ibSide], next)) {
        this.sim.send(
          sub.c,
          updateMktDepthMessage(
            sub.reqId,
            op.position,
            op.operation,
            ibSide,
            grid.fromTicks(op.level.tick),
            op.level.size,
          ),
        );
        applyDepthOperation(sub.held[ibSide], op);
      }
    }
  }
}
