/** Person-readable text for zod validation issues: "expected a positive number, got -1". */
import type { z } from 'zod';

/** A value as it appears in messages: JSON, cut to 80 characters; `nothing` for undefined. */
function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const EXPECTED_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  bigint: 'an integer',
  object: 'a mapping of settings',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'null',
};

/** zod's own English messages; anything else was written by the schema author and is used as-is. */
const DEFAULT_MESSAGE = /^(Invalid |Too small|Too big|Unrecognized key)/;

function rangeText(
  kind: 'small' | 'big',
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
): string {
  const numeric = origin === 'number' || origin === 'int' || origin === 'bigint';
  const noun = origin === 'int' || origin === 'bigint' ? 'integer' : 'number';
  if (numeric) {
    if (kind === 'small' && Number(bound) === 0) {
      return inclusive ? `expected a non-negative ${noun}` : `expected a positive ${noun}`;
    }
    if (kind === 'big' && Number(bound) === 0) {
      return inclusive ? `expected a non-positive ${noun}` : `expected a negative ${noun}`;
    }
    const op = kind === 'small' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
    return `expected a ${noun} ${op} ${bound}`;
  }
  const unit = origin === 'string' ? 'characters' : 'items';
  if (kind === 'small' && origin === 'string' && Number(bound) === 1) return 'expected a non-empty string';
  return kind === 'small' ? `expected at least ${bound} ${unit}` : `expected at most ${bound} ${unit}`;
}

/** A person-readable description of one zod issue for `value` (without the path). */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  let text: string;
  switch (issue.code) {
    case 'invalid_type':
      text = custom ? issue.message : `expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}`;
      break;
    case 'too_small':
      text = custom ? issue.message : rangeText('small', issue.origin, issue.minimum, issue.inclusive);
      break;
    case 'too_big':
      text = custom ? issue.message : rangeText('big', issue.origin, issue.maximum, issue.inclusive);
      break;
    case 'invalid_value':
      text = custom ? issue.message : `expected one of ${issue.values.map(formatValue).join(', ')}`;
      break;
    case 'not_multiple_of':
      text = custom ? issue.message : `expected a multiple of ${issue.divisor}`;
      break;
    case 'invalid_format':
      text = custom ? issue.message : `expected a value in ${issue.format} format`;
      break;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    default:
      text = issue.message;
  }
  if (value === undefined) return issue.code === 'custom' ? text : `required, but not set (${text})`;
  return `${text}, got ${formatValue(value)}`;
}
