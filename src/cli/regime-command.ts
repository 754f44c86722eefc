/**
 * `bourse regime`: Gaussian HMM regimes, CUSUM alarms and Bayesian online change points on the
 * daily log returns of a bar file; `bourse regime drift`: KS, chi-square, PSI and Wasserstein
 * between two return samples (two files, or one file split at a date).
 */
import type { Command } from 'commander';
import {
  chiSquareDriftTest,
  populationStabilityIndex,
  wassersteinDistance,
} from '../analytics/drift/index.js';
import { kolmogorovSmirnovTwoSample } from '../analytics/drift/kolmogorov-smirnov.js';
import {
  cusumAlarms,
  detectChangepoints,
  expectedDurations,
  fitGaussianHmm,
  labelPeriods,
  viterbi,
} from '../analytics/regime/index.js';
import { logReturns } from '../analytics/risk/returns.js';
import { mean, sampleStdDev } from '../analytics/statistics/sample.js';
import { requireInteger } from '../analytics/statistics/validate.js';
import { BourseError } from '../core/errors.js';
import { numberFlag } from './number-flags.js';
import { readPriceSeries } from './price-series.js';

const TRADING_DAYS = 252;
const METHODS = ['hmm', 'cusum', 'bocpd', 'all'] as const;

interface RegimeFlags {
  data?: string;
  column: string;
  states: string;
  method: string;
  cusumK: string;
  cusumH: string;
  runLength: string;
  minDays: string;
  seed: string;
  json?: boolean;
}

interface DriftFlags {
  reference?: string;
  current?: string;
  data?: string;
  split?: string;
  column: string;
  bins: string;
  json?: boolean;
}

/** Daily log returns r_t = ln(P_t / P_{t−1}) of one price column, dated by the later bar. */
interface ReturnSeries {
  readonly dates: string[];
  readonly returns: number[];
}

function integerFlag(name: string, text: string, min: number): number {
  return requireInteger(name, Number(text), min);
}

/** Daily log returns of a bar file's price column, each dated by the later bar. */
export function readLogReturns(file: string, column: string): ReturnSeries {
  const prices = readPriceSeries(file, column, 11);
  return { dates: prices.dates.slice(1), returns: logReturns(prices.closes) };
}

function hmmReport(series: ReturnSeries, states: number, seed: number, minDays: number) {
  const fit = fitGaussianHmm(series.returns, { states, seed });
  const path = viterbi(fit.model, series.returns).path;
  const durations = expectedDurations(fit.model);
  const periods = labelPeriods(path).map((p) => ({
    state: p.label,
    start: series.dates[p.start] as string,
    end: series.dates[p.end] as string,
    days: p.end - p.start + 1,
  }));
  return {
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    states: fit.model.means.map((m, k) => ({
      state: k,
      dailyMean: m,
      annualisedMean: m * TRADING_DAYS,
      annualisedVol: Math.sqrt((fit.model.variances[k] as number) * TRADING_DAYS),
      expectedDurationDays: durations[k] as number,
      shareOfDays: path.filter((s) => s === k).length / path.length,
    })),
    transition: fit.model.transition,
    periods,
    listedPeriods: periods.filter((p) => p.days >= minDays),
  };
}

function regimeText(report: Record<string, unknown>, file: string, count: number): string {
  const lines: string[] = [`${file}: ${count} daily log returns`];
  const hmm = report.hmm as ReturnType<typeof hmmReport> | undefined;
  if (hmm) {
    lines.push(
      '',
      `Gaussian HMM (${hmm.states.length} states, log-likelihood ${hmm.logLikelihood.toFixed(2)}, ${hmm.iterations} EM iterations${hmm.converged ? '' : ', not converged'})`,
      'state  ann.mean   ann.vol  exp.duration(days)  share',
    );
    for (const s of hmm.states) {
      lines.push(
        `${String(s.state).padStart(5)}  ${(100 * s.annualisedMean).toFixed(1).padStart(7)}%  ${(100 * s.annualisedVol).toFixed(1).padStart(6)}%  ${s.expectedDurationDays.toFixed(1).padStart(18)}  ${(100 * s.shareOfDays).toFixed(1).padStart(4)}%`,
      );
    }
    lines.push('transition matrix (row: from, column: to)');
    for (const row of hmm.transition) lines.push(`  ${row.map((p) => p.toFixed(4)).join('  ')}`);
    const hidden = hmm.periods.length - hmm.listedPeriods.length;
    lines.push(`regime periods (Viterbi)${hidden > 0 ? `, ${hidden} shorter periods not listed` : ''}`);
    for (const p of hmm.listedPeriods)
      lines.push(`  ${p.start} → ${p.end}  state ${p.state}  ${p.days} days`);
  }
  const cusum = report.cusum as
    | { alarms: { alarm: string; change: string; direction: string }[]; k: number; h: number }
    | undefined;
  if (cusum) {
    lines.push(
      '',
      `CUSUM (k ${cusum.k}, h ${cusum.h}, returns standardised by the full-sample mean and sd): ${cusum.alarms.length} alarms`,
    );
    for (const a of cusum.alarms)
      lines.push(`  ${a.alarm}  ${a.direction.padEnd(4)}  change from ${a.change}`);
  }
  const bocpd = report.bocpd as { changePoints: string[]; expectedRunLength: number } | undefined;
  if (bocpd) {
    lines.push(
      '',
      `Bayesian online change points (hazard 1/${bocpd.expectedRunLength}): ${bocpd.changePoints.length}`,
    );
    for (let i = 0; i < bocpd.changePoints.length; i += 6)
      lines.push(`  ${bocpd.changePoints.slice(i, i + 6).join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function runRegime(flags: RegimeFlags): void {
  if (!flags.data) throw new BourseError('CLI_INVALID', '--data <file> is required');
  const method = flags.method as (typeof METHODS)[number];
  if (!METHODS.includes(method))
    throw new RangeError(`--method must be one of ${METHODS.join(', ')}, got ${flags.method}`);
  const states = integerFlag('--states', flags.states, 1);
  const k = numberFlag('--cusum-k', flags.cusumK);
  const h = numberFlag('--cusum-h', flags.cusumH);
  const expectedRunLength = numberFlag('--run-length', flags.runLength);
  const minDays = integerFlag('--min-days', flags.minDays, 1);
  const seed = integerFlag('--seed', flags.seed, 0);
  const series = readLogReturns(flags.data, flags.column);
  const { dates, returns } = series;
  const report: Record<string, unknown> = {};
  if (method === 'hmm' || method === 'all') report.hmm = hmmReport(series, states, seed, minDays);
  const sd = sampleStdDev(returns);
  if (method === 'cusum' || method === 'all') {
    const alarms = cusumAlarms(returns, {
      targetMean: mean(returns),
      standardDeviation: sd,
      drift: k,
      threshold: h,
    });
    report.cusum = {
      k,
      h,
      alarms: alarms.map((a) => ({
        alarm: dates[a.index],
        change: dates[a.changePoint],
        direction: a.direction,
      })),
    };
  }
  if (method === 'bocpd' || method === 'all') {
    const result = detectChangepoints(returns, { expectedRunLength, priorRate: sd * sd });
    report.bocpd = { expectedRunLength, changePoints: result.changePoints.map((i) => dates[i]) };
  }
  if (flags.json) {
    const hmm = report.hmm as ReturnType<typeof hmmReport> | undefined;
    const { listedPeriods: _listed, ...hmmJson } = hmm ?? { listedPeriods: [] };
    process.stdout.write(
      `${JSON.stringify({ file: flags.data, returns: returns.length, ...report, ...(hmm ? { hmm: hmmJson } : {}) }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(regimeText(report, flags.data, returns.length));
}

function driftSamples(flags: DriftFlags): { reference: ReturnSeries; current: ReturnSeries; label: string } {
  if (flags.split !== undefined) {
    if (!flags.data) throw new BourseError('CLI_INVALID', '--split needs --data <file>');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.split))
      throw new RangeError(`--split must be a date YYYY-MM-DD, got ${flags.split}`);
    const all = readLogReturns(flags.data, flags.column);
    const cut = all.dates.findIndex((d) => d >= (flags.split as string));
    if (cut < 2 || all.dates.length - cut < 1) {
      throw new RangeError(
        `--split ${flags.split} must leave at least 2 returns before it and 1 from it in ${flags.data}`,
      );
    }
    const part = (from: number, to: number) => ({
      dates: all.dates.slice(from, to),
      returns: all.returns.slice(from, to),
    });
    return {
      reference: part(0, cut),
      current: part(cut, all.dates.length),
      label: `${flags.data} split at ${flags.split}`,
    };
  }
  if (!flags.reference || !flags.current) {
    throw new BourseError(
      'CLI_INVALID',
      'give --reference <file> and --current <file>, or --data <file> --split <date>',
    );
  }
  return {
    reference: readLogReturns(flags.reference, flags.column),
    current: readLogReturns(flags.current, flags.column),
    label: `${flags.reference} → ${flags.current}`,
  };
}

function runDrift(flags: DriftFlags): void {
  const bins = integerFlag('--bins', flags.bins, 2);
  const { reference, current, label } = driftSamples(flags);
  const ks = kolmogorovSmirnovTwoSample(reference.returns, current.returns);
  const chi = chiSquareDriftTest(reference.returns, current.returns, { bins });
  const psi = populationStabilityIndex(reference.returns, current.returns, { bins });
  const wasserstein = wassersteinDistance(reference.returns, current.returns);
  const span = (s: ReturnSeries) => ({
    from: s.dates[0],
    to: s.dates[s.dates.length - 1],
    returns: s.returns.length,
  });
  const result = {
    reference: span(reference),
    current: span(current),
    kolmogorovSmirnov: ks,
    chiSquare: { statistic: chi.statistic, degreesOfFreedom: chi.degreesOfFreedom, pValue: chi.pValue },
    psi: { value: psi.psi, band: psi.band, bins },
    wasserstein,
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const r = result.reference;
  const c = result.current;
  process.stdout.write(
    [
      `drift of daily log returns: ${label}`,
      `reference ${r.from} → ${r.to} (${r.returns} returns); current ${c.from} → ${c.to} (${c.returns} returns)`,
      `Kolmogorov-Smirnov  D = ${ks.statistic.toFixed(4)}  p = ${ks.pValue.toPrecision(3)}`,
      `chi-square          X² = ${chi.statistic.toFixed(2)}  dof ${chi.degreesOfFreedom}  p = ${chi.pValue.toPrecision(3)}  (${bins} reference-quantile bins)`,
      `PSI                 ${psi.psi.toFixed(4)}  (${psi.band}: < 0.1 stable, 0.1–0.25 moderate, > 0.25 shift)`,
      `Wasserstein-1       ${wasserstein.toPrecision(4)}  (log-return units; ${(wasserstein * 1e4).toFixed(1)} bp)`,
      '',
    ].join('\n'),
  );
}

/** Registers `bourse regime` and `bourse regime drift`. */
export function addRegimeCommand(program: Command): void {
  const regime = program
    .command('regime')
    .description(
      'market regimes of daily log returns: Gaussian HMM, CUSUM alarms, Bayesian online change points',
    )
    .option('--data <file>', 'bar CSV (e.g. data/sp500-2000.csv, Yahoo layout)')
    .option('--column <name>', 'price column: open, high, low, close or adjclose', 'adjclose')
    .option('--states <n>', 'HMM states', '2')
    .option('--method <m>', 'hmm, cusum, bocpd or all', 'all')
    .option('--cusum-k <sigmas>', 'CUSUM allowance k in standard deviations', '0.5')
    .option('--cusum-h <sigmas>', 'CUSUM decision interval h in standard deviations', '5')
    .option('--run-length <days>', 'BOCPD expected run length (hazard = 1/days)', '250')
    .option('--min-days <n>', 'list HMM periods of at least this many days (JSON lists all)', '20')
    .option('--seed <n>', 'seed of the HMM random starts', '1')
    .option('--json', 'print JSON')
    .action((flags: RegimeFlags) => runRegime(flags));
  regime
    .command('drift')
    .description('distribution drift of daily log returns: KS, chi-square, PSI, Wasserstein')
    .option('--reference <file>', 'reference bar CSV')
    .option('--current <file>', 'current bar CSV')
    .option(
      '--split <date>',
      'with --data <file>: returns dated before YYYY-MM-DD are the reference, the rest current',
    )
    .option('--bins <n>', 'reference-quantile bins for chi-square and PSI', '10')
    .addHelpText('after', '\n--data, --column and --json are shared with `bourse regime`.')
    .action((_flags: DriftFlags, command: Command) => runDrift(command.optsWithGlobals<DriftFlags>()));
}
