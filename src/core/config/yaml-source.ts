/** Reading the YAML config file: its settings plus the line of every key, for error messages. */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { formatPath, isPlainObject, type PathSegment } from './key-path.js';

/** The settings of a YAML file and the line number of each key path (`risk.maxOrderQuantity` → 3). */
export interface FileLayer {
  data: Record<string, unknown>;
  lines: Map<string, number>;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError('', `cannot read config file ${file}: ${reason}`);
  }
}

/** A syntax error naming line and column, with the offending line and the one before it. */
function syntaxError(file: string, text: string, line: number, col: number, reason: string): ConfigError {
  const textLines = text.split(/\r?\n/);
  const context = [line - 1, line]
    .filter((n) => n >= 1 && n <= textLines.length)
    .map((n) => `\n  ${String(n).padStart(4)} | ${textLines[n - 1]}`)
    .join('');
  const message = reason.split('\n')[0];
  return new ConfigError(
    '',
    `YAML syntax error in ${file} at line ${line}, column ${col}: ${message}${context}`,
  );
}

/** The line of every key (and list item) in the document, by formatted key path. */
function keyLines(contents: unknown, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const record = (path: PathSegment[], range: readonly number[] | null | undefined): void => {
    if (range) lines.set(formatPath(path), lineCounter.linePos(range[0]).line);
  };
  const visit = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childPath = [...path, key];
        record(childPath, isScalar(pair.key) ? pair.key.range : undefined);
        visit(pair.value, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const childPath = [...path, index];
        record(childPath, (item as { range?: [number, number, number] } | null)?.range);
        visit(item, childPath);
      });
    }
  };
  visit(contents, []);
  return lines;
}

/** Reads and parses `file`; throws {@link ConfigError} when it is unreadable, not YAML, or not a mapping. */
export function readYamlFile(file: string): FileLayer {
  const text = readText(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    throw syntaxError(file, text, line, col, firstError.message);
  }
  const lines = keyLines(doc.contents, lineCounter);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {}, lines };
  if (!isPlainObject(data)) {
    const got = Array.isArray(data) ? 'a list' : `${typeof data} ${JSON.stringify(data)}`;
    throw new ConfigError('', `${file}: expected a mapping of settings at the top level, got ${got}`);
  }
  return { data, lines };
}
