/**
 * Server → client messages of the order and account layer (research notes A.4), at server versions
 * 164–176: openOrder (no version field, ≥145), orderStatus (≥131), execDetails (≥136),
 * commissionReport, position, updateAccountValue, updatePortfolio, accountSummary and their ends.
 */
import { FieldWriter, UNSET_DOUBLE } from '../protocol/fields.js';
import { OutgoingMessageId } from '../protocol/message-ids.js';
import type { SimContract } from './contracts.js';
import { formatConnectionTime } from './time-format.js';
import type { VenueExecution, VenueOrder } from './venue/types.js';

/** conId … tradingClass without primaryExch (openOrder, execDetails, position). */
export function contract11(w: FieldWriter, c: SimContract): FieldWriter {
  return w
    .int(c.conId)
    .str(c.symbol)
    .str(c.secType)
    .str(c.lastTradeDateOrContractMonth)
    .double(0)
    .str('')
    .str(c.multiplier)
    .str(c.exchange)
    .str(c.currency)
    .str(c.localSymbol)
    .str(c.tradingClass);
}

const PEG_BEST_PEG_MID = 170;
const FA_PROFILE_DESUPPORT = 177;

/** `openOrder` in EOrderDecoder's order (research notes A.4), with the order's current status. */
export function openOrderMessage(serverVersion: number, o: VenueOrder): string[] {
  const w = contract11(new FieldWriter().int(OutgoingMessageId.OPEN_ORDER).int(o.orderId), o.contract);
  w.str(o.action)
    .decimal(o.totalQuantity)
    .str(o.orderType)
    .doubleOrUnset(o.lmtPrice)
    .doubleOrUnset(o.orderType === 'TRAIL' && o.trailingPercent !== undefined ? undefined : o.auxPrice)
    .str(o.tif)
    .str(o.ocaGroup)
    .str(o.account)
    .str('') // openClose
    .int(0) // origin: customer
    .str(o.orderRef)
    .int(o.clientId)
    .int(o.permId)
    .bool(o.outsideRth)
    .int(0) // hidden
    .double(0) // discretionaryAmt
    .str('') // goodAfterTime
    .str('') // sharesAllocation
    .str('') // faGroup
    .str('') // faMethod
    .str(''); // faPercentage
  if (serverVersion < FA_PROFILE_DESUPPORT) w.str(''); // faProfile
  w.str('') // modelCode
    .str('') // goodTillDate
    .str('') // rule80A
    .doubleOrUnset(undefined) // percentOffset
    .str('') // settlingFirm
    .int(0) // shortSaleSlot
    .str('') // designatedLocation
    .int(-1) // exemptCode
    .int(0) // auctionStrategy
    .doubleOrUnset(undefined) // startingPrice
    .doubleOrUnset(undefined) // stockRefPrice
    .doubleOrUnset(undefined) // delta
    .doubleOrUnset(undefined) // stockRangeLower
    .doubleOrUnset(undefined) // stockRangeUpper
    .intOrUnset(undefined) // displaySize
    .bool(false) // blockOrder
    .bool(false) // sweepToFill
    .bool(false) // allOrNone
    .intOrUnset(undefined) // minQty
    .int(o.ocaType)
    .bool(false) // eTradeOnly
    .bool(false) // firmQuoteOnly
    .doubleOrUnset(undefined) // nbboPriceCap
    .int(o.parentId)
    .int(0) // triggerMethod
    .doubleOrUnset(undefined) // volatility
    .int(0) // volatilityType
    .str('') // deltaNeutralOrderType
    .doubleOrUnset(undefined) // deltaNeutralAuxPrice
    .int(0) // continuousUpdate
    .int(0) // referencePriceType
    .doubleOrUnset(o.orderType === 'TRAIL' ? o.trailStopPrice : undefined)
    .doubleOrUnset(o.orderType === 'TRAIL' ? o.trailingPercent : undefined)
    .doubleOrUnset(undefined) // basisPoints
    .intOrUnset(undefined) // basisPointsType
    .str('') // comboLegsDescrip
    .int(0) // comboLegCount
    .int(0) // orderComboLegCount
    .int(0) // smartComboRoutingParamsCount
    .intOrUnset(undefined) // scaleInitLevelSize
    .intOrUnset(undefined) // scaleSubsLevelSize
    .doubleOrUnset(undefined) // scalePriceIncrement
    .str('') // hedgeType
    .bool(false) // optOutSmartRouting
    .str('') // clearingAccount
    .str('') // clearingIntent
    .bool(false) // notHeld
    .bool(false) // deltaNeutralContract present
    .str('') // algoStrategy
    .bool(false) // solicited
    .bool(false) // whatIf
    .str(o.status);
  for (let i = 0; i < 9; i++) w.str(''); // margin before/change/after (not a whatIf)
  w.doubleOrUnset(undefined) // commission
    .doubleOrUnset(undefined) // minCommission
    .doubleOrUnset(undefined) // maxCommission
    .str('') // commissionCurrency
    .str('') // warningText
    .bool(false) // randomizeSize
    .bool(false) // randomizePrice
    .int(0) // conditions
    .str('') // adjustedOrderType
    .doubleOrUnset(undefined) // triggerPrice
    .doubleOrUnset(undefined) // trailStopPrice (adjusted)
    .doubleOrUnset(undefined) // lmtPriceOffset
    .doubleOrUnset(undefined) // adjustedStopPrice
    .doubleOrUnset(undefined) // adjustedStopLimitPrice
    .doubleOrUnset(undefined) // adjustedTrailingAmount
    .int(0) // adjustableTrailingUnit
    .str('') // softDollarTier name
    .str('') // value
    .str('') // displayName
    .doubleOrUnset(undefined) // cashQty
    .bool(false) // dontUseAutoPriceForHedge
    .bool(false) // isOmsContainer
    .bool(false) // discretionaryUpToLimitPrice
    .bool(false) // usePriceMgmtAlgo
    .intOrUnset(undefined) // duration (≥158)
    .intOrUnset(undefined) // postToAts (≥160)
    .bool(false); // autoCancelParent (≥162)
  if (serverVersion >= PEG_BEST_PEG_MID)
    w.intOrUnset(undefined)
      .intOrUnset(undefined)
      .doubleOrUnset(undefined)
      .doubleOrUnset(undefined)
      .doubleOrUnset(undefined);
  return w.toFields();
}

/** `orderStatus` `3|orderId|status|filled|remaining|avgFillPrice|permId|parentId|lastFillPrice|clientId|whyHeld|mktCapPrice`. */
export function orderStatusMessage(o: VenueOrder): string[] {
  const remaining =
    o.status === 'Filled' || o.status === 'Cancelled' || o.status === 'Inactive'
      ? 0
      : o.totalQuantity - o.filled;
  return new FieldWriter()
    .int(OutgoingMessageId.ORDER_STATUS)
    .int(o.orderId)
    .str(o.status)
    .decimal(o.filled)
    .decimal(remaining)
    .double(o.avgFillPrice)
    .int(o.permId)
    .int(o.parentId)
    .double(o.lastFillPrice)
    .int(o.clientId)
    .str(o.whyHeld)
    .double(0) // mktCapPrice
    .toFields();
}

export function openOrderEndMessage(): string[] {
  return new FieldWriter().int(OutgoingMessageId.OPEN_ORDER_END).int(1).toFields();
}

/** `execDetails` (reqId −1 for live fills) at server versions 136–177 (no pendingPriceRevision). */
export function execDetailsMessage(reqId: number, e: VenueExecution): string[] {
  return contract11(
    new FieldWriter().int(OutgoingMessageId.EXECUTION_DATA).int(reqId).int(e.orderId),
    e.contract,
  )
    .str(e.execId)
    .str(formatConnectionTime(e.time))
    .str(e.account)
    .str(e.exchange)
    .str(e.side)
    .decimal(e.shares)
    .double(e.price)
    .int(e.permId)
    .int(e.clientId)
    .int(0) // liquidation
    .decimal(e.cumQty)
    .double(e.avgPrice)
    .str(e.orderRef)
    .str('') // evRule
    .doubleOrUnset(undefined) // evMultiplier
    .str('') // modelCode
    .int(0) // lastLiquidity (unknown)
    .toFields();
}

export function execDetailsEndMessage(reqId: number): string[] {
  return new FieldWriter().int(OutgoingMessageId.EXECUTION_DATA_END).int(1).int(reqId).toFields();
}

/** `commissionReport` `59|1|execId|commission|currency|realizedPNL|yield|yieldRedemptionDate`. */
export function commissionReportMessage(e: VenueExecution): string[] {
  return new FieldWriter()
    .int(OutgoingMessageId.COMMISSION_REPORT)
    .int(1)
    .str(e.execId)
    .double(e.commission)
    .str(e.currency)
    .double(e.realizedPnl ?? UNSET_DOUBLE)
    .double(UNSET_DOUBLE) // yield
    .str('') // yieldRedemptionDate
    .toFields();
}

/** Server → client ids of reqCompletedOrders' answer (not in OutgoingMessageId, which the simulator's protocol layer owns). */
export const COMPLETED_ORDER = 101;
export const COMPLETED_ORDERS_END = 102;

/**
 * `completedOrder` (no message version) as @stoqey/ib 1.6.10 decodes it: its OrderDecoder reads
 * completed orders with version MAX_VALUE, so there is **no faProfile** field even below server
 * version 177 (the official clients read one there; see docs/ib-orders.md).
 */
export function completedOrderMessage(serverVersion: number, o: VenueOrder): string[] {
  const w = contract11(new FieldWriter().int(COMPLETED_ORDER), o.contract);
  w.str(o.action)
    .decimal(o.totalQuantity)
    .str(o.orderType)
    .doubleOrUnset(o.lmtPrice)
    .doubleOrUnset(o.orderType === 'TRAIL' && o.trailingPercent !== undefined ? undefined : o.auxPrice)
    .str(o.tif)
    .str(o.ocaGroup)
    .str(o.account)
    .str('') // openClose
    .int(0) // origin
    .str(o.orderRef)
    .int(o.permId)
    .bool(o.outsideRth)
    .int(0) // hidden
    .double(0) // discretionaryAmt
    .str('') // goodAfterTime
    .str('') // faGroup
    .str('') // faMethod
    .str('') // faPercentage
    .str('') // modelCode
    .str('') // goodTillDate
    .str('') // rule80A
    .doubleOrUnset(undefined) // percentOffset
    .str('') // settlingFirm
    .int(0) // shortSaleSlot
    .str('') // designatedLocation
    .int(-1) // exemptCode
    .doubleOrUnset(undefined) // startingPrice
    .doubleOrUnset(undefined) // stockRefPrice
    .doubleOrUnset(undefined) // delta
    .doubleOrUnset(undefined) // stockRangeLower
    .doubleOrUnset(undefined) // stockRangeUpper
    .intOrUnset(undefined) // displaySize
    .bool(false) // sweepToFill
    .bool(false) // allOrNone
    .intOrUnset(undefined) // minQty
    .int(o.ocaType)
    .int(0) // triggerMethod
    .doubleOrUnset(undefined) // volatility
    .int(0) // volatilityType
    .str('') // deltaNeutralOrderType
    .doubleOrUnset(undefined) // deltaNeutralAuxPrice
    .int(0) // continuousUpdate
    .int(0) // referencePriceType
    .doubleOrUnset(o.orderType === 'TRAIL' ? o.trailStopPrice : undefined)
    .doubleOrUnset(o.orderType === 'TRAIL' ? o.trailingPercent : undefined)
    .str('') // comboLegsDescrip
    .int(0) // comboLegCount
    .int(0) // orderComboLegCount
    .int(0) // smartComboRoutingParamsCount
    .intOrUnset(undefined) // scaleInitLevelSize
    .intOrUnset(undefined) // scaleSubsLevelSize
    .doubleOrUnset(undefined) // scalePriceIncrement
    .str('') // hedgeType
    .str('') // clearingAccount
    .str('') // clearingIntent
    .bool(false) // notHeld
    .bool(false) // deltaNeutralContract present
    .str('') // algoStrategy
    .bool(false) // solicited
    .str(o.status)
    .bool(false) // randomizeSize
    .bool(false) // randomizePrice
    .int(0) // conditions
    .doubleOrUnset(undefined) // trailStopPrice (adjusted)
    .doubleOrUnset(undefined) // lmtPriceOffset
    .doubleOrUnset(undefined) // cashQty
    .bool(false) // dontUseAutoPriceForHedge
    .bool(false) // isOmsContainer
    .str('') // autoCancelDate
    .decimal(o.filled)
    .int(0) // refFuturesConId
    .bool(false) // autoCancelParent
    .str('') // shareholder
    .bool(false) // imbalanceOnly
    .bool(false) // routeMarketableToBbo
    .int(0) // parentPermId
    .str(o.completedAt !== undefined ? formatConnectionTime(o.completedAt) : '')
    .str(o.status); // completedStatus
  if (serverVersion >= PEG_BEST_PEG_MID)
    w.intOrUnset(undefined)
      .intOrUnset(undefined)
      .doubleOrUnset(undefined)
      .doubleOrUnset(undefined)
      .doubleOrUnset(undefined);
  return w.toFields();
}

export function completedOrdersEndMessage(): string[] {
  return new FieldWriter().int(COMPLETED_ORDERS_END).toFields();
}
