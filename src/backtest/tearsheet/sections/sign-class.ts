/** Colouring of signed numbers. */

/** ` class="pos"` / ` class="neg"` for a positive / negative number; empty for 0, null or non-finite. */
export function signClass(value: number | null): string {
  if (value === null || value === 0 || !Number.isFinite(value)) return '';
  return value > 0 ? ' class="pos"' : ' class="neg"';
}
