/** "Did you mean …?" suggestions: the valid names closest to a misspelt one. */

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
