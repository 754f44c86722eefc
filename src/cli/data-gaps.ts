/** `bourse data gaps`: bars in the catalog against the instrument's trading calendar. */
import type { Catalog } from '../catalog/index.js';
import { formatGapSummary, summarizeGaps } from '../data/gap-summary.js';
import { findGaps } from '../data/gaps.js';
import { GLOBEX_EQUITY_ROOTS, sessionOf } from '../data/instrument-session.js';
import type { BarType } from '../model/data.js';
import { isoFromMicros, type UnixMicros } from '../model/time.js';
import { chooseBarType, invalid, openExistingCatalog, rangeFlags } from './data-flags.js';

export interface GapsFlags {
  catalog: string;
  instrument: string;
  bar?: string;
  from?: string;
  to?: string;
  json?: boolean;
  largest?: string;
}

export async function gapsCommand(flags: GapsFlags): Promise<void> {
  const range = rangeFlags(flags);
  const largest = flags.largest === undefined ? 10 : Number(flags.largest);
  if (!(Number.isInteger(largest) && largest >= 0))
    invalid(`--largest: expected a whole number, got '${flags.largest}'`);
  const catalog = await openExistingCatalog(flags.catalog);
  try {
    const instrument = catalog.instrument(flags.instrument);
    const session = instrument === undefined ? undefined : sessionOf(instrument);
    if (session === undefined) {
      invalid(
        `--instrument: ${flags.instrument} has no trading session ${instrument === undefined ? `(no instrument definition in ${flags.catalog})` : `(only the CME equity-index futures ${[...GLOBEX_EQUITY_ROOTS].join(', ')} have one: CME Globex)`}`,
      );
    }
    const barType = chooseBarType(catalog, flags.instrument, flags.bar);
    if (!(barType.durationMicros > 0) || barType.aggregation === 'day') {
      invalid(`--bar: gaps are found in second, minute or hour bars, not ${barType.key}`);
    }
    const times = await barTimes(catalog, barType, range);
    const report = findGaps(times, barType.durationMicros, session);
    const summary = summarizeGaps(report, largest);
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({
          catalog: flags.catalog,
          series: barType.key,
          session: session.name,
          first: times.length ? isoFromMicros(times[0]) : null,
          last: times.length ? isoFromMicros(times[times.length - 1]) : null,
          ...summary,
          gaps: report.gaps.map((g) => ({ ...iso(g), missingBars: g.missingBars })),
          closureList: report.closures.map((c) => ({
            ...iso(c),
            reason: c.reason,
            ...(c.note ? { note: c.note } : {}),
          })),
        })}\n`,
      );
      return;
    }
    const span = times.length
      ? ` ${isoFromMicros(times[0])} … ${isoFromMicros(times[times.length - 1])}`
      : ' (no bars in range)';
    process.stdout.write(`${formatGapSummary(`${barType.key} (${session.name}):${span}`, summary)}\n`);
  } finally {
    catalog.close();
  }
}

/** The close times of a bar series in [from, to), streamed from the catalog. */
async function barTimes(
  catalog: Catalog,
  barType: BarType,
  range: { from?: UnixMicros; to?: UnixMicros },
): Promise<UnixMicros[]> {
  const times: UnixMicros[] = [];
  for await (const batch of catalog.queryBars(barType, range)) for (const b of batch) times.push(b.tsEvent);
  return times;
}

function iso(x: { from: UnixMicros; to: UnixMicros }): { from: string; to: string } {
  return { from: isoFromMicros(x.from), to: isoFromMicros(x.to) };
}
