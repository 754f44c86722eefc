/**
 * DuckDB plumbing: writing rows to one Parquet file and streaming typed columns back. Values cross
 * the JS/native boundary as whole column buffers, never value by value: written in their disk types
 * (one copy per column per 2,048-row chunk, through `@duckdb/node-bindings`), read back with int64
 * as doubles (by the native batch reader, `native-reader.ts`, or a copy per column per chunk). The
 * only per-value calls are for trade ids that are not the sequence as text.
 */
import {
  BIGINT,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  DuckDBTableFunction,
  type DuckDBType,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { FooterSource } from './footer-cache.js';
import { sqlString } from './layout.js';
import { nativeBatches } from './native-reader.js';
import { planReadWindows, type ReadWindow, type RowGroupInfo } from './read-windows.js';
import {
  type CatalogCompression,
  type CatalogDataType,
  CHUNK_ROWS,
  ChunkBuffers,
  COLUMNS,
  type ColumnChunk,
  type ColumnSpec,
  encodeChunk,
  numericColumns,
} from './schema.js';

export { CHUNK_ROWS } from './schema.js';

/**
 * How far DuckDB may run ahead of a streaming read (DuckDB's default, 976 KiB, is about ten
 * 2,048-row chunks: its threads then wait on the reader and the reader on them; BENCHMARKS.md).
 */
export const STREAM_BUFFER = '64MB';

export async function openDuck(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'true' });
  return { instance, connection: await instance.connect() };
}

const DUCK_TYPES: Record<string, DuckDBType> = { BIGINT, DOUBLE, UTINYINT, VARCHAR };

/** The rows a source table function hands to DuckDB: `rows[next, end)`. */
interface Source {
  rows: readonly never[];
  next: number;
  end: number;
}

interface Sources {
  readonly byType: Map<CatalogDataType, { current?: Source }>;
  /** Writes on one connection run one at a time. */
  queue: Promise<unknown>;
}

const sources = new WeakMap<DuckDBConnection, Sources>();

/**
 * Registers (once per connection) the table function `bourse_rows_<type>()`, which yields the rows
 * of the write in progress as DuckDB chunks in the disk types: each call encodes the next 2,048
 * rows into typed buffers and copies them into the output vectors whole (validity bits for nulls;
 * a string only for a trade id that is not the sequence as text). DuckDB calls it on the JS thread
 * while it compresses and writes the previous chunks on its own threads.
 */
function sourceFor(connection: DuckDBConnection, type: CatalogDataType): { current?: Source } {
  let all = sources.get(connection);
  if (!all) {
    all = { byType: new Map(), queue: Promise.resolve() };
    sources.set(connection, all);
  }
  let slot = all.byType.get(type);
  if (slot) return slot;
  const state: { current?: Source } = {};
  slot = state;
  all.byType.set(type, slot);
  const columns = COLUMNS[type];
  const numeric = numericColumns(type);
  const widths = numeric.map((c) => (c.sql === 'UTINYINT' ? 1 : 8));
  const buffers = new ChunkBuffers(type);
  const seqCol = buffers.seqCol;
  connection.registerTableFunction(
    DuckDBTableFunction.create({
      name: `bourse_rows_${type}`,
      bindFunction: (info) => {
        for (const c of columns) info.addResultColumn(c.name, DUCK_TYPES[c.sql]);
      },
      initFunction: (info) => info.setMaxThreads(1),
      mainFunction: (info, output) => {
        const source = state.current;
        const n = source ? Math.min(CHUNK_ROWS, source.end - source.next) : 0;
        output.rowCount = n;
        if (!source || n === 0) return;
        try {
          encodeChunk(source.rows, source.next, n, buffers);
          source.next += n;
          const chunk = output.chunk;
          for (let j = 0; j < widths.length; j++) {
            duckdb.copy_data_to_vector(
              duckdb.data_chunk_get_vector(chunk, j),
              0,
              buffers.data[j],
              0,
              n * widths[j],
            );
          }
          const validityBytes = Math.ceil(n / 64) * 8;
          if (buffers.seqNulls > 0) {
            const vector = duckdb.data_chunk_get_vector(chunk, seqCol);
            duckdb.vector_ensure_validity_writable(vector);
            duckdb.copy_data_to_vector_validity(vector, 0, buffers.seqValid.buffer, 0, validityBytes);
          }
          if (type === 'trades') {
            const vector = duckdb.data_chunk_get_vector(chunk, widths.length);
            const { idRows, idTexts } = buffers;
            if (idRows.length < n) {
              duckdb.vector_ensure_validity_writable(vector);
              duckdb.copy_data_to_vector_validity(vector, 0, buffers.idValid.buffer, 0, validityBytes);
            }
            for (let k = 0; k < idRows.length; k++) {
              duckdb.vector_assign_string_element(vector, idRows[k], idTexts[k]);
            }
          }
        } catch (error) {
          info.setError(error instanceof Error ? error.message : String(error));
        }
      },
    }),
  );
  return slot;
}

/**
 * Writes `rows[start, end)` to a Parquet file at `path` (which must not exist) with
 * `COPY (SELECT * FROM bourse_rows_<type>()) TO …`: the rows stream from the JS arrays straight
 * into DuckDB's Parquet writer (insertion order kept), with no staging table. Parquet 2 encodings:
 * int64 columns delta-packed instead of plain 8-byte values, which DuckDB writes and decodes in
 * about half the time and stores in less space (docs/data.md).
 */
export async function writeParquet<T>(
  connection: DuckDBConnection,
  type: CatalogDataType,
  rows: readonly T[],
  start: number,
  end: number,
  path: string,
  compression: CatalogCompression = 'zstd',
): Promise<void> {
  const slot = sourceFor(connection, type);
  const all = sources.get(connection) as Sources;
  const run = all.queue.then(async () => {
    slot.current = { rows: rows as readonly never[], next: start, end };
    try {
      await connection.run(
        `COPY (SELECT * FROM bourse_rows_${type}()) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION ${compression}, PARQUET_VERSION V2)`,
      );
      if (slot.current.next !== end)
        throw new Error(`catalog write stopped at row ${slot.current.next} of ${end}`);
    } finally {
      slot.current = undefined;
    }
  });
  all.queue = run.catch(() => undefined);
  return run;
}

/**
 * The trade ids of a chunk: undefined where null ("the sequence, as text"), or no array at all when
 * every one is null. Short ASCII ids are read from DuckDB's inline string layout directly.
 */
function idColumn(chunk: DuckDBDataChunk, column: number, n: number): (string | undefined)[] | undefined {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const mask = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  if (mask) {
    let any = 0;
    for (let i = 0; i < n; i++) any |= (mask[i >> 3] >> (i & 7)) & 1;
    if (any === 0) return undefined;
  }
  const raw = duckdb.vector_get_data(vector, n * 16);
  const ids = new Array<string | undefined>(n);
  let items: { getItem(i: number): unknown } | undefined;
  for (let i = 0; i < n; i++) {
    if (mask && ((mask[i >> 3] >> (i & 7)) & 1) === 0) continue;
    // duckdb_string_t: uint32 length, then the bytes inline when at most 12 (a pointer otherwise).
    const at = i * 16;
    const len = raw[at] | (raw[at + 1] << 8) | (raw[at + 2] << 16) | (raw[at + 3] << 24);
    let text: string | undefined = '';
    if (len <= 12) {
      for (let k = 0; k < len; k++) {
        const b = raw[at + 4 + k];
        if (b > 127) {
          text = undefined;
          break;
        }
        text += String.fromCharCode(b);
      }
    } else text = undefined;
    if (text === undefined) {
      items ??= chunk.getColumnVector(column);
      text = items.getItem(i) as string;
    }
    ids[i] = text;
  }
  return ids;
}

/** The conditions `ts_event in [from, to)` (none for an infinite bound). */
function timeConditions(from: number, to: number): string[] {
  const where: string[] = [];
  if (Number.isFinite(from)) where.push(`ts_event >= ${Math.ceil(from)}`);
  if (Number.isFinite(to)) where.push(`ts_event < ${Math.ceil(to)}`);
  return where;
}

/** `source WHERE c1 AND c2 …` (no WHERE without conditions). */
function filtered(source: string, where: readonly string[]): string {
  return `${source}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/** `read_parquet([files]) WHERE ts_event in [from, to)` (either bound may be infinite). */
export function partsInRange(files: readonly string[], from: number, to: number): string {
  return filtered(`read_parquet([${files.map(sqlString).join(', ')}])`, timeConditions(from, to));
}

/**
 * The columns a read selects, in `COLUMNS[type]` order, less those `absent` (null in every row read,
 * by the files' footers). For the JavaScript path int64 columns arrive as doubles, cast by DuckDB on
 * its own threads (exact: stored values are safe integers), null as NaN: each column of a chunk is
 * then one buffer copied out whole. The native reader converts as it copies, so it gets every
 * column in its declared type (`native`).
 */
function selectList(type: CatalogDataType, absent: ReadonlySet<string>, native = false): string {
  return COLUMNS[type]
    .filter(({ name }) => !absent.has(name))
    .map(({ name, sql, nullable }) =>
      native
        ? `"${name}"::${sql} AS "${name}"`
        : sql !== 'BIGINT'
          ? `"${name}"`
          : nullable
            ? `coalesce("${name}"::DOUBLE, 'NaN'::DOUBLE) AS "${name}"`
            : `"${name}"::DOUBLE AS "${name}"`,
    )
    .join(', ');
}

/** Columns that may be null, and so may be left out of a read when a file's footer shows them all null. */
function omittableColumns(type: CatalogDataType): string[] {
  return COLUMNS[type].filter((c) => c.nullable || c.sql === 'VARCHAR').map((c) => c.name);
}

/** Rows a read window aims at: two of DuckDB's default Parquet row groups (122,880 rows each). */
export const READ_WINDOW_ROWS = 245_760;
/** Windows materialised at once, each on its own connection: one being read, the next running. */
const READ_CONNECTIONS = 2;

/** What the part files' footers say: each file's row groups, and the columns null in all its rows. */
export interface Footers {
  readonly groups: Map<string, RowGroupInfo[]>;
  readonly allNull: Map<string, Set<string>>;
}

/**
 * Reads the footers of `files` (`parquet_metadata`): the row groups with their `ts_event`
 * statistics, and which of the type's nullable columns hold only nulls in a file (its null count
 * equals the row count in every row group). Those columns are not read: a trade id stored as null
 * (the sequence as text, as Databento writes them) and the null sequence of bars cost a vector copy
 * per 2,048 rows for nothing.
 */
export async function readFooters(
  connection: DuckDBConnection,
  type: CatalogDataType,
  files: readonly string[],
): Promise<Footers> {
  const omittable = omittableColumns(type);
  const rows = await queryRows(
    connection,
    `SELECT file_name, row_group_id::DOUBLE, row_group_num_rows::DOUBLE, path_in_schema,
            stats_min_value, stats_max_value, stats_null_count::DOUBLE
     FROM parquet_metadata([${files.map(sqlString).join(', ')}])
     WHERE path_in_schema IN (${['ts_event', ...omittable].map(sqlString).join(', ')})`,
  );
  const byFile = new Map<string, { id: number; info: RowGroupInfo }[]>();
  // Per file, each omittable column in its footer: true while every row group holds only nulls.
  const onlyNulls = new Map<string, Map<string, boolean>>();
  for (const [file, id, count, column, min, max, nulls] of rows) {
    const name = file as string;
    if (column !== 'ts_event') {
      const columns = onlyNulls.get(name) ?? new Map<string, boolean>();
      onlyNulls.set(name, columns);
      columns.set(column as string, (columns.get(column as string) ?? true) && nulls === count);
      continue;
    }
    const list = byFile.get(name) ?? [];
    byFile.set(name, list);
    list.push({ id: id as number, info: { rows: count as number, minTs: stat(min), maxTs: stat(max) } });
  }
  const groups = new Map<string, RowGroupInfo[]>();
  const allNull = new Map<string, Set<string>>();
  for (const [file, list] of byFile) {
    groups.set(
      file,
      list.sort((a, b) => a.id - b.id).map((g) => g.info),
    );
    const columns = [...(onlyNulls.get(file) ?? [])];
    allNull.set(file, new Set(columns.filter(([, only]) => only).map(([column]) => column)));
  }
  return { groups, allNull };
}

/** A footer statistic as a number (undefined when the footer has none). */
function stat(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** The columns null in every one of `files` (none when a file's footer was not read). */
export function absentIn(footers: Footers, files: readonly string[]): Set<string> {
  let common: Set<string> | undefined;
  for (const file of files) {
    const nulls = footers.allNull.get(file);
    if (!nulls) return new Set();
    common = common ? new Set([...common].filter((c) => nulls.has(c))) : new Set(nulls);
  }
  return common ?? new Set();
}

function windowSql(select: string, window: ReadWindow, from: number, to: number): string {
  if (window.kind === 'files') return `SELECT ${select} FROM ${partsInRange(window.files, from, to)}`;
  const rows = [`file_row_number >= ${window.first}`, `file_row_number < ${window.end}`];
  const source = `read_parquet(${sqlString(window.file)}, file_row_number = true)`;
  return `SELECT ${select} FROM ${filtered(source, [...timeConditions(from, to), ...rows])}`;
}

/** Whether a read of `type` selects trade ids (text): trades whose ids are not all null. */
function readsTradeIds(type: CatalogDataType, absent: ReadonlySet<string>): boolean {
  return type === 'trades' && !absent.has('trade_id');
}

/**
 * One DuckDB chunk's columns as typed arrays of its own (and the trade ids, for trades). A column
 * `absent` from the query (null in every row read) is all NaN, or no ids.
 */
function columnChunk(
  chunk: DuckDBDataChunk,
  type: CatalogDataType,
  numeric: readonly ColumnSpec[],
  absent: ReadonlySet<string>,
): ColumnChunk {
  const n = chunk.rowCount;
  let vectorIndex = 0;
  const cols = numeric.map((col) => {
    if (absent.has(col.name)) return new Float64Array(n).fill(Number.NaN);
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, vectorIndex++);
    const bytes = duckdb.vector_get_data(vector, n * (col.sql === 'UTINYINT' ? 1 : 8));
    return col.sql === 'UTINYINT' ? bytes : new Float64Array(bytes.buffer, bytes.byteOffset, n);
  });
  const ids = readsTradeIds(type, absent) ? idColumn(chunk, vectorIndex, n) : undefined;
  return { rows: n, cols, ids };
}

/** Each non-empty chunk of a materialised result, copied out. */
function copyChunks(
  result: DuckDBMaterializedResult,
  type: CatalogDataType,
  numeric: readonly ColumnSpec[],
  absent: ReadonlySet<string>,
): ColumnChunk[] {
  const out: ColumnChunk[] = [];
  const count = result.chunkCount;
  for (let c = 0; c < count; c++) {
    const chunk = result.getChunk(c);
    if (chunk.rowCount > 0) out.push(columnChunk(chunk, type, numeric, absent));
  }
  return out;
}

/**
 * Streams the rows of `files` (in list order, each in file order) with `ts_event` in [from, to), one
 * DuckDB chunk (≤ 2,048 rows) at a time, in `COLUMNS[type]` order. The rows are read in windows of
 * whole row groups (`planReadWindows`): each window is one query that DuckDB runs to completion on
 * its own threads, the next one running on a second connection while this one is read; a window's
 * chunks are then copied out synchronously (`result_get_chunk`, which copies each chunk once more
 * on the JS thread). Memory: two windows, plus results V8 has not collected yet (docs/data.md).
 * Each chunk's arrays are copies of its own (kept batches stay valid).
 */
export async function* streamColumnsInWindows(
  instance: DuckDBInstance,
  type: CatalogDataType,
  files: readonly string[],
  from: number,
  to: number,
  footersOf: FooterSource = readFooters,
): AsyncGenerator<ColumnChunk> {
  if (files.length === 0) return;
  const numeric = numericColumns(type);
  const connections: DuckDBConnection[] = [];
  const pending: (Promise<DuckDBMaterializedResult> | undefined)[] = [];
  try {
    for (let k = 0; k < READ_CONNECTIONS; k++) connections.push(await instance.connect());
    const footers = await footersOf(connections[0], type, files);
    const windows = planReadWindows(files, footers.groups, from, to, READ_WINDOW_ROWS);
    const absent = windows.map((w) => absentIn(footers, w.kind === 'range' ? [w.file] : w.files));
    const start = (i: number): void => {
      if (i < windows.length)
        pending[i] = connections[i % READ_CONNECTIONS].run(
          windowSql(selectList(type, absent[i]), windows[i], from, to),
        );
    };
    for (let k = 0; k < READ_CONNECTIONS; k++) start(k);
    for (let i = 0; i < windows.length; i++) {
      // The window's chunks are copied out at once and the result dropped: DuckDB's memory behind
      // a result is only freed when V8 collects the wrapper, which it does not see as large.
      const batch = copyChunks((await pending[i]) as DuckDBMaterializedResult, type, numeric, absent[i]);
      pending[i] = undefined;
      start(i + READ_CONNECTIONS);
      yield* batch;
    }
  } finally {
    // Settle the queries in flight (a consumer may stop early) before their connections close.
    await Promise.all(pending.map((p) => p?.catch(() => undefined)));
    for (const connection of connections) connection.closeSync();
  }
}

/**
 * Streams the rows of `files` (in list order, each in file order) with `ts_event` in [from, to) in
 * `COLUMNS[type]` order: one streaming query, whose chunks DuckDB produces on its own threads into a
 * buffer of `STREAM_BUFFER` ahead of the reader (footers from `footersOf`, by default read anew).
 * With `native` (and no trade ids to read: the native reader takes numeric columns only) batches of
 * `READ_BATCH_ROWS` rows come from the native reader; otherwise one DuckDB chunk (≤ 2,048 rows) at
 * a time, the JS thread copying out the current one while the next is fetched. Memory stays at that buffer whatever the row count. The query has a
 * connection of its own: any other statement on a connection ends the streaming result running
 * there, and a caller may append or query while it reads (resampling does). Each batch's arrays are
 * its own (kept batches stay valid), but for native batches with `reuse` (valid until the next).
 */
export async function* streamColumnsOneQuery(
  instance: DuckDBInstance,
  type: CatalogDataType,
  files: readonly string[],
  from: number,
  to: number,
  options: { readonly native?: boolean; readonly reuse?: boolean; readonly footersOf?: FooterSource } = {},
): AsyncGenerator<ColumnChunk> {
  if (files.length === 0) return;
  const connection = await instance.connect();
  let next: Promise<DuckDBDataChunk | null> | undefined;
  try {
    await connection.run(`SET streaming_buffer_size = '${STREAM_BUFFER}'`);
    const { native = false, reuse = false, footersOf = readFooters } = options;
    const absent = absentIn(await footersOf(connection, type, files), files);
    const numeric = numericColumns(type);
    const batches = native && !readsTradeIds(type, absent);
    const sql = `SELECT ${selectList(type, absent, batches)} FROM ${partsInRange(files, from, to)}`;
    const result = await connection.stream(sql);
    if (batches) {
      yield* nativeBatches(result, numeric, absent, reuse);
      return;
    }
    next = result.fetchChunk();
    for (;;) {
      const chunk = await next;
      if (!chunk || chunk.rowCount === 0) return;
      next = result.fetchChunk();
      yield columnChunk(chunk, type, numeric, absent);
    }
  } finally {
    // Settle the fetch in flight (a consumer may stop early) before the connection closes.
    await next?.catch(() => undefined);
    connection.closeSync();
  }
}

/** Runs a query and returns its rows as JS values. */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJS() as unknown[][];
}
