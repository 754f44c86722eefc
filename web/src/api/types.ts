/**
 * The dashboard's view of the server contract (src/server/api-types.ts): its types re-exported,
 * plus channel lists and channel-correlated message shapes the browser needs as values.
 */
import type {
  ChannelPayloads,
  MarketChannel,
  ReliableChannel,
  ServerMessage,
  StreamChannel,
} from '../../../src/server/api-types';

export type * from '../../../src/server/api-types';

// The contract file holds nothing but types and these two lists: the bundle takes them from it.
import { MARKET_CHANNELS, RELIABLE_CHANNELS } from '../../../src/server/api-types';

export { MARKET_CHANNELS, RELIABLE_CHANNELS };
export const ALL_CHANNELS: readonly StreamChannel[] = [...MARKET_CHANNELS, ...RELIABLE_CHANNELS];

/** A channel paired with its own payload type, so a `switch (channel)` narrows `data`. */
export type ChannelUpdate<C extends StreamChannel> = {
  [K in C]: { readonly channel: K; readonly data: ChannelPayloads[K] };
}[C];
export type MarketUpdate = ChannelUpdate<MarketChannel>;
export type ReliableUpdate = ChannelUpdate<ReliableChannel>;

type DataMessage = Extract<ServerMessage, { type: 'data' }>;
type EventMessage = Extract<ServerMessage, { type: 'event' }>;

/** The contract types `data` as the union of all market payloads; the server pairs them by channel. */
export function toMarketUpdate(message: DataMessage): MarketUpdate {
  return { channel: message.channel, data: message.data } as MarketUpdate;
}

export function toReliableUpdate(message: EventMessage): ReliableUpdate {
  return { channel: message.channel, data: message.data } as ReliableUpdate;
}
