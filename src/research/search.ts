/**
 * Searches over a parameter space. A search proposes combinations batch by batch; the fitness of a
 * batch (in its order) may decide the next one (genetic). Seeded searches draw from one mulberry32
 * stream and look at nothing but the fitness values, so the same seed gives the same combinations
 * however the backtests are spread over workers.
 */
import { mulberry32 } from '../analytics/statistics/random.js';
import { type GeneticSettings, geneticSearch } from './genetic.js';
import type { Fitness } from './objective.js';
import { sampleDistinct } from './sampling.js';
import { type Combination, combinationAt, type ParameterSpace, spaceSize } from './space.js';

export type { GeneticSettings };

export type SearchChoice =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly samples: number; readonly seed: number }
  | ({ readonly kind: 'genetic' } & GeneticSettings);

export const SEARCH_NAMES = ['grid', 'random', 'genetic'] as const;

export interface Search {
  /** Most combinations it proposes (the progress total; repeats and stops make it fewer). */
  readonly plannedCount: number;
  /**
   * The next batch of combinations to evaluate, given the fitness of each combination of the batch
   * before (`undefined` for one the strategy refused); undefined when the search is over.
   */
  next(previous: readonly (Fitness | undefined)[]): readonly Combination[] | undefined;
}

/** Most combinations a grid search may enumerate. */
export const MAX_GRID_SIZE = 1_000_000;

export function createSearch(choice: SearchChoice, space: ParameterSpace): Search {
  switch (choice.kind) {
    case 'grid':
      return gridSearch(space);
    case 'random':
      return randomSearch(space, choice.samples, choice.seed);
    case 'genetic':
      return geneticSearch(space, choice);
  }
}

/** Every combination of the space in grid order, in one batch. */
export function gridSearch(space: ParameterSpace): Search {
  const size = spaceSize(space);
  if (size > MAX_GRID_SIZE) {
    throw new RangeError(
      `the grid holds ${size} combinations, more than ${MAX_GRID_SIZE}: narrow the --param ranges or use --search random or genetic`,
    );
  }
  return oneBatch(
    size,
    Array.from({ length: size }, (_, i) => combinationAt(space, i)),
  );
}

/** `samples` distinct combinations drawn uniformly from the grid (all of it when it is smaller), in one batch. */
export function randomSearch(space: ParameterSpace, samples: number, seed: number): Search {
  const indices = sampleDistinct(mulberry32(seed), spaceSize(space), samples);
  return oneBatch(
    indices.length,
    indices.map((i) => combinationAt(space, i)),
  );
}

function oneBatch(plannedCount: number, batch: readonly Combination[]): Search {
  let given = false;
  return {
    plannedCount,
    next() {
      if (given) return undefined;
      given = true;
      return batch;
    },
  };
}
