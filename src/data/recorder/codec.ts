import { BarType, type MarketData } from '../../model/data.js';

/**
 * One kernel data record as one line of JSON (the recorder's journal format). Bars carry their
 * bar type as its key (`ESZ3.CME-1-MINUTE-LAST`); everything else is stored field for field.
 */
export function encodeRecord(item: MarketData): string {
  if (item.kind === 'bar') return JSON.stringify({ ...item, barType: item.barType.key });
  return JSON.stringify(item);
}

/** Parses one journal line back into kernel data; throws a RangeError on anything else. */
export function decodeRecord(line: string): MarketData {
  const value = JSON.parse(line) as { kind?: unknown; barType?: unknown; tsEvent?: unknown };
  if (typeof value !== 'object' || value === null || typeof value.kind !== 'string')
    throw new RangeError('not a data record (no kind)');
  if (typeof value.tsEvent !== 'number') throw new RangeError('not a data record (no tsEvent)');
  switch (value.kind) {
    case 'bar':
      if (typeof value.barType !== 'string') throw new RangeError('bar record without a bar type');
      return { ...(value as object), barType: BarType.parse(value.barType) } as MarketData;
    case 'quote':
    case 'trade':
    case 'book':
    case 'book-level':
    case 'book-depth':
    case 'status':
      return value as MarketData;
    default:
      throw new RangeError(`unknown data kind '${value.kind}'`);
  }
}
