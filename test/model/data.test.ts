import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type Bar,
  type BarAggregation,
  BarType,
  bar,
  barOpenTime,
  instrumentOf,
  type PriceType,
} from '../../src/model/data.js';
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from '../../src/model/time.js';

const ES = 'ESZ3.CME';

describe('BarType', () => {
  test('of() interns: equal specs give the same object', () => {
    const a = BarType.of(ES, 1, 'minute', 'last');
    const b = BarType.of(ES, 1, 'minute');
    assert.ok(a === b);
    assert.ok(BarType.parse('ESZ3.CME-1-MINUTE-LAST') === a);
    assert.ok(BarType.of(ES, 5, 'minute') !== a);
    assert.ok(BarType.of(ES, 1, 'minute', 'bid') !== a);
    assert.ok(BarType.of('ESH4.CME', 1, 'minute') !== a);
  });

  test('key, topic and fields', () => {
    const t = BarType.of(ES, 5, 'minute', 'mid');
    assert.equal(t.key, 'ESZ3.CME-5-MINUTE-MID');
    assert.equal(t.toString(), 'ESZ3.CME-5-MINUTE-MID');
    assert.equal(String(t), 'ESZ3.CME-5-MINUTE-MID');
    assert.equal(t.topic, 'data.bars.ESZ3.CME-5-MINUTE-MID');
    assert.equal(t.instrumentId, ES);
    assert.equal(t.step, 5);
    assert.equal(t.aggregation, 'minute');
    assert.equal(t.priceType, 'mid');
  });

  test('parse accepts any case and ids containing dashes, slashes and dots', () => {
    assert.ok(BarType.parse('esz3.CME-1-minute-last') !== BarType.of(ES, 1, 'minute')); // symbol case matters
    assert.ok(BarType.parse('ESZ3.CME-1-minute-Last') === BarType.of(ES, 1, 'minute'));
    const brk = BarType.parse('BRK-B.NYSE-1-DAY-LAST');
    assert.equal(brk.instrumentId, 'BRK-B.NYSE');
    assert.equal(brk.aggregation, 'day');
    assert.equal(BarType.parse('BTC/USDT.BINANCE-15-SECOND-ASK').instrumentId, 'BTC/USDT.BINANCE');
  });

  test('property: format → parse round trip returns the interned instance', () => {
    const aggregations: BarAggregation[] = [
      'tick',
      'volume',
      'second',
      'minute',
      'hour',
      'day',
      'week',
      'month',
    ];
    const priceTypes: PriceType[] = ['last', 'bid', 'ask', 'mid'];
    const ids = ['ESZ3.CME', 'AAPL.NASDAQ', 'BTC/USDT.BINANCE', 'BRK-B.NYSE', 'BRK.B.NYSE', 'X-1-MINUTE.SIM'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(...aggregations),
        fc.constantFrom(...priceTypes),
        (id, step, aggregation, priceType) => {
          const t = BarType.of(id, step, aggregation, priceType);
          const parsed = BarType.parse(t.toString());
          assert.ok(parsed === t, `${t.key} parsed as ${parsed.key}`);
          assert.equal(parsed.instrumentId, id);
        },
      ),
    );
  });

  test('durationMicros of fixed-length bars; 0 for tick, volume and month bars', () => {
    assert.equal(BarType.of(ES, 1, 'second').durationMicros, MICROS_PER_SECOND);
    assert.equal(BarType.of(ES, 1, 'minute').durationMicros, MICROS_PER_MINUTE);
    assert.equal(BarType.of(ES, 5, 'minute').durationMicros, 5 * MICROS_PER_MINUTE);
    assert.equal(BarType.of(ES, 4, 'hour').durationMicros, 4 * MICROS_PER_HOUR);
    assert.equal(BarType.of(ES, 1, 'day').durationMicros, MICROS_PER_DAY);
    assert.equal(BarType.of(ES, 1, 'week').durationMicros, 7 * MICROS_PER_DAY);
    assert.equal(BarType.of(ES, 100, 'tick').durationMicros, 0);
    assert.equal(BarType.of(ES, 1000, 'volume').durationMicros, 0);
    assert.equal(BarType.of(ES, 1, 'month').durationMicros, 0);
  });

  test('bad specs are refused', () => {
    assert.throws(() => BarType.of(ES, 0, 'minute'), /positive integer/);
    assert.throws(() => BarType.of(ES, 1.5, 'minute'), /positive integer/);
    assert.throws(() => BarType.of(ES, -1, 'minute'), /positive integer/);
    assert.throws(
      () => BarType.of(ES, 1, 'fortnight' as BarAggregation),
      /unknown bar aggregation 'fortnight'/,
    );
    assert.throws(() => BarType.of(ES, 1, 'minute', 'vwap' as PriceType), /unknown bar price type 'vwap'/);
    assert.throws(() => BarType.of('NOVENUE', 1, 'minute'), /SYMBOL\.VENUE/);
    for (const text of [
      'ESZ3.CME-1-MINUTE',
      'ESZ3.CME-x-MINUTE-LAST',
      'ESZ3.CME-1-FORTNIGHT-LAST',
      '',
      'ESZ3-1-MINUTE-LAST',
    ]) {
      assert.throws(() => BarType.parse(text), RangeError, JSON.stringify(text));
    }
  });
});

describe('bar()', () => {
  const t = BarType.of(ES, 1, 'minute');
  const close = 1_700_000_040_000_000;

  test('builds a bar with tsInit defaulting to tsEvent', () => {
    const b = bar(t, 1800, 1801.5, 1799.25, 1800.75, 1234, close);
    assert.deepEqual(b, {
      kind: 'bar',
      barType: t,
      open: 1800,
      high: 1801.5,
      low: 1799.25,
      close: 1800.75,
      volume: 1234,
      tsEvent: close,
      tsInit: close,
    });
    assert.equal(bar(t, 1, 1, 1, 1, 0, close, close + 5).tsInit, close + 5);
    assert.equal(bar(t, 1, 1, 1, 1, 0, close).volume, 0); // a flat bar with no volume is valid
  });

  test('OHLC out of order is refused, naming the bar type and time', () => {
    const cases: Array<[number, number, number, number]> = [
      [1802, 1801.5, 1799.25, 1800.75], // open above high
      [1799, 1801.5, 1799.25, 1800.75], // open below low
      [1800, 1801.5, 1799.25, 1802], // close above high
      [1800, 1801.5, 1799.25, 1799], // close below low
      [1800, 1799, 1801, 1800], // high below low
      [Number.NaN, 1801.5, 1799.25, 1800.75], // NaN never passes
    ];
    for (const [o, h, l, c] of cases) {
      assert.throws(
        () => bar(t, o, h, l, c, 1, close),
        (e: unknown) =>
          e instanceof RangeError &&
          e.message.includes(t.key) &&
          e.message.includes(String(close)) &&
          /OHLC out of order/.test(e.message),
        `${o} ${h} ${l} ${c}`,
      );
    }
  });

  test('negative or NaN volume is refused', () => {
    assert.throws(() => bar(t, 1, 1, 1, 1, -1, close), /negative volume -1/);
    assert.throws(() => bar(t, 1, 1, 1, 1, Number.NaN, close), /volume/);
  });

  test('barOpenTime and instrumentOf', () => {
    const b: Bar = bar(t, 1, 1, 1, 1, 0, close);
    assert.equal(barOpenTime(b), close - MICROS_PER_MINUTE);
    assert.equal(barOpenTime(bar(BarType.of(ES, 100, 'tick'), 1, 1, 1, 1, 0, close)), undefined);
    assert.equal(instrumentOf(b), ES);
    assert.equal(
      instrumentOf({
        kind: 'trade',
        instrumentId: 'AAPL.NASDAQ',
        price: 1,
        size: 1,
        aggressor: 'none',
        tradeId: 't',
        tsEvent: 0,
        tsInit: 0,
      }),
      'AAPL.NASDAQ',
    );
  });
});
