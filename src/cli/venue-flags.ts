/**
 * The `bourse backtest` flags of the simulated venue's realism options, parsed into config overrides
 * (`backtest.intrabarPath`, `quoteDepth`, `latency`, `priceBand`, `rejectWhenClosed`). Every bad value is a
 * `CLI_INVALID` error naming the flag and what it accepts, raised before anything is loaded or run.
 */
import { INTRABAR_PATH_NAMES, QUOTE_DEPTH_NAMES } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';

/** The venue flags as commander hands them over (strings; `true` for the switch). */
export interface VenueFlags {
  intrabar?: string;
  quoteDepth?: string;
  latencyMs?: string;
  priceBand?: string;
  rejectWhenClosed?: boolean;
}

/** Latency in milliseconds, as in `backtest.latency`. */
export interface LatencyMs {
  submitMs: number;
  ackMs: number;
  fillMs: number;
}

/** A price band, as in `backtest.priceBand` (at least one of the two). */
export interface PriceBandSetting {
  percent?: number;
  ticks?: number;
}

function invalid(flag: string, expected: string, got: string): BourseError {
  return new BourseError('CLI_INVALID', `${flag}: expected ${expected}, got '${got}'`);
}

/** `a, b or c` */
function choiceList(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function choice<T extends string>(flag: string, names: readonly T[], value: string): T {
  const match = names.find((name) => name === value);
  if (match === undefined) throw invalid(flag, choiceList(names), value);
  return match;
}

const LATENCY_SYNTAX = 'SUBMIT[,ACK[,FILL]] in milliseconds >= 0, e.g. 5 or 5,2,2';

/**
 * `--latency-ms SUBMIT[,ACK[,FILL]]`: command, acknowledgement and fill-report delays in milliseconds;
 * the ones left out are 0. `5` → submit 5, ack 0, fill 0.
 */
export function parseLatencyMs(text: string): LatencyMs {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > 3) throw invalid('--latency-ms', LATENCY_SYNTAX, text);
  const values = parts.map((part) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value) || value < 0)
      throw invalid('--latency-ms', LATENCY_SYNTAX, text);
    return value;
  });
  return { submitMs: values[0], ackMs: values[1] ?? 0, fillMs: values[2] ?? 0 };
}

const BAND_SYNTAX = 'a percent of the last price (5%), a number of ticks (40ticks) or both (5%,40ticks)';

/**
 * `--price-band 5%`, `--price-band 40ticks` or `--price-band 5%,40ticks` (both: the wider band applies).
 * Percent > 0; ticks a whole number > 0.
 */
export function parsePriceBand(text: string): PriceBandSetting {
  const band: PriceBandSetting = {};
  for (const raw of text.split(',')) {
    const part = raw.trim().toLowerCase();
    const percent = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(part);
    const ticks = /^(\d+)\s*ticks?$/.exec(part);
    if (percent && band.percent === undefined && Number(percent[1]) > 0) band.percent = Number(percent[1]);
    else if (ticks && band.ticks === undefined && Number(ticks[1]) > 0) band.ticks = Number(ticks[1]);
    else throw invalid('--price-band', BAND_SYNTAX, text);
  }
  return band;
}

/** Config overrides (dotted keys) for the venue flags that were given; throws for bad values. */
export function venueOverrides(flags: VenueFlags): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  if (flags.intrabar !== undefined)
    overrides['backtest.intrabarPath'] = choice('--intrabar', INTRABAR_PATH_NAMES, flags.intrabar);
  if (flags.quoteDepth !== undefined)
    overrides['backtest.quoteDepth'] = choice('--quote-depth', QUOTE_DEPTH_NAMES, flags.quoteDepth);
  if (flags.latencyMs !== undefined) overrides['backtest.latency'] = parseLatencyMs(flags.latencyMs);
  if (flags.priceBand !== undefined) overrides['backtest.priceBand'] = parsePriceBand(flags.priceBand);
  if (flags.rejectWhenClosed) overrides['backtest.rejectWhenClosed'] = true;
  return overrides;
}
