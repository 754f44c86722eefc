/**
 * The session journal (migration 0002): a paper or live session's write-ahead log. An append is one
 * transaction holding the journal rows and what they mean for the other tables (new orders, order
 * events with their fills and status moves, the positions those fills change), so the order log,
 * the fills and the positions are never behind or ahead of the journal.
 */
import type { Kysely } from 'kysely';
import { type AuditEntry, AuditRepository } from './admin-repos.js';
import { StoreError, toStoreError } from './errors.js';
import type { JsonValue } from './json.js';
import { type OrderLogEntry, prepareEntry, writeOrderBatch } from './order-log.js';
import type { Database } from './schema.js';
import { type PositionRecord, PositionsRepository } from './state-repos.js';
import { json } from './validate.js';

export interface SessionJournalRow {
  /** 1, 2, 3… in append order. */
  readonly position: number;
  /** The data point the session was handling when the entry was produced. */
  readonly dataIndex: number;
  readonly entry: JsonValue;
}

export interface SessionJournalAppend {
  readonly rows: readonly Omit<SessionJournalRow, 'position'>[];
  /** The order-log writes the rows stand for. */
  readonly orderLog?: readonly OrderLogEntry[];
  /** Positions after the rows' fills. */
  readonly positions?: readonly PositionRecord[];
  /** The commands among the rows, for the audit log. */
  readonly audit?: readonly AuditEntry[];
}

export class SessionJournalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every row, in position order. */
  async read(): Promise<SessionJournalRow[]> {
    try {
      const rows = await this.db.selectFrom('session_journal').selectAll().orderBy('position').execute();
      return rows.map((r) => ({
        position: Number(r.position),
        dataIndex: Number(r.data_index),
        entry: r.entry,
      }));
    } catch (error) {
      throw toStoreError(error, 'session_journal: read');
    }
  }

  /**
   * Appends rows after the last one, with their order-log writes and positions, in one transaction:
   * all of it commits or none. `expectedNext` is the position the first row must get (the writer's
   * count): a second writer on the same journal is refused rather than interleaved.
   */
  async append(append: SessionJournalAppend, expectedNext: number): Promise<void> {
    const t = 'session_journal';
    const rows = append.rows.map((row, i) => {
      if (!Number.isSafeInteger(row.dataIndex) || row.dataIndex < 0) {
        throw new StoreError(
          'STORE_INVALID',
          `session_journal.data_index: expected an index >= 0, got ${row.dataIndex}`,
          {
            table: t,
            field: 'data_index',
          },
        );
      }
      return { position: expectedNext + i, data_index: row.dataIndex, entry: json(t, 'entry', row.entry) };
    });
    const prepared = (append.orderLog ?? []).map(prepareEntry);
    try {
      await this.db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('session_journal')
          .select((eb) => eb.fn.max('position').as('last'))
          .executeTakeFirst();
        const have = Number(last?.last ?? 0);
        if (have !== expectedNext - 1) {
          throw new StoreError(
            'STORE_INVALID',
            `session_journal.position: the journal ends at ${have}, this writer expected ${expectedNext - 1} (another writer on the same session?)`,
            { table: t, field: 'position' },
          );
        }
        if (rows.length > 0) await trx.insertInto('session_journal').values(rows).execute();
        if (prepared.length > 0) await writeOrderBatch(trx, prepared);
        if (append.positions && append.positions.length > 0)
          await new PositionsRepository(trx).upsert(append.positions);
        if (append.audit && append.audit.length > 0) {
          const audit = new AuditRepository(trx);
          for (const entry of append.audit) await audit.record(entry);
        }
      });
    } catch (error) {
      throw toStoreError(error, 'session_journal: append');
    }
  }
}
