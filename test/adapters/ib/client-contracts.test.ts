import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ContractDetails, IBApi, SecType } from '@stoqey/ib';
import {
  ContractResolver,
  contractForInstrument,
  IbConnection,
  IbRequestError,
  IbRequests,
  IbRequestTimeout,
  instrumentFromDetails,
  rollTimeBefore,
} from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/sim/index.js';
import type { Log } from '../../../src/core/log.js';
import { futureContract } from '../../../src/model/instruments.js';
import { microsFromIso } from '../../../src/model/time.js';
import { FIXED_NOW, startSim } from './helpers.js';

let sim: IbGatewaySimulator;
let conn: IbConnection;
let requests: IbRequests;
/** reqContractDetails calls that reached the client (a wrapped IBApi). */
let sentDetails = 0;

before(async () => {
  sim = await startSim();
  conn = new IbConnection({
    port: sim.port,
    clientId: 3,
    connectTimeoutMs: 1000,
    heartbeatIntervalMs: 60_000,
    createApi: (options) => {
      const api = new IBApi(options);
      const original = api.reqContractDetails.bind(api);
      api.reqContractDetails = (reqId, contract) => {
        sentDetails++;
        return original(reqId, contract);
      };
      return api;
    },
  });
  requests = new IbRequests(conn, { defaultTimeoutMs: 2000 });
  await conn.connect(2000);
});

after(async () => {
  requests.close();
  await conn.close();
  await sim.stop();
});

const at = (iso: string) => ({ now: () => microsFromIso(iso) });

describe('IbRequests', () => {
  it('collects contractDetails … contractDetailsEnd', async () => {
    const list = await requests.contractDetails({ secType: SecType.FUT, symbol: 'ES', exchange: 'CME' });
    assert.equal(list.length, 5, 'five listed quarterly months');
    assert.equal(requests.inFlight, 0);
  });

  it('maps error 200 with the request id to IbRequestError', async () => {
    const err = await requests
      .contractDetails({ secType: SecType.STK, symbol: 'NOSUCH', exchange: 'SMART', currency: 'USD' })
      .then(
        () => assert.fail('should reject'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof IbRequestError);
    assert.equal(err.ibCode, 200);
    assert.match(err.message, /reqContractDetails\(NOSUCH STK SMART\).*error 200: No security definition/);
  });

  it('times out with IbRequestTimeout naming the request', async () => {
    sim.stall();
    try {
      const started = Date.now();
      const err = await requests
        .contractDetails({ secType: SecType.FUT, localSymbol: 'ESZ5', exchange: 'CME' }, { timeoutMs: 150 })
        .then(
          () => assert.fail('should time out'),
          (e: unknown) => e,
        );
      assert.ok(err instanceof IbRequestTimeout);
      assert.equal(err.timeoutMs, 150);
      assert.match(
        err.message,
        /reqContractDetails\(ESZ5 FUT CME\) \(reqId \d+\) got no answer within 150 ms/,
      );
      assert.ok(Date.now() - started < 3000, 'the 150-ms timeout, not a later one, ended the request');
      assert.equal(requests.inFlight, 0);
    } finally {
      sim.resume();
    }
  });
});

describe('ContractResolver', () => {
  it('ES front month by expiry and the 8-business-day roll rule', async () => {
    const before = new ContractResolver(requests, { clock: { now: () => FIXED_NOW } });
    const esU5 = await before.resolve('ES');
    assert.equal(esU5.instrument.id, 'ESU5.CME');
    assert.equal(esU5.conId, 637533641);

    // ESU5 last trades 2025-09-19 08:30 CT; 8 CME business days earlier is 2025-09-09 08:30 CT.
    const expiry = futureContract('ES', 2025, 9).expiry as number;
    assert.equal(rollTimeBefore(expiry, 8), microsFromIso('2025-09-09T13:30:00Z'));
    const justBefore = new ContractResolver(requests, { clock: at('2025-09-09T13:29:00Z') });
    assert.equal((await justBefore.resolve('ES')).instrument.id, 'ESU5.CME');
    const rolled = new ContractResolver(requests, { clock: at('2025-09-10T14:00:00Z') });
    const esZ5 = await rolled.resolve({ kind: 'front-month', root: 'ES' });
    assert.equal(esZ5.instrument.id, 'ESZ5.CME');
    assert.equal(esZ5.conId, 495512563);
    // A different roll rule: 0 days holds the September contract until it expires.
    const noRoll = new ContractResolver(requests, {
      clock: at('2025-09-10T14:00:00Z'),
      rollBusinessDays: { ES: 0 },
    });
    assert.equal((await noRoll.resolve('ES')).instrument.id, 'ESU5.CME');
    const mes = await before.resolve('MES');
    assert.equal(mes.instrument.id, 'MESU5.CME');
    assert.equal(mes.instrument.multiplier, 5);
  });

  it('ESZ5 by local symbol, mapped to a Bourse instrument (tick 0.25, multiplier 50)', async () => {
    const resolver = new ContractResolver(requests, { clock: { now: () => FIXED_NOW } });
    const r = await resolver.resolve('ESZ5');
    assert.equal(r.conId, 495512563);
    const i = r.instrument;
    assert.equal(i.kind, 'future');
    assert.equal(i.id, 'ESZ5.CME');
    assert.equal(i.priceGrid.increment, 0.25);
    assert.equal(i.multiplier, 50);
    assert.equal(i.currency.code, 'USD');
    assert.equal(i.kind === 'future' && i.contractMonth, '202512');
    assert.equal(i.kind === 'future' && i.exchange, 'CME');
    assert.deepEqual(r.contract.conId, 495512563);
    assert.equal(r.details.minTick, 0.25, '@stoqey/ib 1.6.10 reads contractData minTick as a double');
    // Instrument id → resolved contract, and back to an IB lookup contract.
    assert.equal((await resolver.resolveInstrumentId('ESZ5.CME')).conId, 495512563);
    assert.equal(resolver.contractFor('ESZ5.CME')?.conId, 495512563);
    const lookup = contractForInstrument(i);
    assert.equal(lookup.localSymbol, 'ESZ5');
    assert.equal(lookup.secType, SecType.FUT);
    assert.equal(lookup.lastTradeDateOrContractMonth, '202512');
    assert.equal((await resolver.resolve({ kind: 'conId', conId: 495512563 })).instrument.id, 'ESZ5.CME');
  });

  it('AAPL stock on SMART/USD maps to AAPL.NASDAQ with tick 0.01', async () => {
    const resolver = new ContractResolver(requests);
    const r = await resolver.resolve('AAPL');
    assert.equal(r.conId, 265598);
    assert.equal(r.instrument.kind, 'equity');
    assert.equal(r.instrument.id, 'AAPL.NASDAQ');
    assert.equal(r.instrument.priceGrid.increment, 0.01);
    assert.equal(r.instrument.multiplier, 1);
    const lookup = contractForInstrument(r.instrument);
    assert.deepEqual(
      [lookup.secType, lookup.exchange, lookup.primaryExch, lookup.currency],
      [SecType.STK, 'SMART', 'NASDAQ', 'USD'],
    );
    await assert.rejects(
      resolver.resolve('NOSUCH'),
      (e: unknown) => e instanceof IbRequestError && e.ibCode === 200,
    );
  });

  it('caches: a second resolve sends no request', async () => {
    const resolver = new ContractResolver(requests, { clock: { now: () => FIXED_NOW } });
    const start = sentDetails;
    await resolver.resolve('ESZ5');
    await resolver.resolve('ES');
    assert.equal(sentDetails - start, 2);
    const again = await Promise.all([
      resolver.resolve('ESZ5'),
      resolver.resolve('ES'),
      resolver.resolve('ES'),
      resolver.resolveInstrumentId('ESZ5.CME'),
    ]);
    assert.equal(sentDetails - start, 2, 'served from the cache');
    assert.equal(resolver.requestsSent, 2);
    assert.equal(again[0], again[3]);
    assert.equal(resolver.byId(637533641)?.instrument.id, 'ESU5.CME');
    // Two concurrent first resolves of one query share one request.
    const fresh = new ContractResolver(requests);
    const before = sentDetails;
    await Promise.all([fresh.resolve('AAPL'), fresh.resolve('AAPL')]);
    assert.equal(sentDetails - before, 1);
  });
});

describe('minTick handling', () => {
  const details = (minTick: number | undefined): ContractDetails => ({
    contract: {
      conId: 495512563,
      symbol: 'ES',
      secType: SecType.FUT,
      lastTradeDateOrContractMonth: '20251219',
      exchange: 'CME',
      currency: 'USD',
      localSymbol: 'ESZ5',
      tradingClass: 'ES',
      multiplier: 50,
    },
    minTick,
    contractMonth: '202512',
  });

  it('falls back to the futures spec (with a warning) when minTick is 0 or not a positive finite number', () => {
    for (const bad of [0, undefined, Number.NaN, -0.25, Number.MAX_VALUE, Number.POSITIVE_INFINITY]) {
      const warnings: string[] = [];
      const log: Log = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
      const i = instrumentFromDetails(details(bad), log);
      assert.equal(i.priceGrid.increment, 0.25, `minTick ${bad}`);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /ESZ5.*minTick.*using 0\.25 from the ES futures spec/);
    }
    const ok = instrumentFromDetails(details(0.5));
    assert.equal(ok.priceGrid.increment, 0.5, 'a valid minTick wins over the spec');
  });
});
