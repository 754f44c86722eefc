/**
 * What IB reports, for reconciliation: open orders (reqAllOpenOrders + their orderStatus), completed
 * orders (reqCompletedOrders), executions since a time (reqExecutions) and positions (reqPositions),
 * as `BrokerReport` with kernel instrument ids. Each request has a timeout.
 */
import {
  type CommissionReport,
  type Contract,
  EventName,
  type Execution,
  type IBApi,
  type Order as IbOrder,
  type OrderState,
} from '@stoqey/ib';
import type { InstrumentId } from '../../../model/identifiers.js';
import type { UnixMicros } from '../../../model/time.js';
import type {
  BrokerReport,
  ReconFill,
  ReconOrder,
  ReconPosition,
} from '../../../portfolio/reconciliation-types.js';
import type { IbConnection } from './connection.js';
import type { ContractResolver } from './contracts.js';
import { IbRequestTimeout } from './errors.js';
import { formatUtcTime, parseIbTime } from './ib-time.js';
import {
  ibNumber,
  kernelPricesOf,
  kernelStatusOf,
  kernelTifOf,
  kernelTypeOf,
  sideOfAction,
} from './order-mapping.js';

export interface BrokerReportDeps {
  readonly connection: IbConnection;
  readonly contracts: ContractResolver;
  readonly now: () => UnixMicros;
  /** Per request (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Request ids for reqExecutions (IbRequests.nextRequestId). */
  readonly nextRequestId: () => number;
}

type Listener = (...args: never[]) => void;

/**
 * Sends a request whose answer is a run of messages ended by `end`; listeners live only for it.
 * `on` registers the listeners and returns them for removal.
 */
async function collect(
  deps: BrokerReportDeps,
  name: string,
  listen: (api: IBApi, done: () => void) => [EventName, Listener][],
  send: (api: IBApi) => void,
): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const api = await deps.connection.whenReady(timeoutMs);
  const emitter = api as unknown as {
    on(event: string, listener: Listener): void;
    off(event: string, listener: Listener): void;
  };
  await new Promise<void>((resolve, reject) => {
    let listeners: [EventName, Listener][] = [];
    const stop = (): void => {
      clearTimeout(timer);
      for (const [event, listener] of listeners) emitter.off(event, listener);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new IbRequestTimeout(name, -1, timeoutMs));
    }, timeoutMs);
    listeners = listen(api, () => {
      stop();
      resolve();
    });
    for (const [event, listener] of listeners) emitter.on(event, listener);
    deps.connection.send(name, send).catch((error: unknown) => {
      stop();
      reject(error);
    });
  });
}

async function instrumentIdOf(deps: BrokerReportDeps, contract: Contract): Promise<InstrumentId> {
  if (contract.conId === undefined)
    throw new RangeError(`contract ${contract.localSymbol ?? contract.symbol}: no conId`);
  const known = deps.contracts.byId(contract.conId);
  if (known !== undefined) return known.instrument.id;
  return (await deps.contracts.resolve({ kind: 'conId', conId: contract.conId, exchange: contract.exchange }))
    .instrument.id;
}

async function reconOrder(
  deps: BrokerReportDeps,
  contract: Contract,
  order: IbOrder,
  status: string,
  filled: number,
  averagePrice: number | undefined,
): Promise<ReconOrder> {
  const type = kernelTypeOf(order.orderType);
  const tif = kernelTifOf(order.tif);
  const expireTime = tif === 'GTD' ? parseIbTime(order.goodTillDate) : undefined;
  return {
    accountId: order.account ?? '',
    ...(order.orderRef ? { clientOrderId: order.orderRef } : {}),
    ...(order.orderId !== undefined ? { venueOrderId: String(order.orderId) } : {}),
    ...(order.permId ? { externalId: String(order.permId) } : {}),
    instrumentId: await instrumentIdOf(deps, contract),
    side: sideOfAction(order.action),
    ...(type !== undefined ? { type } : {}),
    timeInForce: tif,
    quantity: Number(order.totalQuantity ?? 0),
    filledQuantity: filled,
    status: kernelStatusOf(status, filled),
    ...kernelPricesOf(order),
    ...(averagePrice !== undefined && filled > 0 ? { averagePrice } : {}),
    ...(expireTime !== undefined ? { expireTime } : {}),
  };
}

async function openOrders(deps: BrokerReportDeps): Promise<ReconOrder[]> {
  const seen = new Map<number, { contract: Contract; order: IbOrder; state: OrderState }>();
  const filled = new Map<number, { filled: number; avg: number; status: string }>();
  await collect(
    deps,
    'reqAllOpenOrders',
    (_api, done) => [
      [
        EventName.openOrder,
        ((orderId: number, contract: Contract, order: IbOrder, state: OrderState) =>
          seen.set(order.permId ?? orderId, { contract, order: { ...order, orderId }, state })) as Listener,
      ],
      [
        EventName.orderStatus,
        ((_id: number, status: string, f: number, _r: number, avg: number, permId?: number) => {
          if (permId) filled.set(permId, { filled: Number(f), avg: Number(avg), status });
        }) as Listener,
      ],
      [EventName.openOrderEnd, done as Listener],
    ],
    (api) => api.reqAllOpenOrders(),
  );
  const out: ReconOrder[] = [];
  for (const [permId, { contract, order, state }] of seen) {
    const s = filled.get(permId);
    out.push(
      await reconOrder(deps, contract, order, s?.status ?? String(state.status), s?.filled ?? 0, s?.avg),
    );
  }
  return out;
}

async function completedOrders(deps: BrokerReportDeps): Promise<ReconOrder[]> {
  const seen: { contract: Contract; order: IbOrder; state: OrderState }[] = [];
  await collect(
    deps,
    'reqCompletedOrders',
    (_api, done) => [
      [
        EventName.completedOrder,
        ((contract: Contract, order: IbOrder, state: OrderState) =>
          seen.push({ contract, order, state })) as Listener,
      ],
      [EventName.completedOrdersEnd, done as Listener],
    ],
    (api) => api.reqCompletedOrders(false),
  );
  return Promise.all(
    seen.map(({ contract, order, state }) =>
      reconOrder(deps, contract, order, String(state.status), Number(order.filledQuantity ?? 0), undefined),
    ),
  );
}

async function executions(deps: BrokerReportDeps, since: UnixMicros | undefined): Promise<ReconFill[]> {
  const reqId = deps.nextRequestId();
  const execs: { contract: Contract; execution: Execution }[] = [];
  const commissions = new Map<string, number>();
  await collect(
    deps,
    `reqExecutions(${reqId})`,
    (_api, done) => [
      [
        EventName.execDetails,
        ((id: number, contract: Contract, execution: Execution) => {
          if (id === reqId) execs.push({ contract, execution });
        }) as Listener,
      ],
      [
        EventName.commissionReport,
        ((report: CommissionReport) => {
          if (report.execId !== undefined && report.commission !== undefined)
            commissions.set(report.execId, report.commission);
        }) as Listener,
      ],
      [
        EventName.execDetailsEnd,
        ((id: number) => {
          if (id === reqId) done();
        }) as Listener,
      ],
    ],
    (api) => api.reqExecutions(reqId, since !== undefined ? { time: formatUtcTime(since) } : {}),
  );
  const out: ReconFill[] = [];
  for (const { contract, execution: e } of execs) {
    const commission = commissions.get(e.execId ?? '');
    out.push({
      execId: e.execId ?? '',
      accountId: e.acctNumber ?? '',
      instrumentId: await instrumentIdOf(deps, contract),
      ...(e.orderRef ? { clientOrderId: e.orderRef } : {}),
      ...(e.orderId !== undefined ? { venueOrderId: String(e.orderId) } : {}),
      ...(e.permId ? { externalId: String(e.permId) } : {}),
      side: sideOfAction(e.side),
      quantity: Number(e.shares ?? 0),
      price: ibNumber(e.price) ?? 0,
      ...(commission !== undefined && commission < Number.MAX_VALUE ? { commission } : {}),
      tsEvent: parseIbTime(e.time) ?? deps.now(),
    });
  }
  return out.sort((a, b) => a.tsEvent - b.tsEvent);
}

async function positions(deps: BrokerReportDeps): Promise<ReconPosition[]> {
  const rows: { account: string; contract: Contract; pos: number; avgCost: number }[] = [];
  await collect(
    deps,
    'reqPositions',
    (_api, done) => [
      [
        EventName.position,
        ((account: string, contract: Contract, pos: number, avgCost?: number) =>
          rows.push({ account, contract, pos: Number(pos), avgCost: Number(avgCost ?? 0) })) as Listener,
      ],
      [EventName.positionEnd, done as Listener],
    ],
    (api) => api.reqPositions(),
  );
  await deps.connection.send('cancelPositions', (api) => api.cancelPositions()).catch(() => undefined);
  const out: ReconPosition[] = [];
  for (const row of rows) {
    if (row.pos === 0) continue;
    const instrumentId = await instrumentIdOf(deps, row.contract);
    const instrument = deps.contracts.byId(row.contract.conId ?? 0)?.instrument;
    // IB's average cost is per contract (price × multiplier) for futures.
    const multiplier = instrument?.kind === 'future' ? instrument.multiplier : 1;
    const average = row.avgCost / multiplier;
    out.push({
      accountId: row.account,
      instrumentId,
      quantity: row.pos,
      // An average of fills need not sit on the tick grid: only float noise is removed.
      averagePrice: Math.round(average * 1e8) / 1e8,
    });
  }
  return out;
}

/** The broker's view: open + completed orders, executions since `since`, positions. */
export async function brokerReport(deps: BrokerReportDeps, since?: UnixMicros): Promise<BrokerReport> {
  // One at a time: the open-orders and positions answers carry no request id.
  const open = await openOrders(deps);
  const completed = await completedOrders(deps);
  const fills = await executions(deps, since);
  const held = await positions(deps);
  const openIds = new Set(open.map((o) => o.externalId));
  return {
    ts: deps.now(),
    orders: [...open, ...completed.filter((o) => !openIds.has(o.externalId))],
    executions: fills,
    ...(since !== undefined ? { executionsSince: since } : {}),
    positions: held,
  };
}
