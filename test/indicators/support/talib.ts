/**
 * Reference values from TA-Lib 0.4.0 (the C library, through the `talib` npm binding, built from
 * source at install). `talib(name, bars, options)` runs a TA-Lib function over bars and returns
 * each output aligned with the input: NaN before TA-Lib's first value (its `begIndex`).
 */
import { createRequire } from 'node:module';
import type { BarInput } from '../../../src/indicators/core.js';

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
  error?: string;
}
interface Talib {
  version: string;
  execute(request: Record<string, unknown>): TalibResult;
  explain(name: string): {
    inputs: Array<{ name: string; type: string; flags?: Record<string, string> }>;
    optInputs: Array<{ name: string; defaultValue: number }>;
  };
}

const require = createRequire(import.meta.url);
const lib = require('talib') as Talib;

export const TALIB_VERSION = lib.version;

/**
 * Runs TA-Lib function `name` (e.g. 'RSI', 'MACD', 'STOCH') over `bars`. Options are TA-Lib's
 * `optIn…` names (e.g. `{ optInTimePeriod: 14 }`). Inputs are taken from the bars by TA-Lib's own
 * input spec (inReal = close unless `real` is given).
 */
export function talib(
  name: string,
  bars: readonly BarInput[],
  options: Record<string, number> = {},
  real?: readonly number[],
): Record<string, Float64Array> {
  const spec = lib.explain(name);
  // TA-Lib aborts the process when an option is missing: fill each from its documented default.
  const defaults = Object.fromEntries(spec.optInputs.map((o) => [o.name, o.defaultValue]));
  const request: Record<string, unknown> = {
    name,
    startIdx: 0,
    endIdx: bars.length - 1,
    ...defaults,
    ...options,
  };
  for (const input of spec.inputs) {
    if (input.type === 'price') {
      const fields = Object.values(input.flags ?? {});
      for (const field of fields) request[field] = bars.map((b) => b[field as keyof BarInput]);
    } else {
      request[input.name] = real ? [...real] : bars.map((b) => b.close);
    }
  }
  const response = lib.execute(request);
  if (response.error) throw new Error(`TA-Lib ${name}: ${response.error}`);
  const aligned: Record<string, Float64Array> = {};
  for (const [output, values] of Object.entries(response.result)) {
    const column = new Float64Array(bars.length).fill(Number.NaN);
    for (let i = 0; i < values.length; i++) column[response.begIndex + i] = values[i];
    aligned[output] = column;
  }
  return aligned;
}
