/**
 * A live node trading through Interactive Brokers (TWS, IB Gateway, or the simulator): connects,
 * resolves the instruments through contract details, and starts the kernel on the adapter's
 * execution and bar feed. See docs/live-trading.md.
 */
import { type Clock, LiveClock } from '../../../core/clock.js';
import { type Log, silentLog } from '../../../core/log.js';
import type { SessionJournal } from '../../../live/journal.js';
import { LiveNode, type LiveNodeOptions, type StopOptions } from '../../../live/live-node.js';
import { BarType } from '../../../model/data.js';
import type { Instrument } from '../../../model/instruments.js';
import type { Strategy } from '../../../strategy/strategy.js';
import { type IbAccountSnapshot, IbAccountValues } from '../client/account-values.js';
import { requestGatewayTime } from '../client/bar-subscription.js';
import { IbConnection, type IbConnectionOptions } from '../client/connection.js';
import { ContractResolver, type ContractSpec, type ResolvedContract } from '../client/contracts.js';
import { IbExecution, type IbExecutionOptions } from '../client/execution.js';
import { IbRequests } from '../client/requests.js';
import { ibBarFeed, ibBroker, ibConnectionEvents } from './ib-ports.js';

export interface IbNodeOptions
  extends Omit<
    LiveNodeOptions,
    'instruments' | 'strategies' | 'broker' | 'data' | 'connection' | 'journal' | 'account'
  > {
  readonly connection: Omit<IbConnectionOptions, 'clock' | 'log'>;
  /** What to trade: 'ES' (front month), 'ESZ5', 'AAPL'… (ContractResolver specs). */
  readonly instruments: readonly ContractSpec[];
  /** Bar step of the feed, e.g. '1-MINUTE' (bars of TRADES: `<instrument>-1-MINUTE-LAST`). */
  readonly bar: string;
  /** The strategies, made once the instruments are known. */
  readonly strategies: (
    instruments: readonly Instrument[],
    barTypes: readonly BarType[],
  ) => Strategy<object>[];
  /** The session journal, once the instruments are known. */
  readonly journal: (instruments: readonly Instrument[]) => SessionJournal | Promise<SessionJournal>;
  /**
   * The broker account: its id (default the first managed account), type, and cash at the start
   * (default: IB's TotalCashValue, else NetLiquidation, from the account updates).
   */
  readonly account: Omit<LiveNodeOptions['account'], 'balance'> & {
    readonly id?: string;
    readonly balance?: number;
  };
  readonly execution?: Pick<IbExecutionOptions, 'commission' | 'commissionTimeoutMs' | 'outsideRth'>;
  /** Pass the history the bar requests return to the strategies as warm-up (default false). */
  readonly warmUp?: boolean;
  /** Called with what the node is about to trade, before any order can be sent (`bourse live` prints it). */
  readonly confirm?: (plan: IbTradingPlan) => void | Promise<void>;
}

export interface IbTradingPlan {
  readonly account: string;
  readonly accounts: readonly string[];
  readonly instruments: readonly Instrument[];
  readonly barTypes: readonly BarType[];
  readonly strategies: readonly string[];
}

export interface IbNode {
  readonly node: LiveNode;
  readonly connection: IbConnection;
  readonly execution: IbExecution;
  /** The broker's account values (net liquidation, buying power, margins, positions), kept current. */
  readonly accountValues: IbAccountValues;
  readonly contracts: readonly ResolvedContract[];
  /** Stops the node (graceful: see LiveNode.stop) and closes the connection. */
  stop(options?: StopOptions): Promise<void>;
}

export async function startIbNode(options: IbNodeOptions): Promise<IbNode> {
  const clock: Clock = options.clock ?? new LiveClock();
  const log: Log = options.log ?? silentLog;
  const connection = new IbConnection({ ...options.connection, clock, log });
  try {
    await connection.connect();
    const requests = new IbRequests(connection);
    // The front month is chosen at the gateway's time: the same as ours against IB, the replay's
    // time against the simulator.
    const offset = (await requestGatewayTime(requests)) - clock.now();
    const resolver = new ContractResolver(requests, { clock: { now: () => clock.now() + offset }, log });
    const contracts: ResolvedContract[] = [];
    for (const spec of options.instruments) contracts.push(await resolver.resolve(spec));
    const instruments = contracts.map((c) => c.instrument);
    const barTypes = instruments.map((i) => BarType.parse(`${i.id}-${options.bar}-LAST`));
    const execution = new IbExecution({
      connection,
      requests,
      contracts: resolver,
      clock,
      log,
      ...(options.account.id !== undefined ? { account: options.account.id } : {}),
      ...options.execution,
    });
    const accountValues = new IbAccountValues({
      connection,
      contracts: resolver,
      now: () => clock.now(),
      ...(options.account.id !== undefined ? { account: options.account.id } : {}),
    });
    accountValues.start();
    const balance = options.account.balance ?? cashOf(await firstSnapshot(accountValues));
    const strategies = options.strategies(instruments, barTypes);
    await options.confirm?.({
      account: execution.account,
      accounts: connection.accounts,
      instruments,
      barTypes,
      strategies: strategies.map((s) => s.id),
    });
    const node = await LiveNode.start({
      ...options,
      clock,
      log,
      instruments,
      strategies,
      account: { ...options.account, balance },
      broker: ibBroker(execution),
      data: ibBarFeed({
        connection,
        requests,
        subscriptions: contracts.map((contract, i) => ({ contract, barType: barTypes[i] })),
        warmUp: options.warmUp,
      }),
      connection: ibConnectionEvents(connection),
      journal: await options.journal(instruments),
    });
    return {
      node,
      connection,
      execution,
      accountValues,
      contracts,
      async stop(stopOptions?: StopOptions) {
        try {
          await node.stop(stopOptions);
        } finally {
          accountValues.close();
          execution.close();
          requests.close();
          await connection.close();
        }
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** The first complete account update (IB sends one within a second of the subscription). */
function firstSnapshot(values: IbAccountValues, timeoutMs = 15_000): Promise<IbAccountSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `IB account values: no account update within ${timeoutMs} ms (give the cash with account.balance)`,
        ),
      );
    }, timeoutMs);
    const off = values.on((snapshot) => {
      clearTimeout(timer);
      off();
      resolve(snapshot);
    });
  });
}

function cashOf(snapshot: IbAccountSnapshot): number {
  const cash = snapshot.totalCashValue ?? snapshot.netLiquidation;
  if (cash === undefined || !Number.isFinite(cash))
    throw new Error(`IB account ${snapshot.account}: neither TotalCashValue nor NetLiquidation was reported`);
  return cash;
}
