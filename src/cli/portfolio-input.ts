/**
 * The inputs of `bourse portfolio optimize`: the price panel (first column the date or time, one
 * column per asset) and the Black–Litterman views file; bad input is a DataError naming file, line and
 * field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataError } from '../core/errors.js';

/** Asset names and the T×N price panel of a CSV file (DataError naming file, line and field). */
export function readPriceTable(file: string): { assets: string[]; prices: number[][] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataError(`cannot read the file (${(error as Error).message})`, { file }, 'DATA_NOT_FOUND');
  }
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim()) ?? [];
  if (header.length < 3) {
    throw new DataError('header must be a date column followed by at least two asset columns', {
      file,
      line: 1,
    });
  }
  const assets = header.slice(1);
  const prices: number[][] = [];
  for (let k = 1; k < lines.length; k++) {
    if (lines[k].trim() === '') continue;
    const cells = lines[k].split(',');
    if (cells.length !== header.length) {
      throw new DataError(`expected ${header.length} fields, got ${cells.length}`, { file, line: k + 1 });
    }
    prices.push(
      assets.map((field, i) => {
        const value = Number(cells[i + 1]);
        if (cells[i + 1].trim() === '' || !(value > 0)) {
          throw new DataError('price must be a number > 0', {
            file,
            line: k + 1,
            field,
            value: cells[i + 1],
          });
        }
        return value;
      }),
    );
  }
  if (prices.length < 3)
    throw new DataError(`need at least 3 rows of prices, got ${prices.length}`, { file });
  return { assets, prices };
}

const viewsSchema = z.object({
  marketWeights: z.record(z.string(), z.number()).optional(),
  riskAversion: z.number().positive().optional(),
  tau: z.number().positive().optional(),
  views: z.array(
    z.object({
      assets: z.record(z.string(), z.number()),
      return: z.number(),
      confidence: z.number().gt(0).lte(1).optional(),
    }),
  ),
});

export function readViews(file: string, assets: readonly string[]) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataError(`cannot read the views JSON (${(error as Error).message})`, { file });
  }
  const result = viewsSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DataError(issue.message, { file, field: issue.path.join('.') });
  }
  const spec = result.data;
  const indexOf = (name: string, field: string) => {
    const i = assets.indexOf(name);
    if (i < 0)
      throw new DataError(`unknown asset '${name}' (columns: ${assets.join(', ')})`, { file, field });
    return i;
  };
  const market = new Array<number>(assets.length).fill(spec.marketWeights ? 0 : 1 / assets.length);
  for (const [name, w] of Object.entries(spec.marketWeights ?? {}))
    market[indexOf(name, 'marketWeights')] = w;
  const pick = spec.views.map((view, k) => {
    const row = new Array<number>(assets.length).fill(0);
    for (const [name, p] of Object.entries(view.assets)) row[indexOf(name, `views.${k}.assets`)] = p;
    return row;
  });
  const confidences = spec.views.every((v) => v.confidence !== undefined)
    ? spec.views.map((v) => v.confidence ?? 1)
    : undefined;
  return {
    marketWeights: market,
    riskAversion: spec.riskAversion ?? 2.5,
    tau: spec.tau ?? 0.05,
    views: { pick, returns: spec.views.map((v) => v.return), confidences },
  };
}
