/** Order states that are final: nothing more can happen to the order. */
const CLOSED_STATUSES = new Set(['filled', 'canceled', 'expired', 'rejected', 'denied']);

export function isOpenOrder(status: string): boolean {
  return !CLOSED_STATUSES.has(status);
}
