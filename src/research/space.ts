/**
 * Parameter spaces of an optimisation, from `--param` flags. Every axis is a finite, ordered list of
 * values, so grids enumerate them, random search samples them and the genetic search's genes are
 * indices into them:
 *
 * - `fast=1`                fixed: one value (a number, or text such as `mode=fast`);
 * - `mode=a,b,c`            list: the values in the order given (numbers or text);
 * - `slow=5..44`            range: FROM to TO in steps of 1, both ends included;
 * - `fast=5..20:5`          range with a step: 5, 10, 15, 20 (TO only when a step lands on it);
 * - `rate=0.001..0.1:log5`  log scale: 5 points from FROM to TO (both > 0) evenly spaced in
 *                           log(value); whole numbers when both ends are written without a
 *                           decimal point or exponent (`slow=10..1000:log5` → 10 32 100 316 1000),
 *                           else rounded to 6 significant digits. Repeats are dropped.
 */
import { BourseError } from '../core/errors.js';
import { decimalPlaces, roundTo } from '../model/grid.js';

export type ParameterValue = number | string;

export interface ParameterAxis {
  readonly name: string;
  /** The flag's text (`slow=5..44`), for messages. */
  readonly source: string;
  readonly kind: 'fixed' | 'list' | 'range' | 'log';
  /** At least one value, no repeats; ranges ascending. */
  readonly values: readonly ParameterValue[];
}

export interface ParameterSpace {
  readonly axes: readonly ParameterAxis[];
}

/** One point of a space: the index of its value on each axis. */
export type Combination = readonly number[];

/** Most values one axis may hold. */
export const MAX_AXIS_VALUES = 1_000_000;

function invalid(source: string, message: string): BourseError {
  return new BourseError('CLI_INVALID', `--param ${source}: ${message}`);
}

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})(?::(?:(${NUMBER})|log(\\d+)))?$`);

/** A list item or fixed value: a number when it reads as one, else the text. */
function scalar(text: string): ParameterValue {
  return new RegExp(`^${NUMBER}$`).test(text) ? Number(text) : text;
}

/** Parses one `--param name=values` flag. */
export function parseParameterAxis(flag: string): ParameterAxis {
  const eq = flag.indexOf('=');
  const name = eq > 0 ? flag.slice(0, eq).trim() : '';
  const spec = eq > 0 ? flag.slice(eq + 1).trim() : '';
  if (name === '' || spec === '') {
    throw invalid(
      flag,
      'expected name=values, e.g. slow=5..44, fast=5..20:5, mode=a,b or rate=0.001..0.1:log5',
    );
  }
  if (spec.includes('..')) return rangeAxis(name, flag, spec);
  if (spec.includes(',')) {
    const items = spec.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) throw invalid(flag, 'a list item is empty');
    const values = items.map(scalar);
    const repeated = values.find((value, i) => values.indexOf(value) !== i);
    if (repeated !== undefined) throw invalid(flag, `'${repeated}' is listed twice`);
    return { name, source: flag, kind: 'list', values };
  }
  return { name, source: flag, kind: 'fixed', values: [scalar(spec)] };
}

function rangeAxis(name: string, source: string, spec: string): ParameterAxis {
  const match = RANGE.exec(spec);
  if (!match) {
    throw invalid(
      source,
      'expected FROM..TO, FROM..TO:STEP or FROM..TO:logN with numbers, e.g. 5..44 or 5..20:5',
    );
  }
  const [, fromText, toText, stepText, pointsText] = match;
  const from = Number(fromText);
  const to = Number(toText);
  if (from > to) throw invalid(source, `the range's start ${from} is above its end ${to}`);
  if (pointsText !== undefined) {
    const points = Number(pointsText);
    if (points < 2) throw invalid(source, `a log scale needs at least 2 points, got ${points}`);
    if (points > MAX_AXIS_VALUES) throw invalid(source, `at most ${MAX_AXIS_VALUES} points`);
    if (!(from > 0)) throw invalid(source, `a log scale needs FROM > 0, got ${from}`);
    const whole = !/[.eE]/.test(fromText) && !/[.eE]/.test(toText);
    return { name, source, kind: 'log', values: logValues(from, to, points, whole) };
  }
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!(step > 0)) throw invalid(source, `the step must be > 0, got ${stepText}`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) throw invalid(source, `${count} values; at most ${MAX_AXIS_VALUES} per axis`);
  const decimals = Math.max(decimalPlaces(from), decimalPlaces(step));
  const values = Array.from({ length: count }, (_, i) => roundTo(from + i * step, decimals) + 0);
  return { name, source, kind: 'range', values };
}

/**
 * `points` values from `from` to `to` evenly spaced in log(value): the ends as written, the points
 * between rounded (whole numbers, or 6 significant digits); repeats and points rounded onto an end dropped.
 */
function logValues(from: number, to: number, points: number, whole: boolean): number[] {
  const values = [from];
  const ratio = Math.log(to / from);
  for (let i = 1; i < points - 1; i++) {
    const exact = from * Math.exp((ratio * i) / (points - 1));
    const value = whole ? Math.round(exact) : Number(exact.toPrecision(6));
    if (value > values[values.length - 1] && value < to) values.push(value);
  }
  if (to > from) values.push(to);
  return values;
}

/** The space of several `--param` flags (one per parameter name). */
export function parameterSpace(flags: readonly string[]): ParameterSpace {
  const axes = flags.map(parseParameterAxis);
  const seen = new Set<string>();
  for (const axis of axes) {
    if (seen.has(axis.name)) throw invalid(axis.source, `parameter '${axis.name}' is given more than once`);
    seen.add(axis.name);
  }
  return { axes };
}

/** How many combinations the full grid of the space holds (the product of the axes' sizes). */
export function spaceSize(space: ParameterSpace): number {
  return space.axes.reduce((size, axis) => size * axis.values.length, 1);
}

/**
 * The grid's `index`-th combination, in grid order: the first axis varies slowest, the last fastest
 * (`--param fast=1,2 --param slow=5..6` → 1/5, 1/6, 2/5, 2/6).
 */
export function combinationAt(space: ParameterSpace, index: number): Combination {
  const combination = new Array<number>(space.axes.length);
  let rest = index;
  for (let a = space.axes.length - 1; a >= 0; a--) {
    const size = space.axes[a].values.length;
    combination[a] = rest % size;
    rest = Math.floor(rest / size);
  }
  return combination;
}

/** The values of a combination by parameter name. */
export function combinationValues(
  space: ParameterSpace,
  combination: Combination,
): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  space.axes.forEach((axis, a) => {
    values[axis.name] = axis.values[combination[a]];
  });
  return values;
}

/** A combination as `name=value` strings, as `bourse backtest --param` takes them. */
export function combinationParams(space: ParameterSpace, combination: Combination): string[] {
  return space.axes.map((axis, a) => `${axis.name}=${axis.values[combination[a]]}`);
}
