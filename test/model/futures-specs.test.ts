import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isBusinessDay } from '../../src/model/futures-calendar.js';
import {
  FUTURE_SPECS,
  futureContract,
  futureSpec,
  MONTH_CODES,
  parseFutureSymbol,
} from '../../src/model/instruments.js';
import { isoFromMicros } from '../../src/model/time.js';
import { zonedParts } from '../../src/model/timezone.js';

const expiry = (root: string, year: number, month: number): string =>
  isoFromMicros(futureContract(root, year, month).expiry ?? 0);

describe('built-in futures specs', () => {
  test('tick, multiplier, venue, months of each root', () => {
    const table: [string, number, number, string, string][] = [
      ['ES', 0.25, 50, 'CME', 'HMUZ'],
      ['MES', 0.25, 5, 'CME', 'HMUZ'],
      ['NQ', 0.25, 20, 'CME', 'HMUZ'],
      ['MNQ', 0.25, 2, 'CME', 'HMUZ'],
      ['YM', 1, 5, 'CBOT', 'HMUZ'],
      ['RTY', 0.1, 50, 'CME', 'HMUZ'],
      ['CL', 0.01, 1000, 'NYMEX', MONTH_CODES],
      ['GC', 0.1, 100, 'COMEX', 'GJMQVZ'],
      ['6E', 0.00005, 125_000, 'CME', 'HMUZ'],
      ['ZN', 1 / 64, 1000, 'CBOT', 'HMUZ'],
    ];
    for (const [root, tick, multiplier, venue, months] of table) {
      const spec = futureSpec(root);
      assert.deepEqual(
        [spec.tickSize, spec.multiplier, spec.venue, spec.months],
        [tick, multiplier, venue, months],
        root,
      );
      assert.equal(spec.currency.code, 'USD');
      assert.ok(spec.maintenanceMargin > 0 && spec.maintenanceMargin <= spec.initialMargin, root);
      assert.ok(spec.lastTradeRule.length > 20, root);
    }
    assert.deepEqual(Object.keys(FUTURE_SPECS).sort(), [
      '6E',
      'CL',
      'ES',
      'GC',
      'MES',
      'MNQ',
      'NQ',
      'RTY',
      'YM',
      'ZN',
    ]);
  });

  test('tick values in dollars', () => {
    const tickValue = (root: string) => futureSpec(root).tickSize * futureSpec(root).multiplier;
    assert.equal(tickValue('ES'), 12.5);
    assert.equal(tickValue('NQ'), 5);
    assert.equal(tickValue('CL'), 10);
    assert.equal(tickValue('GC'), 10);
    assert.equal(tickValue('6E'), 6.25);
    assert.equal(tickValue('ZN'), 15.625);
  });

  test('equity index: 09:30 ET on the third Friday; Juneteenth on the third Friday moves it to Thursday', () => {
    assert.equal(expiry('NQ', 2013, 12), '2013-12-20T14:30:00.000Z');
    assert.equal(expiry('YM', 2024, 3), '2024-03-15T13:30:00.000Z');
    assert.equal(expiry('RTY', 2025, 9), '2025-09-19T13:30:00.000Z');
    assert.equal(expiry('ES', 2026, 6), '2026-06-18T13:30:00.000Z');
    assert.equal(expiry('MNQ', 2027, 6), '2027-06-17T13:30:00.000Z');
  });

  test('CL: 3 business days before the 25th of the prior month, 4 when the 25th is not a business day', () => {
    assert.equal(expiry('CL', 2014, 1), '2013-12-19T19:30:00.000Z'); // Dec 25 holiday → 4 before
    assert.equal(expiry('CL', 2020, 5), '2020-04-21T18:30:00.000Z'); // Apr 25 Saturday → 4 before
    assert.equal(expiry('CL', 2024, 3), '2024-02-20T19:30:00.000Z'); // Feb 25 Sunday
    assert.equal(expiry('CL', 2013, 12), '2013-11-20T19:30:00.000Z'); // Nov 25 Monday → 3 before
    assert.equal(futureContract('CL', 2014, 2).id, 'CLG4.NYMEX');
  });

  test('GC: third-to-last business day of the contract month', () => {
    assert.equal(expiry('GC', 2013, 12), '2013-12-27T18:30:00.000Z');
    assert.equal(expiry('GC', 2024, 4), '2024-04-26T17:30:00.000Z');
    assert.throws(() => futureContract('GC', 2024, 3), /not listed for month 3/);
  });

  test('6E: 2 business days before the 3rd Wednesday, 09:16 CT', () => {
    assert.equal(expiry('6E', 2013, 12), '2013-12-16T15:16:00.000Z');
    assert.equal(expiry('6E', 2024, 3), '2024-03-18T14:16:00.000Z');
    assert.equal(futureContract('6E', 2024, 3).id, '6EH4.CME');
    assert.equal(parseFutureSymbol('6EZ5', Date.UTC(2025, 0, 1) * 1000).contractMonth, '202512');
  });

  test('ZN: 7 business days before the last business day, 12:01 CT', () => {
    assert.equal(expiry('ZN', 2013, 12), '2013-12-19T18:01:00.000Z');
    assert.equal(expiry('ZN', 2024, 3), '2024-03-19T17:01:00.000Z');
    assert.equal(futureContract('ZN', 2024, 3).priceGrid.contains(110 + 17 / 64), true);
  });

  test('every expiry 2013–2027 falls on a business day, in or before its contract month', () => {
    for (const spec of Object.values(FUTURE_SPECS)) {
      for (let year = 2013; year <= 2027; year++) {
        for (const code of spec.months) {
          const month = MONTH_CODES.indexOf(code) + 1;
          if (spec.root === 'CL' && year === 2013 && month === 1) continue; // expires in 2012
          const at = futureContract(spec.root, year, month).expiry ?? 0;
          const local = zonedParts(at, 'America/Chicago');
          assert.ok(isBusinessDay(local.date), `${spec.root} ${year}-${month}: ${local.date}`);
          assert.ok(local.year * 12 + local.month <= year * 12 + month, `${spec.root} ${year}-${month}`);
        }
      }
    }
  });
});
