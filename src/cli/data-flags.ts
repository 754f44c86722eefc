/** Flags shared by the `bourse data` subcommands (and `backtest --catalog`): times, bar types, catalogs. */
import { existsSync, statSync } from 'node:fs';
import { Catalog, type CatalogOptions, type OverlapPolicy } from '../catalog/index.js';
import { BourseError } from '../core/errors.js';
import type { BarAggregation } from '../model/data.js';
import { BarType } from '../model/data.js';
import { microsFromDate, microsFromIso, type UnixMicros } from '../model/time.js';

export function invalid(message: string): never {
  throw new BourseError('CLI_INVALID', message);
}

/** `--from`/`--to`: an ISO-8601 time or a UTC date. */
export function timeFlag(flag: string, text: string | undefined): UnixMicros | undefined {
  if (text === undefined) return undefined;
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? microsFromDate(text.trim()) : microsFromIso(text);
  } catch {
    invalid(`${flag}: expected an ISO-8601 time or YYYY-MM-DD date, got '${text}'`);
  }
}

/** `--from`/`--to` together: both optional, `from` before `to`. */
export function rangeFlags(flags: { from?: string; to?: string }): { from?: UnixMicros; to?: UnixMicros } {
  const from = timeFlag('--from', flags.from);
  const to = timeFlag('--to', flags.to);
  if (from !== undefined && to !== undefined && !(from < to)) invalid('--from must be before --to');
  return { from, to };
}

const BAR_UNITS: Record<string, BarAggregation> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** `--bar 1m` → the bar type of an instrument (last-price bars); `flag` names the flag in errors. */
export function barTypeFlag(instrumentId: string, spec: string, flag = '--bar'): BarType {
  const m = /^(\d+)([smhd])$/.exec(spec.trim());
  if (!m || Number(m[1]) < 1)
    invalid(`${flag}: expected a step and unit like 1m, 5m, 1h or 1d, got '${spec}'`);
  return BarType.of(instrumentId, Number(m[1]), BAR_UNITS[m[2]], 'last');
}

/** Opens an existing catalog, naming the flag when it is not there. */
export async function openExistingCatalog(dir: string, options?: CatalogOptions): Promise<Catalog> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) invalid(`--catalog: no catalog directory '${dir}'`);
  return Catalog.open(dir, options);
}

/** The bar series of an instrument in a catalog: the one `--bar` names, or the only one stored. */
export function chooseBarType(
  catalog: Catalog,
  instrumentId: string,
  bar: string | undefined,
  flag = '--bar',
): BarType {
  const stored = catalog.barTypes(instrumentId);
  if (bar !== undefined) {
    const wanted = barTypeFlag(instrumentId, bar, flag);
    if (!stored.includes(wanted)) {
      invalid(
        `${flag}: no ${wanted.key} bars in ${catalog.dir} (stored for ${instrumentId}: ${stored.map((t) => t.key).join(', ') || 'none'})`,
      );
    }
    return wanted;
  }
  if (stored.length === 0) invalid(`--instrument: no bars for '${instrumentId}' in ${catalog.dir}`);
  if (stored.length > 1) {
    invalid(
      `${flag}: ${instrumentId} has several bar types (${stored.map((t) => t.key).join(', ')}); choose one`,
    );
  }
  return stored[0];
}

export function overlapFlag(text: string | undefined): OverlapPolicy {
  if (text === undefined || text === 'error' || text === 'skip') return text ?? 'error';
  invalid(`--on-overlap: expected error or skip, got '${text}'`);
}
