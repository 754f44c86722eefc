/**
 * Account values from `reqAccountUpdates` (a subscription re-issued after every reconnect): net
 * liquidation, buying power, funds, margins and the per-instrument portfolio, as typed snapshots.
 */
import { type Contract, EventName, type IBApi } from '@stoqey/ib';
import type { InstrumentId } from '../../../model/identifiers.js';
import type { UnixMicros } from '../../../model/time.js';
import type { IbConnection, IbSubscription } from './connection.js';
import type { ContractResolver } from './contracts.js';

export interface IbPortfolioPosition {
  readonly instrumentId: InstrumentId;
  readonly conId: number;
  /** Signed. */
  readonly quantity: number;
  readonly marketPrice: number;
  readonly marketValue: number;
  /** Average open price per unit (IB's average cost divided by the multiplier for futures). */
  readonly averagePrice: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
}

export interface IbAccountSnapshot {
  readonly account: string;
  readonly currency: string;
  readonly netLiquidation?: number;
  readonly totalCashValue?: number;
  readonly buyingPower?: number;
  readonly availableFunds?: number;
  readonly excessLiquidity?: number;
  readonly initMarginReq?: number;
  readonly maintMarginReq?: number;
  readonly positions: readonly IbPortfolioPosition[];
  /** When the last value arrived (the listener is called on each accountDownloadEnd / update time). */
  readonly ts: UnixMicros;
}

type NumericKey =
  | 'netLiquidation'
  | 'totalCashValue'
  | 'buyingPower'
  | 'availableFunds'
  | 'excessLiquidity'
  | 'initMarginReq'
  | 'maintMarginReq';

const KEYS: Readonly<Record<string, NumericKey>> = {
  NetLiquidation: 'netLiquidation',
  TotalCashValue: 'totalCashValue',
  BuyingPower: 'buyingPower',
  AvailableFunds: 'availableFunds',
  ExcessLiquidity: 'excessLiquidity',
  InitMarginReq: 'initMarginReq',
  MaintMarginReq: 'maintMarginReq',
};

export interface IbAccountValuesOptions {
  readonly connection: IbConnection;
  readonly contracts: ContractResolver;
  readonly now: () => UnixMicros;
  /** Default: the first managed account. */
  readonly account?: string;
}

export class IbAccountValues {
  private values: Record<string, number> = {};
  private currencyCode = '';
  private readonly portfolio = new Map<number, IbPortfolioPosition>();
  private readonly listeners = new Set<(snapshot: IbAccountSnapshot) => void>();
  private subscription: IbSubscription | undefined;
  private readonly detach: () => void;
  private lastTs = 0;

  constructor(private readonly options: IbAccountValuesOptions) {
    this.detach = options.connection.onApi((api) => this.attach(api));
  }

  get account(): string {
    const account = this.options.account ?? this.options.connection.accounts[0];
    if (account === undefined) throw new RangeError('account: no account given and none managed yet');
    return account;
  }

  /** Subscribes (through the connection's registry, so it survives reconnects). */
  start(): void {
    if (this.subscription !== undefined) return;
    this.subscription = this.options.connection.subscribe('account-updates', (api) =>
      api.reqAccountUpdates(true, this.options.account ?? this.options.connection.accounts[0]),
    );
  }

  stop(): void {
    this.subscription?.cancel();
    this.subscription = undefined;
    this.options.connection
      .send('reqAccountUpdates(false)', (api) => api.reqAccountUpdates(false, this.account))
      .catch(() => undefined);
  }

  close(): void {
    this.subscription?.cancel();
    this.detach();
  }

  /** Called with a snapshot after each complete update (accountDownloadEnd or updateAccountTime). */
  on(listener: (snapshot: IbAccountSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): IbAccountSnapshot {
    const typed: Partial<Record<NumericKey, number>> = {};
    for (const [ibKey, key] of Object.entries(KEYS))
      if (this.values[ibKey] !== undefined) typed[key] = this.values[ibKey];
    return {
      account: this.options.account ?? this.options.connection.accounts[0] ?? '',
      currency: this.currencyCode,
      ...typed,
      positions: [...this.portfolio.values()],
      ts: this.lastTs,
    };
  }

  private attach(api: IBApi): void {
    api.on(EventName.updateAccountValue, (key: string, value: string, currency: string, account: string) => {
      if (account !== this.account) return;
      if (key === 'Currency' || (key === 'NetLiquidation' && currency !== ''))
        this.currencyCode = key === 'Currency' ? value : currency;
      const number = Number(value);
      if (key in KEYS && Number.isFinite(number)) this.values[key] = number;
      this.lastTs = this.options.now();
    });
    api.on(
      EventName.updatePortfolio,
      (
        contract: Contract,
        position: number,
        marketPrice: number,
        marketValue: number,
        averageCost?: number,
        unrealizedPNL?: number,
        realizedPNL?: number,
        account?: string,
      ) => {
        if (account !== undefined && account !== this.account) return;
        const resolved =
          contract.conId !== undefined ? this.options.contracts.byId(contract.conId) : undefined;
        if (resolved === undefined || contract.conId === undefined) {
          if (contract.conId !== undefined)
            this.options.contracts
              .resolve({ kind: 'conId', conId: contract.conId, exchange: contract.exchange })
              .catch(() => undefined);
          return;
        }
        const multiplier = resolved.instrument.kind === 'future' ? resolved.instrument.multiplier : 1;
        const quantity = Number(position);
        if (quantity === 0) this.portfolio.delete(contract.conId);
        else
          this.portfolio.set(contract.conId, {
            instrumentId: resolved.instrument.id,
            conId: contract.conId,
            quantity,
            marketPrice: Number(marketPrice),
            marketValue: Number(marketValue),
            averagePrice: Math.round((Number(averageCost ?? 0) / multiplier) * 1e8) / 1e8,
            unrealizedPnl: Number(unrealizedPNL ?? 0),
            realizedPnl: Number(realizedPNL ?? 0),
          });
      },
    );
    const publish = (): void => {
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener(snapshot);
    };
    api.on(EventName.accountDownloadEnd, publish);
    api.on(EventName.updateAccountTime, publish);
  }
}
