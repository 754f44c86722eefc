import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { type ContractDetails, EventName, SecType } from '@stoqey/ib';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { connectClient, FIXED_NOW, once, RawClient, startSim, until } from './helpers.js';

/** Collects contractDetails of one request until contractDetailsEnd or an error. */
function contractDetails(
  client: Awaited<ReturnType<typeof connectClient>>,
  reqId: number,
  contract: Parameters<typeof client.ib.reqContractDetails>[1],
): Promise<ContractDetails[]> {
  const { ib } = client;
  return new Promise((resolve, reject) => {
    const found: ContractDetails[] = [];
    const onDetails = (id: number, details: ContractDetails): void => {
      if (id === reqId) found.push(details);
    };
    const onEnd = (id: number): void => {
      if (id !== reqId) return;
      cleanup();
      resolve(found);
    };
    const onError = (error: Error, code: number, id: number): void => {
      if (id !== reqId) return;
      cleanup();
      reject(Object.assign(error, { code }));
    };
    const cleanup = (): void => {
      ib.off(EventName.contractDetails, onDetails);
      ib.off(EventName.contractDetailsEnd, onEnd);
      ib.off(EventName.error, onError);
    };
    ib.on(EventName.contractDetails, onDetails);
    ib.on(EventName.contractDetailsEnd, onEnd);
    ib.on(EventName.error, onError);
    ib.reqContractDetails(reqId, contract);
  });
}

describe('IbGatewaySimulator with the real @stoqey/ib client', () => {
  let sim: IbGatewaySimulator;
  let client: Awaited<ReturnType<typeof connectClient>>;

  before(async () => {
    sim = await startSim({ accounts: ['DU1234567', 'DU7654321'], nextOrderId: 1000 });
    client = await connectClient(sim.port, 7);
  });

  after(async () => {
    client.ib.disconnect();
    await sim.stop();
  });

  it('binds an ephemeral port and negotiates server version 176 with a v100..193 client', () => {
    assert.ok(sim.port > 0);
    assert.equal(client.ib.serverVersion, 176);
    assert.deepEqual(
      sim.connectionInfo().map((c) => [c.clientId, c.serverVersion]),
      [[7, 176]],
    );
  });

  it('answers startApi with managed accounts and the next valid id', () => {
    assert.equal(client.accounts, 'DU1234567,DU7654321');
    assert.equal(client.nextValidId, 1000);
  });

  it('sends the farm notices, which the client reports as info', async () => {
    await until(() => client.infos.length >= 3, 2000, 'farm notices');
    assert.deepEqual(
      client.infos.map((i) => i.code),
      [2104, 2106, 2158],
    );
    assert.match(client.infos[0].message, /Market data farm connection is OK/);
    assert.deepEqual(client.errors, []);
  });

  it('answers reqCurrentTime from the injected clock', async () => {
    const reply = once<[number]>(client.ib, EventName.currentTime);
    client.ib.reqCurrentTime();
    assert.deepEqual(await reply, [FIXED_NOW / 1_000_000]);
  });

  it('answers reqIds and reqManagedAccts', async () => {
    const ids = once<[number]>(client.ib, EventName.nextValidId);
    client.ib.reqIds();
    assert.deepEqual(await ids, [1000]);
    const accounts = once<[string]>(client.ib, EventName.managedAccounts);
    client.ib.reqManagedAccts();
    assert.deepEqual(await accounts, ['DU1234567,DU7654321']);
  });

  it('lists the ES futures of the CME calendar, front month ESU5 with its real conId', async () => {
    const details = await contractDetails(client, 11, {
      symbol: 'ES',
      secType: SecType.FUT,
      exchange: 'CME',
      currency: 'USD',
    });
    assert.deepEqual(
      details.map((d) => d.contract.localSymbol),
      ['ESU5', 'ESZ5', 'ESH6', 'ESM6', 'ESU6'],
    );
    const front = details[0];
    assert.equal(front.contract.conId, 637533641);
    assert.equal(front.contract.lastTradeDateOrContractMonth, '20250919'); // 3rd Friday of Sep 2025
    assert.equal(front.contract.multiplier, 50);
    assert.equal(front.contract.exchange, 'CME');
    assert.equal(front.contract.tradingClass, 'ES');
    assert.equal(front.contract.currency, 'USD');
    assert.equal(front.contractMonth, '202509');
    assert.equal(front.realExpirationDate, '20250919');
    assert.equal(front.underConId, 11004968);
    assert.equal(front.timeZoneId, 'US/Central');
    assert.match(front.tradingHours ?? '', /^20250814:1700-20250815:1600;20250816:CLOSED;20250817:CLOSED;/);
    assert.match(front.liquidHours ?? '', /^20250815:0830-20250815:1500;/);
    // contractData's minTick is read with readDouble, so it survives intact. The integer-parsing
    // quirk of @stoqey/ib 1.6.10 is in tickReqParams (decodeMsg_TICK_REQ_PARAMS uses readInt,
    // 0.25 → 0): the market-data layer must take the tick size from here, not from that message.
    assert.equal(front.minTick, 0.25);
    assert.equal(details[1].contract.conId, 495512563, 'ESZ5 has its real conId too');
  });

  it('resolves one month by local symbol, and MES with multiplier 5', async () => {
    const [z5] = await contractDetails(client, 12, { localSymbol: 'ESZ5', secType: SecType.FUT });
    assert.equal(z5.contract.conId, 495512563);
    assert.equal(z5.contract.lastTradeDateOrContractMonth, '20251219');
    const mes = await contractDetails(client, 13, {
      symbol: 'MES',
      secType: SecType.FUT,
      lastTradeDateOrContractMonth: '202512',
    });
    assert.equal(mes.length, 1);
    assert.equal(mes[0].contract.localSymbol, 'MESZ5');
    assert.equal(mes[0].contract.multiplier, 5);
    assert.equal(mes[0].minTick, 0.25);
    assert.equal(mes[0].underConId, 362673777);
  });

  it('answers a stock', async () => {
    const [aapl] = await contractDetails(client, 14, {
      symbol: 'AAPL',
      secType: SecType.STK,
      exchange: 'SMART',
      currency: 'USD',
    });
    assert.equal(aapl.contract.conId, 265598);
    assert.equal(aapl.contract.primaryExch, 'NASDAQ');
    assert.equal(aapl.minTick, 0.01);
    assert.equal(aapl.longName, 'APPLE INC');
  });

  it('answers error 200 for an unknown contract or an expired one without includeExpired', async () => {
    await assert.rejects(
      contractDetails(client, 15, { symbol: 'NOPE', secType: SecType.STK, exchange: 'SMART' }),
      (e: Error & { code?: number }) => e.code === 200 && /No security definition/.test(e.message),
    );
    await assert.rejects(contractDetails(client, 16, { localSymbol: 'ESZ3', secType: SecType.FUT }), {
      code: 200,
    });
    const [z3] = await contractDetails(client, 17, {
      localSymbol: 'ESZ3',
      secType: SecType.FUT,
      includeExpired: true,
    });
    assert.equal(z3.contract.conId, 495512552);
    assert.equal(z3.contract.lastTradeDateOrContractMonth, '20231215');
  });

  it('refuses a duplicate client id with error 326 and closes that connection', async () => {
    const { IBApi } = await import('@stoqey/ib');
    const second = new IBApi({ host: '127.0.0.1', port: sim.port });
    const infos: number[] = [];
    second.on(EventName.info, (_m: string, code: number) => infos.push(code));
    const disconnected = once(second, EventName.disconnected);
    second.connect(7);
    await disconnected;
    // TWS sends 326 with id −1, which @stoqey/ib reports as `info`, not `error`.
    assert.deepEqual(infos, [326]);
    second.disconnect();
    assert.equal(sim.connectionInfo().length, 1, 'the first client keeps its connection');
  });

  it('answers a request it does not simulate yet with an error naming it', async () => {
    // reqMarketDataType carries no request id: the error has id −1, which @stoqey/ib reports as info.
    const info = once<[string, number]>(client.ib, EventName.info);
    client.ib.reqMarketDataType(1);
    const [message, code] = await info;
    assert.equal(code, 321);
    assert.match(message, /REQ_MARKET_DATA_TYPE \(message id 59\) is not simulated yet/);
  });
});

describe('IbGatewaySimulator on the raw wire', () => {
  let sim: IbGatewaySimulator;
  const lines: string[] = [];
  before(async () => {
    const log = (m: string): void => {
      lines.push(m);
    };
    sim = await startSim({ log: { debug: log, info: log, warn: log, error: log } });
  });
  after(() => sim.stop());

  it('answers min(176, client max): 170 for a v157..170 client, 176 for v157..178', async () => {
    const a = await RawClient.open(sim.port);
    a.hello(157, 170);
    const [version] = await a.waitFor(() => true);
    assert.equal(version, '170');
    a.close();
    const b = await RawClient.open(sim.port);
    b.hello(157, 178);
    const hello = await b.waitFor(() => true);
    assert.deepEqual(hello, ['176', '20250815 09:30:00 US/Central']);
    b.close();
  });

  it('refuses a client whose range excludes 164..176: replies 176 (client reports 503) and closes', async () => {
    for (const [min, max] of [
      [100, 150],
      [201, 210],
    ]) {
      const raw = await RawClient.open(sim.port);
      raw.hello(min, max);
      await until(() => raw.closed, 2000, 'close');
      assert.deepEqual(raw.messages[0]?.[0], '176');
    }
    assert.ok(lines.some((l) => /exclude the simulator's 164\.\.176/.test(l)));
  });

  it('closes a connection that does not start with API\\0', async () => {
    const raw = await RawClient.open(sim.port);
    raw.socket.write('GET / HTTP/1.1\r\n\r\n');
    await until(() => raw.closed, 2000, 'close');
    assert.ok(lines.some((l) => /must start with the bytes 'API\\0'/.test(l)));
  });

  it('answers an unknown message id with 505 and a malformed field with 321, and keeps serving', async () => {
    const raw = await RawClient.open(sim.port);
    await raw.start(3);
    raw.send(['4242', '1']);
    const unknown = await raw.waitFor((m) => m[0] === '4' && m[3] === '505');
    assert.match(unknown[4], /Unknown message id 4242/);
    raw.send(['9', '8', 'notanumber']);
    const bad = await raw.waitFor((m) => m[0] === '4' && m[3] === '321');
    assert.match(bad[4], /REQ_CONTRACT_DETAILS: not an integer .*'reqId'.*'notanumber'/);
    raw.send(['49', '1']);
    const time = await raw.waitFor((m) => m[0] === '49');
    assert.deepEqual(time, ['49', '1', String(FIXED_NOW / 1_000_000)]);
    assert.ok(lines.some((l) => /Unknown message id 4242/.test(l)));
    raw.close();
  });

  it('omits the advancedOrderReject field of errors below server version 166', async () => {
    const raw = await RawClient.open(sim.port);
    raw.hello(164, 165);
    await raw.waitFor(() => true);
    raw.send(['71', '2', '9', '']);
    const notice = await raw.waitFor((m) => m[0] === '4' && m[3] === '2104');
    assert.equal(notice.length, 5);
    raw.close();
  });
});

test('bourse ib-gateway-sim: --speed needs --data or --catalog, --series needs --data; a bad speed is refused (exit 2)', async () => {
  const { spawnSync } = await import('node:child_process');
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'ib-gateway-sim', '--port', '0', ...args],
      {
        cwd: new URL('../../../', import.meta.url).pathname,
        encoding: 'utf8',
        env: { ...process.env, BOURSE_CONFIG: '' },
      },
    );
  const noData = run('--speed', '10');
  assert.equal(noData.status, 2);
  assert.match(noData.stderr, /--speed needs --data or --catalog/);
  const seriesOnly = run('--series', 'ESZ3');
  assert.equal(seriesOnly.status, 2);
  assert.match(seriesOnly.stderr, /--series needs --data/);
  const both = run('--data', 'data/2006-day-001.txt', '--catalog', 'cat');
  assert.equal(both.status, 2);
  assert.match(both.stderr, /give --data <file> or --catalog <dir>, not both/);
  const badSpeed = run('--data', 'data/2006-day-001.txt', '--speed', '0');
  assert.equal(badSpeed.status, 2);
  assert.match(badSpeed.stderr, /--speed: a positive number, got '0'/);
});
