/**
 * The bundled data sets a dashboard user may backtest (the real data files of the package's
 * `data/` folder, see data/PROVENANCE.md), by name. A name resolves to a file of this fixed list
 * and the options the CLI would need for it, never to a path the client chose: each entry is what
 * `bourse backtest --data data/<file> [flags]` runs, so a dashboard backtest gives the CLI's result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContinuousChoice } from '../backtest/continuous-series.js';
import { BourseError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import type { CsvImportOptions } from '../data/csv/index.js';
import type { InstrumentOptions } from '../data/load-bars.js';
import type { DatasetView } from './api-types.js';

/** One bundled data set: its file in the data folder and the CLI flags the run takes with it. */
export interface DatasetEntry {
  readonly name: string;
  readonly description: string;
  /** File name inside the data folder (no directory part). */
  readonly file: string;
  /** `--series`: the contract of a multi-contract file. */
  readonly series?: string;
  /** `--continuous` (and `--roll`): a continuous contract joined from the file's contracts. */
  readonly continuous?: ContinuousChoice;
  readonly csv?: CsvImportOptions;
  readonly instrument?: InstrumentOptions;
  /** The equivalent command-line flags after `--data data/<file>`, for people reading a result. */
  readonly flags: readonly string[];
}

/** A data set resolved against a data folder: the absolute file and its run options. */
export interface ResolvedDataset extends DatasetEntry {
  readonly path: string;
}

const ES_FILE = 'es-minute-trade-bars-2013-2020.csv';

/** Every bundled data set, in the order the dashboard lists them. */
export const DATASETS: readonly DatasetEntry[] = [
  {
    name: '2006-day-001.txt',
    description:
      "Daily bars of 2006 (255 bars), backtrader's sample data; an equity-like instrument in a cash account. " +
      'The README reference run (sma-cross fast=1 slow=15, 10,000 cash) ends at 10,284.10.',
    file: '2006-day-001.txt',
    flags: [],
  },
  {
    name: 'orcl-1995-2014.txt',
    description:
      'Oracle (ORCL) daily bars 1995–2014 from Yahoo Finance (5,036 bars), unadjusted prices; ' +
      'an equity in a cash account.',
    file: 'orcl-1995-2014.txt',
    flags: [],
  },
  {
    name: ES_FILE,
    description:
      'E-mini S&P 500 futures, 1-minute trade bars (QuantConnect LEAN): the Dec 2013 contract ESZ3, ' +
      '16,673 bars from 2013-10-06 to 2013-12-20 (the CLI’s --series ESZ3, also its choice without one); ' +
      'CME contract spec ($50 a point, margin account) and the Globex session.',
    file: ES_FILE,
    series: 'ESZ3',
    flags: ['--series', 'ESZ3'],
  },
  {
    name: 'es-continuous-additive',
    description:
      'The same ES minute bars as a back-adjusted (additive) continuous contract rolled on volume ' +
      'across the Dec 2013 roll (the CLI’s --continuous additive).',
    file: ES_FILE,
    continuous: { adjustment: 'additive', roll: 'volume' },
    flags: ['--continuous', 'additive'],
  },
];

const BY_NAME = new Map(DATASETS.map((d) => [d.name, d]));

/** The data sets whose file is present in `dataDir`, as the API shows them. */
export function listDatasets(dataDir: string): DatasetView[] {
  return DATASETS.filter((d) => existsSync(join(dataDir, d.file))).map((d) => ({
    name: d.name,
    description: d.description,
  }));
}

/**
 * The data set called `name`: only names of {@link DATASETS} resolve (anything else, a path
 * included, is `DATASET_UNKNOWN` naming the allowed names); a known one whose file is not in
 * `dataDir` is `DATASET_MISSING`.
 */
export function resolveDataset(dataDir: string, name: string): ResolvedDataset {
  const entry = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (entry === undefined) {
    const shown = typeof name === 'string' ? `'${name.slice(0, 100)}'` : String(name);
    throw new BourseError(
      'DATASET_UNKNOWN',
      `unknown data set ${shown} (available: ${DATASETS.map((d) => d.name).join(', ')})`,
    );
  }
  const path = join(dataDir, entry.file);
  if (!existsSync(path)) {
    throw new BourseError(
      'DATASET_MISSING',
      `data set '${name}': its file ${entry.file} is not in ${dataDir}`,
    );
  }
  return { ...entry, path };
}

/** The package's `data/` folder (works from `src/` under tsx and from any `dist/` layout). */
export function defaultDataDir(): string {
  return join(packageRoot(), 'data');
}
