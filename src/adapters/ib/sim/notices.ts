/** Live updates: a venue notice becomes messages to every connection that sees it (once each). */
import { positionMessage } from './account-messages.js';
import {
  accountUpdateMessages,
  orderUpdateMessages,
  type SimServer,
  seesOrdersOf,
} from './handlers/index.js';
import { errorMessage } from './messages.js';
import { commissionReportMessage, execDetailsMessage } from './order-messages.js';
import type { VenueNotice } from './venue/types.js';

/** Sends a venue notice to every connection that sees it (each message once per connection). */
export function routeNotice(sim: SimServer, notice: VenueNotice): void {
  for (const c of sim.connections()) {
    if (c.clientId === undefined || c.serverVersion === undefined) continue;
    const version = c.serverVersion;
    switch (notice.kind) {
      case 'order':
        if (seesOrdersOf(c, notice.order.clientId))
          for (const m of orderUpdateMessages(version, notice.order, notice.openOrder)) sim.send(c, m);
        break;
      case 'execution':
        if (seesOrdersOf(c, notice.order.clientId)) sim.send(c, execDetailsMessage(-1, notice.execution));
        break;
      case 'commission':
        if (seesOrdersOf(c, notice.order.clientId)) sim.send(c, commissionReportMessage(notice.execution));
        break;
      case 'error':
        if (c.clientId === notice.order.clientId)
          sim.send(c, errorMessage(version, notice.order.orderId, notice.code, notice.text));
        break;
      case 'portfolio': {
        const book = sim.venue.account(notice.account);
        if (c.accountUpdates === notice.account)
          for (const m of accountUpdateMessages(sim, book, notice.conId)) sim.send(c, m);
        const position = book.position(notice.conId);
        if (c.positionUpdates && position !== undefined)
          sim.send(c, positionMessage(notice.account, position));
        break;
      }
    }
  }
}
