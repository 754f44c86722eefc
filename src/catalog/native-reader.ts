/**
 * The native batch reader (`native/catalog_reader.c`, built by `npm install` with node-gyp): reads a
 * streaming DuckDB result into whole batches of `READ_BATCH_ROWS` rows on a thread-pool thread, one
 * async hop and one typed array per column per batch, instead of node-bindings' hop and ArrayBuffer
 * per column per 2,048-row chunk. Without it (no compiler at install, `BOURSE_NATIVE_READER=0`, or
 * `Catalog.open(dir, { nativeReader: false })`) reads take the JavaScript path (docs/data.md).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { DuckDBResult } from '@duckdb/node-api';
// The addon links against the libduckdb.so that node-bindings loads: load it first.
import '@duckdb/node-bindings';
import type { ColumnChunk, ColumnSpec } from './schema.js';

/** Rows per batch of a native read (16 DuckDB chunks): ~1.8 MB for the 7 columns of bars. */
export const READ_BATCH_ROWS = 32_768;

declare const readerBrand: unique symbol;
/** A native reader over one streaming result (an opaque handle). */
type Reader = { readonly [readerBrand]: true };

interface NativeReaderModule {
  createReader(result: unknown): Reader;
  readBatch(
    reader: Reader,
    outputs: readonly (Float64Array | Uint8Array)[],
    capacity: number,
  ): Promise<number>;
  closeReader(reader: Reader): void;
}

/** Where the addon is looked for: `build/Release` of the package (from `src/catalog` or `dist/catalog`). */
export const NATIVE_READER_PATH = fileURLToPath(
  new URL('../../build/Release/catalog_reader.node', import.meta.url),
);

/** Whether the native reader loaded, and why not when it did not. */
export interface NativeReaderStatus {
  readonly available: boolean;
  readonly reason?: string;
}

function load(): { module?: NativeReaderModule; status: NativeReaderStatus } {
  if (process.env.BOURSE_NATIVE_READER === '0')
    return { status: { available: false, reason: 'disabled by BOURSE_NATIVE_READER=0' } };
  if (!existsSync(NATIVE_READER_PATH))
    return { status: { available: false, reason: `not built (${NATIVE_READER_PATH} is missing)` } };
  try {
    const module = createRequire(import.meta.url)(NATIVE_READER_PATH) as NativeReaderModule;
    return { module, status: { available: true } };
  } catch (error) {
    return { status: { available: false, reason: `cannot load: ${(error as Error).message}` } };
  }
}

const loaded = load();

export function nativeReaderStatus(): NativeReaderStatus {
  return loaded.status;
}

/** node-bindings' handle behind a node-api result (a protected field: the versions are pinned). */
function bindingsResult(result: DuckDBResult): unknown {
  const handle = (result as unknown as { result?: unknown }).result;
  if (handle === undefined) throw new Error('@duckdb/node-api result without a bindings handle');
  return handle;
}

/**
 * The rows of a streaming `result` whose columns are `columns` less those `absent` (in that order,
 * each selected in its declared type), as batches of up to `READ_BATCH_ROWS` rows in `columns`
 * order: int64 as doubles, null as NaN, absent columns all NaN. The next batch is read while the
 * consumer holds this one. Each batch's arrays are its own, or with `reuse` two sets of arrays take
 * turns (a batch is valid until the next one is asked for): fresh arrays for every batch are as
 * many bytes again for V8 to collect, and the collections they trigger cost a fifth to a third of a
 * read (docs/data.md). Requires the native reader.
 */
export async function* nativeBatches(
  result: DuckDBResult,
  columns: readonly ColumnSpec[],
  absent: ReadonlySet<string>,
  reuse = false,
): AsyncGenerator<ColumnChunk> {
  const native = loaded.module;
  if (!native) throw new Error(`the native catalog reader is not available: ${loaded.status.reason}`);
  const read = columns.filter((c) => !absent.has(c.name));
  // Not zero-filled (a memset of every byte read, ~4 % of a read's CPU): the reader writes every row
  // it hands out, and a short last batch is handed out as a view of its rows only.
  const unfilled = (bytes: number) => Buffer.allocUnsafeSlow(bytes).buffer;
  // One buffer per batch, each column a view of its part (8-byte columns first, so aligned): one
  // backing store for V8 to track and free instead of one per column.
  const wide = read.filter((c) => c.sql !== 'UTINYINT').length;
  const allocate = () => {
    const buffer = unfilled(READ_BATCH_ROWS * (wide * 8 + (read.length - wide)));
    let w = 0;
    let b = wide * READ_BATCH_ROWS * 8;
    return read.map((c) => {
      if (c.sql !== 'UTINYINT') return new Float64Array(buffer, READ_BATCH_ROWS * 8 * w++, READ_BATCH_ROWS);
      const bytes = new Uint8Array(buffer, b, READ_BATCH_ROWS);
      b += READ_BATCH_ROWS;
      return bytes;
    });
  };
  const turns = reuse ? [allocate(), allocate()] : undefined;
  let turn = 0;
  // With `reuse`, the set handed out the time before: the consumer let it go by asking for more.
  const nextOutputs = () => (turns ? turns[turn++ & 1] : allocate());
  const nan = reuse ? new Float64Array(READ_BATCH_ROWS).fill(Number.NaN) : undefined;
  const allNaN = (rows: number) =>
    nan?.subarray(0, rows) ?? new Float64Array(unfilled(rows * 8)).fill(Number.NaN);
  const reader = native.createReader(bindingsResult(result));
  let outputs = nextOutputs();
  let next: Promise<number> | undefined = native.readBatch(reader, outputs, READ_BATCH_ROWS);
  try {
    for (;;) {
      const rows = await next;
      next = undefined;
      if (rows === 0) return;
      const filled = outputs;
      outputs = nextOutputs();
      next = native.readBatch(reader, outputs, READ_BATCH_ROWS);
      let k = 0;
      const cols = columns.map((c) => {
        if (absent.has(c.name)) return allNaN(rows);
        const column = filled[k++];
        return rows === READ_BATCH_ROWS ? column : column.subarray(0, rows);
      });
      yield { rows, cols };
    }
  } finally {
    // Settle the batch in flight (a consumer may stop early) before the reader lets go.
    await next?.catch(() => undefined);
    native.closeReader(reader);
  }
}
