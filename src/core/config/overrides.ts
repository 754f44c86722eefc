/** Merging explicit overrides (nested objects or dotted keys) into the config, recording their sources. */
import { coerceIfString } from './coerce.js';
import { assertSafeKeys, formatPath, getAt, isPlainObject, type PathSegment, setAt } from './key-path.js';
import { type AnySchema, childSchema } from './schema-walk.js';
import { type Source, type Sources, setSource } from './sources.js';

/**
 * Merges an override layer into `target` (plain objects merge key by key; anything else replaces) and
 * records the layer as the source of every value it sets. String values at non-string leaves are coerced.
 */
function mergeLayer(
  target: Record<string, unknown>,
  layer: Record<string, unknown>,
  schema: AnySchema | undefined,
  path: PathSegment[],
  sources: Sources,
  sourceOf: (path: readonly PathSegment[]) => Source,
): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const childPath = [...path, key];
    assertSafeKeys([...path.map(String), key]);
    const child = schema ? childSchema(schema, key) : undefined;
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      sources.set(formatPath(childPath), sourceOf(childPath));
      mergeLayer(target[key] as Record<string, unknown>, value, child, childPath, sources, sourceOf);
    } else {
      target[key] = coerceIfString(child, value);
      setSource(sources, childPath, sourceOf(childPath));
    }
  }
}

/** Expands dotted keys (`'risk.maxOrderQuantity'`) into nested objects. */
function expandDottedKeys(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const expanded = isPlainObject(value) ? expandDottedKeys(value) : value;
    const path = key.split('.');
    const existing = getAt(out, path);
    if (isPlainObject(existing) && isPlainObject(expanded)) Object.assign(existing, expanded);
    else setAt(out, path, expanded);
  }
  return out;
}

/**
 * Merges `overrides` (nested objects or dotted keys) into `target`, coercing strings by `schema` and
 * recording `override <key>` as the source of every value set.
 */
export function mergeOverrides(
  target: Record<string, unknown>,
  overrides: Record<string, unknown>,
  schema: AnySchema,
  sources: Sources,
): void {
  mergeLayer(target, expandDottedKeys(overrides), schema, [], sources, (path) => ({
    kind: 'override',
    key: formatPath(path),
  }));
}
