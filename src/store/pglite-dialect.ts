/**
 * A small Kysely dialect over embedded PGlite (PostgreSQL compiled to WebAssembly, one session).
 *
 * PGlite has exactly one backend session, so the driver hands out one connection at a time: a
 * query or a whole transaction holds it, everything else queues (FIFO). That serialises
 * transactions, which the single session requires anyway (a second BEGIN would nest into the
 * first). SQL is PostgreSQL's, so Kysely's PostgresAdapter, query compiler and introspector apply.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export interface PGliteDialectConfig {
  /** An open PGlite instance, or a function creating one when Kysely first needs it. */
  readonly pglite: PGlite | (() => Promise<PGlite>);
  /** Close the PGlite instance when Kysely is destroyed (default true). */
  readonly closeOnDestroy?: boolean;
}

export class PGliteDialect implements Dialect {
  constructor(private readonly config: PGliteDialectConfig) {}
  createDriver(): Driver {
    return new PGliteDriver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  private pglite: PGlite | undefined;
  private connection: PGliteConnection | undefined;
  /** Whether the single connection is lent out; waiters get it in arrival order. */
  private busy = false;
  private readonly waiters: Array<(connection: PGliteConnection) => void> = [];

  constructor(private readonly config: PGliteDialectConfig) {}

  async init(): Promise<void> {
    const source = this.config.pglite;
    this.pglite = typeof source === 'function' ? await source() : source;
    await this.pglite.waitReady;
    this.connection = new PGliteConnection(this.pglite);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const connection = this.connection;
    if (connection === undefined) return Promise.reject(new Error('PGlite driver is not open'));
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve(connection);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async releaseConnection(): Promise<void> {
    const next = this.waiters.shift();
    if (next !== undefined && this.connection !== undefined) next(this.connection);
    else this.busy = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined) {
      sql = 'start transaction';
      if (settings.isolationLevel !== undefined) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode !== undefined) sql += ` ${settings.accessMode}`;
    }
    await (connection as PGliteConnection).raw(sql);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).raw('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).raw('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await (connection as PGliteConnection).raw(`savepoint ${quoteIdentifier(name)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await (connection as PGliteConnection).raw(`rollback to savepoint ${quoteIdentifier(name)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await (connection as PGliteConnection).raw(`release savepoint ${quoteIdentifier(name)}`);
  }

  async destroy(): Promise<void> {
    const pglite = this.pglite;
    this.pglite = undefined;
    this.connection = undefined;
    if (pglite !== undefined && this.config.closeOnDestroy !== false && !pglite.closed) await pglite.close();
  }
}

const WRITE_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async raw(sql: string): Promise<void> {
    await this.pglite.query(sql);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
      rowMode: 'object',
    });
    const command = (result as { command?: string }).command;
    return {
      rows: result.rows,
      numAffectedRows:
        command !== undefined && WRITE_COMMANDS.has(command) ? BigInt(result.affectedRows ?? 0) : undefined,
    };
  }

  /** PGlite has no server-side cursors over this interface: the rows are read whole, then chunked. */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
