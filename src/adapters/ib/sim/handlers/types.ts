/** What request handlers see of the simulator: its state and how to answer a connection. */
import type { Socket } from 'node:net';
import type { Log } from '../../../../core/log.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { FieldReader } from '../../protocol/fields.js';
import type { FrameReader } from '../../protocol/framing.js';
import type { ContractCatalog } from '../contracts.js';
import type { SimVenue } from '../venue/sim-venue.js';

export interface SimConnection {
  readonly id: number;
  readonly socket: Socket;
  readonly reader: FrameReader;
  readonly remote: string;
  serverVersion?: number;
  clientId?: number;
  /** reqAutoOpenOrders(true) was received (client 0). */
  autoBind: boolean;
  /** Account of a reqAccountUpdates subscription. */
  accountUpdates?: string;
  /** reqPositions subscription (position updates after fills). */
  positionUpdates: boolean;
}

export interface SimServer {
  readonly accounts: readonly string[];
  readonly catalog: ContractCatalog;
  readonly venue: SimVenue;
  readonly log: Log;
  readonly farmNotices: boolean;
  now(): UnixMicros;
  /** The order id the next nextValidId reports. */
  nextOrderId(): number;
  /** Marks an order id used: the next valid id moves past it. */
  useOrderId(orderId: number): void;
  connections(): Iterable<SimConnection>;
  send(c: SimConnection, fields: readonly string[]): boolean;
  close(c: SimConnection, why: string): void;
}

/** Handles one request; `r` is positioned after the message id. */
export type RequestHandler = (sim: SimServer, c: SimConnection, r: FieldReader, version: number) => void;

/** The client id whose connections see every client's orders (IB's "master API client id"). */
export const MASTER_CLIENT_ID = 0;

/** Whether a connection is sent live updates of an order placed by `clientId`. */
export function seesOrdersOf(c: SimConnection, clientId: number): boolean {
  return c.clientId !== undefined && (c.clientId === clientId || c.clientId === MASTER_CLIENT_ID);
}
