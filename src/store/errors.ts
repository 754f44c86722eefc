import { BourseError } from '../core/errors.js';

/**
 * Store error codes:
 * - `STORE_INVALID`: bad input (the message names `table.field` and the value), caught before SQL or
 *   refused by a CHECK / NOT NULL constraint;
 * - `STORE_DUPLICATE`: a unique key already exists (a fill recorded twice, a user name taken…);
 * - `STORE_APPEND_ONLY`: an UPDATE, DELETE or TRUNCATE of the append-only order-event log;
 * - `STORE_NOT_FOUND`: an update of a row that does not exist;
 * - `STORE_CONNECT`: the database cannot be reached or opened;
 * - `STORE_CLOSED`: the store or journal was closed;
 * - `STORE_FAILED`: any other database error (the cause is attached).
 */
export type StoreErrorCode =
  | 'STORE_INVALID'
  | 'STORE_DUPLICATE'
  | 'STORE_APPEND_ONLY'
  | 'STORE_NOT_FOUND'
  | 'STORE_CONNECT'
  | 'STORE_CLOSED'
  | 'STORE_FAILED';

export class StoreError extends BourseError {
  declare readonly code: StoreErrorCode;
  /** Table concerned, where known. */
  readonly table: string | undefined;
  /** Column or constraint concerned, where known. */
  readonly field: string | undefined;
  constructor(
    code: StoreErrorCode,
    message: string,
    where: { table?: string; field?: string; cause?: unknown } = {},
  ) {
    super(code, message, where.cause === undefined ? undefined : { cause: where.cause });
    this.table = where.table;
    this.field = where.field;
  }
}

/** SQLSTATE raised by the append-only trigger of `order_events` (custom class BR). */
export const APPEND_ONLY_SQLSTATE = 'BR001';

interface PgErrorFields {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

function field(error: PgErrorFields, key: keyof PgErrorFields): string | undefined {
  const value = error[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Turns a driver error (pg or PGlite: both carry PostgreSQL's SQLSTATE and fields) into a StoreError. */
export function toStoreError(error: unknown, context: string): StoreError {
  if (error instanceof StoreError) return error;
  if (typeof error !== 'object' || error === null) {
    return new StoreError('STORE_FAILED', `${context}: ${String(error)}`, { cause: error });
  }
  const pg = error as PgErrorFields;
  const sqlstate = field(pg, 'code');
  const table = field(pg, 'table');
  const column = field(pg, 'column') ?? field(pg, 'constraint');
  const message = field(pg, 'message') ?? String(error);
  const detail = field(pg, 'detail');
  const text = `${context}: ${message}${detail ? ` (${detail})` : ''}`;
  const where = { table, field: column, cause: error };
  if (sqlstate === APPEND_ONLY_SQLSTATE) return new StoreError('STORE_APPEND_ONLY', text, where);
  if (sqlstate === '23505') return new StoreError('STORE_DUPLICATE', text, where);
  if (sqlstate !== undefined && /^(23|22)/.test(sqlstate))
    return new StoreError('STORE_INVALID', text, where);
  if (
    sqlstate === undefined ||
    sqlstate.startsWith('08') ||
    sqlstate === '28000' ||
    sqlstate === '28P01' ||
    sqlstate === '3D000' ||
    sqlstate === '57P03' ||
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|timeout/i.test(message)
  ) {
    if (sqlstate === undefined && !/ECONN|ENOTFOUND|ETIMEDOUT|timeout|terminated/i.test(message)) {
      return new StoreError('STORE_FAILED', text, where);
    }
    return new StoreError('STORE_CONNECT', text, where);
  }
  return new StoreError('STORE_FAILED', text, where);
}
