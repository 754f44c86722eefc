import type { Command } from 'commander';
import type { z } from 'zod';
import { strategyParamsFromStrings } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { readBarsCsv } from '../data/csv/index.js';
import { barSeriesFromCsv } from '../data/load-bars.js';
import type { IndicatorDefinition } from '../indicators/definition.js';
import { indicatorDefinition, indicatorDefinitions } from '../indicators/registry.js';
import type { Bar } from '../model/data.js';
import { isoFromMicros } from '../model/time.js';

interface IndicatorFlags {
  data?: string;
  param: string[];
  json?: boolean;
  list?: boolean;
  series?: string;
}

export function addIndicatorCommand(program: Command): void {
  program
    .command('indicator')
    .description('compute an indicator over a CSV file of bars: one row per bar, empty during warm-up')
    .argument('[name]', 'indicator name (see --list)')
    .option('--data <file>', 'CSV bars (any layout `bourse backtest` reads)')
    .option(
      '--param <key=value>',
      'indicator parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--json', 'print a JSON array of objects (null during warm-up) instead of CSV')
    .option('--series <id>', 'which contract of a multi-contract file')
    .option('--list', 'list every indicator with its parameters, defaults and outputs')
    .action((name: string | undefined, flags: IndicatorFlags) => {
      if (flags.list) {
        process.stdout.write(listIndicators(indicatorDefinitions()));
        return;
      }
      if (!name) throw new BourseError('CLI_INVALID', 'name an indicator (or use --list)');
      if (!flags.data) throw new BourseError('CLI_INVALID', '--data <file> is required');
      const definition = indicatorDefinition(name);
      const imported = readBarsCsv(flags.data);
      const all = barSeriesFromCsv(imported);
      const series =
        flags.series === undefined
          ? all.reduce((best, s) => (s.bars.length > best.bars.length ? s : best))
          : all.find((s) => s.instrument.id === flags.series || s.instrument.symbol === flags.series);
      if (!series) throw new BourseError('SERIES_UNKNOWN', `no series '${flags.series}' in ${flags.data}`);
      const rows = indicatorRows(definition, flags.param, series.bars);
      process.stdout.write(flags.json ? `${JSON.stringify(rows.objects)}\n` : rows.csv);
    });
}

/** Parameters, defaults and outputs of every indicator, for `--list`. */
export function listIndicators(definitions: readonly IndicatorDefinition[]): string {
  const lines: string[] = [];
  for (const d of definitions) {
    const params = Object.entries(d.parameters.shape).map(([key, schema]) => {
      const fallback = (schema as { def?: { defaultValue?: unknown } }).def?.defaultValue;
      return fallback === undefined ? key : `${key}=${String(fallback)}`;
    });
    lines.push(`${d.name.padEnd(11)} ${d.title} [${d.category}, ${d.input} input]`);
    lines.push(`${' '.repeat(12)}params: ${params.join(' ') || '—'}   outputs: ${d.outputs.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The date column: the bar's date for daily and longer bars, else its close time. */
function dateOf(bar: Bar): string {
  const daily =
    bar.barType.aggregation === 'day' ||
    bar.barType.aggregation === 'week' ||
    bar.barType.aggregation === 'month';
  return daily ? isoFromMicros(bar.tsEvent - 1).slice(0, 10) : isoFromMicros(bar.tsEvent);
}

/** Runs an indicator over bars, as CSV text and as JSON-ready objects. */
export function indicatorRows(
  definition: IndicatorDefinition,
  paramPairs: readonly string[],
  bars: readonly Bar[],
): { csv: string; objects: Array<Record<string, string | number | null>> } {
  const raw = strategyParamsFromStrings(definition.parameters, [...paramPairs]);
  const parsed = definition.parameters.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BourseError(
      'INDICATOR_PARAMS_INVALID',
      `--param ${issue.path.join('.') || '(all)'}: ${issue.message}`,
    );
  }
  const indicator = definition.create(parsed.data as z.infer<typeof definition.parameters>);
  const outputs = definition.outputs;
  const lines = [['date', ...outputs].join(',')];
  const objects: Array<Record<string, string | number | null>> = [];
  for (const bar of bars) {
    indicator.updateBar(bar);
    const date = dateOf(bar);
    const row: Record<string, string | number | null> = { date };
    const cells = [date];
    for (const name of outputs) {
      const value = indicator.output(name);
      const ok = Number.isFinite(value);
      row[name] = ok ? value : null;
      cells.push(ok ? String(value) : '');
    }
    objects.push(row);
    lines.push(cells.join(','));
  }
  return { csv: `${lines.join('\n')}\n`, objects };
}
