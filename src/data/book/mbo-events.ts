import type { UnixMicros } from '../../model/time.js';

/** Databento MBO action codes (ASCII). */
export const ACTION_ADD = 65; // 'A'
export const ACTION_CANCEL = 67; // 'C'
export const ACTION_MODIFY = 77; // 'M'
export const ACTION_FILL = 70; // 'F'
export const ACTION_TRADE = 84; // 'T'
export const ACTION_CLEAR = 82; // 'R'
export const ACTION_NONE = 78; // 'N'

/** Databento side codes (ASCII): B bid, A ask, N none. */
export const SIDE_BID = 66;
export const SIDE_ASK = 65;
export const SIDE_NONE = 78;

/** Databento record flags. */
export const F_LAST = 128;
export const F_TOB = 64;
export const F_SNAPSHOT = 32;
export const F_MBP = 16;
export const F_BAD_TS_RECV = 8;
export const F_MAYBE_BAD_BOOK = 4;

/**
 * A parsed MBO file as columns (structure of arrays): one typed-array slot per row, so a replay
 * touches no per-row objects. Row `i` came from line `line[i]` of `file` (header = line 1).
 * Prices are integer ticks on the instrument grid; NaN when the row has no price.
 */
export interface MboEvents {
  readonly file: string;
  readonly length: number;
  readonly tsRecv: Float64Array;
  readonly tsEvent: Float64Array;
  readonly instrumentId: Uint32Array;
  readonly action: Uint8Array;
  readonly side: Uint8Array;
  readonly priceTicks: Float64Array;
  readonly size: Uint32Array;
  readonly orderId: Float64Array;
  readonly flags: Uint8Array;
  readonly channelId: Uint8Array;
  readonly sequence: Uint32Array;
  readonly line: Uint32Array;
}

/** One row as an object (convenience for tests and tools; the replay reads the columns). */
export interface MboEvent {
  tsRecv: UnixMicros;
  tsEvent: UnixMicros;
  instrumentId: number;
  action: string;
  side: string;
  priceTicks: number;
  size: number;
  orderId: number;
  flags: number;
  channelId: number;
  sequence: number;
  line: number;
}

export function mboEventAt(events: MboEvents, i: number): MboEvent {
  return {
    tsRecv: events.tsRecv[i],
    tsEvent: events.tsEvent[i],
    instrumentId: events.instrumentId[i],
    action: String.fromCharCode(events.action[i]),
    side: String.fromCharCode(events.side[i]),
    priceTicks: events.priceTicks[i],
    size: events.size[i],
    orderId: events.orderId[i],
    flags: events.flags[i],
    channelId: events.channelId[i],
    sequence: events.sequence[i],
    line: events.line[i],
  };
}

/** Growable columns used while reading. */
export class MboEventsBuilder {
  length = 0;
  private capacity: number;
  private cols: Omit<MboEvents, 'file' | 'length'>;

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.cols = allocate(capacity);
  }

  push(
    tsRecv: number,
    tsEvent: number,
    instrumentId: number,
    action: number,
    side: number,
    priceTicks: number,
    size: number,
    orderId: number,
    flags: number,
    channelId: number,
    sequence: number,
    line: number,
  ): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    const c = this.cols;
    c.tsRecv[i] = tsRecv;
    c.tsEvent[i] = tsEvent;
    c.instrumentId[i] = instrumentId;
    c.action[i] = action;
    c.side[i] = side;
    c.priceTicks[i] = priceTicks;
    c.size[i] = size;
    c.orderId[i] = orderId;
    c.flags[i] = flags;
    c.channelId[i] = channelId;
    c.sequence[i] = sequence;
    c.line[i] = line;
  }

  build(file: string): MboEvents {
    const n = this.length;
    const c = this.cols;
    return {
      file,
      length: n,
      tsRecv: c.tsRecv.slice(0, n),
      tsEvent: c.tsEvent.slice(0, n),
      instrumentId: c.instrumentId.slice(0, n),
      action: c.action.slice(0, n),
      side: c.side.slice(0, n),
      priceTicks: c.priceTicks.slice(0, n),
      size: c.size.slice(0, n),
      orderId: c.orderId.slice(0, n),
      flags: c.flags.slice(0, n),
      channelId: c.channelId.slice(0, n),
      sequence: c.sequence.slice(0, n),
      line: c.line.slice(0, n),
    };
  }

  private grow(): void {
    const old = this.cols;
    this.capacity *= 2;
    const next = allocate(this.capacity);
    next.tsRecv.set(old.tsRecv);
    next.tsEvent.set(old.tsEvent);
    next.instrumentId.set(old.instrumentId);
    next.action.set(old.action);
    next.side.set(old.side);
    next.priceTicks.set(old.priceTicks);
    next.size.set(old.size);
    next.orderId.set(old.orderId);
    next.flags.set(old.flags);
    next.channelId.set(old.channelId);
    next.sequence.set(old.sequence);
    next.line.set(old.line);
    this.cols = next;
  }
}

function allocate(n: number): Omit<MboEvents, 'file' | 'length'> {
  return {
    tsRecv: new Float64Array(n),
    tsEvent: new Float64Array(n),
    instrumentId: new Uint32Array(n),
    action: new Uint8Array(n),
    side: new Uint8Array(n),
    priceTicks: new Float64Array(n),
    size: new Uint32Array(n),
    orderId: new Float64Array(n),
    flags: new Uint8Array(n),
    channelId: new Uint8Array(n),
    sequence: new Uint32Array(n),
    line: new Uint32Array(n),
  };
}
