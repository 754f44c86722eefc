/** `readBarsCsv`: read a file from disk (synchronously) and parse it. */
import { readFileSync } from 'node:fs';
import { DataError } from '../../core/errors.js';
import { parseBarsCsv } from './parse.js';
import type { CsvImportOptions, CsvImportResult } from './types.js';

export function readBarsCsv(path: string, options?: CsvImportOptions): CsvImportResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`cannot read file: ${reason}`, { file: path }, 'DATA_UNREADABLE');
  }
  return parseBarsCsv(text, path, options);
}
