/** Figures of repeated benchmark runs: the median (what BENCHMARKS.md quotes) and the spread. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median, min and max, rounded. */
export function rates(xs: readonly number[]): { median: number; min: number; max: number } {
  return {
    median: Math.round(median(xs)),
    min: Math.round(Math.min(...xs)),
    max: Math.round(Math.max(...xs)),
  };
}
