/** Input checks before SQL: a bad value is refused with a StoreError naming `table.field` and the value. */
import { StoreError } from './errors.js';

function refuse(table: string, field: string, value: unknown, expected: string): never {
  let shown: string;
  try {
    shown = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  throw new StoreError('STORE_INVALID', `${table}.${field}: expected ${expected}, got ${shown}`, {
    table,
    field,
  });
}

export function text(table: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes('\u0000'))
    refuse(table, field, value, 'a non-empty string without NUL characters');
  return value;
}

export function optionalText(table: string, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.includes('\u0000'))
    refuse(table, field, value, 'a string without NUL characters, or nothing');
  return value;
}

export function finite(table: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(table, field, value, 'a finite number');
  return value;
}

/** Microseconds since the epoch (or any integer stamp): a safe integer. */
export function micros(table: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    refuse(table, field, value, 'an integer timestamp in microseconds');
  return value;
}

export function oneOf<T extends string>(
  table: string,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    refuse(table, field, value, `one of ${allowed.join(', ')}`);
  return value as T;
}

/** JSON text of a document; refuses what JSON cannot carry (functions, cycles, non-finite numbers). */
export function json(table: string, field: string, value: unknown): string {
  if (value === undefined) refuse(table, field, value, 'a JSON value');
  let textValue: string | undefined;
  try {
    textValue = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`non-finite number ${v}`);
      if (typeof v === 'bigint') throw new RangeError(`bigint ${v}`);
      return v;
    });
  } catch (error) {
    refuse(table, field, String(error instanceof Error ? error.message : error), 'a JSON value');
  }
  if (textValue === undefined) refuse(table, field, value, 'a JSON value');
  // PostgreSQL text and JSONB cannot hold U+0000.
  if (textValue.includes('\\u0000')) refuse(table, field, value, 'JSON without NUL characters');
  return textValue;
}
