/** Synthetic ES quotes for catalog tests: a quarter-point cycle, sizes cycling, times from `timeOf`. */
import type { QuoteTick } from '../../src/model/data.js';

export function syntheticQuotes(
  count: number,
  timeOf: (i: number) => number,
  sequenceOf: (i: number) => number | undefined = () => undefined,
): QuoteTick[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'quote',
    instrumentId: 'ESH4.CME',
    bidPrice: 4800 + (i % 9) * 0.25,
    askPrice: 4800.25 + (i % 9) * 0.25,
    bidSize: 1 + (i % 13),
    askSize: 2 + (i % 11),
    tsEvent: timeOf(i),
    tsInit: timeOf(i) + 1,
    sequence: sequenceOf(i),
  }));
}
