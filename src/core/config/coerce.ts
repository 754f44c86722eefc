/** Coercion of strings (environment, overrides, `--param`) to the type the schema expects at a leaf. */
import { z } from 'zod';
import { type AnySchema, defOf, unwrap } from './schema-walk.js';

function parseNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

function parseBoolean(raw: string): boolean | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

function splitList(raw: string): string[] {
  return raw.trim() === '' ? [] : raw.split(',').map((part) => part.trim());
}

/**
 * Converts a string to what `schema` expects: numbers, booleans (`true/false/1/0`), bigints, enum members,
 * lists (comma-separated, each item coerced by the element type). A string that cannot be converted is
 * returned unchanged so that validation reports it with its source.
 */
export function coerceFromString(schema: AnySchema, raw: string): unknown {
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
    case 'int':
      return parseNumber(raw) ?? raw;
    case 'boolean':
      return parseBoolean(raw) ?? raw;
    case 'bigint': {
      try {
        return BigInt(raw.trim());
      } catch {
        return raw;
      }
    }
    case 'null':
      return raw.trim() === 'null' ? null : raw;
    case 'enum':
    case 'literal': {
      const allowed = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []);
      if (allowed.includes(raw)) return raw;
      const trimmed = raw.trim();
      if (allowed.includes(trimmed)) return trimmed;
      const asNumber = parseNumber(raw);
      if (asNumber !== undefined && allowed.includes(asNumber)) return asNumber;
      const asBoolean = parseBoolean(raw);
      if (asBoolean !== undefined && allowed.includes(asBoolean)) return asBoolean;
      return raw;
    }
    case 'array':
    case 'set': {
      const element = def.element ?? def.valueType;
      const items = splitList(raw);
      return element ? items.map((item) => coerceFromString(element, item)) : items;
    }
    case 'tuple': {
      const items = def.items ?? [];
      return splitList(raw).map((item, i) => {
        const itemSchema = items[i] ?? def.rest ?? undefined;
        return itemSchema ? coerceFromString(itemSchema, item) : item;
      });
    }
    case 'union': {
      for (const option of def.options ?? []) {
        const candidate = coerceFromString(option, raw);
        if (z.safeParse(option, candidate).success) return candidate;
      }
      return raw;
    }
    default:
      return raw;
  }
}

/** Strings are coerced only where the schema expects something other than a string. */
export function coerceIfString(schema: AnySchema | undefined, value: unknown): unknown {
  if (typeof value !== 'string' || schema === undefined) return value;
  return coerceFromString(schema, value);
}
