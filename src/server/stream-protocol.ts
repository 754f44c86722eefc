/**
 * The stream's wire format. What a WebSocket client sends (`ClientMessage` of api-types.ts) is
 * validated here: a bad message becomes a sentence naming what was wrong, never an exception. What
 * the hub sends (`ServerFrame`) is built here: the messages a client is due in one flush go out as
 * one text frame, the message itself when there is one, else a JSON array of them in order, put
 * together from their already-encoded bytes.
 */
import {
  type ClientMessage,
  MARKET_CHANNELS,
  type MarketChannel,
  RELIABLE_CHANNELS,
  type ReliableChannel,
  type StreamChannel,
} from './api-types.js';

/** Longest client message accepted (bytes); clients only ever send a few small commands. */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * Default bound of one server frame (bytes): a flush with more to send starts another frame, so
 * that no frame grows huge. A single message longer than this still goes alone, as it is.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

const OPEN_BRACKET = 0x5b; // [
const COMMA = 0x2c; // ,
const CLOSE_BRACKET = 0x5d; // ]

/** Bytes of the frame holding `parts` (encoded messages of `bytes` bytes in all). */
export function frameLength(count: number, bytes: number): number {
  return count === 1 ? bytes : bytes + count + 1;
}

/**
 * The frame of `parts` (each the UTF-8 JSON of one `ServerMessage`, `bytes` bytes in all): the
 * message itself when there is one, else `[a,b,…]`, copied once into a new buffer.
 */
export function buildFrame(parts: readonly Buffer[], bytes: number): Buffer {
  if (parts.length === 1) return parts[0];
  const frame = Buffer.allocUnsafe(frameLength(parts.length, bytes));
  frame[0] = OPEN_BRACKET;
  let at = 1;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) frame[at++] = COMMA;
    at += parts[i].copy(frame, at);
  }
  frame[at] = CLOSE_BRACKET;
  return frame;
}

const MARKET = new Set<string>(MARKET_CHANNELS);
const RELIABLE = new Set<string>(RELIABLE_CHANNELS);
const TYPES = 'subscribe, unsubscribe, resume or ping';

export function isMarketChannel(channel: string): channel is MarketChannel {
  return MARKET.has(channel);
}

export function isReliableChannel(channel: string): channel is ReliableChannel {
  return RELIABLE.has(channel);
}

/** The client message in `text`, or why it is not one. */
export function parseClientMessage(text: string): ClientMessage | { readonly error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `a message must be a JSON object with a "type" (${TYPES})` };
  }
  const message = value as Record<string, unknown>;
  const type = message.type;
  switch (type) {
    case 'subscribe':
    case 'unsubscribe': {
      const channels = parseChannels(message.channels, type);
      return typeof channels === 'string' ? { error: channels } : { type, channels };
    }
    case 'resume': {
      const afterSeq = message.afterSeq;
      if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
        return { error: `resume: "afterSeq" must be an integer >= 0, got ${describe(afterSeq)}` };
      }
      return { type, afterSeq };
    }
    case 'ping': {
      const id = message.id;
      if (typeof id !== 'number' || !Number.isFinite(id)) {
        return { error: `ping: "id" must be a number, got ${describe(id)}` };
      }
      return { type, id };
    }
    default:
      return {
        error:
          typeof type === 'string'
            ? `unknown message type ${JSON.stringify(type.slice(0, 40))} (expected ${TYPES})`
            : `missing "type" (expected ${TYPES})`,
      };
  }
}

function parseChannels(value: unknown, type: string): StreamChannel[] | string {
  if (!Array.isArray(value)) return `${type}: "channels" must be an array of channel names`;
  const channels: StreamChannel[] = [];
  for (const channel of value) {
    if (typeof channel !== 'string' || !(isMarketChannel(channel) || isReliableChannel(channel))) {
      const known = [...MARKET_CHANNELS, ...RELIABLE_CHANNELS].join(', ');
      return `${type}: unknown channel ${describe(channel)} (channels: ${known})`;
    }
    channels.push(channel);
  }
  return channels;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
