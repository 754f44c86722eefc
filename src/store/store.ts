/**
 * Opening a store: the engine (embedded PGlite or PostgreSQL through `pg`), migrations to the
 * current schema, and the repositories over one Kysely instance.
 */

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Dialect, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AuditRepository, BacktestsRepository, UsersRepository } from './admin-repos.js';
import { StoreError, toStoreError } from './errors.js';
import { OrderJournal, type OrderJournalOptions } from './journal.js';
import { migrationProvider } from './migrations.js';
import { FillsRepository, OrderEventsRepository, OrdersRepository } from './order-log.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';
import { SessionJournalRepository } from './session-journal.js';
import {
  AccountsRepository,
  InstrumentsRepository,
  PositionsRepository,
  StrategiesRepository,
} from './state-repos.js';

export type StoreOptions =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema to use (created if missing; set as search_path). Default: the server's (public). */
      readonly schema?: string;
      /** Pool size (default 10). */
      readonly maxConnections?: number;
    };

/** The repositories, over the store or over one transaction. */
export class Repositories {
  readonly instruments: InstrumentsRepository;
  readonly orders: OrdersRepository;
  readonly orderEvents: OrderEventsRepository;
  readonly fills: FillsRepository;
  readonly positions: PositionsRepository;
  readonly accounts: AccountsRepository;
  readonly strategies: StrategiesRepository;
  readonly backtests: BacktestsRepository;
  readonly users: UsersRepository;
  readonly audit: AuditRepository;
  readonly sessionJournal: SessionJournalRepository;

  constructor(readonly db: Kysely<Database>) {
    this.instruments = new InstrumentsRepository(db);
    this.orders = new OrdersRepository(db);
    this.orderEvents = new OrderEventsRepository(db);
    this.fills = new FillsRepository(db);
    this.positions = new PositionsRepository(db);
    this.accounts = new AccountsRepository(db);
    this.strategies = new StrategiesRepository(db);
    this.backtests = new BacktestsRepository(db);
    this.users = new UsersRepository(db);
    this.audit = new AuditRepository(db);
    this.sessionJournal = new SessionJournalRepository(db);
  }
}

export class Store extends Repositories {
  /** The group-commit journal of the order log (default options). */
  readonly journal: OrderJournal;
  private readonly journals: OrderJournal[] = [];
  private closed = false;

  constructor(
    db: Kysely<Database>,
    readonly kind: StoreOptions['kind'],
    /** Where the data lives: the data directory, or the URL without its password. */
    readonly location: string,
  ) {
    super(db);
    this.journal = this.createJournal();
  }

  /** A further journal with its own batching (e.g. `{ maxBatch: 1 }` for one transaction per entry). */
  createJournal(options: OrderJournalOptions = {}): OrderJournal {
    const journal = new OrderJournal(this.db, options);
    this.journals.push(journal);
    return journal;
  }

  /** Runs `work` in one transaction over repositories bound to it; commits if it resolves, rolls back if it throws. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new Repositories(trx)));
  }

  /** Applied migrations, oldest first (the last one is the schema version). */
  async migrations(): Promise<Array<{ name: string; executedAt: Date }>> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const all = await migrator.getMigrations();
    return all
      .filter((m) => m.executedAt !== undefined)
      .map((m) => ({ name: m.name, executedAt: m.executedAt as Date }));
  }

  /** Flushes the journals, then closes the database (PGlite must be closed or the process hangs). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const journal of this.journals) await journal.close();
    } finally {
      await this.db.destroy();
    }
  }
}

/** A PostgreSQL URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** int8 (BIGINT, count(*)) as a number on pg too, like PGlite: our values are micros and seqs, exact to 2^53. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`BIGINT ${value} does not fit a JavaScript number exactly`);
  return n;
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

async function postgresDialect(options: Extract<StoreOptions, { kind: 'postgres' }>): Promise<Dialect> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'STORE_INVALID',
      `store.schema: expected a lower-case SQL identifier, got '${schema}'`,
      {
        field: 'schema',
      },
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    types: pgTypes,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    const e = toStoreError(error, `cannot use PostgreSQL at ${redactUrl(options.url)}`);
    throw new StoreError(e.code === 'STORE_FAILED' ? 'STORE_CONNECT' : e.code, e.message, { cause: error });
  }
  return new PostgresDialect({ pool });
}

/** Opens (creating if needed) a store and migrates it to the current schema. Close it when done. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let dialect: Dialect;
  let location: string;
  let schema: string | undefined;
  if (options.kind === 'pglite') {
    location = resolve(options.dataDir);
    try {
      mkdirSync(location, { recursive: true });
    } catch (error) {
      throw new StoreError(
        'STORE_CONNECT',
        `cannot create the store directory ${location}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    dialect = new PGliteDialect({ pglite: () => PGlite.create(location) });
  } else if (options.kind === 'postgres') {
    location = redactUrl(options.url);
    schema = options.schema;
    dialect = await postgresDialect(options);
  } else {
    throw new StoreError(
      'STORE_INVALID',
      `store.kind: expected pglite or postgres, got '${String((options as { kind: unknown }).kind)}'`,
      {
        field: 'kind',
      },
    );
  }
  const db = new Kysely<Database>({ dialect });
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw toStoreError(error, `store at ${location}: migration failed`);
  }
  return new Store(db, options.kind, location);
}

async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw toStoreError(error, failed === undefined ? 'migrations' : `migration ${failed}`);
  }
  // A cheap round trip proves the connection after (possibly no) migrations.
  await sql`SELECT 1`.execute(db);
}

/** The `store` section of the configuration (see core/config-schema.ts). */
export interface StoreConfig {
  readonly kind: 'pglite' | 'postgres';
  readonly url?: string;
  readonly dataDir: string;
}

/**
 * Which store to open. Precedence: an explicit `db` (a `--db` flag: a postgres:// URL or a PGlite
 * directory) > `BOURSE_DATABASE_URL` > the configuration (`store.kind`, `store.url`, `store.dataDir`).
 */
export function storeOptionsFromConfig(
  config: StoreConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
  db?: string,
): StoreOptions {
  const explicit = db ?? env.BOURSE_DATABASE_URL;
  if (explicit !== undefined && explicit !== '') {
    if (/^postgres(ql)?:\/\//i.test(explicit)) return { kind: 'postgres', url: explicit };
    if (db !== undefined) return { kind: 'pglite', dataDir: explicit };
    throw new StoreError(
      'STORE_INVALID',
      `BOURSE_DATABASE_URL: expected a postgres:// or postgresql:// URL, got '${redactUrl(explicit)}'`,
      { field: 'BOURSE_DATABASE_URL' },
    );
  }
  if (config.kind === 'postgres') {
    if (config.url === undefined)
      throw new StoreError('STORE_INVALID', "store.url: required when store.kind is 'postgres'", {
        field: 'store.url',
      });
    return { kind: 'postgres', url: config.url };
  }
  return { kind: 'pglite', dataDir: config.dataDir };
}

/** Opens the store the configuration (and environment, and `--db`) selects. */
export function storeFromConfig(
  config: StoreConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
  db?: string,
): Promise<Store> {
  return openStore(storeOptionsFromConfig(config, env, db));
}
