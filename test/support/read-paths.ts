/**
 * The three ways a catalog reads part files, for tests that must hold on each: the streaming query
 * through the native batch reader (the default when it is built), the same query chunk by chunk in
 * JavaScript, and row-group windows. The native path is skipped with a message when the reader was
 * not built, unless BOURSE_REQUIRE_NATIVE_READER=1 (CI sets it): then its absence fails the tests.
 */
import { type CatalogOptions, nativeReaderStatus, READ_BATCH_ROWS } from '../../src/catalog/index.js';

export interface ReadPath {
  readonly name: string;
  readonly options: CatalogOptions;
  /** The most rows one batch of this path holds. */
  readonly maxBatch: number;
}

export const REQUIRE_NATIVE_READER = process.env.BOURSE_REQUIRE_NATIVE_READER === '1';

/** Throws when CI requires the native reader and it did not load; true when it is there. */
export function nativeReaderPresent(): boolean {
  const status = nativeReaderStatus();
  if (!status.available && REQUIRE_NATIVE_READER)
    throw new Error(
      `BOURSE_REQUIRE_NATIVE_READER=1 but the native catalog reader is unavailable: ${status.reason}`,
    );
  return status.available;
}

export const NATIVE_SKIP = `native catalog reader not built (${nativeReaderStatus().reason}): run \`npm run install\``;

export function readPaths(): ReadPath[] {
  const paths: ReadPath[] = [
    { name: 'stream (JavaScript)', options: { readMode: 'stream', nativeReader: false }, maxBatch: 2048 },
    { name: 'windows', options: { readMode: 'windows' }, maxBatch: 2048 },
  ];
  if (nativeReaderPresent())
    paths.unshift({ name: 'stream (native)', options: { readMode: 'stream' }, maxBatch: READ_BATCH_ROWS });
  else console.log(`# ${NATIVE_SKIP}`);
  return paths;
}
