/**
 * Strict decimal parsing: `[+-]digits[.digits]`, nothing else. Rejects '', 'abc', '1.2.3', '1.', '.5',
 * exponents ('1e5', '1e999'), 'NaN', 'Infinity', hex and inner spaces. Surrounding spaces/tabs are
 * allowed. Works on a slice of a line without copying it: the hot path of the importer.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Integers up to this many digits are exact in a double (2^53 ≈ 9.007e15). */
const EXACT_DIGITS = 15;

let lastDecimals = 0;

/**
 * The value of the strict decimal in `text[start, end)`, or NaN when it is not one (or not finite).
 * The result equals `Number(slice)`: digit strings short enough to be exact are divided by an exact
 * power of ten (one correctly rounded operation), longer ones go through `Number`.
 */
export function parseDecimalAt(text: string, start: number, end: number): number {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end) return Number.NaN;
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === 45 || sign === 43) i++;
  const unsignedStart = i;
  let mantissa = 0;
  let digits = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
  }
  if (digits === 0) return Number.NaN;
  let decimals = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    for (i++; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      decimals++;
    }
    if (decimals === 0) return Number.NaN;
  }
  if (i !== end) return Number.NaN;
  lastDecimals = decimals;
  let value: number;
  if (digits + decimals <= EXACT_DIGITS) value = mantissa / POWERS_OF_TEN[decimals];
  else value = Number(text.slice(unsignedStart, end));
  if (!Number.isFinite(value)) return Number.NaN;
  return sign === 45 ? -value : value;
}

/** Digits after the decimal point of the last number `parseDecimalAt` accepted. */
export function lastDecimalPlaces(): number {
  return lastDecimals;
}

/** `parseDecimalAt` over a whole string. */
export function parseDecimal(text: string): number {
  return parseDecimalAt(text, 0, text.length);
}

/** Whether `text[start, end)` is empty or only spaces/tabs. */
export function isBlankAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
