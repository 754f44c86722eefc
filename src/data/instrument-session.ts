/** Which trading session an instrument trades in, for calendar-aware data tools (gaps, resampling). */
import type { Instrument } from '../model/instruments.js';
import { CME_GLOBEX_EQUITY, type TradingSession } from '../model/sessions.js';

/** Roots that trade the CME Globex equity-index session (contracts and their continuous series). */
export const GLOBEX_EQUITY_ROOTS: ReadonlySet<string> = new Set(['ES', 'MES', 'NQ', 'MNQ', 'RTY', 'YM']);

/**
 * The session of listed CME equity-index futures (`CME_GLOBEX_EQUITY`), as the backtester uses;
 * undefined for anything else (no calendar known).
 */
export function sessionOf(instrument: Instrument): TradingSession | undefined {
  const listed = instrument.kind === 'future' && (instrument.venue === 'CME' || instrument.venue === 'CBOT');
  return listed && GLOBEX_EQUITY_ROOTS.has(instrument.root) ? CME_GLOBEX_EQUITY : undefined;
}
