/** Backtest runs and results, users, and the audit log. */
import type { Kysely } from 'kysely';
import type { UnixMicros } from '../model/time.js';
import { StoreError, toStoreError } from './errors.js';
import type { JsonValue } from './json.js';
import type { Database } from './schema.js';
import { json, micros, oneOf, optionalText, text } from './validate.js';

export type BacktestStatus = 'running' | 'completed' | 'failed';
export const BACKTEST_STATUSES: readonly BacktestStatus[] = ['running', 'completed', 'failed'];

export interface BacktestRun {
  readonly id: number;
  readonly created: UnixMicros;
  readonly params: JsonValue;
  readonly status: BacktestStatus;
  readonly finished: UnixMicros | undefined;
  readonly error: string | undefined;
  /** The result document, once completed. */
  readonly result: JsonValue | undefined;
}

export class BacktestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Registers a run (status `running`) and returns its id. */
  async create(params: JsonValue, ts: UnixMicros = Date.now() * 1000): Promise<number> {
    const row = await this.db
      .insertInto('backtest_runs')
      .values({
        created: micros('backtest_runs', 'created', ts),
        params: json('backtest_runs', 'params', params),
        status: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Stores a run's result and marks it `completed`, in one transaction. */
  async complete(id: number, result: JsonValue, ts: UnixMicros = Date.now() * 1000): Promise<void> {
    const resultText = json('backtest_results', 'result', result);
    const finished = micros('backtest_runs', 'finished', ts);
    try {
      await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('backtest_runs')
          .set({ status: 'completed', finished })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new StoreError('STORE_NOT_FOUND', `backtest_runs: no run ${id}`, {
            table: 'backtest_runs',
            field: 'id',
          });
        await trx
          .insertInto('backtest_results')
          .values({ run_id: id, result: resultText, created: finished })
          .execute();
      });
    } catch (error) {
      throw toStoreError(error, `backtest_results: completing run ${id}`);
    }
  }

  /** Marks a run `failed` with the reason. */
  async fail(id: number, reason: string, ts: UnixMicros = Date.now() * 1000): Promise<void> {
    const updated = await this.db
      .updateTable('backtest_runs')
      .set({
        status: 'failed',
        finished: micros('backtest_runs', 'finished', ts),
        error: text('backtest_runs', 'error', reason),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new StoreError('STORE_NOT_FOUND', `backtest_runs: no run ${id}`, {
        table: 'backtest_runs',
        field: 'id',
      });
  }

  async get(id: number): Promise<BacktestRun | undefined> {
    const row = await this.db
      .selectFrom('backtest_runs')
      .leftJoin('backtest_results', 'backtest_results.run_id', 'backtest_runs.id')
      .select([
        'backtest_runs.id',
        'backtest_runs.created',
        'backtest_runs.params',
        'backtest_runs.status',
        'backtest_runs.finished',
        'backtest_runs.error',
        'backtest_results.result',
      ])
      .where('backtest_runs.id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRun(row, row.result ?? undefined);
  }

  /** Runs, newest first, without their result documents (use `get` for one result). */
  async list(options: { limit?: number; status?: BacktestStatus } = {}): Promise<BacktestRun[]> {
    let query = this.db.selectFrom('backtest_runs').selectAll();
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    query = query.orderBy('id', 'desc');
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = await query.execute();
    return rows.map((row) => toRun(row, undefined));
  }
}

function toRun(
  row: {
    id: number;
    created: number;
    params: JsonValue;
    status: string;
    finished: number | null;
    error: string | null;
  },
  result: JsonValue | undefined,
): BacktestRun {
  return {
    id: Number(row.id),
    created: Number(row.created),
    params: row.params,
    status: row.status as BacktestStatus,
    finished: row.finished === null ? undefined : Number(row.finished),
    error: row.error ?? undefined,
    result,
  };
}

export type UserRole = 'viewer' | 'trader' | 'admin';
export const USER_ROLES: readonly UserRole[] = ['viewer', 'trader', 'admin'];

export interface UserRecord {
  readonly id: number;
  readonly username: string;
  /** A hash (e.g. scrypt), never the password itself. */
  readonly passwordHash: string;
  readonly role: UserRole;
  readonly created: UnixMicros;
}

export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds a user; a taken username is STORE_DUPLICATE. Returns the new id. */
  async add(user: {
    username: string;
    passwordHash: string;
    role: UserRole;
    created?: UnixMicros;
  }): Promise<number> {
    const values = {
      username: text('users', 'username', user?.username),
      password_hash: text('users', 'password_hash', user.passwordHash),
      role: oneOf('users', 'role', user.role, USER_ROLES),
      created: micros('users', 'created', user.created ?? Date.now() * 1000),
    };
    try {
      const row = await this.db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
      return Number(row.id);
    } catch (error) {
      throw toStoreError(error, `users: adding '${values.username}'`);
    }
  }

  async byName(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('id').execute();
    return rows.map(toUser);
  }
}

function toUser(row: {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  created: number;
}): UserRecord {
  return {
    id: Number(row.id),
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role as UserRole,
    created: Number(row.created),
  };
}

/** Where a command came from. */
export type AuditSource = 'cli' | 'api' | 'strategy' | 'system' | (string & {});

export interface AuditEntry {
  readonly ts: UnixMicros;
  /** Who: a user name, a strategy id, `system`. */
  readonly actor: string;
  /** What: `order.submit`, `kill`, `user.add`… */
  readonly action: string;
  /** On what (an order id, an instrument, a user), if anything. */
  readonly target?: string;
  readonly details?: JsonValue;
  readonly source: AuditSource;
  /** From where: host name, IP address, terminal. */
  readonly origin?: string;
}

export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly details: JsonValue;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends an audit entry; returns its seq. */
  async record(entry: AuditEntry): Promise<number> {
    const t = 'audit_log';
    const values = {
      ts: micros(t, 'ts', entry?.ts),
      actor: text(t, 'actor', entry.actor),
      action: text(t, 'action', entry.action),
      target: optionalText(t, 'target', entry.target),
      details: json(t, 'details', entry.details ?? {}),
      source: text(t, 'source', entry.source),
      origin: optionalText(t, 'origin', entry.origin),
    };
    try {
      const row = await this.db
        .insertInto('audit_log')
        .values(values)
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    } catch (error) {
      throw toStoreError(error, `audit_log: recording ${values.action}`);
    }
  }

  /** Entries in seq order, after `afterSeq`, optionally one actor's or one action's, at most `limit`. */
  async list(
    options: { afterSeq?: number; actor?: string; action?: string; limit?: number } = {},
  ): Promise<AuditRecord[]> {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', options.afterSeq ?? 0);
    if (options.actor !== undefined) query = query.where('actor', '=', options.actor);
    if (options.action !== undefined) query = query.where('action', '=', options.action);
    query = query.orderBy('seq');
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = await query.execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      ts: Number(row.ts),
      actor: row.actor,
      action: row.action,
      ...(row.target === null ? {} : { target: row.target }),
      details: row.details,
      source: row.source,
      ...(row.origin === null ? {} : { origin: row.origin }),
    }));
  }
}
