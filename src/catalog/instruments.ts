/** Instrument definitions stored beside the data (`DIR/instruments/<id>.json`), so a backtest can rebuild them. */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../core/errors.js';
import { Grid } from '../model/grid.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import { tempName } from './layout.js';

function file(root: string, id: InstrumentId): string {
  return join(root, 'instruments', `${encodeURIComponent(id)}.json`);
}

/** Writes (or replaces) an instrument's definition, atomically (temp file, then rename). */
export function saveInstrument(root: string, instrument: Instrument): void {
  const path = file(root, instrument.id);
  mkdirSync(join(root, 'instruments'), { recursive: true });
  const json = {
    ...instrument,
    priceGrid: instrument.priceGrid.increment,
    sizeGrid: instrument.sizeGrid.increment,
  };
  const temp = join(root, 'instruments', tempName(`${encodeURIComponent(instrument.id)}.json`));
  writeFileSync(temp, `${JSON.stringify(json, null, 2)}\n`);
  renameSync(temp, path);
}

export function loadInstrument(root: string, id: InstrumentId): Instrument | undefined {
  const path = file(root, id);
  if (!existsSync(path)) return undefined;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return {
      ...json,
      priceGrid: new Grid(json.priceGrid as number),
      sizeGrid: new Grid(json.sizeGrid as number),
    } as unknown as Instrument;
  } catch (error) {
    throw new DataError(`bad instrument definition: ${error instanceof Error ? error.message : error}`, {
      file: path,
    });
  }
}

export function instrumentIds(root: string): InstrumentId[] {
  const dir = join(root, 'instruments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => decodeURIComponent(n.slice(0, -5)))
    .sort();
}
