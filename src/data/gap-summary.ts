/** A `GapReport` (findGaps) summarised for people: coverage, the largest gaps, closures by reason. */
import { isoFromMicros, type UnixMicros } from '../model/time.js';
import type { ClosureReason, GapReport } from './gaps.js';

export interface GapSummary {
  readonly sessions: number;
  readonly expectedBars: number;
  readonly presentBars: number;
  readonly outsideSessions: number;
  /** presentBars / expectedBars in percent (100 when nothing was expected). */
  readonly coverage: number;
  readonly gapCount: number;
  readonly missingBars: number;
  /** The largest gaps, most missing bars first (ties: earliest first). */
  readonly largestGaps: readonly TimedGap[];
  /** Closures per reason; holidays also list their names (in order, each once). */
  readonly closures: Readonly<Record<ClosureReason, { count: number; names?: string[] }>>;
}

export interface TimedGap {
  readonly from: string;
  readonly to: string;
  readonly missingBars: number;
}

export function summarizeGaps(report: GapReport, largest = 10): GapSummary {
  const missingBars = report.gaps.reduce((n, g) => n + g.missingBars, 0);
  const largestGaps = [...report.gaps]
    .sort((a, b) => b.missingBars - a.missingBars || a.from - b.from)
    .slice(0, largest)
    .map((g) => ({ from: iso(g.from), to: iso(g.to), missingBars: g.missingBars }));
  const closures: Record<ClosureReason, { count: number; names?: string[] }> = {
    halt: { count: 0 },
    'daily-break': { count: 0 },
    weekend: { count: 0 },
    holiday: { count: 0, names: [] },
  };
  for (const c of report.closures) {
    closures[c.reason].count++;
    if (c.reason === 'holiday' && c.note !== undefined && !closures.holiday.names?.includes(c.note))
      closures.holiday.names?.push(c.note);
  }
  const coverage = report.expectedBars === 0 ? 100 : (100 * report.presentBars) / report.expectedBars;
  return {
    sessions: report.sessions,
    expectedBars: report.expectedBars,
    presentBars: report.presentBars,
    outsideSessions: report.outsideSessions,
    coverage: Math.round(coverage * 100) / 100,
    gapCount: report.gaps.length,
    missingBars,
    largestGaps,
    closures,
  };
}

/** The summary as terminal text. */
export function formatGapSummary(title: string, s: GapSummary): string {
  const lines = [
    title,
    `  sessions ${s.sessions}, expected bars ${s.expectedBars}, present ${s.presentBars} (${s.coverage.toFixed(2)}% coverage)${s.outsideSessions ? `, ${s.outsideSessions} bars outside sessions` : ''}`,
    `  gaps: ${s.gapCount} (${s.missingBars} missing bars)${s.largestGaps.length ? `; largest ${s.largestGaps.length}:` : ''}`,
    ...s.largestGaps.map((g) => `    ${g.from} → ${g.to}  ${g.missingBars} bars`),
    '  closures (expected, not gaps):',
    `    halts         ${s.closures.halt.count}`,
    `    daily breaks  ${s.closures['daily-break'].count}`,
    `    weekends      ${s.closures.weekend.count}`,
    `    holidays      ${s.closures.holiday.count}${s.closures.holiday.names?.length ? ` (${s.closures.holiday.names.join('; ')})` : ''}`,
  ];
  return lines.join('\n');
}

function iso(t: UnixMicros): string {
  return isoFromMicros(t);
}
