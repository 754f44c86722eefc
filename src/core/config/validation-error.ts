/**
 * Turns a failed validation of the merged config into one {@link ConfigError}: the first problem (unknown
 * keys first, with suggestions) names its key path and source; up to five more follow.
 */
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { describeIssue } from './issues.js';
import { formatPath, getAt } from './key-path.js';
import { nearestNames } from './nearest-names.js';
import { type AnySchema, objectKeys, schemaAt } from './schema-walk.js';
import { describeSource, findSource, type Sources } from './sources.js';

/** One issue as a key path and a message naming where the offending value came from. */
function describeIssueAt(
  issue: z.core.$ZodIssue,
  schema: AnySchema,
  input: unknown,
  sources: Sources,
): { path: string; message: string } {
  let path: PropertyKey[] = issue.path;
  let message: string;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    path = [...issue.path, key];
    const parent = schemaAt(schema, issue.path);
    const valid = parent ? objectKeys(parent) : [];
    const suggestions = nearestNames(key, valid);
    const hint =
      suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}? ` : '';
    const more = issue.keys.length > 1 ? ` (also unknown: ${issue.keys.slice(1).join(', ')})` : '';
    message = `unknown key; ${hint}valid keys: ${valid.join(', ') || '(none)'}${more}`;
  } else {
    message = describeIssue(issue, getAt(input, issue.path));
  }
  const source = findSource(sources, path);
  if (source) message += ` (from ${describeSource(source)})`;
  return { path: formatPath(path), message };
}

/** The error for `issues` found validating `input` against `schema`. */
export function issueError(
  schema: AnySchema,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  sources: Sources,
): ConfigError {
  // An unknown key usually explains the other problems (a misspelt key leaves the real one unset): first.
  const ordered = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const [first, ...rest] = ordered.map((issue) => describeIssueAt(issue, schema, input, sources));
  const extra = rest
    .slice(0, 5)
    .map((r) => `\n  also ${r.path || '(top level)'}: ${r.message}`)
    .join('');
  const more = rest.length > 5 ? `\n  …and ${rest.length - 5} more` : '';
  return new ConfigError(first.path, `${first.message}${extra}${more}`);
}
