/**
 * Plans how a query reads its part files: as a sequence of windows, each one DuckDB query that is
 * materialised whole and then read synchronously. Windows follow the Parquet row groups (from the
 * files' footers), skip row groups whose `ts_event` statistics lie outside the range, and hold at
 * most about `windowRows` rows, so memory stays bounded whatever the size of a file or a query.
 */

/** One Parquet row group of a part file, with its `ts_event` statistics when the footer has them. */
export interface RowGroupInfo {
  readonly rows: number;
  readonly minTs?: number;
  readonly maxTs?: number;
}

/**
 * Either whole files (small ones, read together in list order) or rows `[first, end)` (by
 * `file_row_number`) of one file.
 */
export type ReadWindow =
  | { readonly kind: 'files'; readonly files: readonly string[]; readonly rows: number }
  | { readonly kind: 'range'; readonly file: string; readonly first: number; readonly end: number };

function mayHoldRange(group: RowGroupInfo, from: number, to: number): boolean {
  if (group.minTs !== undefined && group.minTs >= to) return false;
  if (group.maxTs !== undefined && group.maxTs < from) return false;
  return true;
}

/**
 * The windows that read `files` (in order, each in file order) for rows with `ts_event` in
 * [from, to). A file missing from `groups` is read whole. Windows never split a row group.
 */
export function planReadWindows(
  files: readonly string[],
  groups: ReadonlyMap<string, readonly RowGroupInfo[]>,
  from: number,
  to: number,
  windowRows: number,
): ReadWindow[] {
  const windows: ReadWindow[] = [];
  let batch: string[] = [];
  let batchRows = 0;
  const flush = (): void => {
    if (batch.length > 0) windows.push({ kind: 'files', files: batch, rows: batchRows });
    batch = [];
    batchRows = 0;
  };
  for (const file of files) {
    const list = groups.get(file);
    if (list === undefined) {
      flush();
      windows.push({ kind: 'files', files: [file], rows: Number.NaN });
      continue;
    }
    const keep = list.map((g) => mayHoldRange(g, from, to));
    const total = list.reduce((sum, g) => sum + g.rows, 0);
    if (keep.every(Boolean) && total <= windowRows) {
      if (total === 0) continue;
      if (batchRows + total > windowRows) flush();
      batch.push(file);
      batchRows += total;
      continue;
    }
    flush();
    let start = 0;
    let first = -1;
    let rows = 0;
    for (let g = 0; g <= list.length; g++) {
      const kept = g < list.length && keep[g];
      // A window ends at a skipped row group, at the end of the file, or when the next group
      // would take it past windowRows (a window always holds at least one group).
      if (first >= 0 && (!kept || rows + list[g].rows > windowRows)) {
        windows.push({ kind: 'range', file, first, end: start });
        first = -1;
        rows = 0;
      }
      if (g === list.length) break;
      if (kept) {
        if (first < 0) first = start;
        rows += list[g].rows;
      }
      start += list[g].rows;
    }
  }
  flush();
  return windows;
}
