/** reqContractDetails → contractData… contractDataEnd, or error 200. */
import type { FieldReader } from '../../protocol/fields.js';
import { IncomingMessageId, ServerVersion, TwsErrorCode } from '../../protocol/message-ids.js';
import type { ContractQuery } from '../contracts.js';
import { contractDataEndMessage, contractDataMessage, errorMessage } from '../messages.js';
import type { RequestHandler } from './types.js';

/** Reads the 12 contract fields `C12` (conId … tradingClass) of a request. */
export function readContractQuery(r: FieldReader, includeExpired = false): ContractQuery {
  const conId = r.int('conId');
  const symbol = r.str('symbol');
  const secType = r.str('secType');
  const lastTradeDateOrContractMonth = r.str('lastTradeDateOrContractMonth');
  r.double('strike');
  r.str('right');
  const multiplier = r.str('multiplier');
  const exchange = r.str('exchange');
  r.str('primaryExch');
  const currency = r.str('currency');
  const localSymbol = r.str('localSymbol');
  const tradingClass = r.str('tradingClass');
  return {
    conId,
    symbol,
    secType,
    lastTradeDateOrContractMonth,
    multiplier,
    exchange,
    currency,
    localSymbol,
    tradingClass,
    includeExpired,
  };
}

/** How a query reads in logs: `ES FUT 201312 ESZ3`. */
export function describeQuery(query: ContractQuery): string {
  return [query.symbol, query.secType, query.lastTradeDateOrContractMonth, query.localSymbol]
    .filter((s) => s !== '')
    .join(' ');
}

const reqContractDetails: RequestHandler = (sim, c, r, version) => {
  r.int('version');
  const reqId = r.int('reqId');
  const fields = readContractQuery(r);
  const query: ContractQuery = { ...fields, includeExpired: r.bool('includeExpired') };
  r.optionalStr('secIdType');
  r.optionalStr('secId');
  if (version >= ServerVersion.BOND_ISSUERID) r.optionalStr('issuerId');
  const found = sim.catalog.find(query, sim.now());
  if (found.length === 0) {
    sim.log.info(
      `ib-gateway-sim: #${c.id} reqContractDetails ${reqId}: no match for '${describeQuery(query)}'`,
    );
    sim.send(
      c,
      errorMessage(
        version,
        reqId,
        TwsErrorCode.NO_SECURITY_DEFINITION,
        'No security definition has been found for the request',
      ),
    );
    return;
  }
  for (const contract of found) sim.send(c, contractDataMessage(reqId, contract));
  sim.send(c, contractDataEndMessage(reqId));
};

export const CONTRACT_HANDLERS: Readonly<Record<number, RequestHandler>> = {
  [IncomingMessageId.REQ_CONTRACT_DETAILS]: reqContractDetails,
};
