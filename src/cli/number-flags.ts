/** Numeric flag values: a clear `CLI_INVALID` error naming the flag, never a silent NaN. */
import { BourseError } from '../core/errors.js';

/** A number flag's value (undefined when not given); `CLI_INVALID` naming the flag otherwise. */
export function numberFlag(flag: string, value: string): number;
export function numberFlag(flag: string, value: string | undefined): number | undefined;
export function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new BourseError('CLI_INVALID', `${flag}: not a number: '${value}'`);
  return parsed;
}
