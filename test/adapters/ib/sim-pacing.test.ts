import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { HISTORICAL_PACING_TEXT, SimPacingGuard } from '../../../src/adapters/ib/sim/pacing-guard.js';
import { RawClient, settle, startSim, until } from './helpers.js';

const key = (parameters: string, contract = '495512552') => ({
  contract,
  exchange: 'CME',
  tickType: 'TRADES',
  parameters,
});

describe('SimPacingGuard', () => {
  it('refuses the 51st message of a connection within one second, per connection', () => {
    let now = 0;
    const guard = new SimPacingGuard({ nowMs: () => now });
    for (let i = 0; i < 50; i++) assert.equal(guard.onMessage(1), undefined);
    assert.match(
      guard.onMessage(1) ?? '',
      /^Max rate of messages per second has been exceeded:max=50 rec=51/,
    );
    assert.equal(guard.onMessage(2), undefined, 'another connection has its own budget');
    now = 999;
    assert.notEqual(guard.onMessage(1), undefined);
    now = 1000;
    assert.equal(guard.onMessage(1), undefined, 'a second later the first messages left the window');
  });

  it("applies IB's historical rules to bars of 30 s or less only, not counting refused requests", () => {
    let now = 0;
    const guard = new SimPacingGuard({ nowMs: () => now });
    for (let i = 0; i < 5; i++) assert.equal(guard.onHistorical(key(`end${i}`), 5), undefined);
    assert.equal(guard.onHistorical(key('end5'), 5), HISTORICAL_PACING_TEXT, 'six for one contract in 2 s');
    assert.equal(guard.onHistorical(key('other'), 60), undefined, '1-minute bars are not paced');
    assert.equal(guard.onHistorical(key('end5', '1'), 5), undefined, 'another contract');
    now = 2000;
    assert.equal(guard.onHistorical(key('end5'), 5), undefined, 'the window moved on');
    assert.equal(guard.onHistorical(key('end0'), 5), HISTORICAL_PACING_TEXT, 'identical within 15 s');
    now = 15_000;
    assert.equal(guard.onHistorical(key('end0'), 5), undefined);
    // 60 in 10 minutes: 8 so far (incl. the other contract); spread the rest over distinct contracts.
    for (let i = 0; i < 52; i++) assert.equal(guard.onHistorical(key(`x${i}`, `c${i}`), 30), undefined);
    assert.equal(
      guard.onHistorical(key('y', 'c-last'), 30),
      HISTORICAL_PACING_TEXT,
      'the 61st in 10 minutes',
    );
    now = 600_000;
    assert.equal(guard.onHistorical(key('y', 'c-last'), 30), undefined);
  });
});

describe('ib-gateway-sim message rate (50/s)', () => {
  let sim: IbGatewaySimulator | undefined;
  let raw: RawClient | undefined;
  afterEach(async () => {
    raw?.close();
    await sim?.stop();
  });

  // A raw client: @stoqey/ib throttles its own requests, so it cannot produce a burst.
  const burst = async (pacing: boolean): Promise<{ times: number; rateErrors: string[][] }> => {
    sim = await startSim({ pacing });
    raw = await RawClient.open(sim.port);
    await raw.start(61);
    for (let i = 0; i < 60; i++) raw.send(['49', '1']);
    const answered = (): string[][] =>
      raw!.messages.filter((m) => m[0] === '49' || (m[0] === '4' && m[3] === '100'));
    await until(() => answered().length >= 60, 2000, 'answers');
    await settle(50);
    const rateErrors = raw.messages.filter((m) => m[0] === '4' && m[3] === '100');
    return { times: raw.messages.filter((m) => m[0] === '49').length, rateErrors };
  };

  it('answers error 100 (id −1) to each message beyond 50 in a second and drops it; the connection stays up', async () => {
    const { times, rateErrors } = await burst(true);
    // startApi counted too: 49 reqCurrentTime are answered, 11 refused.
    assert.deepEqual([times, rateErrors.length], [49, 11]);
    assert.equal(rateErrors[0][2], '-1');
    assert.match(rateErrors[0][4], /^Max rate of messages per second has been exceeded:max=50 rec=51/);
    assert.equal(sim!.connectionInfo().length, 1);
  });

  it('answers everything with pacing: false', async () => {
    const { times, rateErrors } = await burst(false);
    assert.deepEqual([times, rateErrors.length], [60, 0]);
  });
});
