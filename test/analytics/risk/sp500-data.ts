/** The bundled S&P 500 daily closes (data/sp500-2000.csv, Yahoo layout; see data/PROVENANCE.md). */
import { readFileSync } from 'node:fs';

const text = readFileSync(new URL('../../../data/sp500-2000.csv', import.meta.url), 'utf8');
const rows = text.trim().split('\n').slice(1);

/** ISO dates and closes, ascending. */
export const sp500 = {
  dates: rows.map((row) => row.slice(0, 10)),
  closes: Float64Array.from(rows, (row) => Number(row.split(',')[4])),
};
