/**
 * Historical backfill from IB into the catalog: [from, to) is split into requests IB accepts
 * (`backfillChunks`), sent oldest first through the connection's pacer with IB's historical rules,
 * converted to kernel bars (stamped at their close, on the tick grid), de-duplicated across chunk
 * overlaps and appended in time order through `Catalog.appendBars`. It resumes: bars the catalog
 * already holds (through its last stored time) are neither asked for again nor appended twice.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import type { Catalog } from '../../../catalog/index.js';
import { type Log, silentLog } from '../../../core/log.js';
import type { Bar, BarType } from '../../../model/data.js';
import { isoFromMicros, type UnixMicros } from '../../../model/time.js';
import { type BackfillChunk, backfillChunks } from './backfill-chunks.js';
import type { IbBarRow } from './bar-assembler.js';
import { requestGatewayTime } from './bar-subscription.js';
import { ibBarSizeSetting, parseIbBarTime } from './bar-time.js';
import type { IbConnection } from './connection.js';
import type { ResolvedContract } from './contracts.js';
import { IbRequestError } from './errors.js';
import type { HistoricalRequestKey } from './pacing.js';
import { kernelBarFromIb } from './realtime-bars.js';
import type { IbRequests } from './requests.js';

export interface BackfillProgress {
  /** Requests answered so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Bars appended so far. */
  readonly bars: number;
  /** Bars are complete in the catalog up to here (the last chunk's end). */
  readonly through: UnixMicros;
}

export interface BackfillResult {
  /** Where this run started (after what the catalog held) and ended (≤ `to`, ≤ the gateway's now). */
  readonly from: UnixMicros;
  readonly to: UnixMicros;
  readonly requests: number;
  readonly appended: number;
  /** Requests that hit a pacing violation (162) and were retried. */
  readonly retried: number;
}

/** What backfill needs of the catalog. */
export type BackfillCatalog = Pick<Catalog, 'lastTime' | 'appendBars' | 'instrument' | 'saveInstrument'>;

export interface BackfillOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly contract: ResolvedContract;
  /** LAST bars of the contract's instrument, of an IB bar size (1 secs … 8 hours). */
  readonly barType: BarType;
  /** The bars opening at/after `from` and closing at/before `to` are stored. */
  readonly from: UnixMicros;
  readonly to: UnixMicros;
  readonly catalog: BackfillCatalog;
  /** Regular trading hours only (default false). */
  readonly useRth?: boolean;
  readonly onProgress?: (progress: BackfillProgress) => void;
  /** Wait before the one retry after a pacing violation (default 15 000 ms). */
  readonly pacingRetryMs?: number;
  /** Per request, pacing waits included (default 11 minutes: IB's 60-per-10-minutes rule may wait 10). */
  readonly timeoutMs?: number;
  readonly log?: Log;
}

/** `yyyyMMdd-HH:mm:ss`, the UTC form of `endDateTime`. */
function ibUtcTime(time: UnixMicros): string {
  const iso = isoFromMicros(time);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}`;
}

const isPacingViolation = (e: unknown): boolean =>
  e instanceof IbRequestError && e.ibCode === 162 && /pacing violation/i.test(e.ibMessage);
const isNoData = (e: unknown): boolean =>
  e instanceof IbRequestError && e.ibCode === 162 && /returned no data/i.test(e.ibMessage);

export async function backfillBars(options: BackfillOptions): Promise<BackfillResult> {
  const { connection, requests, contract, barType, catalog } = options;
  const log = options.log ?? silentLog;
  if (barType.instrumentId !== contract.instrument.id)
    throw new RangeError(`barType: ${barType.key} is not a bar type of ${contract.instrument.id}`);
  if (barType.priceType !== 'last')
    throw new RangeError(`barType: ${barType.key}: only LAST (TRADES) bars are backfilled`);
  const barSize = ibBarSizeSetting(barType.durationMicros);
  if (!(options.from < options.to))
    throw new RangeError(`from/to: from (${options.from}) must be before to (${options.to})`);

  const stored = await catalog.lastTime('bars', barType.key);
  // A stored bar closing at `stored` means the next one opens there.
  const start = Math.max(options.from, stored ?? Number.NEGATIVE_INFINITY);
  const end = Math.min(options.to, await requestGatewayTime(requests));
  const chunks = start < end ? backfillChunks(start, end, barType.durationMicros) : [];
  if (catalog.instrument(contract.instrument.id) === undefined) catalog.saveInstrument(contract.instrument);

  const mine = new Set<number>();
  const detach = connection.onApi((api) => routeAnswers(api, requests, mine));
  let lastClose = stored ?? Number.NEGATIVE_INFINITY;
  let appended = 0;
  let retried = 0;
  try {
    for (const [i, chunk] of chunks.entries()) {
      const ask = (): Promise<IbBarRow[]> => {
        const pending = requests.request<IbBarRow[]>({
          name: `reqHistoricalData(${barType.key} ${barSize} ${chunk.duration} to ${ibUtcTime(chunk.end)})`,
          timeoutMs: options.timeoutMs ?? 11 * 60_000,
          historical: requestKey(contract, chunk, barSize, options.useRth ?? false),
          send: (api, reqId) =>
            api.reqHistoricalData(
              reqId,
              contract.contract,
              ibUtcTime(chunk.end),
              chunk.duration,
              barSize as Parameters<IBApi['reqHistoricalData']>[4],
              'TRADES' as Parameters<IBApi['reqHistoricalData']>[5],
              options.useRth ? 1 : 0,
              2,
              false,
            ),
        });
        mine.add(pending.reqId);
        return pending.result.finally(() => mine.delete(pending.reqId));
      };
      let rows: IbBarRow[];
      try {
        rows = await ask().catch(async (error: unknown) => {
          if (!isPacingViolation(error)) throw error;
          retried++;
          const waitMs = options.pacingRetryMs ?? 15_000;
          log.warn(`ib: backfill ${barType.key}: pacing violation, retrying in ${waitMs} ms`);
          await new Promise((r) => setTimeout(r, waitMs));
          return ask();
        });
      } catch (error) {
        if (!isNoData(error)) throw error;
        rows = []; // IB answers an empty period (weekend, holiday) with 162 "no data"
      }
      const bars: Bar[] = [];
      for (const row of rows) {
        const b = kernelBarFromIb(barType, contract.instrument.priceGrid, row);
        // Chunks may reach before their start (whole-day durations): keep each bar once, in order.
        if (row.time < chunk.start || b.tsEvent > chunk.end || b.tsEvent <= lastClose) continue;
        bars.push(b);
        lastClose = b.tsEvent;
      }
      if (bars.length > 0) appended += (await catalog.appendBars(bars, { onOverlap: 'skip' })).written;
      options.onProgress?.({ done: i + 1, total: chunks.length, bars: appended, through: chunk.end });
    }
  } finally {
    detach();
    mine.clear();
  }
  log.info(`ib: backfill ${barType.key}: ${appended} bars in ${chunks.length} request(s)`);
  return { from: start, to: end, requests: chunks.length, appended, retried };
}

function requestKey(
  contract: ResolvedContract,
  chunk: BackfillChunk,
  barSize: string,
  useRth: boolean,
): HistoricalRequestKey {
  return {
    contract: String(contract.contract.conId ?? contract.instrument.id),
    exchange: contract.contract.exchange ?? '',
    tickType: 'TRADES',
    parameters: `${chunk.end}|${chunk.duration}|${barSize}|${useRth}`,
  };
}

/** Collects the history rows of this backfill's requests (the listener stays with the api; `mine` gates it). */
function routeAnswers(api: IBApi, requests: IbRequests, mine: ReadonlySet<number>): void {
  api.on(EventName.historicalData, (reqId, time, open, high, low, close, volume) => {
    if (!mine.has(reqId)) return;
    if (time.startsWith('finished')) requests.complete(reqId);
    else requests.push(reqId, { time: parseIbBarTime(time), open, high, low, close, volume: Number(volume) });
  });
}
