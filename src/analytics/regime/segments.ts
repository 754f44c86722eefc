/** Turning a per-step label sequence into contiguous periods. */

/** A maximal run of equal labels: steps `start` … `end` inclusive. */
export interface LabelledPeriod {
  readonly label: number;
  readonly start: number;
  readonly end: number;
}

/** Maximal runs of equal values in `labels` (e.g. a Viterbi path), in order. */
export function labelPeriods(labels: ArrayLike<number>): LabelledPeriod[] {
  const periods: LabelledPeriod[] = [];
  let start = 0;
  for (let t = 1; t <= labels.length; t++) {
    if (t === labels.length || labels[t] !== labels[start]) {
      periods.push({ label: labels[start] as number, start, end: t - 1 });
      start = t;
    }
  }
  return periods;
}
