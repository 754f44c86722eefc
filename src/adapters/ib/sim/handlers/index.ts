/** Request handlers by message id (client → server). */
import { ACCOUNT_HANDLERS } from './account.js';
import { CONTRACT_HANDLERS } from './contracts.js';
import { ORDER_HANDLERS } from './orders.js';
import { SESSION_HANDLERS } from './session.js';
import type { RequestHandler } from './types.js';

export const REQUEST_HANDLERS: ReadonlyMap<number, RequestHandler> = new Map(
  Object.entries({
    ...SESSION_HANDLERS,
    ...CONTRACT_HANDLERS,
    ...ORDER_HANDLERS,
    ...ACCOUNT_HANDLERS,
  }).map(([id, handler]) => [Number(id), handler]),
);

export { accountUpdateMessages } from './account.js';
export { instrumentOfContract, orderUpdateMessages } from './orders.js';
export {
  MASTER_CLIENT_ID,
  type RequestHandler,
  type SimConnection,
  type SimServer,
  seesOrdersOf,
} from './types.js';
