/**
 * Quotes and trades of the node's instruments from IB, as a live data feed (src/live/ports.ts):
 * top of book (`reqMktData`, `IbTopOfBook`) or tick-by-tick (`reqTickByTickData` BidAsk for
 * quotes, AllLast for trades: `IbTickByTick`). Each item reaches the sink as it is decoded, in the
 * order the gateway sent it (one connection, one ordered stream).
 */
import type { Log } from '../../../core/log.js';
import type { LiveDataFeed } from '../../../live/ports.js';
import type { MarketData } from '../../../model/data.js';
import type { UnixMicros } from '../../../model/time.js';
import { requestGatewayTime } from '../client/bar-subscription.js';
import type { IbConnection } from '../client/connection.js';
import type { ResolvedContract } from '../client/contracts.js';
import { IbTickByTick, type IbTickOptions, IbTopOfBook } from '../client/market-data-ticks.js';
import type { IbRequests } from '../client/requests.js';

export type IbQuoteFeedKind = 'top-of-book' | 'tick-by-tick';

export interface IbQuoteFeedOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  /** The instruments quoted, one subscription (two for tick-by-tick) each. */
  readonly contracts: readonly ResolvedContract[];
  /** `top-of-book`: reqMktData; `tick-by-tick`: reqTickByTickData BidAsk + AllLast. */
  readonly kind: IbQuoteFeedKind;
  /** tsInit of the items (and tsEvent of top-of-book ones); default the wall clock. */
  readonly clock?: { now(): UnixMicros };
  readonly log?: Log;
}

interface TickStream {
  stop(): void;
}

/**
 * QuoteTicks and TradeTicks of each contract. `flush()` is a gateway round trip
 * (`reqCurrentTime`): messages on one connection arrive in order, so once it answers every tick the
 * gateway sent before it has reached the sink.
 */
export function ibQuoteFeed(options: IbQuoteFeedOptions): LiveDataFeed {
  let streams: TickStream[] = [];
  return {
    async start(sink: (item: MarketData) => void): Promise<void> {
      if (streams.length > 0) throw new Error('ibQuoteFeed: already started');
      for (const contract of options.contracts) {
        const base: IbTickOptions = {
          connection: options.connection,
          requests: options.requests,
          contract,
          onQuote: sink,
          onTrade: sink,
          clock: options.clock,
          log: options.log,
        };
        if (options.kind === 'top-of-book') streams.push(new IbTopOfBook(base).start());
        else
          streams.push(
            new IbTickByTick({ ...base, onTrade: undefined }, 'BidAsk').start(),
            new IbTickByTick({ ...base, onQuote: undefined }, 'AllLast').start(),
          );
      }
    },
    async flush(): Promise<void> {
      await requestGatewayTime(options.requests);
    },
    async stop(): Promise<void> {
      for (const stream of streams) stream.stop();
      streams = [];
    },
  };
}
