/** Where each config value came from (file line, environment variable, override), for error messages. */
import { formatPath, type PathSegment } from './key-path.js';

/** Where a value came from, for error messages. */
export type Source =
  | { kind: 'file'; file: string; line: number }
  | { kind: 'env'; name: string }
  | { kind: 'override'; key: string };

/** Sources by formatted key path (`risk.maxOrderQuantity`). */
export type Sources = Map<string, Source>;

/** Records `source` for `path`, forgetting the sources of everything below it (they were replaced). */
export function setSource(sources: Sources, path: readonly PathSegment[], source: Source): void {
  const key = formatPath(path);
  for (const existing of [...sources.keys()]) {
    if (key === '' || existing.startsWith(`${key}.`) || existing.startsWith(`${key}[`))
      sources.delete(existing);
  }
  sources.set(key, source);
}

/** The source of `path`, or of its nearest ancestor that has one. */
export function findSource(sources: Sources, path: readonly PropertyKey[]): Source | undefined {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(formatPath(path.slice(0, length)));
    if (source) return source;
  }
  return undefined;
}

/** `file config.yaml:3`, `env BOURSE_LOG__LEVEL` or `override risk.maxOrderQuantity`. */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'file':
      return `file ${source.file}:${source.line}`;
    case 'env':
      return `env ${source.name}`;
    case 'override':
      return `override ${source.key}`;
  }
}
