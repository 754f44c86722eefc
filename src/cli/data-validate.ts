/** `bourse data import --validate rule=policy,…`: every imported record through a StreamValidator. */
import {
  RULE_NAMES,
  StreamValidator,
  VALIDATION_RULES,
  type ValidationIssue,
  type ValidationPolicies,
  type ValidationPolicy,
  type ValidationReport,
  type ValidationRule,
} from '../data/validation/index.js';
import type { MarketData } from '../model/data.js';
import type { Grid } from '../model/grid.js';
import { invalid } from './data-flags.js';

/** `--validate off-grid=repair,out-of-order=reject`: policies over the rules table's defaults. */
export function validateFlag(text: string | undefined): ValidationPolicies {
  const policies: ValidationPolicies = {};
  if (text === undefined) return policies;
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const [rule, policy, ...rest] = item.split('=').map((s) => s.trim());
    if (!(RULE_NAMES as string[]).includes(rule)) {
      invalid(`--validate: unknown rule '${rule}' (rules: ${RULE_NAMES.join(', ')})`);
    }
    const spec = VALIDATION_RULES[rule as ValidationRule];
    if (policy === undefined || rest.length > 0 || !spec.allowed.includes(policy as ValidationPolicy)) {
      invalid(
        `--validate: rule ${rule} takes one of ${spec.allowed.join(', ')}, got '${item.slice(rule.length + 1)}'`,
      );
    }
    policies[rule as ValidationRule] = policy as ValidationPolicy;
  }
  return policies;
}

/**
 * One validator per series of an import (each series is its own time-ordered stream, checked
 * against its instrument's grid); `report()` adds them up into one report for the file.
 */
export class ImportValidation {
  private readonly validators = new Map<string, StreamValidator>();

  constructor(
    private readonly file: string,
    private readonly policies: ValidationPolicies,
  ) {}

  /** The record to store (as is or repaired), or undefined when rejected; `fail` throws a DataError. */
  check(series: string, grid: Grid | undefined, item: MarketData, line?: number): MarketData | undefined {
    let validator = this.validators.get(series);
    if (validator === undefined) {
      validator = new StreamValidator({ grid, policies: this.policies, file: this.file });
      this.validators.set(series, validator);
    }
    return validator.check(item, line);
  }

  report(): ValidationReport {
    return mergeReports(
      this.file,
      [...this.validators.values()].map((v) => v.report()),
    );
  }
}

/** Several streams' reports as one: totals and per-rule counts added, the first 5 examples of each rule. */
export function mergeReports(file: string, reports: readonly ValidationReport[]): ValidationReport {
  const counts = Object.fromEntries(RULE_NAMES.map((r) => [r, 0])) as Record<ValidationRule, number>;
  const examples: ValidationIssue[] = [];
  let checked = 0;
  let kept = 0;
  let rejected = 0;
  let repaired = 0;
  let flagged = 0;
  for (const r of reports) {
    checked += r.checked;
    kept += r.kept;
    rejected += r.rejected;
    repaired += r.repaired;
    flagged += r.flagged;
    for (const rule of RULE_NAMES) counts[rule] += r.counts[rule];
    examples.push(...r.examples);
  }
  const byLine = (a: ValidationIssue, b: ValidationIssue) => (a.line ?? 0) - (b.line ?? 0);
  const firsts = RULE_NAMES.flatMap((rule) =>
    examples
      .filter((e) => e.rule === rule)
      .sort(byLine)
      .slice(0, 5),
  );
  return { file, checked, kept, rejected, repaired, flagged, counts, examples: firsts };
}
