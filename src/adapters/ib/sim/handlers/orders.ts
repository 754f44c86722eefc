/**
 * Order requests: placeOrder (new or modify), cancelOrder, reqGlobalCancel, reqOpenOrders,
 * reqAllOpenOrders, reqAutoOpenOrders, reqExecutions. Live order updates are sent by the gateway
 * from the venue's notices (`venueNoticeMessages`).
 */
import { equity, futureContract, type Instrument } from '../../../../model/instruments.js';
import { IncomingMessageId } from '../../protocol/message-ids.js';
import type { SimContract } from '../contracts.js';
import { errorMessage } from '../messages.js';
import {
  commissionReportMessage,
  completedOrderMessage,
  completedOrdersEndMessage,
  execDetailsEndMessage,
  execDetailsMessage,
  openOrderEndMessage,
  openOrderMessage,
  orderStatusMessage,
} from '../order-messages.js';
import { parseFilterTime } from '../time-format.js';
import { isTerminal } from '../venue/order-book.js';
import { OrderErrorCode, type VenueExecution, type VenueOrder } from '../venue/types.js';
import { describeQuery } from './contracts.js';
import { readPlaceOrder } from './place-order-request.js';
import { MASTER_CLIENT_ID, type RequestHandler, type SimConnection, type SimServer } from './types.js';

/** The kernel instrument of a listed contract (margins from the futures spec). */
export function instrumentOfContract(contract: SimContract): Instrument {
  if (contract.secType === 'FUT') {
    const month = Number(contract.contractMonth.slice(4));
    return futureContract(contract.symbol, Number(contract.contractMonth.slice(0, 4)), month);
  }
  return equity({ symbol: contract.symbol, venue: contract.primaryExch });
}

const placeOrder: RequestHandler = (sim, c, r, version) => {
  const req = readPlaceOrder(r, version);
  const clientId = c.clientId ?? 0;
  const refuse = (code: number, text: string): void => {
    sim.log.info(`ib-gateway-sim: #${c.id} placeOrder ${req.orderId} refused: ${code} ${text}`);
    sim.send(c, errorMessage(version, req.orderId, code, text));
  };
  const found = sim.catalog.find(req.contract, sim.now());
  if (found.length !== 1) {
    refuse(
      OrderErrorCode.NO_SECURITY_DEFINITION,
      found.length === 0
        ? 'No security definition has been found for the request'
        : `The contract description specified for ${describeQuery(req.contract)} is ambiguous (${found.length} contracts)`,
    );
    return;
  }
  sim.useOrderId(req.orderId);
  const refusal = sim.venue.place(clientId, req, found[0], instrumentOfContract(found[0]));
  if (refusal !== undefined) refuse(refusal.code, refusal.text);
};

const cancelOrder: RequestHandler = (sim, c, r, version) => {
  r.int('version');
  const orderId = r.int('orderId');
  r.optionalStr('manualOrderCancelTime');
  const refusal = sim.venue.cancel(c.clientId ?? 0, orderId);
  if (refusal !== undefined) sim.send(c, errorMessage(version, orderId, refusal.code, refusal.text));
};

/** Open orders a request lists: all of them, or those of the requesting client. */
function sendOpenOrders(sim: SimServer, c: SimConnection, version: number, all: boolean): void {
  for (const order of sim.venue.book.open())
    if (all || order.clientId === c.clientId) {
      sim.send(c, openOrderMessage(version, order));
      sim.send(c, orderStatusMessage(order));
    }
  sim.send(c, openOrderEndMessage());
}

interface ExecutionFilter {
  readonly clientId: number;
  readonly account: string;
  readonly since: number | undefined;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly side: string;
}

function matchesFilter(e: VenueExecution, f: ExecutionFilter): boolean {
  return (
    (f.clientId === 0 || e.clientId === f.clientId) &&
    (f.account === '' || e.account === f.account) &&
    (f.since === undefined || e.time >= f.since) &&
    (f.symbol === '' || e.contract.symbol === f.symbol.toUpperCase()) &&
    (f.secType === '' || e.contract.secType === f.secType.toUpperCase()) &&
    (f.exchange === '' || e.exchange === f.exchange.toUpperCase()) &&
    (f.side === '' || (f.side.toUpperCase().startsWith('B') ? e.side === 'BOT' : e.side === 'SLD'))
  );
}

const reqExecutions: RequestHandler = (sim, c, r, version) => {
  r.int('version');
  const reqId = r.int('reqId');
  const clientId = r.int('clientId');
  const account = r.str('acctCode');
  const timeText = r.str('time');
  const filter: ExecutionFilter = {
    clientId,
    account,
    since: undefined,
    symbol: r.str('symbol'),
    secType: r.str('secType'),
    exchange: r.str('exchange'),
    side: r.str('side'),
  };
  let since: number | undefined;
  try {
    since = parseFilterTime(timeText);
  } catch (error) {
    sim.send(
      c,
      errorMessage(
        version,
        reqId,
        OrderErrorCode.VALIDATION,
        error instanceof Error ? error.message : String(error),
      ),
    );
    return;
  }
  const visible = (e: VenueExecution): boolean =>
    c.clientId === MASTER_CLIENT_ID || e.clientId === c.clientId;
  for (const e of sim.venue.book.executions())
    if (visible(e) && matchesFilter(e, { ...filter, since })) {
      sim.send(c, execDetailsMessage(reqId, e));
      sim.send(c, commissionReportMessage(e));
    }
  sim.send(c, execDetailsEndMessage(reqId));
};

/** reqCompletedOrders (client → server id 99, not in IncomingMessageId): every client's filled, cancelled and inactive orders, as TWS lists them. */
const REQ_COMPLETED_ORDERS = 99;

const reqCompletedOrders: RequestHandler = (sim, c, r, version) => {
  r.bool('apiOnly'); // every simulated order came through the API
  for (const order of sim.venue.book.all())
    if (isTerminal(order)) sim.send(c, completedOrderMessage(version, order));
  sim.send(c, completedOrdersEndMessage());
};

export const ORDER_HANDLERS: Readonly<Record<number, RequestHandler>> = {
  [REQ_COMPLETED_ORDERS]: reqCompletedOrders,
  [IncomingMessageId.PLACE_ORDER]: placeOrder,
  [IncomingMessageId.CANCEL_ORDER]: cancelOrder,
  [IncomingMessageId.REQ_GLOBAL_CANCEL]: (sim, c) => {
    const n = sim.venue.cancelAll();
    sim.log.info(`ib-gateway-sim: #${c.id} reqGlobalCancel: ${n} order(s) canceled`);
  },
  [IncomingMessageId.REQ_OPEN_ORDERS]: (sim, c, r, version) => {
    r.int('version');
    sendOpenOrders(sim, c, version, c.clientId === MASTER_CLIENT_ID);
  },
  [IncomingMessageId.REQ_ALL_OPEN_ORDERS]: (sim, c, r, version) => {
    r.int('version');
    sendOpenOrders(sim, c, version, true);
  },
  [IncomingMessageId.REQ_AUTO_OPEN_ORDERS]: (sim, c, r, version) => {
    r.int('version');
    c.autoBind = r.bool('autoBind');
    sendOpenOrders(sim, c, version, c.clientId === MASTER_CLIENT_ID);
  },
  [IncomingMessageId.REQ_EXECUTIONS]: reqExecutions,
};

/** The messages of one order update: openOrder (when asked) and orderStatus. */
export function orderUpdateMessages(version: number, order: VenueOrder, openOrder: boolean): string[][] {
  return openOrder
    ? [openOrderMessage(version, order), orderStatusMessage(order)]
    : [orderStatusMessage(order)];
}
