/**
 * The results of an optimisation as they complete: a JSONL file, one line per combination
 * (`{ params, finalValue, statistics, constraintsMet, objective }`), appended as soon as its backtest
 * ends. A run that starts on an existing file takes the combinations already in it instead of running
 * them again (resume). A last line cut short by a crash is dropped and the file trimmed back to its
 * last whole line.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import { BourseError } from '../core/errors.js';
import { canonicalJson } from './canonical.js';
import type { BacktestOutcome } from './combination-backtest.js';
import type { Fitness } from './objective.js';

/** One line of the file (and of `bourse optimize --json`). */
export interface CombinationResult extends BacktestOutcome, Fitness {}

/** The key of a combination's result: its strategy parameters (defaults included), as canonical JSON. */
export function paramsKey(params: Record<string, unknown>): string {
  return canonicalJson(params);
}

export class ResultsFile {
  private readonly byKey = new Map<string, CombinationResult>();

  private constructor(readonly path: string) {}

  /** Opens (or creates, with its folder) the file and reads the results already in it. */
  static open(path: string): ResultsFile {
    const file = new ResultsFile(path);
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) return file;
    const text = readFileSync(path, 'utf8');
    const whole = text.lastIndexOf('\n') + 1;
    if (whole < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, whole)));
    text
      .slice(0, whole)
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        let result: CombinationResult;
        try {
          result = JSON.parse(line) as CombinationResult;
        } catch {
          throw new BourseError(
            'RESULTS_INVALID',
            `${path}:${i + 1}: not a JSON line; move the file away or pass another --results`,
          );
        }
        if (
          typeof result?.params !== 'object' ||
          result.params === null ||
          typeof result.statistics !== 'object'
        )
          throw new BourseError(
            'RESULTS_INVALID',
            `${path}:${i + 1}: not an optimisation result (params, statistics)`,
          );
        file.byKey.set(paramsKey(result.params), result);
      });
    return file;
  }

  /** How many combinations the file holds. */
  get size(): number {
    return this.byKey.size;
  }

  get(key: string): CombinationResult | undefined {
    return this.byKey.get(key);
  }

  /** Appends a line (one write, so a crash leaves whole lines and at most one cut-short last line). */
  append(key: string, result: CombinationResult): void {
    appendFileSync(this.path, `${JSON.stringify(result)}\n`);
    this.byKey.set(key, result);
  }
}
