/**
 * Market-data requests: reqHistoricalData / cancelHistoricalData (bars from the replay, paced by
 * IB's rules), reqRealTimeBars / cancel, reqMktData / cancelMktData, reqTickByTickData / cancel,
 * reqMktDepth / cancel. The handlers close over the simulator's `SimMarketData`, which holds the
 * streams.
 */
import type { FieldReader } from '../../protocol/fields.js';
import { IncomingMessageId, TwsErrorCode } from '../../protocol/message-ids.js';
import { parseBarSize, parseDuration, parseEndDateTime } from '../market-data/bar-request.js';
import type { SimMarketData } from '../market-data/feed.js';
import {
  INVALID_REALTIME_QUERY,
  REALTIME_WHAT_TO_SHOW,
  type RealTimeWhatToShow,
} from '../market-data/realtime-bars.js';
import { hmdsName, type MarketDataTarget, resolveTarget } from '../market-data/target.js';
import { TICK_BY_TICK_TYPES, type TickByTickType } from '../market-data/ticks.js';
import { errorMessage } from '../messages.js';
import { readContractQuery } from './contracts.js';
import type { RequestHandler, SimConnection, SimServer } from './types.js';

/** IB's code for historical-data (HMDS) errors, pacing violations included. */
export const HMDS_ERROR = 162;
const HMDS_PREFIX = 'Historical Market Data Service error message:';

function refuse(
  sim: SimServer,
  c: SimConnection,
  version: number,
  reqId: number,
  code: number,
  text: string,
): void {
  sim.log.info(`ib-gateway-sim: #${c.id} request ${reqId} refused: ${code} ${text}`);
  sim.send(c, errorMessage(version, reqId, code, text));
}

function reqHistoricalData(md: SimMarketData): RequestHandler {
  return (sim, c, r, version) => {
    const reqId = r.int('reqId');
    const query = readContractQuery(r);
    const includeExpired = r.bool('includeExpired');
    const endDateTime = r.str('endDateTime');
    const barSizeText = r.str('barSizeSetting');
    const durationText = r.str('durationStr');
    const useRth = r.bool('useRTH');
    const whatToShow = r.str('whatToShow').toUpperCase();
    const formatDate = r.int('formatDate');
    const keepUpToDate = r.bool('keepUpToDate');
    r.optionalStr('chartOptions');
    const fail = (code: number, text: string): void => refuse(sim, c, version, reqId, code, text);
    const target = resolveTarget(sim, { ...query, includeExpired });
    if (typeof target === 'string') return fail(TwsErrorCode.NO_SECURITY_DEFINITION, target);
    let lengthMicros: number;
    let durationMicros: number;
    let end: number;
    try {
      if (formatDate !== 1 && formatDate !== 2)
        throw new RangeError(`formatDate: must be 1 (text) or 2 (epoch seconds), got ${formatDate}`);
      if (keepUpToDate && endDateTime.trim() !== '')
        throw new RangeError(`endDateTime: must be empty with keepUpToDate, got '${endDateTime}'`);
      const size = parseBarSize(barSizeText);
      durationMicros = parseDuration(durationText);
      end = parseEndDateTime(endDateTime, sim.now());
      if (size.kind === 'session')
        return fail(
          HMDS_ERROR,
          `${HMDS_PREFIX}bar size '${size.setting}' is not simulated (intraday sizes only)`,
        );
      lengthMicros = size.micros;
    } catch (error) {
      return fail(TwsErrorCode.VALIDATION, `Error validating request: ${(error as Error).message}`);
    }
    const violation = md.pacing?.onHistorical(
      {
        contract: String(target.contract.conId),
        exchange: target.contract.exchange,
        tickType: whatToShow,
        parameters: [endDateTime, durationText, barSizeText, useRth, formatDate, keepUpToDate].join('|'),
      },
      lengthMicros / 1_000_000,
    );
    if (violation !== undefined) return fail(HMDS_ERROR, violation);
    if (whatToShow !== 'TRADES')
      return fail(
        HMDS_ERROR,
        `${HMDS_PREFIX}No data of type ${whatToShow} is simulated (only TRADES, from replayed bars)`,
      );
    const sourceLength = md.bars.sourceLength(target.instrument.id);
    if (sourceLength === undefined)
      return fail(
        HMDS_ERROR,
        `${HMDS_PREFIX}HMDS query returned no data: ${hmdsName(target.contract, whatToShow)}`,
      );
    if (sourceLength <= 0 || lengthMicros % sourceLength !== 0)
      return fail(
        HMDS_ERROR,
        `${HMDS_PREFIX}bar size '${barSizeText}' cannot be built from the replayed ${sourceLength / 1_000_000} s bars (use a whole multiple)`,
      );
    md.bars.request(c, {
      reqId,
      target,
      lengthMicros,
      start: Math.max(0, Math.min(end, sim.now()) - durationMicros),
      end: Math.min(end, sim.now()),
      useRth,
      formatDate,
      keepUpToDate,
    });
  };
}

function reqRealTimeBars(md: SimMarketData): RequestHandler {
  return (sim, c, r, version) => {
    r.int('version');
    const reqId = r.int('reqId');
    const target = targetOrRefuse(sim, c, version, reqId, r);
    const barSize = r.int('barSize');
    const whatToShow = r.str('whatToShow').toUpperCase();
    const useRth = r.bool('useRTH');
    r.optionalStr('realTimeBarsOptions');
    if (target === undefined) return;
    const fail = (text: string): void => refuse(sim, c, version, reqId, INVALID_REALTIME_QUERY, text);
    if (barSize !== 5)
      return fail(
        `Invalid Real-time Query: barSize: ${barSize} is not supported (real-time bars are 5 seconds only)`,
      );
    if (!(REALTIME_WHAT_TO_SHOW as readonly string[]).includes(whatToShow))
      return fail(
        `Invalid Real-time Query: whatToShow: '${whatToShow}' is not simulated (one of ${REALTIME_WHAT_TO_SHOW.join(', ')})`,
      );
    const what = whatToShow as RealTimeWhatToShow;
    const refusal = md.realTime.refusal(target, what);
    if (refusal !== undefined) return fail(refusal);
    md.realTime.request(c, reqId, target, what, useRth);
  };
}

/** Resolves the request's contract or answers error 200 (undefined then). */
function targetOrRefuse(
  sim: SimServer,
  c: SimConnection,
  version: number,
  reqId: number,
  r: FieldReader,
): MarketDataTarget | undefined {
  const target = resolveTarget(sim, { ...readContractQuery(r), includeExpired: false });
  if (typeof target !== 'string') return target;
  refuse(sim, c, version, reqId, TwsErrorCode.NO_SECURITY_DEFINITION, target);
  return undefined;
}

function reqMktData(md: SimMarketData): RequestHandler {
  return (sim, c, r, version) => {
    r.int('version');
    const reqId = r.int('reqId');
    const target = targetOrRefuse(sim, c, version, reqId, r);
    if (r.bool('deltaNeutralContract')) r.skip(3);
    r.str('genericTickList');
    const snapshot = r.bool('snapshot');
    r.optionalStr('regulatorySnapshot');
    r.optionalStr('mktDataOptions');
    if (target !== undefined) md.ticks.requestMktData(c, reqId, target, snapshot);
  };
}

function reqTickByTickData(md: SimMarketData): RequestHandler {
  return (sim, c, r, version) => {
    const reqId = r.int('reqId');
    const target = targetOrRefuse(sim, c, version, reqId, r);
    const type = r.str('tickType');
    r.optionalStr('numberOfTicks');
    r.optionalStr('ignoreSize');
    if (target === undefined) return;
    if (!(TICK_BY_TICK_TYPES as readonly string[]).includes(type))
      return refuse(
        sim,
        c,
        version,
        reqId,
        TwsErrorCode.VALIDATION,
        `Error validating request: tickType: '${type}' is not simulated (one of ${TICK_BY_TICK_TYPES.join(', ')})`,
      );
    md.ticks.requestTickByTick(c, reqId, target, type as TickByTickType);
  };
}

function reqMktDepth(md: SimMarketData): RequestHandler {
  return (sim, c, r, version) => {
    r.int('version');
    const reqId = r.int('reqId');
    const target = targetOrRefuse(sim, c, version, reqId, r);
    const rows = r.int('numRows');
    const smart = r.bool('isSmartDepth');
    r.optionalStr('mktDepthOptions');
    if (target === undefined) return;
    if (smart || target.contract.secType !== 'FUT')
      return refuse(
        sim,
        c,
        version,
        reqId,
        TwsErrorCode.VALIDATION,
        'Error validating request: isSmartDepth: only exchange depth of CME futures (isSmartDepth=false) is simulated',
      );
    if (rows < 1)
      return refuse(
        sim,
        c,
        version,
        reqId,
        TwsErrorCode.VALIDATION,
        `Error validating request: numRows: must be >= 1, got ${rows}`,
      );
    md.depth.request(c, reqId, target, rows);
  };
}

export function marketDataHandlers(md: SimMarketData): Readonly<Record<number, RequestHandler>> {
  return {
    [IncomingMessageId.REQ_HISTORICAL_DATA]: reqHistoricalData(md),
    [IncomingMessageId.CANCEL_HISTORICAL_DATA]: (_sim, c, r) => {
      r.int('version');
      md.bars.cancel(c, r.int('reqId'));
    },
    [IncomingMessageId.REQ_REAL_TIME_BARS]: reqRealTimeBars(md),
    [IncomingMessageId.CANCEL_REAL_TIME_BARS]: (_sim, c, r) => {
      r.int('version');
      md.realTime.cancel(c, r.int('reqId'));
    },
    [IncomingMessageId.REQ_MKT_DATA]: reqMktData(md),
    [IncomingMessageId.CANCEL_MKT_DATA]: (_sim, c, r) => {
      r.int('version');
      md.ticks.cancelMktData(c, r.int('reqId'));
    },
    [IncomingMessageId.REQ_TICK_BY_TICK_DATA]: reqTickByTickData(md),
    [IncomingMessageId.CANCEL_TICK_BY_TICK_DATA]: (_sim, c, r) =>
      md.ticks.cancelTickByTick(c, r.int('reqId')),
    [IncomingMessageId.REQ_MKT_DEPTH]: reqMktDepth(md),
    [IncomingMessageId.CANCEL_MKT_DEPTH]: (_sim, c, r) => {
      r.int('version');
      md.depth.cancel(c, r.int('reqId'));
    },
  };
}
