/**
 * Live bars of one instrument from IB: `reqHistoricalData` with keepUpToDate, registered with
 * `IbConnection.subscribe` so it is re-issued after a reconnect (and after 1101). IB's open-stamped
 * rows go through a `BarAssembler`: kernel bars stamped at their close, emitted exactly once and in
 * order — also across re-issues, whose history fills the bars missed during the gap.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import { type Log, silentLog } from '../../../core/log.js';
import type { Bar, BarType } from '../../../model/data.js';
import { MICROS_PER_SECOND, type UnixMicros } from '../../../model/time.js';
import { BarAssembler, type IbBarRow } from './bar-assembler.js';
import { ibBarSizeSetting, parseIbBarTime } from './bar-time.js';
import type { IbConnection } from './connection.js';
import type { ResolvedContract } from './contracts.js';
import { IbRequestError, isIbWarningCode } from './errors.js';
import type { IbRequests } from './requests.js';
import { StreamRegistration } from './stream-registration.js';

export interface IbBarSubscriptionOptions {
  readonly connection: IbConnection;
  /** Gives request ids (shared with the other requests of the connection) and `reqCurrentTime`. */
  readonly requests: IbRequests;
  readonly contract: ResolvedContract;
  /** Kernel bar type: the contract's instrument, a second/minute/hour step IB has (e.g. 1-MINUTE-LAST). */
  readonly barType: BarType;
  /** Each completed bar, once, in time order, stamped at its close. */
  readonly onBar: (bar: Bar) => void;
  /** Regular trading hours only (default false). */
  readonly useRth?: boolean;
  /**
   * History asked for with every (re-)issue (default '1 D'): the warm-up bars, and the longest gap
   * a reconnect can fill (longer gaps: `backfillBars`).
   */
  readonly historyDuration?: string;
  /** Emit the bars of the first answer's history (default true); false starts with live bars. */
  readonly emitHistory?: boolean;
  /** tsInit of emitted bars (default: their close). */
  readonly clock?: { now(): UnixMicros };
  /** IB errors about the request (162 no data, 200 no contract, …). Default: logged. */
  readonly onError?: (error: IbRequestError) => void;
  readonly log?: Log;
}

export class IbBarSubscription {
  readonly barType: BarType;
  private readonly assembler: BarAssembler;
  private readonly barSize: string;
  private readonly stream: StreamRegistration;
  private issues = 0;
  private history: IbBarRow[] = [];
  private readonly log: Log;

  constructor(private readonly options: IbBarSubscriptionOptions) {
    const { barType, contract } = options;
    if (barType.instrumentId !== contract.instrument.id)
      throw new RangeError(`barType: ${barType.key} is not a bar type of ${contract.instrument.id}`);
    if (barType.priceType !== 'last')
      throw new RangeError(`barType: ${barType.key}: only LAST (TRADES) bars are subscribed`);
    this.barType = barType;
    this.barSize = ibBarSizeSetting(barType.durationMicros);
    this.log = options.log ?? silentLog;
    const clock = options.clock;
    this.assembler = new BarAssembler(barType, contract.instrument.priceGrid, options.onBar, () =>
      clock?.now(),
    );
    this.stream = new StreamRegistration(options.connection, options.requests, `bars:${barType.key}`, {
      attach: (api) => this.attach(api),
      issue: (api, reqId) => this.issue(api, reqId),
      cancel: (api, reqId) => api.cancelHistoricalData(reqId),
    });
  }

  /** Request id of the current issue (changes with every re-issue). */
  get reqId(): number | undefined {
    return this.stream.reqId;
  }

  /** Close time of the last bar emitted. */
  get lastEmitted(): UnixMicros | undefined {
    return this.assembler.lastEmitted;
  }

  /** Registers the subscription (sent now if ready, again after every reconnect). */
  start(): this {
    this.stream.start();
    return this;
  }

  /** Cancels at IB and removes the registration; no bar is emitted afterwards. */
  stop(): void {
    this.stream.stop();
  }

  /** Emits the bar in progress if `gatewayTime` is at or past its end; returns what was emitted. */
  closeDueBars(gatewayTime: UnixMicros): Bar[] {
    const bar = this.assembler.closeDue(gatewayTime);
    return bar === undefined ? [] : [bar];
  }

  /** Asks the gateway for its time (`reqCurrentTime`) and closes the bars due by then. */
  async syncBars(): Promise<Bar[]> {
    return this.closeDueBars(await requestGatewayTime(this.options.requests));
  }

  private issue(api: IBApi, reqId: number): void {
    this.history = [];
    this.assembler.resetPending();
    this.issues++;
    this.log.info(
      `ib: bars ${this.barType.key}: reqHistoricalData ${reqId} keepUpToDate (issue ${this.issues})`,
    );
    api.reqHistoricalData(
      reqId,
      this.options.contract.contract,
      '',
      this.options.historyDuration ?? '1 D',
      this.barSize as Parameters<IBApi['reqHistoricalData']>[4],
      'TRADES' as Parameters<IBApi['reqHistoricalData']>[5],
      this.options.useRth ? 1 : 0,
      2,
      true,
    );
  }

  private attach(api: IBApi): void {
    api.on(EventName.historicalData, (reqId, time, open, high, low, close, volume) => {
      if (reqId !== this.stream.reqId) return;
      if (time.startsWith('finished')) this.endOfHistory();
      else this.history.push(this.row(time, open, high, low, close, volume));
    });
    api.on(EventName.historicalDataUpdate, (reqId, time, open, high, low, close, volume) => {
      if (reqId === this.stream.reqId) this.assembler.update(this.row(time, open, high, low, close, volume));
    });
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      if (reqId !== this.stream.reqId || isIbWarningCode(code)) return;
      const failure = new IbRequestError(
        `reqHistoricalData(${this.barType.key})`,
        reqId,
        code,
        error.message,
      );
      if (this.options.onError) this.options.onError(failure);
      else this.log.error(`ib: bars ${this.barType.key}: ${failure.message}`);
    });
  }

  private endOfHistory(): void {
    const rows = this.history;
    this.history = [];
    // Without emitHistory, the first answer only tells where live bars start: all but its last
    // row (possibly still in progress) count as emitted.
    if (this.issues === 1 && this.options.emitHistory === false && rows.length >= 2)
      this.assembler.markEmittedThrough(rows[rows.length - 2].time + this.barType.durationMicros);
    for (const row of rows) this.assembler.update(row);
  }

  private row(
    time: string,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): IbBarRow {
    return { time: parseIbBarTime(time), open, high, low, close, volume: Number(volume) };
  }
}

/** The gateway's time (`reqCurrentTime`, whole seconds), in micros. */
export function requestGatewayTime(requests: IbRequests, timeoutMs?: number): Promise<UnixMicros> {
  const pending = requests.request<number>({
    name: 'reqCurrentTime',
    timeoutMs,
    send: (api) => {
      // currentTime carries no request id: the first answer after sending is ours.
      api.once(EventName.currentTime, (seconds: number) => requests.resolve(pending.reqId, seconds));
      api.reqCurrentTime();
    },
  });
  return pending.result.then((seconds) => seconds * MICROS_PER_SECOND);
}
