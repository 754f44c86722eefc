/** Time texts of the TWS API as the simulator writes and reads them (Chicago wall time, `US/Central`). */
import { microsFromIso, type UnixMicros } from '../../../model/time.js';
import { zonedParts } from '../../../model/timezone.js';

const two = (n: number): string => String(n).padStart(2, '0');

/** `20250815 09:30:00 US/Central`: the connection time of the server hello, and execution times. */
export function formatConnectionTime(now: UnixMicros): string {
  const p = zonedParts(now, 'America/Chicago');
  return `${p.date.replaceAll('-', '')} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} US/Central`;
}

/** `HH:mm` (Chicago) of updateAccountTime. */
export function formatAccountTime(now: UnixMicros): string {
  const p = zonedParts(now, 'America/Chicago');
  return `${two(p.hour)}:${two(p.minute)}`;
}

const ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  GMT: 'UTC',
  'US/CENTRAL': 'America/Chicago',
  'AMERICA/CHICAGO': 'America/Chicago',
  'US/EASTERN': 'America/New_York',
  'AMERICA/NEW_YORK': 'America/New_York',
  EST: 'America/New_York',
};

/**
 * An execution filter's time: `yyyyMMdd-HH:mm:ss` is UTC (IB's current form), `yyyyMMdd HH:mm:ss`
 * is the gateway's local time (Chicago) unless a zone follows (`UTC`, `US/Eastern`, `US/Central`).
 * Returns undefined for an empty text; throws RangeError for anything else.
 */
export function parseFilterTime(text: string): UnixMicros | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})([- ])(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/.exec(t);
  if (!m) throw new RangeError(`execution filter time '${text}' is not yyyyMMdd-HH:mm:ss`);
  const zone = m[8] !== undefined ? ZONES[m[8].toUpperCase()] : m[4] === '-' ? 'UTC' : 'America/Chicago';
  if (zone === undefined) throw new RangeError(`unknown time zone '${m[8]}' in '${text}'`);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[5]}:${m[6]}:${m[7] ?? '00'}Z`;
  const asUtc = microsFromIso(iso);
  if (zone === 'UTC') return asUtc;
  // Wall time in `zone`: shift by the zone's offset at that instant (two passes cover DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess, zone);
    const wall = microsFromIso(`${p.date}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}Z`);
    guess += asUtc - wall;
  }
  return guess;
}
