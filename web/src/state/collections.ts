/** Keyed, capped, sorted lists for records that arrive both from REST and from the stream. */

export interface ListPolicy<T> {
  key(item: T): string;
  /** Monotonic version of a record (its last update time); the newer copy wins, ties go to the incoming. */
  version(item: T): number;
  /** Display order. */
  compare(a: T, b: T): number;
  /** How many to keep (the first ones in display order). */
  cap: number;
}

export function mergeLatest<T>(current: readonly T[], incoming: readonly T[], policy: ListPolicy<T>): T[] {
  const byKey = new Map<string, T>();
  for (const item of current) byKey.set(policy.key(item), item);
  for (const item of incoming) {
    const key = policy.key(item);
    const existing = byKey.get(key);
    if (!existing || policy.version(item) >= policy.version(existing)) byKey.set(key, item);
  }
  return [...byKey.values()].sort(policy.compare).slice(0, policy.cap);
}

/** Newest first by the given time, then by key so equal times keep a stable order. */
export function newestFirst<T>(time: (item: T) => number, key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => time(b) - time(a) || key(a).localeCompare(key(b));
}
