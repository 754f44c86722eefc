import type { Account } from '../model/account.js';
import type { UnixMicros } from '../model/time.js';
import type { Portfolio } from '../portfolio/portfolio.js';

/** A trading day number and the first time that no longer belongs to it. */
export interface TradingDaySpan {
  readonly day: number;
  readonly until: UnixMicros;
}

interface AccountWatch {
  day: number;
  until: UnixMicros;
  dayStartEquity: number;
  lastEquity: number;
  highWaterMark: number;
}

export type LossBreach = 'daily-loss' | 'drawdown';

export interface LossWatcherHooks {
  /** Trading day of an account at a time (the venue session's, else the UTC day). */
  readonly dayOf: (account: Account, now: UnixMicros) => TradingDaySpan;
  readonly onBreach: (kind: LossBreach, account: Account, reason: string) => void;
  readonly onNewDay: (account: Account, day: number) => void;
}

/**
 * Daily loss (equity now against equity when the account's trading day began: realised and
 * unrealised P&L and commissions since then) and drawdown (against the equity high-water mark),
 * per account. Checked per data point while in the market, on every fill and before every order;
 * a no-op (one boolean test) when neither limit is configured.
 */
export class LossWatcher {
  readonly enabled: boolean;
  private readonly watches = new Map<Account, AccountWatch>();

  constructor(
    private readonly portfolio: Portfolio,
    readonly maxDailyLoss: number | undefined,
    readonly maxDrawdownPct: number | undefined,
    private readonly hooks: LossWatcherHooks,
  ) {
    this.enabled = maxDailyLoss !== undefined || maxDrawdownPct !== undefined;
  }

  check(now: UnixMicros): void {
    if (!this.enabled) return;
    const accounts = this.portfolio.accounts();
    for (let i = 0; i < accounts.length; i++) this.checkAccount(accounts[i], now);
  }

  /** The loss since the account's trading day began (positive = loss), as of the last check. */
  dailyLoss(account: Account): number {
    const watch = this.watches.get(account);
    return watch ? watch.dayStartEquity - watch.lastEquity : 0;
  }

  /** The account's equity high-water mark, as of the last check. */
  highWaterMark(account: Account): number | undefined {
    return this.watches.get(account)?.highWaterMark;
  }

  private checkAccount(account: Account, now: UnixMicros): void {
    const equity = account.equity;
    let watch = this.watches.get(account);
    if (watch === undefined) {
      const span = this.hooks.dayOf(account, now);
      // The first check (before the first order is checked) starts the day and the high-water mark.
      watch = {
        day: span.day,
        until: span.until,
        dayStartEquity: equity,
        lastEquity: equity,
        highWaterMark: equity,
      };
      this.watches.set(account, watch);
    } else if (now >= watch.until) {
      const span = this.hooks.dayOf(account, now);
      watch.until = span.until;
      if (span.day !== watch.day) {
        watch.day = span.day;
        // The day began where the last one ended: a gap at today's first price is today's loss.
        watch.dayStartEquity = watch.lastEquity;
        this.hooks.onNewDay(account, span.day);
      }
    }
    watch.lastEquity = equity;
    if (equity > watch.highWaterMark) watch.highWaterMark = equity;
    const money = (x: number) => `${x.toFixed(account.currency.precision)} ${account.currency.code}`;
    const maxLoss = this.maxDailyLoss;
    const loss = watch.dayStartEquity - equity;
    if (maxLoss !== undefined && loss >= maxLoss - 1e-9) {
      this.hooks.onBreach(
        'daily-loss',
        account,
        `daily loss ${money(loss)} on ${account.id} (equity ${money(equity)}, ${money(watch.dayStartEquity)} at the start of the trading day) reached the maximum ${maxLoss}`,
      );
    }
    const maxDrawdown = this.maxDrawdownPct;
    const hwm = watch.highWaterMark;
    if (maxDrawdown !== undefined && hwm > 0) {
      const drawdownPct = ((hwm - equity) / hwm) * 100;
      if (drawdownPct >= maxDrawdown - 1e-9) {
        this.hooks.onBreach(
          'drawdown',
          account,
          `drawdown ${drawdownPct.toFixed(2)} % on ${account.id} (equity ${money(equity)}, high-water mark ${money(hwm)}) reached the maximum ${maxDrawdown} %`,
        );
      }
    }
  }
}
