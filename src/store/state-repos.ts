/** Instruments, positions, account snapshots and strategy state. */
import type { Kysely } from 'kysely';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { UnixMicros } from '../model/time.js';
import { toStoreError } from './errors.js';
import type { JsonValue } from './json.js';
import type { Database } from './schema.js';
import { finite, json, micros, text } from './validate.js';

export class InstrumentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Saves (or replaces) instrument definitions, keyed by id. */
  async save(instruments: readonly Instrument[], ts: UnixMicros = Date.now() * 1000): Promise<void> {
    const rows = instruments.map((instrument) => ({
      id: text('instruments', 'id', instrument?.id),
      definition: json('instruments', 'definition', instrument),
      updated_at: micros('instruments', 'updated_at', ts),
    }));
    if (rows.length === 0) return;
    try {
      await this.db
        .insertInto('instruments')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            definition: eb.ref('excluded.definition'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    } catch (error) {
      throw toStoreError(error, 'instruments: save');
    }
  }

  async get(id: InstrumentId): Promise<Instrument | undefined> {
    const row = await this.db
      .selectFrom('instruments')
      .select('definition')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.definition;
  }

  async all(): Promise<Instrument[]> {
    const rows = await this.db.selectFrom('instruments').select('definition').orderBy('id').execute();
    return rows.map((row) => row.definition);
  }
}

/** A position of one strategy in one instrument in one account. */
export interface PositionRecord {
  readonly accountId: string;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  /** Signed: long > 0, short < 0. */
  readonly quantity: number;
  readonly averagePrice: number;
  readonly realizedPnl: number;
  readonly commissions: number;
  readonly currency: string;
  readonly updatedAt: UnixMicros;
}

export class PositionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts or replaces positions keyed by (account, strategy, instrument). */
  async upsert(positions: readonly PositionRecord[]): Promise<void> {
    const t = 'positions';
    const rows = positions.map((p) => ({
      account_id: text(t, 'account_id', p?.accountId),
      strategy_id: text(t, 'strategy_id', p.strategyId),
      instrument_id: text(t, 'instrument_id', p.instrumentId),
      quantity: finite(t, 'quantity', p.quantity),
      average_price: finite(t, 'average_price', p.averagePrice),
      realized_pnl: finite(t, 'realized_pnl', p.realizedPnl),
      commissions: finite(t, 'commissions', p.commissions),
      currency: text(t, 'currency', p.currency),
      updated_at: micros(t, 'updated_at', p.updatedAt),
    }));
    if (rows.length === 0) return;
    try {
      await this.db
        .insertInto('positions')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['account_id', 'strategy_id', 'instrument_id']).doUpdateSet((eb) => ({
            quantity: eb.ref('excluded.quantity'),
            average_price: eb.ref('excluded.average_price'),
            realized_pnl: eb.ref('excluded.realized_pnl'),
            commissions: eb.ref('excluded.commissions'),
            currency: eb.ref('excluded.currency'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    } catch (error) {
      throw toStoreError(error, 'positions: upsert');
    }
  }

  async all(filter: { accountId?: string; strategyId?: StrategyId } = {}): Promise<PositionRecord[]> {
    let query = this.db.selectFrom('positions').selectAll();
    if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
    if (filter.strategyId !== undefined) query = query.where('strategy_id', '=', filter.strategyId);
    const rows = await query.orderBy('account_id').orderBy('strategy_id').orderBy('instrument_id').execute();
    return rows.map((row) => ({
      accountId: row.account_id,
      strategyId: row.strategy_id,
      instrumentId: row.instrument_id,
      quantity: row.quantity,
      averagePrice: row.average_price,
      realizedPnl: row.realized_pnl,
      commissions: row.commissions,
      currency: row.currency,
      updatedAt: Number(row.updated_at),
    }));
  }
}

export interface AccountSnapshot {
  readonly accountId: string;
  readonly ts: UnixMicros;
  readonly balance: number;
  readonly equity: number;
  /** Margin in use. */
  readonly margin: number;
  readonly currency: string;
}

export class AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async snapshot(snapshots: AccountSnapshot | readonly AccountSnapshot[]): Promise<void> {
    const list: readonly AccountSnapshot[] = Array.isArray(snapshots)
      ? snapshots
      : [snapshots as AccountSnapshot];
    const t = 'account_snapshots';
    const rows = list.map((s) => ({
      account_id: text(t, 'account_id', s?.accountId),
      ts: micros(t, 'ts', s.ts),
      balance: finite(t, 'balance', s.balance),
      equity: finite(t, 'equity', s.equity),
      margin: finite(t, 'margin', s.margin),
      currency: text(t, 'currency', s.currency),
    }));
    if (rows.length === 0) return;
    try {
      await this.db.insertInto('account_snapshots').values(rows).execute();
    } catch (error) {
      throw toStoreError(error, 'account_snapshots: snapshot');
    }
  }

  /** The newest snapshot of an account (latest ts; among equal ts the last written). */
  async latest(accountId: string): Promise<AccountSnapshot | undefined> {
    const row = await this.db
      .selectFrom('account_snapshots')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('ts', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toSnapshot(row);
  }

  /** An account's snapshots in time order, optionally from `fromTs` (inclusive). */
  async history(accountId: string, fromTs?: UnixMicros): Promise<AccountSnapshot[]> {
    let query = this.db.selectFrom('account_snapshots').selectAll().where('account_id', '=', accountId);
    if (fromTs !== undefined) query = query.where('ts', '>=', fromTs);
    const rows = await query.orderBy('ts').orderBy('seq').execute();
    return rows.map(toSnapshot);
  }
}

function toSnapshot(row: {
  account_id: string;
  ts: number;
  balance: number;
  equity: number;
  margin: number;
  currency: string;
}): AccountSnapshot {
  return {
    accountId: row.account_id,
    ts: Number(row.ts),
    balance: row.balance,
    equity: row.equity,
    margin: row.margin,
    currency: row.currency,
  };
}

export interface StrategyStateRecord {
  readonly state: JsonValue;
  readonly updatedAt: UnixMicros;
}

export class StrategiesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Saves (replaces) a strategy's state document. */
  async saveState(
    strategyId: StrategyId,
    state: JsonValue,
    ts: UnixMicros = Date.now() * 1000,
  ): Promise<void> {
    const row = {
      strategy_id: text('strategy_state', 'strategy_id', strategyId),
      state: json('strategy_state', 'state', state),
      updated_at: micros('strategy_state', 'updated_at', ts),
    };
    try {
      await this.db
        .insertInto('strategy_state')
        .values(row)
        .onConflict((oc) =>
          oc.column('strategy_id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    } catch (error) {
      throw toStoreError(error, `strategy_state: saving ${strategyId}`);
    }
  }

  async loadState(strategyId: StrategyId): Promise<StrategyStateRecord | undefined> {
    const row = await this.db
      .selectFrom('strategy_state')
      .select(['state', 'updated_at'])
      .where('strategy_id', '=', strategyId)
      .executeTakeFirst();
    return row === undefined ? undefined : { state: row.state, updatedAt: Number(row.updated_at) };
  }
}
