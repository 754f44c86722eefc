/**
 * Property checks shared by the volatility and statistics indicator tests: streaming equals batch,
 * the first value comes at index `warmup`, reset + replay is identical, shifting the prices shifts
 * (or leaves unchanged) each output, and a constant series gives the defined value.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { computeBatch } from '../../../src/indicators/batch.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import type { IndicatorDefinition } from '../../../src/indicators/definition.js';
import { assertSeriesClose, stream } from '../support/data.js';

/** How an output responds to adding a constant to every price. */
export type ShiftRule = 'shift' | 'same' | 'skip';

export interface PropertySpec {
  definition: IndicatorDefinition;
  /** Parameters (before zod defaults); {} = the defaults. */
  params?: Record<string, unknown>;
  bars: readonly BarInput[];
  /** Per output; outputs not listed are skipped. */
  shift: Record<string, ShiftRule>;
  /** Per output: the value a constant series gives ('constant' = the constant itself). */
  constant: Record<string, number | 'constant' | ((price: number) => number)>;
}

export function create(definition: IndicatorDefinition, params: Record<string, unknown> = {}): Indicator {
  return definition.create(definition.parameters.parse(params));
}

/** Bars with every price moved by `c` (volume and time unchanged). */
export function shiftBars(bars: readonly BarInput[], c: number): BarInput[] {
  return bars.map((b) => ({ ...b, open: b.open + c, high: b.high + c, low: b.low + c, close: b.close + c }));
}

/** `count` identical bars at `price`. */
export function constantBars(price: number, count: number, volume = 1000): BarInput[] {
  return Array.from({ length: count }, (_, i) => ({
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
    tsEvent: i,
  }));
}

function firstFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return i;
  return -1;
}

function assertIdentical(a: ArrayLike<number>, b: ArrayLike<number>, label: string): void {
  assert.equal(a.length, b.length, `${label}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${label}[${i}]: ${a[i]} vs ${b[i]}`);
}

/** Runs every generic property of one indicator definition. */
export function checkProperties(spec: PropertySpec): void {
  const { definition, bars } = spec;
  const params = spec.params ?? {};
  const indicator = create(definition, params);
  assert.deepEqual([...indicator.outputs], [...definition.outputs], 'outputs match the definition');
  const streamed = stream(indicator, bars);
  const batch = computeBatch(create(definition, params), bars);
  for (const name of indicator.outputs) {
    assertIdentical(streamed[name], batch[name], `${definition.name}.${name} stream vs batch`);
    assert.equal(firstFinite(streamed[name]), indicator.warmup, `${definition.name}.${name} first value`);
  }
  assert.ok(indicator.isReady);
  assert.equal(indicator.count, bars.length);
  indicator.reset();
  assert.equal(indicator.count, 0);
  assert.ok(Number.isNaN(indicator.value));
  for (const name of indicator.outputs)
    assert.ok(Number.isNaN(indicator.output(name)), `${name} after reset`);
  const replay = stream(indicator, bars);
  for (const name of indicator.outputs) {
    assertIdentical(replay[name], streamed[name], `${definition.name}.${name} after reset`);
  }

  for (const c of [250, -0.5]) {
    const moved = stream(create(definition, params), shiftBars(bars, c));
    for (const [name, rule] of Object.entries(spec.shift)) {
      if (rule === 'skip') continue;
      const expected = streamed[name].map((v) => (rule === 'shift' ? v + c : v));
      assertSeriesClose(moved[name], expected, `${definition.name}.${name} shifted by ${c}`, 1e-9);
    }
  }

  for (const price of [42.125, 0.37]) {
    const flat = stream(create(definition, params), constantBars(price, indicator.warmup + 50));
    for (const [name, rule] of Object.entries(spec.constant)) {
      const want = rule === 'constant' ? price : typeof rule === 'function' ? rule(price) : rule;
      const expected = flat[name].map((_, i) => (i < indicator.warmup ? Number.NaN : want));
      assertSeriesClose(flat[name], expected, `${definition.name}.${name} of a constant ${price}`, 1e-12);
    }
  }
}

interface TalibLib {
  execute(request: Record<string, unknown>): {
    begIndex: number;
    result: Record<string, number[]>;
    error?: string;
  };
}
const talibLib = createRequire(import.meta.url)('talib') as TalibLib;

/** A TA-Lib function of two real series (CORREL, BETA), aligned like `talib()`. */
export function talib2(
  name: string,
  x: readonly number[],
  y: readonly number[],
  options: Record<string, number>,
): Float64Array {
  const response = talibLib.execute({
    name,
    startIdx: 0,
    endIdx: x.length - 1,
    inReal0: [...x],
    inReal1: [...y],
    ...options,
  });
  if (response.error) throw new Error(`TA-Lib ${name}: ${response.error}`);
  const column = new Float64Array(x.length).fill(Number.NaN);
  const values = response.result.outReal;
  for (let i = 0; i < values.length; i++) column[response.begIndex + i] = values[i];
  return column;
}
