/** `bourse data resample`: bars of the catalog into longer bars, written back as a new bar type. */
import type { Catalog } from '../catalog/index.js';
import { loadBourseConfig } from '../core/config-schema.js';
import { type AggregatedBar, BarResampler } from '../data/aggregation/index.js';
import { sessionOf } from '../data/instrument-session.js';
import type { Bar, BarType } from '../model/data.js';
import type { TradingSession } from '../model/sessions.js';
import { isoFromMicros, type UnixMicros } from '../model/time.js';
import {
  barTypeFlag,
  chooseBarType,
  invalid,
  openExistingCatalog,
  overlapFlag,
  rangeFlags,
} from './data-flags.js';
import { type Tally, tally } from './data-import.js';

export interface ResampleFlags {
  catalog: string;
  instrument: string;
  fromBar: string;
  toBar: string;
  /** true: `--session` (required), false: `--no-session` (UTC days), undefined: the instrument's if any. */
  session?: boolean;
  from?: string;
  to?: string;
  onOverlap?: string;
  json?: boolean;
  config?: string;
}

export async function resampleCommand(flags: ResampleFlags): Promise<void> {
  const range = rangeFlags(flags);
  const onOverlap = overlapFlag(flags.onOverlap);
  const { compression } = loadBourseConfig({ file: flags.config }).data.catalog;
  const catalog = await openExistingCatalog(flags.catalog, { compression });
  try {
    const input = chooseBarType(catalog, flags.instrument, flags.fromBar, '--from-bar');
    const output = barTypeFlag(flags.instrument, flags.toBar, '--to-bar');
    if (
      !(output.durationMicros > input.durationMicros) ||
      output.durationMicros % input.durationMicros !== 0
    ) {
      invalid(`--to-bar: ${flags.toBar} is not a whole multiple (> 1) of --from-bar ${flags.fromBar}`);
    }
    if (catalog.barTypes(flags.instrument).includes(output) && onOverlap !== 'skip') {
      invalid(
        `--to-bar: ${output.key} is already in ${flags.catalog}; pass --on-overlap skip to add only bars after the stored ones`,
      );
    }
    const session = chooseSession(catalog, flags);
    const result = await resampleInto(catalog, input, output, session, range, onOverlap);
    const alignment = session ? session.name : 'UTC days';
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ catalog: flags.catalog, input: input.key, alignment, ...result })}\n`,
      );
      return;
    }
    process.stdout.write(
      `${output.key}: ${result.written} bars written${result.skipped ? `, ${result.skipped} skipped (already stored)` : ''} from ${result.read} ${input.key} bars (${alignment}${result.first ? `, ${result.first} … ${result.last}` : ''})` +
        `${result.partial ? `; the incomplete last bar was not written` : ''}${result.dropped ? `; ${result.dropped} input bars between sessions dropped` : ''}\n`,
    );
  } finally {
    catalog.close();
  }
}

function chooseSession(catalog: Catalog, flags: ResampleFlags): TradingSession | undefined {
  if (flags.session === false) return undefined;
  const instrument = catalog.instrument(flags.instrument);
  const session = instrument === undefined ? undefined : sessionOf(instrument);
  if (flags.session === true && session === undefined) {
    invalid(`--session: ${flags.instrument} has no trading session (only CME equity-index futures have one)`);
  }
  return session;
}

export interface ResampleResult {
  series: string;
  read: number;
  written: number;
  skipped: number;
  files: number;
  /** 1 when the last output bar was still open at the end of the input (not written). */
  partial: number;
  /** Input bars outside every session (session alignment only). */
  dropped: number;
  first?: string;
  last?: string;
}

/**
 * Streams `input` bars in [from, to) through a BarResampler (session-aligned when a session is
 * given, else UTC) and appends the completed `output` bars in batches. The bar still open at the
 * end of the input is left out: it may not be complete, and a catalog series is never rewritten.
 */
export async function resampleInto(
  catalog: Catalog,
  input: BarType,
  output: BarType,
  session: TradingSession | undefined,
  range: { from?: UnixMicros; to?: UnixMicros },
  onOverlap: 'error' | 'skip',
): Promise<ResampleResult> {
  let pending: Bar[] = [];
  const results = new Map<string, Tally>();
  let firstAppend = true;
  let first: UnixMicros | undefined;
  let last: UnixMicros | undefined;
  const resampler = new BarResampler(
    output,
    (b: AggregatedBar) => pending.push(b),
    session ? { session } : {},
  );
  const append = async (bars: Bar[]) => {
    if (bars.length === 0) return;
    first ??= bars[0].tsEvent;
    last = bars[bars.length - 1].tsEvent;
    tally(results, await catalog.appendBars(bars, { onOverlap: firstAppend ? onOverlap : 'error' }));
    firstAppend = false;
  };
  let read = 0;
  for await (const batch of catalog.queryBars(input, range)) {
    for (const b of batch) resampler.handleBar(b);
    read += batch.length;
    if (pending.length >= 50_000) {
      const full = pending;
      pending = [];
      await append(full);
    }
  }
  const partial = resampler.flush() === undefined ? 0 : 1;
  if (partial) pending.pop();
  await append(pending);
  const t = results.get(`bars/${output.key}`);
  return {
    series: output.key,
    read,
    written: t?.written ?? 0,
    skipped: t?.skipped ?? 0,
    files: t?.files ?? 0,
    partial,
    dropped: resampler.dropped,
    ...(first !== undefined && last !== undefined
      ? { first: isoFromMicros(first), last: isoFromMicros(last) }
      : {}),
  };
}
