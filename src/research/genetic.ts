/**
 * Genetic search: a population of combinations (genes = value indices, one per axis) evolves over
 * generations. Generation 0 is drawn at random without repeats; each next one keeps the best
 * combination (elitism) and fills up with children: two parents chosen by tournament (the fittest of
 * `tournamentSize` drawn at random), crossed gene by gene (uniform crossover) or the first copied,
 * then each gene mutated to another value of its axis with `mutationRate`. Every draw comes from one
 * seeded stream and selection looks only at the fitness values, so a seed gives one sequence of
 * generations. Combinations seen before are not backtested again (the optimiser's cache).
 */
import { mulberry32 } from '../analytics/statistics/random.js';
import { compareFitness, type Fitness } from './objective.js';
import { randomIndex, sampleDistinct } from './sampling.js';
import type { Search } from './search.js';
import { type Combination, combinationAt, type ParameterSpace, spaceSize } from './space.js';

export interface GeneticSettings {
  readonly population: number;
  readonly generations: number;
  readonly seed: number;
  /** Individuals drawn per tournament (default 3). */
  readonly tournamentSize?: number;
  /** Probability that two parents are crossed rather than the first copied (default 0.9). */
  readonly crossoverRate?: number;
  /** Probability that a gene mutates (default 1 / the number of axes with more than one value). */
  readonly mutationRate?: number;
}

export function geneticSearch(space: ParameterSpace, settings: GeneticSettings): Search {
  const { population: size, generations } = settings;
  if (!Number.isInteger(size) || size < 2)
    throw new RangeError(`population must be a whole number >= 2, got ${size}`);
  if (!Number.isInteger(generations) || generations < 1)
    throw new RangeError(`generations must be a whole number >= 1, got ${generations}`);
  const random = mulberry32(settings.seed);
  const variable = space.axes.filter((axis) => axis.values.length > 1).length;
  const breeding: Breeding = {
    space,
    random,
    size,
    tournamentSize: settings.tournamentSize ?? 3,
    crossoverRate: settings.crossoverRate ?? 0.9,
    mutationRate: settings.mutationRate ?? (variable > 0 ? 1 / variable : 0),
  };
  let generation = 0;
  let population: Combination[] = [];
  return {
    plannedCount: size * generations,
    next(previous) {
      if (generation >= generations) return undefined;
      population =
        generation === 0
          ? sampleDistinct(random, spaceSize(space), size).map((i) => combinationAt(space, i))
          : nextGeneration(breeding, population, previous);
      generation++;
      return population;
    },
  };
}

interface Breeding {
  readonly space: ParameterSpace;
  readonly random: () => number;
  readonly size: number;
  readonly tournamentSize: number;
  readonly crossoverRate: number;
  readonly mutationRate: number;
}

function nextGeneration(
  breeding: Breeding,
  parents: readonly Combination[],
  fitness: readonly (Fitness | undefined)[],
): Combination[] {
  const { random } = breeding;
  /** The fitter of two parents by index; the earlier one on a tie. */
  const fitter = (a: number, b: number) => (compareFitness(fitness[b], fitness[a]) < 0 ? b : a);
  const tournament = (): Combination => {
    let best = randomIndex(random, parents.length);
    for (let k = 1; k < breeding.tournamentSize; k++)
      best = fitter(best, randomIndex(random, parents.length));
    return parents[best];
  };
  let elite = 0;
  for (let i = 1; i < parents.length; i++) elite = fitter(elite, i);
  const children: Combination[] = [parents[elite]];
  while (children.length < breeding.size) {
    const first = tournament();
    const second = tournament();
    const child =
      random() < breeding.crossoverRate
        ? first.map((gene, g) => (random() < 0.5 ? gene : second[g]))
        : [...first];
    mutate(breeding, child);
    children.push(child);
  }
  return children;
}

/** Each gene of an axis with several values moves, with the mutation rate, to another of its values. */
function mutate(breeding: Breeding, child: number[]): void {
  breeding.space.axes.forEach((axis, g) => {
    const count = axis.values.length;
    if (count < 2 || breeding.random() >= breeding.mutationRate) return;
    const other = randomIndex(breeding.random, count - 1);
    child[g] = other >= child[g] ? other + 1 : other;
  });
}
