/** Key paths (`risk.maxOrderQuantity`, `items[0]`) in plain objects: formatting, reading and safe writing. */
import { ConfigError } from '../errors.js';

/** One step of a key path: an object key or an array index. */
export type PathSegment = string | number;

/** True for `{}`-style objects (not arrays, class instances or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `['risk', 'maxOrderQuantity']` → `risk.maxOrderQuantity`; array indices as `[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws {@link ConfigError} when a segment could pollute prototypes (`__proto__`, `constructor`…). */
export function assertSafeKeys(path: readonly string[]): void {
  const bad = path.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (bad !== undefined) throw new ConfigError(formatPath(path), `'${bad}' is not allowed as a config key`);
}

/** Writes `value` at `path` in `target`, creating objects on the way (replacing non-objects). */
export function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  assertSafeKeys(path);
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (isPlainObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  node[path[path.length - 1]] = value;
}

/** The value at `path` inside `root`, or undefined when the path does not exist. */
export function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}
