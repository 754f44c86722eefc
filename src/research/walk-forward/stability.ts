/**
 * How much the walk-forward's choices move from window to window, and how much of the in-sample
 * performance survives out of sample (walk-forward efficiency, after Pardo: the annualised
 * out-of-sample return over the annualised in-sample return of the chosen combination).
 */
import type { ParameterAxis, ParameterValue } from '../space.js';

export interface ParameterStability {
  readonly name: string;
  /** The value chosen in each window, in window order. */
  readonly values: readonly ParameterValue[];
  readonly distinct: number;
  /** Windows whose choice differs from the window before. */
  readonly changes: number;
  /** Numeric axes: mean and (population) standard deviation of the chosen values. */
  readonly mean: number | null;
  readonly std: number | null;
  /**
   * Numeric axes: std over the width of the axis (max − min of its values); 0 = always the same
   * value, about 0.29 = spread like uniform draws over the axis. Null for text or one-value axes.
   */
  readonly relativeSpread: number | null;
}

/** Stability of every axis with more than one value, from each window's chosen values. */
export function parameterStability(
  axes: readonly ParameterAxis[],
  chosen: readonly Readonly<Record<string, unknown>>[],
): ParameterStability[] {
  return axes
    .filter((axis) => axis.values.length > 1)
    .map((axis) => {
      const values = chosen.map((params) => params[axis.name] as ParameterValue);
      let changes = 0;
      for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) changes++;
      const numeric = values.every((v) => typeof v === 'number') && values.length > 0;
      const axisNumbers = axis.values.filter((v): v is number => typeof v === 'number');
      const width = axisNumbers.length > 1 ? Math.max(...axisNumbers) - Math.min(...axisNumbers) : 0;
      const { mean, std } = numeric ? moments(values as number[]) : { mean: null, std: null };
      return {
        name: axis.name,
        values,
        distinct: new Set(values).size,
        changes,
        mean,
        std,
        relativeSpread: std !== null && width > 0 ? std / width : null,
      };
    });
}

function moments(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Out-of-sample over in-sample annualised return; null when either is undefined or the in-sample
 * return is not positive (a ratio to a loss means nothing).
 */
export function walkForwardEfficiency(outOfSample: number | null, inSample: number | null): number | null {
  if (outOfSample === null || inSample === null || !(inSample > 0)) return null;
  return outOfSample / inSample;
}
