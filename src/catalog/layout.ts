/**
 * Where things live in a catalog directory:
 *
 *   DIR/<type>/<series>/date=YYYY-MM-DD/part-NNNNNN.parquet
 *   DIR/instruments/<instrument id>.json
 *
 * `<type>` is bars, trades, quotes, book (L3 events) or levels (L2 level updates); `<series>` the bar type key (`ESZ3.CME-1-MINUTE-LAST`) for bars
 * and the instrument id (`ESZ3.CME`) otherwise, URI-encoded (`BTC%2FUSDT.BINANCE`); the date is the
 * UTC date of `tsEvent`. Parts are numbered in append order. A file being written is named
 * `.<final name>.<pid>.tmp` in the same folder and renamed into place when complete; leftovers
 * (a crash mid-write) are deleted when the catalog is opened and never read.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MICROS_PER_DAY, type UnixMicros } from '../model/time.js';
import { type CatalogDataType, DATA_TYPES } from './schema.js';

export const TEMP_SUFFIX = '.tmp';
const PART = /^part-(\d+)\.parquet$/;
const DATE_DIR = /^date=(\d{4}-\d{2}-\d{2})$/;

export interface PartFile {
  readonly type: CatalogDataType;
  readonly series: string;
  /** UTC date `YYYY-MM-DD`. */
  readonly date: string;
  readonly part: number;
  readonly path: string;
}

export function seriesDir(root: string, type: CatalogDataType, series: string): string {
  return join(root, type, encodeURIComponent(series));
}

export function partName(part: number): string {
  return `part-${String(part).padStart(6, '0')}.parquet`;
}

export function tempName(finalName: string): string {
  return `.${finalName}.${process.pid}${TEMP_SUFFIX}`;
}

/** UTC date of a time, `YYYY-MM-DD`. */
export function utcDate(ts: UnixMicros): string {
  return new Date(Math.floor(ts / MICROS_PER_DAY) * 86_400_000).toISOString().slice(0, 10);
}

function dirs(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

/** Series of one type, sorted. */
export function listSeries(root: string, type: CatalogDataType): string[] {
  return dirs(join(root, type))
    .map((d) => decodeURIComponent(d))
    .sort();
}

/** The part files of one series, in time order (date, then part number). */
export function listParts(root: string, type: CatalogDataType, series: string): PartFile[] {
  const base = seriesDir(root, type, series);
  const parts: PartFile[] = [];
  for (const dateDir of dirs(base).sort()) {
    const date = DATE_DIR.exec(dateDir)?.[1];
    if (date === undefined) continue;
    const folder = join(base, dateDir);
    const files: PartFile[] = [];
    for (const name of readdirSync(folder)) {
      const m = PART.exec(name);
      if (m) files.push({ type, series, date, part: Number(m[1]), path: join(folder, name) });
    }
    parts.push(...files.sort((a, b) => a.part - b.part));
  }
  return parts;
}

/** Every part file of the catalog. */
export function listAllParts(root: string): PartFile[] {
  return DATA_TYPES.flatMap((type) => listSeries(root, type).flatMap((s) => listParts(root, type, s)));
}

/** Deletes the temp files left by interrupted writes; returns their paths. */
export function removeTempFiles(root: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.startsWith('.') && entry.name.endsWith(TEMP_SUFFIX)) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    }
  };
  if (existsSync(root)) walk(root);
  return removed;
}

/** A path quoted as an SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
