/**
 * The schema's migrations, in code: forward-only and versioned by name (`0001_…`, `0002_…`; Kysely's
 * Migrator applies them in name order and records each in `kysely_migration`, which is the version
 * table). The same SQL runs on PGlite and PostgreSQL. A released migration is never edited: a change
 * is a new migration.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { APPEND_ONLY_SQLSTATE } from './errors.js';

function statements(...texts: string[]): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const text of texts) await sql.raw(text).execute(db);
    },
  };
}

const ORDER_STATUS_CHECK = `status IN ('initialized', 'denied', 'submitted', 'accepted', 'rejected', 'canceled',
  'expired', 'triggered', 'pending-update', 'pending-cancel', 'partially-filled', 'filled')`;

const initial = statements(
  `CREATE TABLE instruments (
     id TEXT PRIMARY KEY,
     definition JSONB NOT NULL,
     updated_at BIGINT NOT NULL
   )`,
  `CREATE TABLE orders (
     client_order_id TEXT PRIMARY KEY,
     strategy_id TEXT NOT NULL,
     instrument_id TEXT NOT NULL,
     init JSONB NOT NULL,
     status TEXT NOT NULL CHECK (${ORDER_STATUS_CHECK}),
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL
   )`,
  'CREATE INDEX orders_strategy_idx ON orders (strategy_id)',
  'CREATE INDEX orders_status_idx ON orders (status)',
  `CREATE TABLE order_events (
     seq BIGSERIAL PRIMARY KEY,
     client_order_id TEXT NOT NULL,
     strategy_id TEXT NOT NULL,
     instrument_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     ts_event BIGINT NOT NULL,
     ts_init BIGINT NOT NULL,
     payload JSONB NOT NULL
   )`,
  'CREATE INDEX order_events_order_idx ON order_events (client_order_id, seq)',
  `CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '${APPEND_ONLY_SQLSTATE}';
   END
   $$`,
  `CREATE TRIGGER order_events_no_update_delete BEFORE UPDATE OR DELETE ON order_events
     FOR EACH ROW EXECUTE FUNCTION order_events_append_only()`,
  `CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
     FOR EACH STATEMENT EXECUTE FUNCTION order_events_append_only()`,
  `CREATE TABLE fills (
     id BIGSERIAL PRIMARY KEY,
     client_order_id TEXT NOT NULL,
     trade_id TEXT NOT NULL,
     strategy_id TEXT NOT NULL,
     instrument_id TEXT NOT NULL,
     venue_order_id TEXT NOT NULL,
     side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
     quantity DOUBLE PRECISION NOT NULL CHECK (quantity > 0),
     price DOUBLE PRECISION NOT NULL,
     commission DOUBLE PRECISION NOT NULL,
     liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
     ts_event BIGINT NOT NULL,
     ts_init BIGINT NOT NULL,
     CONSTRAINT fills_order_trade_unique UNIQUE (client_order_id, trade_id)
   )`,
  `CREATE TABLE positions (
     account_id TEXT NOT NULL,
     strategy_id TEXT NOT NULL,
     instrument_id TEXT NOT NULL,
     quantity DOUBLE PRECISION NOT NULL,
     average_price DOUBLE PRECISION NOT NULL,
     realized_pnl DOUBLE PRECISION NOT NULL,
     commissions DOUBLE PRECISION NOT NULL,
     currency TEXT NOT NULL,
     updated_at BIGINT NOT NULL,
     PRIMARY KEY (account_id, strategy_id, instrument_id)
   )`,
  `CREATE TABLE account_snapshots (
     seq BIGSERIAL PRIMARY KEY,
     account_id TEXT NOT NULL,
     ts BIGINT NOT NULL,
     balance DOUBLE PRECISION NOT NULL,
     equity DOUBLE PRECISION NOT NULL,
     margin DOUBLE PRECISION NOT NULL,
     currency TEXT NOT NULL
   )`,
  'CREATE INDEX account_snapshots_account_ts_idx ON account_snapshots (account_id, ts, seq)',
  `CREATE TABLE strategy_state (
     strategy_id TEXT PRIMARY KEY,
     state JSONB NOT NULL,
     updated_at BIGINT NOT NULL
   )`,
  `CREATE TABLE backtest_runs (
     id BIGSERIAL PRIMARY KEY,
     created BIGINT NOT NULL,
     params JSONB NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
     finished BIGINT,
     error TEXT
   )`,
  `CREATE TABLE backtest_results (
     run_id BIGINT PRIMARY KEY REFERENCES backtest_runs (id),
     result JSONB NOT NULL,
     created BIGINT NOT NULL
   )`,
  `CREATE TABLE users (
     id BIGSERIAL PRIMARY KEY,
     username TEXT NOT NULL CONSTRAINT users_username_unique UNIQUE,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('viewer', 'trader', 'admin')),
     created BIGINT NOT NULL
   )`,
  `CREATE TABLE audit_log (
     seq BIGSERIAL PRIMARY KEY,
     ts BIGINT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT,
     details JSONB NOT NULL,
     source TEXT NOT NULL,
     origin TEXT
   )`,
  'CREATE INDEX audit_log_ts_idx ON audit_log (ts)',
);

/**
 * A paper or live session's write-ahead journal (src/live/journal.ts): every order, command and
 * event in the order the kernel produced them, append-only like the order-event log (its trigger
 * function is reused).
 */
const sessionJournal = statements(
  `CREATE TABLE session_journal (
     position BIGINT PRIMARY KEY CHECK (position >= 1),
     data_index BIGINT NOT NULL,
     entry JSONB NOT NULL
   )`,
  `CREATE TRIGGER session_journal_no_update_delete BEFORE UPDATE OR DELETE ON session_journal
     FOR EACH ROW EXECUTE FUNCTION order_events_append_only()`,
  `CREATE TRIGGER session_journal_no_truncate BEFORE TRUNCATE ON session_journal
     FOR EACH STATEMENT EXECUTE FUNCTION order_events_append_only()`,
);

/** Every migration, by name. Append new ones; never edit or remove one. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_session_journal': sessionJournal,
};

/** The name of the newest migration: the schema version a current store is at. */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).sort().at(-1)!;

export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...MIGRATIONS };
  },
};
