/** Shared checks for the trading-session tests: UTC instants from ISO text and a session's shape. */
import assert from 'node:assert/strict';
import type { Session } from '../../src/model/sessions.js';
import { microsFromIso } from '../../src/model/time.js';

export const utc = (iso: string): number => microsFromIso(iso);

/** Asserts `session` is the one of `date`, opening and closing at the given UTC instants, with `halts`. */
export function expectSession(
  session: Session | undefined,
  date: string,
  open: string,
  close: string,
  halts: [string, string][],
) {
  assert.ok(session, `a session on ${date}`);
  assert.equal(session.date, date);
  assert.equal(session.open, utc(open), `open of ${date}`);
  assert.equal(session.close, utc(close), `close of ${date}`);
  assert.deepEqual(
    session.halts,
    halts.map(([s, e]) => ({ start: utc(s), end: utc(e) })),
  );
}
