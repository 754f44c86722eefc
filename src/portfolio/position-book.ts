import { roundMoney } from '../model/currency.js';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { OrderFilled } from '../model/order-events.js';
import { Position, type PositionFillResult } from '../model/position.js';

/**
 * How fills become positions (docs/portfolio.md):
 * - `netting`: one position per instrument and strategy, id `<instrumentId>-<strategyId>`; a fill
 *   against it reduces it, and one that crosses zero reverses it.
 * - `hedging`: several positions per instrument and strategy. A fill of an order without a
 *   `positionId` opens (or, for a later partial fill, adds to) the order's own position
 *   `P-<clientOrderId>`, whatever its side: a sell while long opens a short beside the long. A fill
 *   of an order naming an open `positionId` adds to that position on its side and reduces it on the
 *   other, never past zero: any excess, and any fill naming an unknown or closed position, opens
 *   `P-<clientOrderId>` instead.
 */
export type OmsType = 'netting' | 'hedging';

export const OMS_TYPES: readonly OmsType[] = ['netting', 'hedging'];

/** The part of one fill booked into one strategy position. */
export interface BookedFill {
  readonly position: Position;
  readonly result: PositionFillResult;
}

/** Which positions to look at; every field given must match. */
export interface PositionFilter {
  readonly strategyId?: StrategyId;
  readonly accountId?: string;
  readonly instrumentId?: InstrumentId;
  /** true: open positions only; false: closed only; undefined: all. */
  readonly open?: boolean;
}

export const nettingPositionId = (instrumentId: InstrumentId, strategyId: StrategyId): string =>
  `${instrumentId}-${strategyId}`;

export const hedgingPositionId = (clientOrderId: string): string => `P-${clientOrderId}`;

/** The positions of every strategy (open and closed), by id, strategy and instrument. */
export class PositionBook {
  private readonly byId = new Map<string, Position>();
  private readonly all: Position[] = [];
  private readonly byStrategy = new Map<StrategyId, Position[]>();
  /** Netting positions: strategy → instrument → position (no string building per fill). */
  private readonly netting = new Map<StrategyId, Map<InstrumentId, Position>>();

  /** Books one fill into the order's strategy position(s); one entry per position it touched. */
  apply(
    oms: OmsType,
    order: Order,
    fill: OrderFilled,
    instrument: Instrument,
    accountId: string,
  ): BookedFill[] {
    if (oms === 'netting') {
      const position = this.nettingPosition(order.strategyId, instrument, accountId);
      return [{ position, result: this.book(position, fill, fill.lastQuantity, fill.commission) }];
    }
    const named = order.positionId === undefined ? undefined : this.byId.get(order.positionId);
    const own = (): Position =>
      this.byId.get(hedgingPositionId(order.clientOrderId)) ??
      this.create(hedgingPositionId(order.clientOrderId), order.strategyId, instrument, accountId);
    if (named === undefined || named.isFlat || named.instrumentId !== instrument.id) {
      const position = own();
      return [{ position, result: this.book(position, fill, fill.lastQuantity, fill.commission) }];
    }
    const sameSide = (fill.side === 'buy') === named.isLong;
    const closing = sameSide ? fill.lastQuantity : Math.min(fill.lastQuantity, Math.abs(named.quantity));
    const rest = fill.lastQuantity - closing;
    if (rest <= 1e-9 * fill.lastQuantity)
      return [{ position: named, result: this.book(named, fill, fill.lastQuantity, fill.commission) }];
    // The excess beyond the named position opens the order's own position; the fee is split pro rata.
    const fee = roundMoney((fill.commission * closing) / fill.lastQuantity, named.currency);
    const first = { position: named, result: this.book(named, fill, closing, fee) };
    const position = own();
    const second = {
      position,
      result: this.book(position, fill, rest, roundMoney(fill.commission - fee, named.currency)),
    };
    return [first, second];
  }

  get(positionId: string): Position | undefined {
    return this.byId.get(positionId);
  }

  /** The netting position of a strategy in an instrument (undefined before its first fill or in hedging). */
  nettingPositionOf(instrumentId: InstrumentId, strategyId: StrategyId): Position | undefined {
    return this.netting.get(strategyId)?.get(instrumentId);
  }

  /** All positions of a strategy, in the order they were opened. */
  ofStrategy(strategyId: StrategyId): readonly Position[] {
    return this.byStrategy.get(strategyId) ?? [];
  }

  list(filter: PositionFilter = {}): Position[] {
    const source = filter.strategyId !== undefined ? this.ofStrategy(filter.strategyId) : this.all;
    return source.filter(
      (p) =>
        (filter.accountId === undefined || p.accountId === filter.accountId) &&
        (filter.instrumentId === undefined || p.instrumentId === filter.instrumentId) &&
        (filter.open === undefined || filter.open === !p.isFlat),
    );
  }

  private nettingPosition(strategyId: StrategyId, instrument: Instrument, accountId: string): Position {
    let byInstrument = this.netting.get(strategyId);
    if (byInstrument === undefined) {
      byInstrument = new Map();
      this.netting.set(strategyId, byInstrument);
    }
    let position = byInstrument.get(instrument.id);
    if (position === undefined) {
      position = this.create(nettingPositionId(instrument.id, strategyId), strategyId, instrument, accountId);
      byInstrument.set(instrument.id, position);
    }
    return position;
  }

  private create(
    positionId: string,
    strategyId: StrategyId,
    instrument: Instrument,
    accountId: string,
  ): Position {
    const position = new Position(instrument.id, instrument.multiplier, instrument.currency, {
      positionId,
      strategyId,
      accountId,
    });
    this.byId.set(positionId, position);
    this.all.push(position);
    let list = this.byStrategy.get(strategyId);
    if (list === undefined) {
      list = [];
      this.byStrategy.set(strategyId, list);
    }
    list.push(position);
    return position;
  }

  private book(
    position: Position,
    fill: OrderFilled,
    quantity: number,
    commission: number,
  ): PositionFillResult {
    return position.applyFill(fill.side, quantity, fill.lastPrice, commission, fill.tsEvent);
  }
}
