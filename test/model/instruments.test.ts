import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { USD } from '../../src/model/currency.js';
import { parseInstrumentId } from '../../src/model/identifiers.js';
import {
  cryptoSpot,
  equity,
  FUTURE_SPECS,
  futureContract,
  futureSpec,
  genericFuture,
  isFuturesLike,
  MONTH_CODES,
  nthWeekdayOfMonth,
  parseFutureSymbol,
} from '../../src/model/instruments.js';
import { isoFromMicros, microsFromIso } from '../../src/model/time.js';
import { zonedParts } from '../../src/model/timezone.js';

const at = (iso: string): number => microsFromIso(iso);

describe('futures specs', () => {
  test('ES: 0.25 tick, 50 multiplier, quarterly on CME in USD', () => {
    const es = futureSpec('ES');
    assert.equal(es.tickSize, 0.25);
    assert.equal(es.multiplier, 50);
    assert.equal(es.months, 'HMUZ');
    assert.equal(es.exchange, 'CME');
    assert.equal(es.venue, 'CME');
    assert.equal(es.currency, USD);
    assert.ok(es.maintenanceMargin > 0 && es.maintenanceMargin <= es.initialMargin);
  });

  test('MES: 0.25 tick, 5 multiplier (a tenth of ES), same months', () => {
    const mes = futureSpec('MES');
    assert.equal(mes.tickSize, 0.25);
    assert.equal(mes.multiplier, 5);
    assert.equal(mes.months, 'HMUZ');
    assert.equal(mes.multiplier * 10, FUTURE_SPECS.ES.multiplier);
  });

  test('lookup is case-insensitive; an unknown root throws naming it and the known ones', () => {
    assert.equal(futureSpec('es'), FUTURE_SPECS.ES);
    assert.throws(
      () => futureSpec('ZB'),
      (e: unknown) => e instanceof RangeError && e.message.includes("'ZB'") && e.message.includes('ES'),
    );
  });

  test('month codes', () => {
    assert.equal(MONTH_CODES.length, 12);
    assert.equal(MONTH_CODES[2], 'H');
    assert.equal(MONTH_CODES[5], 'M');
    assert.equal(MONTH_CODES[8], 'U');
    assert.equal(MONTH_CODES[11], 'Z');
  });
});

describe('nthWeekdayOfMonth', () => {
  test('third Fridays', () => {
    assert.equal(nthWeekdayOfMonth(2013, 12, 5, 3), 20);
    assert.equal(nthWeekdayOfMonth(2014, 3, 5, 3), 21);
    assert.equal(nthWeekdayOfMonth(2024, 3, 5, 3), 15);
    assert.equal(nthWeekdayOfMonth(2025, 12, 5, 3), 19);
    assert.equal(nthWeekdayOfMonth(2015, 5, 5, 3), 15); // May 1 2015 is a Friday
  });

  test('second Sundays (US DST start)', () => {
    assert.equal(nthWeekdayOfMonth(2013, 3, 0, 2), 10);
    assert.equal(nthWeekdayOfMonth(2024, 3, 0, 2), 10);
  });
});

describe('futureContract', () => {
  test("('ES', 2013, 12) is ESZ3.CME expiring 2013-12-20 09:30 New York (14:30Z)", () => {
    const c = futureContract('ES', 2013, 12);
    assert.equal(c.id, 'ESZ3.CME');
    assert.equal(c.symbol, 'ESZ3');
    assert.equal(c.venue, 'CME');
    assert.equal(c.kind, 'future');
    assert.equal(c.root, 'ES');
    assert.equal(c.contractMonth, '201312');
    assert.equal(c.expiry, at('2013-12-20T14:30:00Z'));
    assert.equal(isoFromMicros(c.expiry!), '2013-12-20T14:30:00.000Z');
    const local = zonedParts(c.expiry!, 'America/New_York');
    assert.deepEqual([local.date, local.hour, local.minute, local.weekday], ['2013-12-20', 9, 30, 5]);
    assert.equal(c.priceGrid.increment, 0.25);
    assert.equal(c.sizeGrid.increment, 1);
    assert.equal(c.multiplier, 50);
    assert.equal(c.currency, USD);
    assert.equal(c.initialMargin, FUTURE_SPECS.ES.initialMargin);
    assert.equal(c.maintenanceMargin, FUTURE_SPECS.ES.maintenanceMargin);
    assert.equal(isFuturesLike(c), true);
  });

  test('ESH4 expires 2014-03-21 09:30 EDT = 13:30Z (after the DST switch)', () => {
    const c = futureContract('ES', 2014, 3);
    assert.equal(c.id, 'ESH4.CME');
    assert.equal(c.expiry, at('2014-03-21T13:30:00Z'));
  });

  test('more expiries: ESM4, ESU4, MESZ5', () => {
    assert.equal(futureContract('ES', 2014, 6).expiry, at('2014-06-20T13:30:00Z'));
    assert.equal(futureContract('ES', 2014, 9).expiry, at('2014-09-19T13:30:00Z'));
    const mes = futureContract('MES', 2025, 12);
    assert.equal(mes.id, 'MESZ5.CME');
    assert.equal(mes.multiplier, 5);
    assert.equal(mes.expiry, at('2025-12-19T14:30:00Z'));
  });

  test('margin overrides', () => {
    const c = futureContract('ES', 2013, 12, { initialMargin: 5000, maintenanceMargin: 4000 });
    assert.equal(c.initialMargin, 5000);
    assert.equal(c.maintenanceMargin, 4000);
    assert.equal(
      futureContract('ES', 2013, 12, { initialMargin: 6000 }).maintenanceMargin,
      FUTURE_SPECS.ES.maintenanceMargin,
    );
  });

  test('a month that is not listed throws naming the listed months', () => {
    for (const month of [1, 2, 4, 5, 7, 8, 10, 11]) {
      assert.throws(
        () => futureContract('ES', 2013, month),
        (e: unknown) =>
          e instanceof RangeError && e.message.includes(`month ${month}`) && e.message.includes('HMUZ'),
      );
    }
    assert.throws(() => futureContract('ES', 2013, 0), RangeError);
    assert.throws(() => futureContract('ES', 2013, 13), RangeError);
    assert.throws(() => futureContract('XX', 2013, 12), RangeError);
  });
});

describe('parseFutureSymbol', () => {
  const in2013 = at('2013-06-01T00:00:00Z');
  const in2024 = at('2024-06-01T00:00:00Z');

  test('one-digit years resolve within the decade of now', () => {
    const z3 = parseFutureSymbol('ESZ3', in2013);
    assert.equal(z3.id, 'ESZ3.CME');
    assert.equal(z3.contractMonth, '201312');
    assert.equal(z3.expiry, at('2013-12-20T14:30:00Z'));
    assert.equal(parseFutureSymbol('ESH4', in2013).contractMonth, '201403');
    assert.equal(parseFutureSymbol('ESZ5', in2024).contractMonth, '202512');
    assert.equal(parseFutureSymbol('ESZ3', in2024).contractMonth, '202312'); // recent past stays in this decade
    assert.equal(parseFutureSymbol('ESH1', in2024).contractMonth, '203103'); // more than 2 years back: next decade
  });

  test('two-digit years are 20xx', () => {
    assert.equal(parseFutureSymbol('ESZ25', in2013).contractMonth, '202512');
    assert.equal(parseFutureSymbol('ESH14', in2024).expiry, at('2014-03-21T13:30:00Z'));
  });

  test('roots of several letters, lower case', () => {
    const mes = parseFutureSymbol('mesm4', in2024);
    assert.equal(mes.id, 'MESM4.CME');
    assert.equal(mes.root, 'MES');
    assert.equal(mes.multiplier, 5);
  });

  test('malformed symbols, unknown roots and unlisted months throw', () => {
    for (const bad of ['ES', 'ESZ', 'ESZ333', 'ESA3', '', 'ES Z3', 'Z3']) {
      assert.throws(() => parseFutureSymbol(bad, in2024), RangeError, JSON.stringify(bad));
    }
    assert.throws(() => parseFutureSymbol('ZBZ3', in2024), /no built-in futures spec for root 'ZB'/);
    assert.throws(() => parseFutureSymbol('ESF4', in2024), /not listed for month 1/);
  });
});

describe('other instruments', () => {
  test('equity defaults: 0.01 price grid, whole shares, USD, multiplier 1', () => {
    const aapl = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
    assert.equal(aapl.id, 'AAPL.NASDAQ');
    assert.equal(aapl.kind, 'equity');
    assert.equal(aapl.priceGrid.increment, 0.01);
    assert.equal(aapl.sizeGrid.increment, 1);
    assert.equal(aapl.multiplier, 1);
    assert.equal(aapl.currency, USD);
    assert.equal(isFuturesLike(aapl), false);
    assert.deepEqual(parseInstrumentId('BRK.B.NYSE'), { symbol: 'BRK.B', venue: 'NYSE' });
  });

  test('crypto spot id is BASE/QUOTE.VENUE', () => {
    const btc = cryptoSpot({
      base: 'BTC',
      quote: 'USDT',
      venue: 'BINANCE',
      priceIncrement: 0.01,
      sizeIncrement: 0.00001,
      currency: USD,
    });
    assert.equal(btc.id, 'BTC/USDT.BINANCE');
    assert.equal(btc.sizeGrid.precision, 5);
    assert.equal(isFuturesLike(btc), false);
  });

  test('generic futures-like contract: no expiry, margin from options', () => {
    const g = genericFuture({
      symbol: 'CL-CONT',
      venue: 'SIM',
      priceIncrement: 0.01,
      multiplier: 1000,
      initialMargin: 6000,
    });
    assert.equal(g.id, 'CL-CONT.SIM');
    assert.equal(g.expiry, undefined);
    assert.equal(g.contractMonth, '');
    assert.equal(g.maintenanceMargin, 6000);
    assert.equal(isFuturesLike(g), true);
  });

  test('an instrument id needs a symbol and a dot-free venue', () => {
    assert.throws(() => equity({ symbol: '', venue: 'NASDAQ' }), RangeError);
    assert.throws(() => equity({ symbol: 'AAPL', venue: 'NAS.DAQ' }), RangeError);
  });
});
