import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import type { Log } from '../core/log.js';
import type { DataEngine } from '../data/engine.js';
import type { ContingencyManager } from '../execution/contingency.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { OrderCommands } from '../risk/types.js';

export { type Log, silentLog } from '../core/log.js';

/** What the kernel hands a strategy when it is registered: the same in backtest, paper and live. */
export interface StrategyServices {
  readonly clock: Clock;
  readonly cache: Cache;
  readonly bus: MessageBus;
  readonly portfolio: Portfolio;
  readonly data: DataEngine;
  /**
   * The strategy's only order path: submit/modify/cancel through the risk engine, bound to the
   * strategy's id. Deliberately not the RiskEngine or ExecutionEngine (no route to a venue).
   */
  readonly risk: OrderCommands;
  readonly contingencies: ContingencyManager;
  readonly log: Log;
}
