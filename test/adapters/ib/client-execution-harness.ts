/** Test harness: the simulator on replayed ESZ3 bars, a real client connection and IbExecution. */

import { type CommissionEstimator, IbExecution } from '../../../src/adapters/ib/client/execution.js';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import { TestClock } from '../../../src/core/clock.js';
import type { ExecutionClient } from '../../../src/execution/engine.js';
import type { Bar } from '../../../src/model/data.js';
import type { Instrument } from '../../../src/model/instruments.js';
import { Order, type OrderInit } from '../../../src/model/order.js';
import { eventIds, type OrderEvent } from '../../../src/model/order-events.js';
import type { Correction } from '../../../src/portfolio/reconciliation-types.js';
import { settle, startSim, until } from './helpers.js';

const { series } = loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' });
export const BARS: readonly Bar[] = series.bars.slice(0, 3000);

export interface ExecHarness {
  readonly sim: IbGatewaySimulator;
  readonly conn: IbConnection;
  readonly requests: IbRequests;
  readonly contracts: ContractResolver;
  readonly exec: IbExecution;
  readonly client: ExecutionClient;
  readonly instrument: Instrument;
  readonly clock: TestClock;
  /** Every item the execution emitted, in order. */
  readonly items: Correction[];
  /** Kernel orders by client order id (adopted ones too); events are applied to them (invalid ones throw). */
  readonly orders: Map<string, Order>;
  /** Errors applying events (an invalid transition is a bug). */
  readonly applyErrors: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly sim?: IbGatewaySimulator;
  readonly clientId?: number;
  readonly commission?: CommissionEstimator;
  readonly commissionTimeoutMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<ExecHarness> {
  const sim = options.sim ?? (await startSim({ bars: BARS, nextOrderId: 100 }));
  if (options.sim === undefined) await sim.replay.step(5);
  const clock = new TestClock(BARS[0].tsEvent);
  const conn = new IbConnection({ port: sim.port, clientId: options.clientId ?? 1, connectTimeoutMs: 2000 });
  const requests = new IbRequests(conn, { defaultTimeoutMs: 2000 });
  const contracts = new ContractResolver(requests, { clock: { now: () => sim.now() } });
  const exec = new IbExecution({
    connection: conn,
    requests,
    contracts,
    clock,
    commission: options.commission,
    commissionTimeoutMs: options.commissionTimeoutMs,
  });
  await conn.connect(2000);
  const instrument = (await contracts.resolve('ESZ3.CME')).instrument;
  const items: Correction[] = [];
  const orders = new Map<string, Order>();
  const applyErrors: string[] = [];
  exec.on((item) => {
    items.push(item);
    try {
      if (item.kind === 'adopt') orders.set(item.init.clientOrderId, new Order(item.init));
      else orders.get(item.event.clientOrderId)?.apply(item.event);
    } catch (error) {
      applyErrors.push((error as Error).message);
    }
  });
  return {
    sim,
    conn,
    requests,
    contracts,
    exec,
    client: exec.clientFor('CME'),
    instrument,
    clock,
    items,
    orders,
    applyErrors,
    close: async () => {
      exec.close();
      requests.close();
      await conn.close();
      if (options.sim === undefined) await sim.stop();
    },
  };
}

let sequence = 0;

/** A kernel order in state `submitted` (as the engine leaves it before calling the client). */
export function submittedOrder(
  h: ExecHarness,
  init: Partial<OrderInit> & Pick<OrderInit, 'side' | 'type'>,
): Order {
  const order = new Order({
    clientOrderId: `T-${++sequence}`,
    strategyId: 'S1',
    instrumentId: h.instrument.id,
    quantity: 1,
    timeInForce: 'GTC',
    tsInit: h.clock.now(),
    ...init,
  });
  h.orders.set(order.clientOrderId, order);
  order.apply({ kind: 'submitted', ...eventIds(order), tsEvent: h.clock.now(), tsInit: h.clock.now() });
  return order;
}

/** The kernel events emitted for one order. */
export function eventsOf(h: ExecHarness, clientOrderId: string): OrderEvent[] {
  return h.items.flatMap((i) =>
    i.kind === 'event' && i.event.clientOrderId === clientOrderId ? [i.event] : [],
  );
}

export const kindsOf = (h: ExecHarness, id: string): string[] => eventsOf(h, id).map((e) => e.kind);

/** Steps bars until `done` (bounded). */
export async function stepUntil(
  h: ExecHarness,
  done: () => boolean,
  what: string,
  maxBars = 1500,
): Promise<void> {
  for (let n = 0; n < maxBars; n++) {
    if (done()) return;
    await h.sim.replay.step();
    await settle(3);
    await h.exec.idle();
  }
  if (!done()) throw new Error(`not done after ${maxBars} bars: ${what}`);
}

/** Waits for a condition on emitted items (messages arrive asynchronously). */
export async function waitFor(h: ExecHarness, done: () => boolean, what: string): Promise<void> {
  await until(
    () => {
      return done();
    },
    3000,
    what,
  );
  await h.exec.idle();
}

export const lastClose = (h: ExecHarness): number => BARS[h.sim.replay.count - 1].close;
