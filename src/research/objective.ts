/**
 * What an optimisation maximises (a statistic every backtest result already computes) and the
 * constraints a combination must meet to rank. Ranking: combinations that meet every constraint
 * first, then by the objective, highest first; a missing objective (`null`: no trades, zero
 * variance…) ranks after every number. Combinations that break a constraint are kept and reported,
 * ranked after all that meet them (among themselves, by the objective too).
 */
import type { Statistics } from '../backtest/result-types.js';

/** Objective names and the `Statistics` field each maximises (docs/statistics.md). */
export const OBJECTIVES = {
  sharpe: 'sharpe',
  sortino: 'sortino',
  calmar: 'calmar',
  return: 'totalReturn',
  sqn: 'sqn',
} as const satisfies Record<string, keyof Statistics>;

export type ObjectiveName = keyof typeof OBJECTIVES;

export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];

/**
 * An objective of the user's own: a function of a backtest's statistics, maximised like the named
 * ones (null, or a non-finite number, ranks last). `name` labels it in tables and reports.
 */
export interface CustomObjective {
  readonly name: string;
  readonly evaluate: (statistics: Statistics) => number | null;
}

/** A named statistic or a custom function. */
export type Objective = ObjectiveName | CustomObjective;

/** How an objective is shown: its name. */
export function objectiveLabel(objective: Objective): string {
  return typeof objective === 'string' ? objective : objective.name;
}

/** The statistic a named objective reads (undefined for a custom function). */
export function objectiveStatistic(objective: Objective): keyof Statistics | undefined {
  return typeof objective === 'string' ? OBJECTIVES[objective] : undefined;
}

export interface Constraints {
  /** At least this many closed trades. */
  readonly minTrades?: number;
  /** A maximum drawdown of at most this many percent (`Statistics.maxDrawdownPct`). */
  readonly maxDrawdownPct?: number;
}

/** How a combination ranks. */
export interface Fitness {
  /** The objective statistic; null when the backtest leaves it undefined. */
  readonly objective: number | null;
  readonly constraintsMet: boolean;
}

/** The objective's value and whether the constraints hold, from a backtest's statistics. */
export function fitness(statistics: Statistics, objective: Objective, constraints: Constraints): Fitness {
  const value =
    typeof objective === 'string' ? statistics[OBJECTIVES[objective]] : objective.evaluate(statistics);
  return {
    objective: typeof value === 'number' && Number.isFinite(value) ? value : null,
    constraintsMet: constraintsMet(statistics, constraints),
  };
}

function constraintsMet(statistics: Statistics, constraints: Constraints): boolean {
  if (constraints.minTrades !== undefined && statistics.tradeCount < constraints.minTrades) return false;
  if (constraints.maxDrawdownPct !== undefined && statistics.maxDrawdownPct > constraints.maxDrawdownPct)
    return false;
  return true;
}

/**
 * Negative when `a` ranks before `b`, positive after, 0 when they tie. `undefined` (a combination
 * the strategy refused) ranks last of all.
 */
export function compareFitness(a: Fitness | undefined, b: Fitness | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  if (a.constraintsMet !== b.constraintsMet) return a.constraintsMet ? -1 : 1;
  const x = a.objective ?? Number.NEGATIVE_INFINITY;
  const y = b.objective ?? Number.NEGATIVE_INFINITY;
  return x === y ? 0 : x > y ? -1 : 1;
}

/** The items best first (`compareFitness`); ties keep their order (the search's). */
export function rankByFitness<T extends Fitness>(items: readonly T[]): T[] {
  return [...items].sort(compareFitness);
}
