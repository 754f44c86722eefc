/**
 * Read-only navigation of a zod 4 schema: strip wrappers, list an object's keys, find the schema of a key
 * or key path, and tell sections (objects, records…) from single values.
 */
import type { z } from 'zod';
import type { PathSegment } from './key-path.js';

/** Any zod schema. */
export type AnySchema = z.core.$ZodType;

/** A read-only view of the parts of a zod definition the walker needs (zod 4 `_zod.def`). */
export interface DefView {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  shape?: Record<string, AnySchema>;
  catchall?: AnySchema;
  element?: AnySchema;
  items?: readonly AnySchema[];
  rest?: AnySchema | null;
  options?: readonly AnySchema[];
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  keyType?: AnySchema;
  valueType?: AnySchema;
  getter?: () => AnySchema;
  left?: AnySchema;
  right?: AnySchema;
}

export function defOf(schema: AnySchema): DefView {
  return schema._zod.def as unknown as DefView;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** Strips wrappers (optional, default, pipe, lazy…) to reach the schema that decides the value's shape. */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let depth = 0; depth < 64; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else if (def.type === 'pipe' && def.in && def.out) {
      current = defOf(def.in).type === 'transform' ? def.out : def.in;
    } else return current;
  }
  return current;
}

/** The member schemas of a union (its options) or an intersection (left and right). */
function memberSchemas(def: DefView): AnySchema[] {
  const parts = def.type === 'union' ? (def.options ?? []) : [def.left, def.right];
  return parts.filter((part): part is AnySchema => part !== undefined);
}

/** Keys an object schema accepts (union of objects: all their keys). */
export function objectKeys(schema: AnySchema): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union' || def.type === 'intersection') {
    const keys = new Set<string>();
    for (const part of memberSchemas(def)) for (const key of objectKeys(part)) keys.add(key);
    return [...keys];
  }
  return [];
}

/** The schema of `key` inside `schema`, or undefined when the key is not allowed there. */
export function childSchema(schema: AnySchema, key: PathSegment): AnySchema | undefined {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      if (typeof key === 'string' && Object.hasOwn(shape, key)) return shape[key];
      const catchall = def.catchall;
      return catchall && defOf(catchall).type !== 'never' ? catchall : undefined;
    }
    case 'record':
    case 'map':
      return def.valueType;
    case 'array':
    case 'set':
      return def.element ?? def.valueType;
    case 'tuple':
      return typeof key === 'number' ? (def.items?.[key] ?? def.rest ?? undefined) : undefined;
    case 'union':
    case 'intersection': {
      for (const part of memberSchemas(def)) {
        const found = childSchema(part, key);
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The schema at a key path inside `schema`, or undefined when the path is not allowed there. */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = typeof segment === 'symbol' ? undefined : childSchema(current, segment);
  }
  return current;
}

/** True when `schema` holds named sub-keys (object, record, map, intersection, union of objects). */
export function isSection(schema: AnySchema): boolean {
  const type = defOf(unwrap(schema)).type;
  if (type === 'object' || type === 'record' || type === 'map' || type === 'intersection') return true;
  return type === 'union' && objectKeys(schema).length > 0;
}
