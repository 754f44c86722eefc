/**
 * The pre-trade checks added on top of the order-definition ones: for each a pass case and a deny
 * case (code and reason text), through a real Kernel and SimulatedExchange.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { equity, futureContract } from '../../src/model/instruments.js';
import { CME_GLOBEX_EQUITY } from '../../src/model/sessions.js';
import { MICROS_PER_MILLI } from '../../src/model/time.js';
import type { RiskConfig } from '../../src/risk/engine.js';
import { type Harness, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { utc } from '../support/sessions.js';
import { assertAccepted, assertDenied, at } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const MSFT = equity({ symbol: 'MSFT', venue: 'SIM' });
const ES = futureContract('ES', 2025, 12); // CME, tick 0.25, multiplier 50, initial margin 24 200

function stocks(risk: RiskConfig = {}, startingCash = 1_000_000): Harness {
  return makeHarness({ instruments: [AAPL, MSFT], accountType: 'margin', startingCash, risk });
}

describe('instrument tradable and session open', () => {
  test('INSTRUMENT_NOT_TRADABLE: marked at run time or in the config', () => {
    const h = stocks({ untradableInstruments: [MSFT.id] });
    assertDenied(
      h,
      submit(h, makeOrder(MSFT, 'buy', 1, { price: 100 })),
      'INSTRUMENT_NOT_TRADABLE',
      /MSFT\.SIM is not tradable: configured/,
    );
    h.kernel.risk.setTradable(AAPL.id, false, 'delisted');
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 100 })),
      'INSTRUMENT_NOT_TRADABLE',
      /AAPL\.SIM is not tradable: delisted/,
    );
    h.kernel.risk.setTradable(AAPL.id, true);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 100 })));
  });

  test('SESSION_CLOSED: when enabled, denies while the venue session is closed (auction orders exempt); off by default', () => {
    const make = (risk: RiskConfig) => {
      const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000, risk });
      h.kernel.risk.setSession(ES.venue, CME_GLOBEX_EQUITY);
      return h;
    };
    const h = make({ checkSessionOpen: true });
    h.clock.setTime(utc('2025-10-04T15:00:00Z')); // Saturday
    assertDenied(
      h,
      submit(h, makeOrder(ES, 'buy', 1, { price: 6000 })),
      'SESSION_CLOSED',
      /session of CME is closed at 2025-10-04T15:00:00\.000Z \(next open 2025-10-05T22:00:00\.000Z\)/,
    );
    // An order for the opening auction is placed while the market is shut, by design.
    const auction = submit(h, makeOrder(ES, 'buy', 1, { price: 6000, timeInForce: 'AT_THE_OPEN' }));
    assert.notEqual(auction.status, 'denied', JSON.stringify(auction.events.at(-1)));
    h.clock.setTime(utc('2025-10-06T15:00:00Z')); // Monday, 10:00 Chicago
    assertAccepted(h, submit(h, makeOrder(ES, 'buy', 1, { price: 6000 })));
    const off = make({});
    off.clock.setTime(utc('2025-10-04T15:00:00Z'));
    assert.notEqual(submit(off, makeOrder(ES, 'buy', 1, { price: 6000 })).status, 'denied');
  });
});

describe('price band (fat finger)', () => {
  test('PRICE_OUTSIDE_BAND by percent: limit and trigger prices only; market orders pass', () => {
    const h = stocks({ priceBandPct: 5 });
    at(h, AAPL, 100);
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 105.01 })),
      'PRICE_OUTSIDE_BAND',
      /price 105\.01 is 5\.01 from the last price 100 of AAPL\.SIM, outside the band ±5 \(5 %\)/,
    );
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 1, { triggerPrice: 94.99 })),
      'PRICE_OUTSIDE_BAND',
      /trigger price 94\.99/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 105 })));
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1)));
  });

  test('PRICE_OUTSIDE_BAND by ticks; with both the wider band; on modify too', () => {
    const h = makeHarness({
      instruments: [ES],
      accountType: 'margin',
      startingCash: 1_000_000,
      risk: { priceBandTicks: 8 },
    });
    at(h, ES, 6000);
    assertDenied(
      h,
      submit(h, makeOrder(ES, 'buy', 1, { price: 6002.25 })),
      'PRICE_OUTSIDE_BAND',
      /outside the band ±2 \(8 ticks\)/,
    );
    const order = submit(h, makeOrder(ES, 'buy', 1, { price: 5998 }));
    assertAccepted(h, order);
    assert.equal(h.kernel.risk.modify(order, { price: 5990 })?.code, 'PRICE_OUTSIDE_BAND');
    const both = makeHarness({
      instruments: [ES],
      accountType: 'margin',
      startingCash: 1_000_000,
      risk: { priceBandTicks: 8, priceBandPct: 0.1 },
    });
    at(both, ES, 6000); // 0.1 % of 6000 = 6 > 2 points
    assertAccepted(both, submit(both, makeOrder(ES, 'buy', 1, { price: 5994 })));
    assertDenied(
      both,
      submit(both, makeOrder(ES, 'buy', 1, { price: 5993.75 })),
      'PRICE_OUTSIDE_BAND',
      /±6 \(0\.1 % or 8 ticks\)/,
    );
  });
});

describe('position and exposure', () => {
  test('MAX_POSITION_EXCEEDED counts the position and open orders on the same side', () => {
    const h = stocks({ maxPositionQuantity: 100 });
    at(h, AAPL, 100);
    submit(h, makeOrder(AAPL, 'buy', 60));
    at(h, AAPL, 100); // fills: long 60
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 60);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 30, { price: 99 })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 11, { price: 99 })),
      'MAX_POSITION_EXCEEDED',
      /buy 11 AAPL\.SIM would take the position from 60 to 101 \(with the open buy orders, reduce-only ones filling first\), above the maximum 100/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 10, { price: 99 })));
    // Selling: from +60 down to -100 is allowed, beyond it not.
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 160, { price: 101 })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 1, { price: 101 })),
      'MAX_POSITION_EXCEEDED',
      /from 60 to -101/,
    );
  });

  test('MAX_POSITION_EXCEEDED: reduce-only orders count as filling first (they can take the position to zero)', () => {
    const h = stocks({ maxPositionQuantity: 50 });
    at(h, AAPL, 100);
    submit(h, makeOrder(AAPL, 'buy', 33));
    at(h, AAPL, 100); // long 33
    // A reduce-only sell alone always passes: it can only bring the position to zero.
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 33, { price: 101, reduceOnly: true })));
    // With it working, a sell of 51 could end at -51 (the reduce-only one filling first).
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 51, { price: 102 })),
      'MAX_POSITION_EXCEEDED',
      /from 33 to -51/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 50, { price: 102 })));
    // More reduce-only selling changes nothing: together they still stop at zero.
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 10, { price: 101, reduceOnly: true })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 1, { price: 102 })),
      'MAX_POSITION_EXCEEDED',
      /from 33 to -51/,
    );
  });

  test('MAX_GROSS_EXPOSURE_EXCEEDED across instruments at last prices; reducing orders pass', () => {
    const h = stocks({ maxGrossExposure: 20_000 });
    at(h, AAPL, 100);
    at(h, MSFT, 200);
    submit(h, makeOrder(AAPL, 'buy', 100)); // 10 000
    at(h, AAPL, 100);
    assertDenied(
      h,
      submit(h, makeOrder(MSFT, 'sell', 51, { price: 200 })),
      'MAX_GROSS_EXPOSURE_EXCEEDED',
      /gross exposure would rise from 10000\.00 to 20200\.00 USD, above the maximum 20000/,
    );
    assertAccepted(h, submit(h, makeOrder(MSFT, 'sell', 50, { price: 200 })));
    at(h, AAPL, 150); // the long is now 15 000: above the limit with the short
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 10, { price: 150 })));
  });

  test('MAX_NET_EXPOSURE_EXCEEDED: a short offsets a long', () => {
    const h = stocks({ maxNetExposure: 10_000 });
    at(h, AAPL, 100);
    at(h, MSFT, 200);
    submit(h, makeOrder(AAPL, 'buy', 100));
    at(h, AAPL, 100); // net +10 000
    assertDenied(
      h,
      submit(h, makeOrder(MSFT, 'buy', 1, { price: 200 })),
      'MAX_NET_EXPOSURE_EXCEEDED',
      /net exposure would move from 10000\.00 to 10200\.00 USD, beyond the maximum ±10000/,
    );
    assertAccepted(h, submit(h, makeOrder(MSFT, 'sell', 50, { price: 200 })));
  });
});

describe('open orders', () => {
  test('MAX_OPEN_ORDERS_EXCEEDED: total open orders; a cancel makes room', () => {
    const h = stocks({ maxOpenOrders: 2 });
    const first = submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 }));
    assertAccepted(h, first);
    assertAccepted(h, submit(h, makeOrder(MSFT, 'buy', 1, { price: 90 })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })),
      'MAX_OPEN_ORDERS_EXCEEDED',
      /2 orders are open already, the maximum is 2/,
    );
    h.kernel.risk.cancel(first);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })));
  });

  test('MAX_OPEN_ORDERS_PER_INSTRUMENT_EXCEEDED', () => {
    const h = stocks({ maxOpenOrdersPerInstrument: 1 });
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })),
      'MAX_OPEN_ORDERS_PER_INSTRUMENT_EXCEEDED',
      /1 orders are open in AAPL\.SIM already, the maximum per instrument is 1/,
    );
    assertAccepted(h, submit(h, makeOrder(MSFT, 'buy', 1, { price: 90 })));
  });
});

describe('throttle, funds', () => {
  test('SUBMIT_RATE_EXCEEDED per strategy: one strategy throttled, another not', () => {
    const h = stocks({
      strategies: { 'RISK-TEST': { maxOrderSubmitRate: { count: 1, intervalMs: 1_000 } } },
    });
    const start = h.clock.now();
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })),
      'SUBMIT_RATE_EXCEEDED',
      /strategy RISK-TEST sent more than 1 orders in 1000 ms/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90, strategyId: 'OTHER' })));
    h.clock.setTime(start + 1_000 * MICROS_PER_MILLI);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90 })));
  });

  test('INSUFFICIENT_FUNDS for futures uses the initial margin per contract', () => {
    const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 50_000 });
    assertDenied(
      h,
      submit(h, makeOrder(ES, 'buy', 3, { price: 6000 })),
      'INSUFFICIENT_FUNDS',
      /needs initial margin 3 × 24200 = 72600\.00 USD, more than the free margin 50000\.00 USD/,
    );
    assertAccepted(h, submit(h, makeOrder(ES, 'buy', 2, { price: 6000 })));
  });
});

describe('per-strategy limits: the stricter of global and strategy applies', () => {
  const risk: RiskConfig = {
    maxOrderQuantity: 100,
    maxPositionQuantity: 50,
    strategies: {
      TIGHT: { maxOrderQuantity: 10 },
      LOOSE: { maxOrderQuantity: 1_000, maxPositionQuantity: 500 },
    },
  };

  test('a tighter strategy limit applies to that strategy only', () => {
    const h = stocks(risk);
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 11, { price: 90, strategyId: 'TIGHT' })),
      'MAX_ORDER_QUANTITY_EXCEEDED',
      /quantity 11 exceeds the maximum 10 \(limit of strategy TIGHT\)/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 10, { price: 90, strategyId: 'TIGHT' })));
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 11, { price: 90, strategyId: 'OTHER' })));
  });

  test('a looser strategy limit cannot relax the global one', () => {
    const h = stocks(risk);
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 101, { price: 90, strategyId: 'LOOSE' })),
      'MAX_ORDER_QUANTITY_EXCEEDED',
      /exceeds the maximum 100$/,
    );
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 51, { price: 90, strategyId: 'LOOSE' })),
      'MAX_POSITION_EXCEEDED',
      /above the maximum 50/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 50, { price: 90, strategyId: 'LOOSE' })));
  });

  test('per-strategy open-order limit counts that strategy’s orders', () => {
    const h = stocks({ maxOpenOrders: 10, strategies: { TIGHT: { maxOpenOrders: 1 } } });
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90, strategyId: 'TIGHT' })));
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { price: 90, strategyId: 'TIGHT' })),
      'MAX_OPEN_ORDERS_EXCEEDED',
      /strategy TIGHT has 1 open orders already, its maximum is 1/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 90, strategyId: 'OTHER' })));
  });

  test('the validated config is a RiskConfig as it is', async () => {
    const { loadBourseConfig } = await import('../../src/core/config-schema.js');
    const config = loadBourseConfig({
      env: {},
      overrides: { risk: { strategies: { TIGHT: { maxOrderQuantity: 5 } } } },
    });
    const riskConfig: RiskConfig = config.risk;
    const h = stocks(riskConfig);
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 6, { price: 90, strategyId: 'TIGHT' })),
      'MAX_ORDER_QUANTITY_EXCEEDED',
      /maximum 5/,
    );
  });
});
