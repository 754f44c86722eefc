import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Account } from '../../src/model/account.js';
import { USD } from '../../src/model/currency.js';
import { futureContract } from '../../src/model/instruments.js';

const ES = futureContract('ES', 2025, 12); // initial 24,200, maintenance 22,000, multiplier 50

test('maintenance requirement, and closing stays affordable when free cash is negative', () => {
  const account = new Account('M', 'margin', USD, 30_000);
  account.applyFill(ES, 'buy', 1, 4000, 0);
  assert.equal(account.maintenanceMarginRequired, 22_000);
  account.mark(ES.id, 3830); // −8,500 unrealised: equity 21,500, free cash 30,000 − 24,200
  assert.equal(account.equity, 21_500);
  assert.ok(account.equity < account.maintenanceMarginRequired);
  assert.equal(account.canAfford(ES, 'buy', 1, 3830, 0), false, 'no new contract');
  assert.equal(account.canAfford(ES, 'sell', 1, 3830, 2.15), true, 'closing is always allowed');
  assert.equal(account.canAfford(ES, 'sell', 2, 3830, 0), false, 'reversing into a new short needs margin');
});
