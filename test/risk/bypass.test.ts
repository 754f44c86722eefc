/**
 * Strategies cannot reach a venue except through the risk engine: nothing reachable from the
 * services a strategy is given is an execution engine, a venue client, the risk engine itself
 * (with its forced path) or the kernel; the order commands are bound to the strategy's id.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SimulatedExchange } from '../../src/backtest/exchange.js';
import { ExecutionEngine } from '../../src/execution/engine.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { equity } from '../../src/model/instruments.js';
import { RiskEngine } from '../../src/risk/engine.js';
import { KillSwitch } from '../../src/risk/kill-switch.js';
import { MarginMonitor } from '../../src/risk/margin-monitor.js';
import type { StrategyServices } from '../../src/strategy/services.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { makeHarness, makeOrder } from '../support/kernel-harness.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });

class Probe extends Strategy<Record<string, never>> {
  exposed(): StrategyServices {
    return this.services;
  }
}

const FORBIDDEN = [ExecutionEngine, SimulatedExchange, RiskEngine, KillSwitch, MarginMonitor, Kernel];
const VENUE_METHODS = ['submitOrder', 'cancelOrder', 'modifyOrder', 'submitForced', 'deny'];

/** Every object reachable through property values, Map/Set entries and array items. */
function reachable(root: object): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    const object = value as object;
    if (seen.has(object)) continue;
    seen.add(object);
    if (object instanceof Map) for (const [k, v] of object) stack.push(k, v);
    if (object instanceof Set) for (const v of object) stack.push(v);
    for (const key of Reflect.ownKeys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
  return seen;
}

test('nothing a strategy is given leads to the execution engine, a venue or the risk engine', () => {
  const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 100_000 });
  const probe = new Probe('PROBE', {});
  h.kernel.addStrategy(probe);
  const services = probe.exposed();
  const objects = reachable(services);
  assert.ok(objects.size > 10, 'the walk reaches the cache, bus, portfolio…');
  for (const object of objects) {
    for (const forbidden of FORBIDDEN)
      assert.equal(object instanceof forbidden, false, `a strategy can reach a ${forbidden.name}`);
    for (const method of VENUE_METHODS) {
      const fn = (object as Record<string, unknown>)[method];
      assert.notEqual(typeof fn, 'function', `a strategy can reach ${object.constructor?.name}.${method}`);
    }
  }
  assert.deepEqual(Object.keys(services.risk).sort(), ['cancel', 'modify', 'submit']);
  assert.ok(Object.isFrozen(services.risk));
  // The strategy object itself holds nothing more than its services.
  for (const object of reachable(probe))
    for (const forbidden of FORBIDDEN) assert.equal(object instanceof forbidden, false);
});

test('a strategy cannot send, modify or cancel under another strategy id', () => {
  const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 100_000 });
  const probe = new Probe('PROBE', {});
  h.kernel.addStrategy(probe);
  const commands = probe.exposed().risk;
  const foreign = makeOrder(AAPL, 'buy', 1, { price: 100, strategyId: 'RISK-KILL-SWITCH' });
  assert.throws(
    () => commands.submit(foreign),
    /strategy PROBE cannot submit order .* of strategy RISK-KILL-SWITCH/,
  );
  assert.equal(h.exchange!.saw(foreign), false);
  assert.throws(() => commands.cancel(foreign), /cannot cancel/);
  assert.throws(() => commands.modify(foreign, { price: 99 }), /cannot modify/);
  const own = probe.buy(AAPL.id, 1, { price: 100 });
  assert.equal(own.status, 'accepted');
});
