/**
 * Configuration loading: one YAML file plus environment overrides plus explicit overrides, validated with
 * a zod schema. Every error names the dotted key path that is wrong and where the bad value came from.
 *
 * Precedence (lowest first): schema defaults < YAML file < environment (`BOURSE_…`) < explicit overrides.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** YAML file to read. When omitted, `${envPrefix}CONFIG` from `env` is used if set; otherwise no file. */
  file?: string;
  /** Environment to read overrides from (default `process.env`; pass `{}` to ignore the environment). */
  env?: NodeJS.ProcessEnv;
  /** Prefix of the environment variables that map to config keys (default `BOURSE_`). */
  envPrefix?: string;
  /**
   * Explicit overrides, highest precedence. Nested objects or dotted keys (`{ 'risk.maxOrderQuantity': 5 }`).
   * String values at non-string leaves are coerced like environment values.
   */
  overrides?: Record<string, unknown>;
}

/** Default prefix for environment variables. */
export const DEFAULT_ENV_PREFIX = 'BOURSE_';

/** Where a value came from, for error messages. */
type Source =
  | { kind: 'file'; file: string; line: number }
  | { kind: 'env'; name: string }
  | { kind: 'override'; key: string };

type Sources = Map<string, Source>;
type PathSegment = string | number;
type AnySchema = z.core.$ZodType;

/** A read-only view of the parts of a zod definition the walker needs (zod 4 `_zod.def`). */
interface DefView {
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

function defOf(schema: AnySchema): DefView {
  return schema._zod.def as unknown as DefView;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** Strips wrappers (optional, default, pipe, lazy…) to reach the schema that decides the value's shape. */
function unwrap(schema: AnySchema): AnySchema {
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------------------
// Names and paths

/** `maxOrderQuantity` → `MAX_ORDER_QUANTITY`. */
export function toScreamingSnake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[-.\s]+/g, '_')
    .toUpperCase();
}

/** `MAX_ORDER_QUANTITY` or `max-order-quantity` → `maxOrderQuantity`. */
export function toCamelCase(name: string): string {
  const words = name.split(/[_\-\s]+/).filter((w) => w.length > 0);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
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

/** Environment variable name for a key path: `['risk','maxOrderQuantity']` → `BOURSE_RISK__MAX_ORDER_QUANTITY`. */
export function envVarName(path: readonly string[], prefix = DEFAULT_ENV_PREFIX): string {
  return prefix + path.map(toScreamingSnake).join('__');
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/**
 * The candidates closest to `name` (case-insensitive edit distance, containment counts as close), best
 * first; only those about as close as the best one; empty when none is close.
 */
export function nearestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const target = name.toLowerCase();
  const scored = candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const shorter = Math.min(lower.length, target.length);
      const contains = shorter >= 3 && (lower.includes(target) || target.includes(lower));
      const distance = contains ? 1 : levenshtein(target, lower);
      const limit = Math.max(2, Math.ceil(Math.max(lower.length, target.length) * 0.4));
      return { candidate, distance, limit };
    })
    .filter((c) => c.distance <= c.limit)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  if (scored.length === 0) return [];
  const best = scored[0].distance;
  return scored
    .filter((c) => c.distance <= best + 1)
    .slice(0, max)
    .map((c) => c.candidate);
}

// ---------------------------------------------------------------------------------------------------------
// Coercion of strings (environment, overrides, --param) by the schema's leaf type

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
function coerceIfString(schema: AnySchema | undefined, value: unknown): unknown {
  if (typeof value !== 'string' || schema === undefined) return value;
  return coerceFromString(schema, value);
}

// ---------------------------------------------------------------------------------------------------------
// Schema navigation

/** Keys an object schema accepts (union of objects: all their keys). */
function objectKeys(schema: AnySchema): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union' || def.type === 'intersection') {
    const parts = def.type === 'union' ? (def.options ?? []) : [def.left, def.right];
    const keys = new Set<string>();
    for (const part of parts) if (part) for (const key of objectKeys(part)) keys.add(key);
    return [...keys];
  }
  return [];
}

/** The schema of `key` inside `schema`, or undefined when the key is not allowed there. */
function childSchema(schema: AnySchema, key: PathSegment): AnySchema | undefined {
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
      const parts = def.type === 'union' ? (def.options ?? []) : [def.left, def.right];
      for (const part of parts) {
        const found = part ? childSchema(part, key) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = typeof segment === 'symbol' ? undefined : childSchema(current, segment);
  }
  return current;
}

function isSection(schema: AnySchema): boolean {
  const type = defOf(unwrap(schema)).type;
  if (type === 'object' || type === 'record' || type === 'map' || type === 'intersection') return true;
  return type === 'union' && objectKeys(schema).length > 0;
}

// ---------------------------------------------------------------------------------------------------------
// Merging with source tracking

function setSource(sources: Sources, path: readonly PathSegment[], source: Source): void {
  const key = formatPath(path);
  for (const existing of [...sources.keys()]) {
    if (key === '' || existing.startsWith(`${key}.`) || existing.startsWith(`${key}[`))
      sources.delete(existing);
  }
  sources.set(key, source);
}

function findSource(sources: Sources, path: readonly PropertyKey[]): Source | undefined {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(formatPath(path.slice(0, length)));
    if (source) return source;
  }
  return undefined;
}

function describeSource(source: Source): string {
  switch (source.kind) {
    case 'file':
      return `file ${source.file}:${source.line}`;
    case 'env':
      return `env ${source.name}`;
    case 'override':
      return `override ${source.key}`;
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function assertSafeKeys(path: readonly string[]): void {
  const bad = path.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (bad !== undefined) throw new ConfigError(formatPath(path), `'${bad}' is not allowed as a config key`);
}

/** Writes `value` at `path` in `target`, creating objects on the way (replacing non-objects). */
function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
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

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

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

// ---------------------------------------------------------------------------------------------------------
// YAML

interface FileLayer {
  data: Record<string, unknown>;
  lines: Map<string, number>;
}

function readYamlFile(file: string): FileLayer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError('', `cannot read config file ${file}: ${reason}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    const textLines = text.split(/\r?\n/);
    const context = [line - 1, line]
      .filter((n) => n >= 1 && n <= textLines.length)
      .map((n) => `\n  ${String(n).padStart(4)} | ${textLines[n - 1]}`)
      .join('');
    const message = firstError.message.split('\n')[0];
    throw new ConfigError(
      '',
      `YAML syntax error in ${file} at line ${line}, column ${col}: ${message}${context}`,
    );
  }
  const lines = new Map<string, number>();
  const visit = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childPath = [...path, key];
        const range = isScalar(pair.key) ? pair.key.range : undefined;
        if (range) lines.set(formatPath(childPath), lineCounter.linePos(range[0]).line);
        visit(pair.value, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const childPath = [...path, index];
        const range = (item as { range?: [number, number, number] } | null)?.range;
        if (range) lines.set(formatPath(childPath), lineCounter.linePos(range[0]).line);
        visit(item, childPath);
      });
    }
  };
  visit(doc.contents, []);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {}, lines };
  if (!isPlainObject(data)) {
    const got = Array.isArray(data) ? 'a list' : `${typeof data} ${JSON.stringify(data)}`;
    throw new ConfigError('', `${file}: expected a mapping of settings at the top level, got ${got}`);
  }
  return { data, lines };
}

// ---------------------------------------------------------------------------------------------------------
// Environment

interface EnvEntry {
  path: string[];
  value: unknown;
  name: string;
}

function describeKeysAsEnv(schema: AnySchema, prefix: string): string[] {
  return objectKeys(schema).map((key) => {
    const child = childSchema(schema, key);
    const name = `${prefix}${toScreamingSnake(key)}`;
    return child && isSection(child) ? `${name}__*` : name;
  });
}

/** Maps `BOURSE_A__B_C=v` to `{ path: ['a','bC'], value }`, walking the schema; unknown names throw. */
function envEntries(schema: AnySchema, env: NodeJS.ProcessEnv, prefix: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const reserved = `${prefix}CONFIG`;
  const reservedIsKey = objectKeys(schema).some((key) => toScreamingSnake(key) === 'CONFIG');
  const names = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && name.length > prefix.length)
    .filter((name) => name !== reserved || reservedIsKey)
    .sort();
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined) continue;
    let current: AnySchema = schema;
    const path: string[] = [];
    let namePrefix = prefix;
    for (const segment of name.slice(prefix.length).split('__')) {
      if (!isSection(current)) {
        throw new ConfigError(
          formatPath(path),
          `environment variable ${name}: '${formatPath(path)}' is a single value with no sub-keys; set ${namePrefix.slice(0, -2)} instead`,
        );
      }
      const match = objectKeys(current).find((key) => toScreamingSnake(key) === segment);
      const key = match ?? toCamelCase(segment);
      const child = segment === '' ? undefined : childSchema(current, key);
      if (child === undefined) {
        const validNames = describeKeysAsEnv(current, namePrefix);
        const suggestions = nearestNames(
          `${namePrefix}${segment}`,
          validNames.map((n) => n.replace(/__\*$/, '')),
        );
        const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : '';
        throw new ConfigError(
          formatPath([...path, key || segment]),
          `unknown environment variable ${name}: no such config key.${hint} Valid: ${validNames.join(', ')}`,
        );
      }
      path.push(key);
      current = child;
      namePrefix += `${segment}__`;
    }
    if (isSection(current)) {
      throw new ConfigError(
        formatPath(path),
        `environment variable ${name} names a section, not a value; set its keys: ${describeKeysAsEnv(current, namePrefix).join(', ')}`,
      );
    }
    if (raw === '') continue;
    entries.push({ path, value: coerceFromString(current, raw), name });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------
// Validation errors

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

function issueError(
  schema: AnySchema,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  sources: Sources,
): ConfigError {
  const describe = (issue: z.core.$ZodIssue): { path: string; message: string } => {
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
  };
  // An unknown key usually explains the other problems (a misspelt key leaves the real one unset): first.
  const ordered = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const [first, ...rest] = ordered.map(describe);
  const extra = rest
    .slice(0, 5)
    .map((r) => `\n  also ${r.path || '(top level)'}: ${r.message}`)
    .join('');
  const more = rest.length > 5 ? `\n  …and ${rest.length - 5} more` : '';
  return new ConfigError(first.path, `${first.message}${extra}${more}`);
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Loads configuration: schema defaults < YAML `file` < environment (`envPrefix`, default `BOURSE_`) <
 * `overrides`, validated by `schema`. Throws {@link ConfigError} naming the dotted key path and the
 * source of the offending value (file and line, env var, or override).
 *
 * Environment mapping: `BOURSE_RISK__MAX_ORDER_QUANTITY=10` → `risk.maxOrderQuantity = 10`; `__` separates
 * levels, SCREAMING_SNAKE becomes camelCase, and the string is coerced by the schema's type at that path
 * (number; boolean `true/false/1/0`; comma-separated lists). An empty value counts as unset.
 * `${envPrefix}CONFIG` is reserved for the config file path.
 */
export function loadConfig<T>(schema: z.ZodType<T>, opts: LoadConfigOptions = {}): T {
  const prefix = opts.envPrefix ?? DEFAULT_ENV_PREFIX;
  const env = opts.env ?? process.env;
  const sources: Sources = new Map();
  const merged: Record<string, unknown> = {};

  const envFile = env[`${prefix}CONFIG`];
  const file = opts.file ?? (envFile !== undefined && envFile !== '' ? envFile : undefined);
  if (file !== undefined) {
    const layer = readYamlFile(file);
    Object.assign(merged, layer.data);
    for (const [path, line] of layer.lines) sources.set(path, { kind: 'file', file, line });
  }

  for (const entry of envEntries(schema, env, prefix)) {
    setAt(merged, entry.path, entry.value);
    setSource(sources, entry.path, { kind: 'env', name: entry.name });
  }

  if (opts.overrides) {
    mergeLayer(merged, expandDottedKeys(opts.overrides), schema, [], sources, (path) => ({
      kind: 'override',
      key: formatPath(path),
    }));
  }

  const result = z.safeParse(schema, merged);
  if (!result.success) throw issueError(schema, result.error.issues, merged, sources);
  return result.data;
}

const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwd',
  'pwd',
  'token',
  'credential',
  'credentials',
]);

/** True for keys that hold secrets: secret, password, token, apiKey, privateKey, key, api_key, … */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
  if (words.length === 0) return false;
  if (words.some((w) => SECRET_WORDS.has(w) || w === 'apikey')) return true;
  return words[words.length - 1] === 'key';
}

/** Hides the password in `scheme://user:password@host` strings. */
function redactUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]*@/i, '$1:***@');
}

/**
 * A deep copy of `config` for logging, with the value of every secret-like key (see {@link isSecretKey})
 * replaced by `'***'` and passwords inside URLs masked. The input is not modified.
 */
export function redactSecrets<T>(config: T): T {
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (key !== undefined && isSecretKey(key) && value !== undefined && value !== null) return '***';
    if (typeof value === 'string') return redactUrlCredentials(value);
    if (Array.isArray(value)) return value.map((item) => visit(item, undefined));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, k);
      return out;
    }
    return value;
  };
  return visit(config, undefined) as T;
}

/**
 * Parses `key=value` strings (the CLI's `--param`) into an object for `schema`, coercing each value by the
 * type of its field (dotted keys reach nested fields; kebab-case and snake_case keys are accepted for
 * camelCase fields). Returns only the given keys, as inputs to `schema` (defaults are not applied).
 * Throws {@link ConfigError} naming the parameter for unknown keys (listing the valid ones) and bad values.
 */
export function strategyParamsFromStrings(
  schema: z.ZodObject,
  pairs: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(pair, `expected key=value (e.g. fast=10), got '${pair}'`);
    const rawKey = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    let current: AnySchema = schema;
    const path: string[] = [];
    for (const segment of rawKey.split('.')) {
      const valid = objectKeys(current);
      const key = valid.includes(segment) ? segment : toCamelCase(segment);
      const child = valid.includes(key) ? childSchema(current, key) : undefined;
      if (child === undefined) {
        const attempted = formatPath([...path, segment]);
        const suggestions = nearestNames(segment, valid);
        const hint = suggestions.length > 0 ? ` did you mean ${suggestions.join(' or ')}?` : '';
        const list = valid.length > 0 ? valid.join(', ') : '(this strategy takes no parameters)';
        throw new ConfigError(attempted, `unknown parameter;${hint} valid parameters: ${list}`);
      }
      path.push(key);
      current = child;
    }
    const name = formatPath(path);
    if (seen.has(name)) throw new ConfigError(name, `parameter given more than once (${pair})`);
    seen.add(name);
    if (isSection(current)) {
      throw new ConfigError(
        name,
        `is a group of parameters; set its fields: ${objectKeys(current).join(', ')}`,
      );
    }
    const value = coerceFromString(current, raw);
    const check = z.safeParse(current, value);
    if (!check.success) {
      const issue = check.error.issues[0];
      throw new ConfigError(
        formatPath([...path, ...issue.path]),
        `${describeIssue(issue, getAt(value, issue.path))} (from --param ${pair})`,
      );
    }
    setAt(out, path, value);
  }
  return out;
}
