/**
 * The IB adapter behind the live node's ports (src/live/ports.ts): the connection's state changes,
 * the execution side and a bar feed, each a thin translation of the adapter's own classes.
 */
import type { ExecutionClient } from '../../../execution/engine.js';
import type {
  BrokerConnection,
  BrokerConnectionEvent,
  BrokerExecution,
  KnownOrder,
  LiveDataFeed,
} from '../../../live/ports.js';
import type { BarType, MarketData } from '../../../model/data.js';
import type { ClientOrderId } from '../../../model/identifiers.js';
import type { UnixMicros } from '../../../model/time.js';
import type { BrokerReport, Correction } from '../../../portfolio/reconciliation.js';
import { IbBarSubscription, requestGatewayTime } from '../client/bar-subscription.js';
import type { IbConnection } from '../client/connection.js';
import type { ResolvedContract } from '../client/contracts.js';
import type { IbExecution } from '../client/execution.js';
import type { IbRequests } from '../client/requests.js';

/** The connection's ready/disconnected changes, as the node needs them. */
export function ibConnectionEvents(connection: IbConnection): BrokerConnection {
  return {
    on(listener: (event: BrokerConnectionEvent) => void): () => void {
      return connection.on((event) => {
        if (event.type === 'ready')
          listener({
            kind: 'ready',
            reconnected: event.cause !== 'connect',
            dataLost: event.cause !== 'restored-data-kept',
          });
        else if (event.type === 'disconnected') listener({ kind: 'disconnected', reason: event.reason });
      });
    },
  };
}

/** IbExecution as the node's broker execution port. */
export function ibBroker(execution: IbExecution): BrokerExecution {
  return {
    get accountId() {
      return execution.account;
    },
    clientFor: (venue: string): ExecutionClient => execution.clientFor(venue),
    onItem: (listener: (item: Correction) => void) => execution.on(listener),
    restore: (known: readonly KnownOrder[]) => execution.restore(known),
    idle: () => execution.idle(),
    brokerReport: (since?: UnixMicros): Promise<BrokerReport> => execution.brokerReport(since),
    externalIdOf: (clientOrderId: ClientOrderId) => execution.permIdOf(clientOrderId),
  };
}

export interface IbBarFeedOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  /** One bar subscription per contract and bar type. */
  readonly subscriptions: readonly { readonly contract: ResolvedContract; readonly barType: BarType }[];
  /** Pass the bars of the first answer's history to the strategies (warm-up; default false). */
  readonly warmUp?: boolean;
  readonly clock?: { now(): UnixMicros };
}

/**
 * Completed bars of each subscription, stamped at their close (keepUpToDate historical bars).
 * `flush()` asks the gateway its time and completes every bar whose period has passed.
 */
export function ibBarFeed(options: IbBarFeedOptions): LiveDataFeed {
  let subscriptions: IbBarSubscription[] = [];
  return {
    async start(sink: (item: MarketData) => void): Promise<void> {
      subscriptions = options.subscriptions.map(({ contract, barType }) =>
        new IbBarSubscription({
          connection: options.connection,
          requests: options.requests,
          contract,
          barType,
          onBar: sink,
          emitHistory: options.warmUp ?? false,
          clock: options.clock,
        }).start(),
      );
    },
    // One round trip for all subscriptions (also with none: the node relies on it as a barrier).
    async flush(): Promise<void> {
      const gatewayTime = await requestGatewayTime(options.requests);
      for (const subscription of subscriptions) subscription.closeDueBars(gatewayTime);
    },
    async stop(): Promise<void> {
      for (const subscription of subscriptions) subscription.stop();
      subscriptions = [];
    },
  };
}
