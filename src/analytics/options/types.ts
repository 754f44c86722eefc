/** Shared vocabulary of the option pricers. */

/** A call (right to buy) or a put (right to sell). */
export type OptionType = 'call' | 'put';

/** European options exercise only at expiry; American ones at any time up to it. */
export type ExerciseStyle = 'european' | 'american';

/** Throws a `RangeError` naming `name` unless `value` is 'call' or 'put'. */
export function requireOptionType(name: string, value: OptionType): OptionType {
  if (value !== 'call' && value !== 'put') {
    throw new RangeError(`${name} must be 'call' or 'put', got ${String(value)}`);
  }
  return value;
}
