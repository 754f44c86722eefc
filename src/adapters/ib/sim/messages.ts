/** Server → client message layouts the simulator sends (research notes A.1, A.4), version-gated. */
import { FieldWriter } from '../protocol/fields.js';
import { OutgoingMessageId, ServerVersion } from '../protocol/message-ids.js';
import type { SimContract } from './contracts.js';

export function errorMessage(serverVersion: number, id: number, code: number, message: string): string[] {
  const w = new FieldWriter().int(OutgoingMessageId.ERROR).int(2).int(id).int(code).str(message);
  if (serverVersion >= ServerVersion.ADVANCED_ORDER_REJECT) w.str('');
  return w.toFields();
}

export function managedAccountsMessage(accounts: readonly string[]): string[] {
  return new FieldWriter().int(OutgoingMessageId.MANAGED_ACCTS).int(1).str(accounts.join(',')).toFields();
}

export function nextValidIdMessage(orderId: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.NEXT_VALID_ID).int(1).int(orderId).toFields();
}

export function currentTimeMessage(epochSeconds: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.CURRENT_TIME).int(1).int(epochSeconds).toFields();
}

/** `contractData` without a version field (server version ≥ 164, ≤ 178 layout). */
export function contractDataMessage(reqId: number, c: SimContract): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.CONTRACT_DATA)
    .int(reqId)
    .str(c.symbol)
    .str(c.secType)
    .str(c.lastTradeDateOrContractMonth)
    .double(0) // strike
    .str('') // right
    .str(c.exchange)
    .str(c.currency)
    .str(c.localSymbol)
    .str(c.marketName)
    .str(c.tradingClass)
    .int(c.conId)
    .double(c.minTick)
    .str(c.multiplier)
    .str(c.orderTypes)
    .str(c.validExchanges)
    .int(c.priceMagnifier)
    .int(c.underConId)
    .str(c.longName)
    .str(c.primaryExch)
    .str(c.contractMonth)
    .str(c.industry)
    .str(c.category)
    .str(c.subcategory)
    .str(c.timeZoneId)
    .str(c.tradingHours)
    .str(c.liquidHours)
    .str('') // evRule
    .double(undefined) // evMultiplier
    .int(0) // secIdList count
    .intOrUnset(undefined) // aggGroup
    .str(c.underSymbol)
    .str(c.underSecType)
    .str(c.marketRuleIds)
    .str(c.realExpirationDate)
    .str(c.stockType)
    .decimal(c.minSize)
    .decimal(c.sizeIncrement)
    .decimal(c.suggestedSizeIncrement)
    .toFields();
}

export function contractDataEndMessage(reqId: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.CONTRACT_DATA_END).int(1).int(reqId).toFields();
}

/** Default texts of the notices and connectivity codes, as TWS words them. */
export const DEFAULT_ERROR_TEXT: Readonly<Record<number, string>> = {
  1100: 'Connectivity between IB and Trader Workstation has been lost.',
  1101: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  1102: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
  2103: 'Market data farm connection is broken:usfarm',
  2104: 'Market data farm connection is OK:usfarm',
  2105: 'HMDS data farm connection is broken:ushmds',
  2106: 'HMDS data farm connection is OK:ushmds',
  2110: 'Connectivity between Trader Workstation and server is broken. It will be restored automatically.',
  2158: 'Sec-def data farm connection is OK:secdefnj',
};

/** Which field of a request carries its request/order id (for errors about it), by message id. */
export const REQUEST_ID_FIELD: Readonly<Record<number, number>> = {
  1: 2, // reqMktData 1|11|reqId
  2: 2, // cancelMktData 2|2|reqId
  3: 1, // placeOrder 3|orderId
  4: 2, // cancelOrder 4|1|orderId (169–191)
  7: 2, // reqExecutions 7|3|reqId
  10: 2, // reqMktDepth 10|5|reqId
  11: 2, // cancelMktDepth 11|1|reqId
  20: 1, // reqHistoricalData 20|reqId
  25: 2, // cancelHistoricalData 25|1|reqId
  50: 2, // reqRealTimeBars 50|3|reqId
  51: 2, // cancelRealTimeBars 51|1|reqId
  62: 2, // reqAccountSummary 62|1|reqId
  63: 2, // cancelAccountSummary 63|1|reqId
  97: 1, // reqTickByTickData 97|reqId
  98: 1, // cancelTickByTickData 98|reqId
};
