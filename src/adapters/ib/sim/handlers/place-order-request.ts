/**
 * Decodes `placeOrder` at server versions 164–176 (no version field since 145), in EClient's order,
 * up to `whatIf`; the tail (conditions, algo ids, adjusted-order fields…) is ignored. BAG (combo)
 * orders are refused before this point.
 */
import type { FieldReader } from '../../protocol/fields.js';
import type { IbOrderRequest } from '../venue/types.js';
import { readContractQuery } from './contracts.js';

const FA_PROFILE_DESUPPORT = 177;

/** A double where empty or the unset sentinel mean "not given". */
function optionalDouble(r: FieldReader, name: string): number | undefined {
  return r.doubleOrUnset(name);
}

export function readPlaceOrder(r: FieldReader, version: number): IbOrderRequest {
  const orderId = r.int('orderId');
  const contract = readContractQuery(r);
  if (contract.secType.toUpperCase() === 'BAG') throw new RangeError('combo (BAG) orders are not simulated');
  r.str('secIdType');
  r.str('secId');
  const action = r.str('action').toUpperCase();
  const totalQuantity = r.double('totalQuantity');
  const orderType = r.str('orderType');
  const lmtPrice = optionalDouble(r, 'lmtPrice');
  const auxPrice = optionalDouble(r, 'auxPrice');
  const tif = r.str('tif');
  const ocaGroup = r.str('ocaGroup');
  const account = r.str('account');
  r.str('openClose');
  r.str('origin');
  const orderRef = r.str('orderRef');
  const transmitText = r.str('transmit');
  const parentId = r.int('parentId');
  r.str('blockOrder');
  r.str('sweepToFill');
  r.str('displaySize');
  r.str('triggerMethod');
  const outsideRth = r.bool('outsideRth');
  r.str('hidden');
  r.str('sharesAllocation');
  r.str('discretionaryAmt');
  r.str('goodAfterTime');
  const goodTillDate = r.str('goodTillDate');
  r.str('faGroup');
  r.str('faMethod');
  r.str('faPercentage');
  if (version < FA_PROFILE_DESUPPORT) r.str('faProfile');
  r.str('modelCode');
  r.str('shortSaleSlot');
  r.str('designatedLocation');
  r.str('exemptCode');
  const ocaTypeText = r.str('ocaType');
  r.skip(14); // rule80A … stockRangeUpper
  r.str('overridePercentageConstraints');
  r.str('volatility');
  r.str('volatilityType');
  const deltaNeutralOrderType = r.str('deltaNeutralOrderType');
  r.str('deltaNeutralAuxPrice');
  if (deltaNeutralOrderType !== '') r.skip(8);
  r.str('continuousUpdate');
  r.str('referencePriceType');
  const trailStopPrice = optionalDouble(r, 'trailStopPrice');
  const trailingPercent = optionalDouble(r, 'trailingPercent');
  r.str('scaleInitLevelSize');
  r.str('scaleSubsLevelSize');
  const scalePriceIncrement = optionalDouble(r, 'scalePriceIncrement');
  if (scalePriceIncrement !== undefined && scalePriceIncrement > 0) r.skip(7);
  r.skip(3); // scaleTable, activeStartTime, activeStopTime
  if (r.str('hedgeType') !== '') r.str('hedgeParam');
  r.str('optOutSmartRouting');
  r.str('clearingAccount');
  r.str('clearingIntent');
  r.str('notHeld');
  if (r.bool('deltaNeutralContract')) r.skip(3);
  if (r.str('algoStrategy') !== '') {
    const count = r.int('algoParamsCount');
    r.skip(2 * count);
  }
  r.str('algoId');
  const whatIf = r.bool('whatIf');
  return {
    orderId,
    contract,
    action,
    totalQuantity,
    orderType,
    lmtPrice,
    auxPrice,
    tif,
    ocaGroup,
    ocaType: ocaTypeText === '' ? 3 : Number(ocaTypeText) || 3,
    account,
    orderRef,
    transmit: transmitText !== '0' && transmitText !== 'false',
    parentId,
    outsideRth,
    trailStopPrice,
    trailingPercent,
    goodTillDate,
    whatIf,
  };
}
