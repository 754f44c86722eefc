/** TWS API time texts on the client side (execution times, execution filters, GTD dates). */
import type { UnixMicros } from '../../../model/time.js';
// The simulator's reader handles every form TWS writes (`yyyyMMdd-HH:mm:ss` UTC, `yyyyMMdd HH:mm:ss zone`).
import { parseFilterTime } from '../sim/time-format.js';

const two = (n: number): string => String(n).padStart(2, '0');

/** `yyyyMMdd-HH:mm:ss` in UTC (IB's unambiguous form for filters and goodTillDate). */
export function formatUtcTime(us: UnixMicros): string {
  const d = new Date(Math.floor(us / 1000));
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** An execution time (`20131101 08:31:00 US/Central`, `20131101-13:31:00`, …), or undefined if unreadable. */
export function parseIbTime(text: string | undefined): UnixMicros | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFilterTime(text);
  } catch {
    return undefined;
  }
}
