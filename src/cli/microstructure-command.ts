import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { BourseError } from '../core/errors.js';
import { MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../model/time.js';
import { microstructureReport } from './microstructure-report.js';
import { lobsterSeries, type MarketSeries, mboSeries } from './microstructure-series.js';
import { microstructureText } from './microstructure-text.js';

interface MicrostructureFlags {
  format?: string;
  orderbook?: string;
  interval: string;
  horizon: string;
  vpinBuckets: string;
  vpinWindow: string;
  tickSize?: string;
  json?: boolean;
}

const FORMATS = ['lobster', 'databento-mbo'] as const;
const UNITS: Record<string, number> = { ms: MICROS_PER_MILLI, s: MICROS_PER_SECOND, m: MICROS_PER_MINUTE };

export function addMicrostructureCommand(program: Command): void {
  program
    .command('microstructure')
    .description(
      'market microstructure measures of an order-book file: imbalance, OFI, microprice, spreads, Kyle λ, Amihud, Roll, VPIN',
    )
    .argument('<file>', 'LOBSTER message file or Databento MBO CSV (.gz)')
    .option('--format <format>', `file layout: ${FORMATS.join(', ')} (default: lobster for *_message_*.csv)`)
    .option('--orderbook <file>', 'LOBSTER orderbook file (default: beside the message file)')
    .option('--interval <duration>', 'interval of OFI, Kyle λ, Amihud and VPIN bars, e.g. 1s, 10s, 1m', '10s')
    .option('--horizon <duration>', 'horizon Δ of the realised spread and price impact', '1m')
    .option('--vpin-buckets <n>', 'number of equal-volume VPIN buckets over the file', '50')
    .option('--vpin-window <n>', 'buckets per VPIN value', '10')
    .option('--tick-size <price>', 'price grid (default 0.01 lobster, 0.25 databento-mbo)')
    .option('--json', 'print one JSON object instead of the table')
    .action((file: string, flags: MicrostructureFlags) => runMicrostructure(file, flags));
}

async function runMicrostructure(file: string, flags: MicrostructureFlags): Promise<void> {
  const format = flags.format ?? (/_message_\d+\.csv$/.test(file) ? 'lobster' : 'databento-mbo');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new BourseError(
      'CLI_INVALID',
      `--format: unknown format '${format}' (known: ${FORMATS.join(', ')})`,
    );
  }
  const intervalMicros = parseDuration('--interval', flags.interval);
  const horizonMicros = parseDuration('--horizon', flags.horizon);
  const vpinBuckets = parseCount('--vpin-buckets', flags.vpinBuckets);
  const vpinWindow = parseCount('--vpin-window', flags.vpinWindow);
  const tickSize = flags.tickSize === undefined ? undefined : Number(flags.tickSize);
  if (tickSize !== undefined && !(tickSize > 0 && Number.isFinite(tickSize))) {
    throw new BourseError('CLI_INVALID', `--tick-size: expected a positive price, got '${flags.tickSize}'`);
  }
  requireFile(file);
  let series: MarketSeries;
  if (format === 'lobster') {
    const orderbook = flags.orderbook ?? file.replace(/_message_(\d+)\.csv$/, '_orderbook_$1.csv');
    if (orderbook === file) {
      throw new BourseError('CLI_INVALID', `${file}: not a LOBSTER *_message_N.csv name, pass --orderbook`);
    }
    requireFile(orderbook);
    series = await lobsterSeries(file, orderbook, tickSize);
  } else series = await mboSeries(file, tickSize);
  const report = microstructureReport(series, { intervalMicros, horizonMicros, vpinBuckets, vpinWindow });
  process.stdout.write(
    flags.json
      ? `${JSON.stringify({ file, format, ...report })}\n`
      : microstructureText(file, format, report),
  );
}

/** A duration such as 500ms, 10s or 1m, in microseconds. */
function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  const micros = match === null ? Number.NaN : Number(match[1]) * UNITS[match[2]];
  if (!(micros > 0)) {
    throw new BourseError(
      'CLI_INVALID',
      `${flag}: expected a positive duration like 1s, 10s or 1m, got '${text}'`,
    );
  }
  return micros;
}

function parseCount(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new BourseError('CLI_INVALID', `${flag}: expected a positive integer, got '${text}'`);
  }
  return n;
}

function requireFile(file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new BourseError('FILE_NOT_FOUND', `${file}: no such file`);
  }
}
