/** Positions and account messages (research notes A.4) built from the simulated account. */
import { FieldWriter } from '../protocol/fields.js';
import { OutgoingMessageId } from '../protocol/message-ids.js';
import type { SimContract } from './contracts.js';
import { contract11 } from './order-messages.js';
import type { SimAccountBook, SimPosition } from './venue/account-book.js';

/** `position` `61|3|account|conId…tradingClass|position|avgCost` (avgCost × multiplier for futures). */
export function positionMessage(account: string, p: SimPosition): string[] {
  const c = p.contract;
  return contract11(new FieldWriter().int(OutgoingMessageId.POSITION).int(3).str(account), c)
    .decimal(p.quantity)
    .double(averageCost(p))
    .toFields();
}

export function positionEndMessage(): string[] {
  return new FieldWriter().int(OutgoingMessageId.POSITION_END).int(1).toFields();
}

/** IB's average cost: price × multiplier for futures, the price for stocks. */
export function averageCost(p: SimPosition): number {
  return round(p.averagePrice * (p.instrument.kind === 'future' ? p.instrument.multiplier : 1), 6);
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

export function accountValueMessage(key: string, value: string, currency: string, account: string): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.ACCOUNT_VALUE)
    .int(2)
    .str(key)
    .str(value)
    .str(currency)
    .str(account)
    .toFields();
}

/** `updatePortfolio` `7|8|conId…|position|mktPrice|mktValue|avgCost|unrealPnL|realPnL|account`. */
export function portfolioMessage(book: SimAccountBook, p: SimPosition): string[] {
  const c: SimContract = p.contract;
  return new FieldWriter()
    .int(OutgoingMessageId.PORTFOLIO_VALUE)
    .int(8)
    .int(c.conId)
    .str(c.symbol)
    .str(c.secType)
    .str(c.lastTradeDateOrContractMonth)
    .double(0)
    .str('')
    .str(c.multiplier)
    .str(c.primaryExch)
    .str(c.currency)
    .str(c.localSymbol)
    .str(c.tradingClass)
    .decimal(p.quantity)
    .double(book.markPrice(p))
    .double(round(book.marketValue(p), 2))
    .double(averageCost(p))
    .double(round(book.unrealizedPnl(p), 2))
    .double(p.realizedPnl)
    .str(book.account)
    .toFields();
}

export function accountTimeMessage(hhmm: string): string[] {
  return new FieldWriter().int(OutgoingMessageId.ACCOUNT_UPDATE_TIME).int(1).str(hhmm).toFields();
}

export function accountDownloadEndMessage(account: string): string[] {
  return new FieldWriter().int(OutgoingMessageId.ACCOUNT_DOWNLOAD_END).int(1).str(account).toFields();
}

export function accountSummaryMessage(
  reqId: number,
  account: string,
  tag: string,
  value: string,
  currency: string,
): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.ACCOUNT_SUMMARY)
    .int(1)
    .int(reqId)
    .str(account)
    .str(tag)
    .str(value)
    .str(currency)
    .toFields();
}

export function accountSummaryEndMessage(reqId: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.ACCOUNT_SUMMARY_END).int(1).int(reqId).toFields();
}

/** The account's values as `[key, value, currency]` (updateAccountValue / accountSummary tags). */
export function accountValueRows(book: SimAccountBook): [string, string, string][] {
  const v = book.values();
  const usd = book.currency;
  const rows: [string, number][] = [
    ['NetLiquidation', v.netLiquidation],
    ['TotalCashValue', v.totalCashValue],
    ['CashBalance', v.totalCashValue],
    ['EquityWithLoanValue', v.netLiquidation],
    ['GrossPositionValue', v.grossPositionValue],
    ['InitMarginReq', v.initMarginReq],
    ['MaintMarginReq', v.maintMarginReq],
    ['FullInitMarginReq', v.initMarginReq],
    ['FullMaintMarginReq', v.maintMarginReq],
    ['AvailableFunds', v.availableFunds],
    ['FullAvailableFunds', v.availableFunds],
    ['ExcessLiquidity', v.excessLiquidity],
    ['FullExcessLiquidity', v.excessLiquidity],
    ['BuyingPower', v.buyingPower],
    ['UnrealizedPnL', v.unrealizedPnl],
    ['RealizedPnL', v.realizedPnl],
  ];
  return [
    ['AccountCode', book.account, ''],
    ['AccountType', 'INDIVIDUAL', ''],
    ['Currency', usd, usd],
    ...rows.map(([key, value]): [string, string, string] => [key, value.toFixed(2), usd]),
  ];
}
