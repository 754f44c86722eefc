/** `bourse data import|list|export|gaps|resample`: the Parquet data catalog (src/catalog, docs/data.md "Catalog"). */
import type { Command } from 'commander';
import { type CatalogDataType, DATA_TYPES } from '../catalog/index.js';
import { RULE_NAMES } from '../data/validation/index.js';
import { isoFromMicros } from '../model/time.js';
import { chooseBarType, invalid, openExistingCatalog, rangeFlags } from './data-flags.js';
import { type GapsFlags, gapsCommand } from './data-gaps.js';
import { FORMATS, type ImportFlags, importCommand } from './data-import.js';
import { type ResampleFlags, resampleCommand } from './data-resample.js';

export { barTypeFlag, chooseBarType, openExistingCatalog, timeFlag } from './data-flags.js';

export function addDataCommand(program: Command): void {
  const data = program
    .command('data')
    .description('the Parquet data catalog: import, list, export, check gaps and resample');
  data
    .command('import <file>')
    .description('import a data file into a catalog (appends; never rewrites existing files)')
    .requiredOption('--format <format>', `file format: ${FORMATS.join(', ')} (journal: a recorder directory)`)
    .requiredOption('--catalog <dir>', 'catalog directory (created if missing)')
    .option(
      '--instrument <id>',
      'bars-csv: which series (ESZ3.CME, ESZ3 or 201312; default all); databento, tardis-l2: the instrument id of every row (e.g. ESZ3.CME; default <symbol>.CME, tardis <symbol>.<EXCHANGE>)',
    )
    .option(
      '--tick-size <n>',
      'databento, tardis-l2: price increment (default: the built-in futures spec or the catalog instrument)',
    )
    .option('--on-overlap <policy>', 'rows at or before the stored data: error (default) or skip')
    .option(
      '--validate <rule=policy,...>',
      `validation policies over the defaults (docs/data.md "Validation"); rules: ${RULE_NAMES.join(', ')}`,
    )
    .option(
      '--config <file.yaml>',
      'Bourse config file: data.validation policies, data.catalog.compression (docs/configuration.md)',
    )
    .option('--json', 'print one JSON object: series written and the validation report')
    .action((file: string, flags: ImportFlags) => importCommand(file, flags));
  data
    .command('list')
    .description('list the series of a catalog: rows, partitions, first and last time')
    .requiredOption('--catalog <dir>', 'catalog directory')
    .option('--json', 'print one JSON object with every partition')
    .action((flags: { catalog: string; json?: boolean }) => listCommand(flags));
  data
    .command('export')
    .description('export a series, or the part of it in [--from, --to), to CSV')
    .requiredOption('--catalog <dir>', 'catalog directory')
    .requiredOption('--instrument <id>', 'instrument id, e.g. ESZ3.CME')
    .requiredOption('--out <file.csv>', 'CSV file to write')
    .option('--type <type>', 'bars, trades, quotes, book (L3 events) or levels (L2 updates)', 'bars')
    .option('--bar <spec>', 'bars: which bar type, e.g. 1m, 1h, 1d (default: the only one stored)')
    .option('--from <time>', 'first time (inclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option('--to <time>', 'end time (exclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .action((flags: ExportFlags) => exportCommand(flags));
  data
    .command('gaps')
    .description("bars of the catalog against the instrument's trading calendar: gaps vs closures")
    .requiredOption('--catalog <dir>', 'catalog directory')
    .requiredOption('--instrument <id>', 'instrument id with a trading session, e.g. ESZ3.CME')
    .option('--bar <spec>', 'which bar type, e.g. 1m (default: the only one stored)')
    .option('--from <time>', 'first time (inclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option('--to <time>', 'end time (exclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option('--largest <n>', 'how many of the largest gaps to show', '10')
    .option('--json', 'print one JSON object (with every gap and closure)')
    .action((flags: GapsFlags) => gapsCommand(flags));
  data
    .command('resample')
    .description('resample stored bars into longer bars, appended to the catalog as a new bar type')
    .requiredOption('--catalog <dir>', 'catalog directory')
    .requiredOption('--instrument <id>', 'instrument id, e.g. ESZ3.CME')
    .requiredOption('--from-bar <spec>', 'input bar type, e.g. 1m')
    .requiredOption('--to-bar <spec>', 'output bar type, e.g. 5m, 1h, 1d')
    .option(
      '--session',
      "align to the instrument's trading session (default when it has one; 1d = trade date)",
    )
    .option('--no-session', 'align to UTC days even when the instrument has a session')
    .option('--from <time>', 'first input time (inclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option('--to <time>', 'end of the input (exclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option(
      '--on-overlap <policy>',
      'when the output bar type exists: error (default) or skip (add only newer bars)',
    )
    .option('--config <file.yaml>', 'Bourse config file: data.catalog.compression (docs/configuration.md)')
    .option('--json', 'print one JSON object')
    .action((flags: ResampleFlags) => resampleCommand(flags));
}

async function listCommand(flags: { catalog: string; json?: boolean }): Promise<void> {
  const catalog = await openExistingCatalog(flags.catalog);
  try {
    const partitions = await catalog.partitions();
    const series = new Map<
      string,
      {
        type: string;
        series: string;
        instrument: string;
        partitions: number;
        rows: number;
        first: number;
        last: number;
      }
    >();
    for (const p of partitions) {
      const key = `${p.type}/${p.series}`;
      const s = series.get(key);
      if (!s) {
        series.set(key, {
          type: p.type,
          series: p.series,
          instrument: p.instrumentId,
          partitions: 1,
          rows: p.rows,
          first: p.first,
          last: p.last,
        });
      } else {
        s.partitions++;
        s.rows += p.rows;
        s.first = Math.min(s.first, p.first);
        s.last = Math.max(s.last, p.last);
      }
    }
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({
          catalog: flags.catalog,
          instruments: catalog.instrumentIds(),
          series: [...series.values()],
          partitions: partitions.map((p) => ({
            type: p.type,
            series: p.series,
            instrument: p.instrumentId,
            date: p.date,
            part: p.part,
            file: p.path,
            rows: p.rows,
            first: p.first,
            last: p.last,
          })),
        })}\n`,
      );
      return;
    }
    if (series.size === 0) {
      process.stdout.write(`${flags.catalog}: empty catalog\n`);
      return;
    }
    const rows = [
      ['type', 'series', 'instrument', 'partitions', 'rows', 'first', 'last'],
      ...[...series.values()].map((s) => [
        s.type,
        s.series,
        s.instrument,
        String(s.partitions),
        String(s.rows),
        isoFromMicros(s.first),
        isoFromMicros(s.last),
      ]),
    ];
    const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
    for (const r of rows)
      process.stdout.write(
        `${r
          .map((c, j) => c.padEnd(widths[j]))
          .join('  ')
          .trimEnd()}\n`,
      );
  } finally {
    catalog.close();
  }
}

interface ExportFlags {
  catalog: string;
  instrument: string;
  out: string;
  type: string;
  bar?: string;
  from?: string;
  to?: string;
}

async function exportCommand(flags: ExportFlags): Promise<void> {
  if (!(DATA_TYPES as readonly string[]).includes(flags.type)) {
    invalid(`--type: expected ${DATA_TYPES.join(', ')}, got '${flags.type}'`);
  }
  const { from, to } = rangeFlags(flags);
  const catalog = await openExistingCatalog(flags.catalog);
  try {
    const type = flags.type as CatalogDataType;
    let series = flags.instrument;
    if (type === 'bars') series = chooseBarType(catalog, flags.instrument, flags.bar).key;
    else if (!catalog.series(type).includes(series)) {
      invalid(`--instrument: no ${type} for '${flags.instrument}' in ${flags.catalog}`);
    }
    const count = await catalog.exportCsv(type, series, { from, to }, flags.out);
    process.stderr.write(`${count} ${type} of ${series} written to ${flags.out}\n`);
  } finally {
    catalog.close();
  }
}
