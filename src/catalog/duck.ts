/**
 * DuckDB plumbing: writing rows to one Parquet file and streaming typed columns back. Numbers cross
 * the JS/native boundary as whole column buffers (one copy per 2,048-row chunk, through
 * `@duckdb/node-bindings`), never value by value.
 */
import { DOUBLE, type DuckDBConnection, DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { sqlString } from './layout.js';
import { type CatalogDataType, COLUMNS, type ColumnSpec, encodeRow, numericColumns } from './schema.js';

/** DuckDB's chunk size: rows per batch in and out. */
export const CHUNK_ROWS = 2048;

export async function openDuck(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'true' });
  return { instance, connection: await instance.connect() };
}

/** The staging value of a column (numbers as doubles, NaN meaning null) cast to its disk type. */
function castFromStage(c: ColumnSpec): string {
  if (c.sql === 'VARCHAR' || c.sql === 'DOUBLE') return c.name;
  if (c.nullable) return `CASE WHEN isnan(${c.name}) THEN NULL ELSE ${c.name}::${c.sql} END AS ${c.name}`;
  return `${c.name}::${c.sql} AS ${c.name}`;
}

/**
 * Writes `rows[start, end)` to a Parquet file at `path` (which must not exist): staged through an
 * appender into a temp table, then `COPY … TO` (insertion order kept).
 */
export async function writeParquet<T>(
  connection: DuckDBConnection,
  type: CatalogDataType,
  rows: readonly T[],
  start: number,
  end: number,
  path: string,
): Promise<void> {
  const numeric = numericColumns(type);
  const hasIds = type === 'trades';
  const stageCols = [...numeric.map((c) => `${c.name} DOUBLE`), ...(hasIds ? ['trade_id VARCHAR'] : [])];
  await connection.run(`CREATE OR REPLACE TEMP TABLE stage (${stageCols.join(', ')})`);
  try {
    const appender = await connection.createAppender('stage');
    const types = [...numeric.map(() => DOUBLE), ...(hasIds ? [VARCHAR] : [])];
    const width = numeric.length;
    const cols = numeric.map(() => new Float64Array(CHUNK_ROWS));
    const row = new Float64Array(width);
    for (let from = start; from < end; from += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, end - from);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let i = 0; i < n; i++) {
        encodeRow(type, rows[from + i] as never, row);
        for (let j = 0; j < width; j++) cols[j][i] = row[j];
      }
      for (let j = 0; j < width; j++) {
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
        duckdb.copy_data_to_vector(vector, 0, cols[j].buffer, 0, n * 8);
      }
      if (hasIds) {
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, width);
        for (let i = 0; i < n; i++) {
          duckdb.vector_assign_string_element(vector, i, (rows[from + i] as { tradeId: string }).tradeId);
        }
      }
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    const select = COLUMNS[type].map(castFromStage).join(', ');
    await connection.run(
      `COPY (SELECT ${select} FROM stage) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    await connection.run('DROP TABLE IF EXISTS stage');
  }
}

/** One chunk of a query: numeric columns as doubles (NaN for null), trade ids when asked for. */
export interface ColumnChunk {
  readonly rows: number;
  readonly cols: Float64Array[];
  /** Trade ids; undefined entries mean "the sequence, as text". */
  readonly ids?: (string | undefined)[];
}

const TWO_32 = 4294967296;

function int64Column(vector: duckdb.Vector, n: number, nullable: boolean): Float64Array {
  const bytes = duckdb.vector_get_data(vector, n * 8);
  const lo = new Uint32Array(bytes.buffer, bytes.byteOffset, n * 2);
  const hi = new Int32Array(bytes.buffer, bytes.byteOffset, n * 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = hi[2 * i + 1] * TWO_32 + lo[2 * i];
  if (nullable) applyNulls(vector, n, out);
  return out;
}

function doubleColumn(vector: duckdb.Vector, n: number): Float64Array {
  const bytes = duckdb.vector_get_data(vector, n * 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}

function applyNulls(vector: duckdb.Vector, n: number, out: Float64Array): void {
  const mask = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  if (!mask) return;
  for (let i = 0; i < n; i++) if (((mask[i >> 3] >> (i & 7)) & 1) === 0) out[i] = Number.NaN;
}

/**
 * Streams the rows of `files` (in list order, each in file order) with `ts_event` in [from, to), one
 * DuckDB chunk at a time. Memory stays at a few chunks whatever the row count.
 */
export async function* streamColumns(
  connection: DuckDBConnection,
  type: CatalogDataType,
  files: readonly string[],
  from: number,
  to: number,
): AsyncGenerator<ColumnChunk> {
  if (files.length === 0) return;
  const numeric = numericColumns(type);
  const select = numeric.map((c) => (c.sql === 'UTINYINT' ? `${c.name}::DOUBLE AS ${c.name}` : c.name));
  // Trade ids equal to the sequence (Databento's) come back null and are rebuilt from it: no text decoding.
  if (type === 'trades') select.push('CASE WHEN trade_id = sequence::VARCHAR THEN NULL ELSE trade_id END');
  const where: string[] = [];
  if (Number.isFinite(from)) where.push(`ts_event >= ${Math.ceil(from)}`);
  if (Number.isFinite(to)) where.push(`ts_event < ${Math.ceil(to)}`);
  const sql = `SELECT ${select.join(', ')} FROM read_parquet([${files.map(sqlString).join(', ')}])${
    where.length ? ` WHERE ${where.join(' AND ')}` : ''
  }`;
  const result = await connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const n = chunk.rowCount;
    const cols = numeric.map((c, j) => {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
      return c.sql === 'BIGINT' ? int64Column(vector, n, c.nullable === true) : doubleColumn(vector, n);
    });
    let ids: (string | undefined)[] | undefined;
    if (type === 'trades') {
      const vector = chunk.getColumnVector(numeric.length);
      ids = new Array(n);
      for (let i = 0; i < n; i++) ids[i] = (vector.getItem(i) as string | null) ?? undefined;
    }
    yield { rows: n, cols, ids };
  }
}

/** Runs a query and returns its rows as JS values. */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJS() as unknown[][];
}
